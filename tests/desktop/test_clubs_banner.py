"""Banner crop around the focal point, focal point picking and club frame routing, without a server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF

from desktop.clubs.banner import banner_crop_rect, focal_point_at
from desktop.clubs.section import frame_club_id


def rect_tuple(rect: QRectF) -> tuple[float, float, float, float]:
    return (rect.x(), rect.y(), rect.width(), rect.height())


@pytest.mark.parametrize(
    ("focal_x", "expected_left"),
    [
        (0.5, 450.0),  # centred: (2000 - 1100) / 2
        (0.0, 0.0),  # clamped to the left edge
        (0.1, 0.0),  # centre 200 - 550 < 0, clamped
        (0.6, 650.0),  # centre 1200 - 550
        (1.0, 900.0),  # clamped to the right edge: 2000 - 1100
    ],
)
def test_crop_wide_image_moves_horizontally(focal_x: float, expected_left: float) -> None:
    # A 2000x1000 image in a 1.1:1 banner keeps its full height and is cut to 1100 pixels wide.
    rect = banner_crop_rect(2000, 1000, 1.1, focal_x, 0.9)
    assert rect.height() == pytest.approx(1000.0)
    assert rect.width() == pytest.approx(1100.0)
    assert rect.top() == pytest.approx(0.0)
    assert rect.left() == pytest.approx(expected_left)


@pytest.mark.parametrize(
    ("focal_y", "expected_top"),
    [
        (0.5, 1250.0),  # (3000 - 500) / 2
        (0.0, 0.0),
        (0.2, 350.0),  # 600 - 250
        (1.0, 2500.0),  # 3000 - 500
    ],
)
def test_crop_tall_image_moves_vertically(focal_y: float, expected_top: float) -> None:
    rect = banner_crop_rect(1000, 3000, 2.0, 0.0, focal_y)
    assert rect_tuple(rect) == pytest.approx((0.0, expected_top, 1000.0, 500.0))


def test_crop_same_aspect_is_whole_image() -> None:
    assert rect_tuple(banner_crop_rect(1600, 400, 4.0, 0.9, 0.1)) == pytest.approx((0.0, 0.0, 1600.0, 400.0))


def test_crop_clamps_focal_outside_range() -> None:
    assert rect_tuple(banner_crop_rect(1000, 1000, 2.0, -3.0, 7.0)) == pytest.approx(
        (0.0, 500.0, 1000.0, 500.0)
    )


@pytest.mark.parametrize(("width", "height", "aspect"), [(0, 100, 2.0), (100, 0, 2.0), (100, 100, 0.0)])
def test_crop_degenerate_input_is_empty(width: int, height: int, aspect: float) -> None:
    assert banner_crop_rect(width, height, aspect, 0.5, 0.5).isEmpty()


def test_crop_stays_inside_image_for_any_focal() -> None:
    for focal_x in (0.0, 0.13, 0.5, 0.87, 1.0):
        for focal_y in (0.0, 0.42, 1.0):
            rect = banner_crop_rect(1024, 683, 3.5, focal_x, focal_y)
            assert rect.left() >= 0.0
            assert rect.top() >= 0.0
            assert rect.right() <= 1024.0 + 1e-9
            assert rect.bottom() <= 683.0 + 1e-9
            assert rect.width() / rect.height() == pytest.approx(3.5)


def test_focal_point_from_click() -> None:
    image = QRectF(100, 50, 400, 200)
    assert focal_point_at(QPointF(300, 150), image) == pytest.approx((0.5, 0.5))
    assert focal_point_at(QPointF(100, 50), image) == pytest.approx((0.0, 0.0))
    assert focal_point_at(QPointF(400, 200), image) == pytest.approx((0.75, 0.75))


def test_focal_point_click_outside_clamped() -> None:
    image = QRectF(100, 50, 400, 200)
    assert focal_point_at(QPointF(0, 400), image) == pytest.approx((0.0, 1.0))
    assert focal_point_at(QPointF(900, -5), image) == pytest.approx((1.0, 0.0))


def test_focal_point_without_image_is_centre() -> None:
    assert focal_point_at(QPointF(10, 10), QRectF()) == (0.5, 0.5)


def test_frame_club_id_by_type() -> None:
    assert frame_club_id({"type": "club.removed", "club_id": 7, "by": 1}) == 7
    assert frame_club_id({"type": "club.joined", "club": {"id": 9}}) == 9
    assert frame_club_id({"type": "club.joined", "club": "nonsense"}) is None
    assert frame_club_id({"type": "message.new", "club_id": 7}) is None
    assert frame_club_id({"type": "club.role_changed", "club_id": "7"}) is None
