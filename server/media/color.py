"""Bring decoded pixels to 8-bit sRGB.

Two steps, so that resizing runs between them on the smallest useful image:
``normalize_mode`` maps every decoder mode to one of ``WORKING_MODES``, and
``to_srgb`` converts through the embedded ICC profile to RGB or RGBA in sRGB.
"""

from __future__ import annotations

import io
import logging
from typing import Final

from PIL import Image, ImageCms

from server.media.errors import ImageErrorCode, ImageRejectedError

logger = logging.getLogger("autoclub.media")

WORKING_MODES: Final = frozenset({"L", "LA", "RGB", "RGBA", "CMYK"})

_SIXTEEN_BIT_TO_EIGHT_BIT: Final = 1 / 257
"""Maps 0..65535 onto 0..255, because Pillow's I → L conversion clips instead."""

_CONVERTIBLE_TO_RGB: Final = frozenset({"P", "PA", "RGB", "RGBX", "RGBa", "YCbCr"})
"""Decoder modes that Pillow's ``convert`` maps to RGB or RGBA exactly."""

_ALPHA_MODES: Final = {"LA": "L", "RGBA": "RGB"}
"""Working modes with alpha, and the mode of their colour bands alone."""

_PROFILE_SPACE_BY_MODE: Final = {"L": "GRAY", "RGB": "RGB", "CMYK": "CMYK"}
"""ICC colour space that a profile must declare to apply to pixels of a mode."""


def normalize_mode(image: Image.Image) -> Image.Image:
    """Convert ``image`` to a mode in ``WORKING_MODES``.

    Transparency of any kind (alpha band, palette alpha, tRNS colour key)
    becomes an alpha band, unless every pixel is opaque: then the alpha band
    is dropped and the photo is treated as opaque. 16-bit greyscale is scaled
    to 8 bits. Other modes, such as floating point (F) and LAB, are rejected
    as ``unsupported_image``.
    May return ``image`` itself.
    """
    converted = _to_working_mode(image)
    alpha_free_mode = _ALPHA_MODES.get(converted.mode)
    if alpha_free_mode is not None and _is_fully_opaque(converted):
        converted = converted.convert(alpha_free_mode)
    return converted


def has_alpha(image: Image.Image) -> bool:
    """Return whether a working-mode image has an alpha band."""
    return image.mode in _ALPHA_MODES


def to_srgb(image: Image.Image, icc_profile: bytes | None, *, photo_id: object = None) -> Image.Image:
    """Convert a working-mode ``image`` to RGB or RGBA in sRGB.

    Pixels are converted through ``icc_profile`` when it parses and its colour
    space fits the pixels. Otherwise the pixels are taken as sRGB, the way
    browsers show untagged images, and a mismatched or broken profile is
    logged. CMYK without a profile uses Pillow's plain formula. Returns
    ``image`` itself when it is RGB with no usable profile.
    """
    alpha = image.getchannel("A") if has_alpha(image) else None
    colour = image.convert(_ALPHA_MODES[image.mode]) if alpha is not None else image

    profile = _usable_profile(icc_profile, colour.mode, photo_id=photo_id)
    converted = None
    if profile is not None:
        converted = _convert_with_profile(colour, profile, photo_id=photo_id)
    if converted is None:
        converted = colour if colour.mode == "RGB" else colour.convert("RGB")

    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _to_working_mode(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode in WORKING_MODES and not (mode in ("L", "RGB") and "transparency" in image.info):
        return image
    if mode == "I" or mode.startswith("I;16"):
        # NOTE: a tRNS colour key on 16-bit greyscale is ignored here.
        wide = image if mode == "I" else image.convert("I")
        return wide.point(lambda value: value * _SIXTEEN_BIT_TO_EIGHT_BIT).convert("L")
    if mode in ("1", "L", "La"):
        return image.convert("LA" if image.has_transparency_data else "L")
    if mode in _CONVERTIBLE_TO_RGB:
        return image.convert("RGBA" if image.has_transparency_data else "RGB")
    # F has no fixed value range, and LAB would need a Lab ICC conversion.
    raise ImageRejectedError(
        ImageErrorCode.UNSUPPORTED_IMAGE,
        f"Images in the {mode} pixel mode are not supported. Send an 8- or 16-bit RGB image.",
    )


def _is_fully_opaque(image: Image.Image) -> bool:
    alpha_min, _ = image.getchannel("A").getextrema()
    return alpha_min == 255


def _usable_profile(
    icc_profile: bytes | None, mode: str, *, photo_id: object
) -> ImageCms.ImageCmsProfile | None:
    if not icc_profile:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
    except (OSError, ImageCms.PyCMSError) as error:
        logger.warning("Ignoring an unreadable ICC profile of photo %s: %s", photo_id, error)
        return None

    space = profile.profile.xcolor_space.strip()
    if space != _PROFILE_SPACE_BY_MODE[mode]:
        logger.warning("Ignoring the %s ICC profile of %s pixels of photo %s", space, mode, photo_id)
        return None
    return profile


def _convert_with_profile(
    image: Image.Image, profile: ImageCms.ImageCmsProfile, *, photo_id: object
) -> Image.Image | None:
    # The perceptual intent maps out-of-gamut colours (Display P3, Adobe RGB,
    # CMYK tables) smoothly. Matrix/TRC profiles without perceptual tables
    # fall back to the colorimetric intent inside LittleCMS.
    try:
        converted = ImageCms.profileToProfile(
            image,
            profile,
            ImageCms.createProfile("sRGB"),
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
            outputMode="RGB",
        )
    except ImageCms.PyCMSError as error:
        logger.warning("Colour conversion of photo %s failed, keeping its pixels: %s", photo_id, error)
        return None
    assert converted is not None  # profileToProfile returns None only with inPlace=True
    return converted
