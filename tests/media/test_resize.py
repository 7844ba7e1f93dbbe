"""Tests of the banded resize and of parallel_map, against plain Pillow calls."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image, ImageChops

from server.media.parallel import parallel_map
from server.media.resize import MIN_PARALLEL_SOURCE_PIXELS, resize_in_bands

LANCZOS = Image.Resampling.LANCZOS
BICUBIC = Image.Resampling.BICUBIC


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


def noisy_image(mode: str, size: tuple[int, int], seed: int = 1) -> Image.Image:
    """Return random pixels in ``mode``: the hardest case for seams between bands."""
    bands = len(mode)
    data = random.Random(seed).randbytes(size[0] * size[1] * bands)
    return Image.frombytes(mode, size, data)


def max_difference(first: Image.Image, second: Image.Image) -> int:
    """Return the largest difference of one sample, compared with premultiplied alpha.

    Unpremultiplying scales colour by 255 / alpha, so one level of difference
    at alpha 20 becomes 13 levels of a nearly transparent pixel.
    """
    premultiplied = {"LA": "La", "RGBA": "RGBa"}.get(first.mode)
    if premultiplied:
        first, second = first.convert(premultiplied), second.convert(premultiplied)
    extrema = ImageChops.difference(first, second).getextrema()
    if first.getbands() == ("L",):
        return int(extrema[1])  # type: ignore[arg-type]  # (min, max) for one band
    return max(int(high) for _, high in extrema)  # type: ignore[misc]  # (min, max) per band


@pytest.mark.parametrize("mode", ["L", "LA", "RGB", "RGBA", "CMYK"])
@pytest.mark.parametrize("resample", [LANCZOS, BICUBIC])
def test_bands_match_single_resize(
    executor: ThreadPoolExecutor, mode: str, resample: Image.Resampling
) -> None:
    source = noisy_image(mode, (1600, 1200))
    size = (1023, 767)  # a scale of about 1.56, so band edges fall between source rows

    banded = resize_in_bands(source, size, resample, reducing_gap=3.0, executor=executor, bands=4)

    expected = source.resize(size, resample, reducing_gap=3.0)
    assert banded.mode == mode
    assert banded.size == size
    assert max_difference(banded, expected) <= 2


def test_bands_match_after_reducing_gap(executor: ThreadPoolExecutor) -> None:
    source = noisy_image("RGB", (4000, 1000))
    size = (500, 125)  # 8x: reducing_gap 3.0 reduces by 2 before the filter

    banded = resize_in_bands(source, size, LANCZOS, reducing_gap=3.0, executor=executor, bands=4)

    expected = source.resize(size, LANCZOS, reducing_gap=3.0)
    assert max_difference(banded, expected) <= 2


def test_transparent_edges_have_no_dark_fringe(executor: ThreadPoolExecutor) -> None:
    # White opaque left half, fully transparent black right half. Filtering
    # without premultiplied alpha would pull black into the white edge.
    source = Image.new("RGBA", (1200, 1000), (0, 0, 0, 0))
    source.paste((255, 255, 255, 255), (0, 0, 600, 1000))

    banded = resize_in_bands(source, (300, 250), LANCZOS, reducing_gap=3.0, executor=executor, bands=4)

    for x in range(150):
        red, green, blue, alpha = banded.getpixel((x, 125))  # type: ignore[misc]
        if alpha > 0:
            assert (red, green, blue) == (255, 255, 255), x


@pytest.mark.parametrize("transpose", list(Image.Transpose))
def test_bands_transposed_into_place(executor: ThreadPoolExecutor, transpose: Image.Transpose) -> None:
    source = noisy_image("RGB", (1600, 1200))

    banded = resize_in_bands(
        source, (1023, 767), LANCZOS, reducing_gap=3.0, executor=executor, bands=4, transpose=transpose
    )

    expected = source.resize((1023, 767), LANCZOS, reducing_gap=3.0).transpose(transpose)
    assert banded.size == expected.size
    assert max_difference(banded, expected) <= 2


def test_same_size_only_transposed(executor: ThreadPoolExecutor) -> None:
    source = noisy_image("RGB", (2000, 1000))

    result = resize_in_bands(
        source,
        (2000, 1000),
        LANCZOS,
        reducing_gap=3.0,
        executor=executor,
        bands=4,
        transpose=Image.Transpose.ROTATE_90,
    )

    assert result.tobytes() == source.transpose(Image.Transpose.ROTATE_90).tobytes()


def test_output_independent_of_thread_count() -> None:
    source = noisy_image("RGB", (2000, 1500))
    outputs = []
    for workers in (1, 2, 5):
        with ThreadPoolExecutor(max_workers=workers) as pool:
            resized = resize_in_bands(source, (1024, 768), BICUBIC, reducing_gap=3.0, executor=pool, bands=4)
        outputs.append(resized.tobytes())

    assert outputs[0] == outputs[1]
    assert outputs[0] == outputs[2]


def test_small_source_resized_in_one_call(executor: ThreadPoolExecutor) -> None:
    source = noisy_image("RGB", (1000, 999))
    assert source.width * source.height < MIN_PARALLEL_SOURCE_PIXELS

    resized = resize_in_bands(source, (320, 320), LANCZOS, reducing_gap=3.0, executor=executor, bands=4)

    assert resized.tobytes() == source.resize((320, 320), LANCZOS, reducing_gap=3.0).tobytes()


def test_same_size_returns_source(executor: ThreadPoolExecutor) -> None:
    source = noisy_image("RGB", (2000, 1000))

    resized = resize_in_bands(source, (2000, 1000), LANCZOS, reducing_gap=3.0, executor=executor, bands=4)

    assert resized is source


def test_more_bands_than_rows(executor: ThreadPoolExecutor) -> None:
    source = noisy_image("RGB", (4000, 300))

    resized = resize_in_bands(source, (2048, 3), LANCZOS, reducing_gap=3.0, executor=executor, bands=4)

    assert resized.size == (2048, 3)
    assert max_difference(resized, source.resize((2048, 3), LANCZOS, reducing_gap=3.0)) <= 2


def test_parallel_map_keeps_order(executor: ThreadPoolExecutor) -> None:
    assert parallel_map(executor, lambda number: number * number, range(10)) == [n * n for n in range(10)]


def test_parallel_map_of_nothing(executor: ThreadPoolExecutor) -> None:
    assert parallel_map(executor, str, []) == []


def test_parallel_map_caller_runs_queued_items() -> None:
    release = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(release.wait)  # keeps the only worker busy

        threads = parallel_map(pool, lambda _: threading.current_thread(), range(4))
        release.set()

    assert threads == [threading.current_thread()] * 4


def test_parallel_map_raises_and_cancels_queued_items() -> None:
    started: list[int] = []

    def fail_on_first(number: int) -> int:
        started.append(number)
        if number == 0:
            raise ValueError("first item failed")
        return number

    release = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(release.wait)  # keeps the only worker busy, so items 1-4 stay queued
        with pytest.raises(ValueError, match="first item failed"):
            parallel_map(pool, fail_on_first, range(5))
        release.set()

    assert started == [0]
