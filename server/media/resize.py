"""Downscaling split into horizontal bands that run on several threads.

Pillow releases the GIL inside ``Image.resize``, so bands resized on separate
threads use separate cores. Each band passes ``box`` in source coordinates,
and Pillow reads the filter's support beyond the box from the whole source,
so the bands meet without seams. The result still differs from one
``Image.resize`` call by up to 2 of 255 in some samples (premultiplied
samples, for images with alpha). Pillow 13.0 may run the horizontal and
vertical passes of a band in the other order, and it rounds the band's box
to 32-bit floats. It depends on the band count but
not on the thread count, so fix the band count to keep the output the same on
every machine.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import Executor
from typing import Final

from PIL import Image

from server.media.parallel import parallel_map

MIN_PARALLEL_SOURCE_PIXELS: Final = 1_000_000
"""Sources below this size are resized on the calling thread. Halving a 1 Mpx
image with LANCZOS takes about 15 ms on one AMD EPYC core, far more than
handing a band to a thread (well under 1 ms)."""

_PREMULTIPLIED_MODES: Final = {"LA": "La", "RGBA": "RGBa"}
"""Modes with alpha, and the premultiplied mode that ``Image.resize`` filters in."""

_AXIS_SWAPPING: Final = frozenset(
    {
        Image.Transpose.ROTATE_90,
        Image.Transpose.ROTATE_270,
        Image.Transpose.TRANSPOSE,
        Image.Transpose.TRANSVERSE,
    }
)
"""Transpositions that turn rows into columns."""

_ORDER_REVERSING: Final = frozenset(
    {
        Image.Transpose.FLIP_TOP_BOTTOM,
        Image.Transpose.ROTATE_180,
        Image.Transpose.ROTATE_270,
        Image.Transpose.TRANSVERSE,
    }
)
"""Transpositions that put the first row last (as the last row or the last column)."""


def available_cpus() -> int:
    """Return the number of CPUs this process may run on (at least 1)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not available on macOS and Windows
        return os.cpu_count() or 1


def resize_in_bands(
    image: Image.Image,
    size: tuple[int, int],
    resample: Image.Resampling,
    *,
    reducing_gap: float,
    executor: Executor,
    bands: int,
    transpose: Image.Transpose | None = None,
) -> Image.Image:
    """Resize ``image`` to ``size`` with the ``resample`` filter, in ``bands`` bands of rows.

    Then applies ``transpose``, if given, so the result has ``size`` with the
    sides swapped for the four transpositions that rotate by 90 degrees. Each
    band is transposed on its own thread. Returns ``image`` itself when it
    already has ``size`` and no ``transpose`` is given, and resizes in one
    piece on the calling thread when the source has fewer than
    ``MIN_PARALLEL_SOURCE_PIXELS``. Otherwise ``parallel_map`` resizes the
    bands on ``executor`` and on the calling thread. Applies ``reducing_gap``
    as ``Image.resize`` does. Accepts the working modes of
    ``server.media.color``: L, LA, RGB, RGBA and CMYK.
    """
    band_count = min(bands, size[1])
    if image.size == size:
        resized = image
    elif band_count <= 1 or image.width * image.height < MIN_PARALLEL_SOURCE_PIXELS:
        resized = image.resize(size, resample, reducing_gap=reducing_gap)
    else:
        return _resize_with_premultiplied_alpha(
            image, size, resample, reducing_gap, executor, band_count, transpose
        )
    return resized.transpose(transpose) if transpose is not None else resized


def _resize_with_premultiplied_alpha(
    image: Image.Image,
    size: tuple[int, int],
    resample: Image.Resampling,
    reducing_gap: float,
    executor: Executor,
    band_count: int,
    transpose: Image.Transpose | None,
) -> Image.Image:

    # Image.resize converts LA and RGBA to premultiplied alpha for every call.
    # Done here once, so that each band does not convert the whole source.
    premultiplied_mode = _PREMULTIPLIED_MODES.get(image.mode)
    source = image.convert(premultiplied_mode) if premultiplied_mode else image

    # The same integer pre-reduction that Image.resize applies for reducing_gap.
    factor_x = int(source.width / size[0] / reducing_gap) or 1
    factor_y = int(source.height / size[1] / reducing_gap) or 1
    reduced = source.reduce((factor_x, factor_y)) if factor_x > 1 or factor_y > 1 else source
    source_box = (0.0, 0.0, source.width / factor_x, source.height / factor_y)

    result = _resize_bands(
        reduced, size, resample, source_box, executor=executor, band_count=band_count, transpose=transpose
    )
    return result.convert(image.mode) if premultiplied_mode else result


def _resize_bands(
    source: Image.Image,
    size: tuple[int, int],
    resample: Image.Resampling,
    source_box: tuple[float, float, float, float],
    *,
    executor: Executor,
    band_count: int,
    transpose: Image.Transpose | None,
) -> Image.Image:
    """Resize ``source_box`` of ``source`` to ``size``, one band of output rows per task."""
    width, height = size
    left, top, right, bottom = source_box
    rows_per_band = math.ceil(height / band_count)
    source_rows_per_output_row = (bottom - top) / height

    def resize_band(first_row: int) -> Image.Image:
        last_row = min(first_row + rows_per_band, height)
        box = (
            left,
            top + first_row * source_rows_per_output_row,
            right,
            top + last_row * source_rows_per_output_row,
        )
        band = source.resize((width, last_row - first_row), resample, box=box)
        return band.transpose(transpose) if transpose is not None else band

    def upright_offset(first_row: int) -> tuple[int, int]:
        """Return where the band of ``first_row`` goes after ``transpose``."""
        last_row = min(first_row + rows_per_band, height)
        offset = height - last_row if transpose in _ORDER_REVERSING else first_row
        return (offset, 0) if transpose in _AXIS_SWAPPING else (0, offset)

    first_rows = range(0, height, rows_per_band)
    result = Image.new(source.mode, (height, width) if transpose in _AXIS_SWAPPING else size)
    for row, band in zip(first_rows, parallel_map(executor, resize_band, first_rows), strict=True):
        result.paste(band, upright_offset(row))
        band.close()
    return result
