"""Benchmark: four photo variants with ``process_image`` against plain Pillow.

Run from the repository root:

    .venv/bin/python -m benchmarks.photo_variants [--runs 5]

The script generates two JPEGs (4000x3000 and 6000x4000, quality 90, EXIF
orientation 6) from a fixed seed, then times each method in a fresh
subprocess per run, so that peak RSS (``VmHWM``, which includes Pillow's C
allocations) belongs to that run alone. Both workers import the same
modules and load all of Pillow's plugins before timing, so their fixed
overhead is equal. The baseline opens
the file, applies ``ImageOps.exif_transpose``, makes each variant with one
LANCZOS resize from the full image and saves it with the same JPEG settings
as the pipeline. Output dimensions must match, and the large variants are
compared by PSNR.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps, ImageStat

from server.media.pipeline import (
    JPEG_QUALITY,
    VARIANT_MAX_SIDES,
    VARIANT_NAMES,
    fit_within,
    process_image,
)

SIZES = {"12 MP": (4000, 3000), "24 MP": (6000, 4000)}
SEED = 20240601
ORIENTATION_TAG = 0x0112
SOURCE_ORIENTATION = 6
"""Rotate 90° clockwise to view, as phones store portrait shots."""

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]


def generate_jpeg(width: int, height: int) -> bytes:
    """Return a deterministic photo-like JPEG: gradients, soft texture, fine grain."""
    rng = random.Random(SEED)
    horizontal = Image.linear_gradient("L").rotate(90).resize((width, height))
    vertical = Image.linear_gradient("L").resize((width, height))
    coarse = Image.frombytes("L", (width // 16, height // 16), rng.randbytes(width * height // 256))
    texture = coarse.resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height))

    red = Image.blend(horizontal, texture, 0.35)
    green = Image.blend(vertical, texture, 0.25)
    blue = Image.blend(Image.blend(horizontal, vertical, 0.5), grain, 0.08)
    image = Image.merge("RGB", (red, green, blue))

    exif = Image.Exif()
    exif[ORIENTATION_TAG] = SOURCE_ORIENTATION
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def generate_edge_scene(width: int, height: int) -> Image.Image:
    """Return a deterministic worst case for resampling filters: shapes, lines and text.

    The scene is blurred by 0.7 px and gets 4 % noise, as a camera would give.
    """
    rng = random.Random(SEED)
    scene = Image.new("RGB", (width, height), (128, 128, 128))
    draw = ImageDraw.Draw(scene)
    for _ in range(3000):
        x, y, side = rng.randrange(width), rng.randrange(height), rng.randrange(4, 200)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        shape = rng.randrange(4)
        if shape == 0:
            draw.rectangle((x, y, x + side, y + side // 2), fill=colour)
        elif shape == 1:
            draw.ellipse((x, y, x + side, y + side), outline=colour, width=rng.randrange(1, 6))
        elif shape == 2:
            end = (x + rng.randrange(-400, 400), y + rng.randrange(-400, 400))
            draw.line((x, y, *end), fill=colour, width=rng.randrange(1, 4))
        else:
            draw.text((x, y), "Autoclub 1234", fill=colour, font_size=rng.randrange(8, 60))
    blurred = scene.filter(ImageFilter.GaussianBlur(0.7))
    return Image.blend(blurred, Image.effect_noise((width, height), 6).convert("RGB"), 0.04)


def compare_filters() -> None:
    """Print how far BICUBIC is from LANCZOS for the large variant, before and after JPEG."""
    sources = {
        "benchmark photo 4000x3000": Image.open(io.BytesIO(generate_jpeg(4000, 3000))),
        "edge scene 4000x3000": generate_edge_scene(4000, 3000),
    }
    for label, source in sources.items():
        size = fit_within(source.width, source.height, VARIANT_MAX_SIDES["large"])
        lanczos = source.resize(size, Image.Resampling.LANCZOS)
        bicubic = source.resize(size, Image.Resampling.BICUBIC)
        lanczos_jpeg = Image.open(io.BytesIO(encode_jpeg(lanczos)))
        bicubic_jpeg = Image.open(io.BytesIO(encode_jpeg(bicubic)))
        print(
            f"{label}: BICUBIC vs LANCZOS {psnr(bicubic, lanczos):.1f} dB; against LANCZOS pixels, "
            f"JPEG of LANCZOS {psnr(lanczos_jpeg, lanczos):.1f} dB, "
            f"JPEG of BICUBIC {psnr(bicubic_jpeg, lanczos):.1f} dB"
        )


def encode_jpeg(image: Image.Image) -> bytes:
    """Encode with the pipeline's JPEG settings."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def run_pipeline(data: bytes) -> dict[str, bytes]:
    photo = process_image(data)
    return {name: variant.data for name, variant in photo.variants.items()}


def run_baseline(data: bytes) -> dict[str, bytes]:
    outputs: dict[str, bytes] = {}
    with Image.open(io.BytesIO(data)) as opened:
        upright = ImageOps.exif_transpose(opened)
        for name in VARIANT_NAMES:
            side = VARIANT_MAX_SIDES[name]
            if name == "square":
                variant = ImageOps.fit(upright, (side, side), Image.Resampling.LANCZOS)
            else:
                size = fit_within(upright.width, upright.height, side)
                variant = upright.resize(size, Image.Resampling.LANCZOS)
            outputs[name] = encode_jpeg(variant)
    return outputs


METHODS = {"pipeline": run_pipeline, "baseline": run_baseline}


def peak_rss_kib() -> int:
    """Return this process's peak resident set size in KiB (``VmHWM``).

    ``getrusage(RUSAGE_SELF).ru_maxrss`` would do, but Linux carries it over
    ``execve`` from the forking parent, so a large parent would mask the child.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def worker(method: str, source: Path, output_folder: Path) -> None:
    """Run one method once in this process and print seconds, CPU seconds and peak RSS as JSON.

    CPU seconds (user and system, all threads) depend less on other load on
    the machine than wall-clock seconds do.
    """
    data = source.read_bytes()
    # A server loads Pillow's plugins once, at its first upload. Loading them
    # here (about 27 ms) keeps that one-off cost out of the timed work of both
    # methods, because the pipeline loads every plugin and the baseline few.
    Image.init()
    rss_before_kib = peak_rss_kib()
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    outputs = METHODS[method](data)
    seconds = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    peak_kib = peak_rss_kib()
    cpu_seconds = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)

    for name, encoded in outputs.items():
        (output_folder / f"{method}-{name}.jpg").write_bytes(encoded)
    measured = {"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_kib": peak_kib}
    print(json.dumps({**measured, "before_kib": rss_before_kib}))


def measure(method: str, source: Path, output_folder: Path) -> dict[str, float]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.photo_variants",
        "--worker",
        method,
        str(source),
        str(output_folder),
    ]
    result = subprocess.run(command, cwd=REPOSITORY_ROOT, check=True, capture_output=True, text=True)
    measured: dict[str, float] = json.loads(result.stdout)
    return measured


def psnr(first: Image.Image, second: Image.Image) -> float:
    """Peak signal-to-noise ratio in dB over RGB, 8-bit peak."""
    difference = ImageChops.difference(first.convert("RGB"), second.convert("RGB"))
    mean_square = sum(ImageStat.Stat(difference).sum2) / (3 * first.width * first.height)
    return math.inf if mean_square == 0 else 10 * math.log10(255**2 / mean_square)


def compare_outputs(output_folder: Path) -> dict[str, Any]:
    dimensions = {}
    sizes = {}
    for method in METHODS:
        for name in VARIANT_NAMES:
            path = output_folder / f"{method}-{name}.jpg"
            with Image.open(path) as image:
                dimensions[method, name] = image.size
            sizes[method, name] = path.stat().st_size
    with (
        Image.open(output_folder / "pipeline-large.jpg") as ours,
        Image.open(output_folder / "baseline-large.jpg") as theirs,
    ):
        large_psnr = psnr(ours, theirs)
        mean_abs = sum(ImageStat.Stat(ImageChops.difference(ours, theirs)).mean) / 3
    return {
        "equal_dimensions": all(
            dimensions["pipeline", name] == dimensions["baseline", name] for name in VARIANT_NAMES
        ),
        "dimensions": {name: dimensions["pipeline", name] for name in VARIANT_NAMES},
        "bytes": {method: [sizes[method, name] for name in VARIANT_NAMES] for method in METHODS},
        "large_psnr_db": large_psnr,
        "large_mean_abs_difference": mean_abs,
    }


def machine_description() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.partition(":")[2].strip()
            break
    import os

    import pillow_heif
    from PIL import __version__ as pillow_version

    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"Pillow {pillow_version}, pillow-heif {pillow_heif.__version__}"
    )


def main(runs: int) -> None:
    print(machine_description())
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for label, (width, height) in SIZES.items():
            source = work / f"{width}x{height}.jpg"
            source.write_bytes(generate_jpeg(width, height))
            results: dict[str, list[dict[str, float]]] = {method: [] for method in METHODS}
            for _ in range(runs):
                for method in METHODS:  # alternate, so drift hits both methods alike
                    results[method].append(measure(method, source, work))
            comparison = compare_outputs(work)
            report(label, source, results, comparison)


def report(
    label: str,
    source: Path,
    results: dict[str, list[dict[str, float]]],
    comparison: dict[str, Any],
) -> None:
    print(f"\n{label}: {source.name}, {source.stat().st_size} bytes, orientation 6")
    medians = {}
    for method, runs in results.items():
        seconds = statistics.median(run["seconds"] for run in runs)
        cpu_seconds = statistics.median(run["cpu_seconds"] for run in runs)
        peak_mib = max(run["peak_kib"] for run in runs) / 1024
        start_mib = statistics.median(run["before_kib"] for run in runs) / 1024
        medians[method] = (seconds, peak_mib, cpu_seconds)
        print(
            f"  {method:8}  median {seconds:.3f} s of {len(runs)} runs, CPU {cpu_seconds:.3f} s, "
            f"peak RSS {peak_mib:.0f} MiB (RSS before work {start_mib:.0f} MiB), "
            f"output bytes square/small/medium/large {comparison['bytes'][method]}"
        )
    speedup = medians["baseline"][0] / medians["pipeline"][0]
    cpu_ratio = medians["baseline"][2] / medians["pipeline"][2]
    print(
        f"  speedup {speedup:.2f}x, CPU time ratio {cpu_ratio:.2f}x, "
        f"peak RSS {medians['pipeline'][1]:.0f} vs {medians['baseline'][1]:.0f} MiB"
    )
    print(
        f"  dimensions {comparison['dimensions']}, equal: {comparison['equal_dimensions']}; "
        f"large vs baseline: PSNR {comparison['large_psnr_db']:.1f} dB, "
        f"mean abs difference {comparison['large_mean_abs_difference']:.2f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="subprocess runs per method and size")
    parser.add_argument(
        "--filters",
        action="store_true",
        help="instead of timing, print the PSNR of BICUBIC against LANCZOS for the large variant",
    )
    parser.add_argument(
        "--worker",
        nargs=3,
        metavar=("METHOD", "SOURCE", "OUTPUT_FOLDER"),
        help="internal: run one method once and print JSON",
    )
    arguments = parser.parse_args()
    if arguments.worker:
        method, source, output_folder = arguments.worker
        worker(method, Path(source), Path(output_folder))
    elif arguments.filters:
        compare_filters()
    else:
        main(arguments.runs)
