"""Bodies of the photo album routes under ``/api/v1/albums`` and ``/api/v1/photos``.

Variant URLs are absolute (S3, a CDN) or a path on the API server
(``/media/...`` for local storage): resolve them against the API's base URL.
Clients fetch them without a token. Presigned S3 URLs expire, so a client
asks the API again for a fresh photo body instead of storing a URL.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from shared.limits import Int64, check_text

MAX_ALBUM_TITLE_LENGTH = 100
MAX_ALBUM_DESCRIPTION_LENGTH = 2000

OwnerType = Literal["club", "user"]

AlbumTitle = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ALBUM_TITLE_LENGTH),
    AfterValidator(check_text),
]
AlbumDescription = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_ALBUM_DESCRIPTION_LENGTH),
    AfterValidator(check_text),
]


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class VariantOut(_Body):
    url: str = Field(description="Absolute URL, or a path on the API server to resolve against its base URL")
    width: int = Field(description="Pixels")
    height: int = Field(description="Pixels")


class PhotoVariants(_Body):
    square: VariantOut = Field(description="Centre crop, 320x320 or the short side of a smaller photo")
    small: VariantOut = Field(description="Fits inside 320x320, never upscaled")
    medium: VariantOut = Field(description="Fits inside 1024x1024, never upscaled")
    large: VariantOut = Field(description="Fits inside 2048x2048, never upscaled")


class PhotoOut(_Body):
    id: int
    album_id: int | None = Field(description="Null for a club cover, which belongs to no album")
    uploader_id: int | None = Field(description="Null when the uploader's account is gone")
    width: int = Field(description="Width of the upright original in pixels")
    height: int = Field(description="Height of the upright original in pixels")
    variants: PhotoVariants
    preview: str = Field(description="data: URI of a tiny blurred WebP to show while a variant loads")
    created_at: datetime


class PhotoEnvelope(_Body):
    photo: PhotoOut


class PhotoList(_Body):
    photos: list[PhotoOut] = Field(description="Newest first")
    next_after: int | None = Field(description="Pass as `after` for the next page; null on the last page")


class AlbumCreate(_Body):
    owner_type: OwnerType
    owner_id: Int64
    title: AlbumTitle
    description: AlbumDescription = ""


class AlbumUpdate(_Body):
    """Fields to change; a field left out stays as it is."""

    title: AlbumTitle | None = None
    description: AlbumDescription | None = None
    cover_photo_id: Int64 | None = Field(
        default=None, description="A photo of this album; send null to clear the cover"
    )


class AlbumOut(_Body):
    id: int
    owner_type: OwnerType
    owner_id: int
    title: str
    description: str
    photo_count: int
    cover: PhotoOut | None = Field(description="The photo chosen as cover, or null")
    can_upload: bool = Field(description="Whether the caller may add photos")
    can_manage: bool = Field(description="Whether the caller may rename or delete the album and any photo")
    created_at: datetime


class AlbumEnvelope(_Body):
    album: AlbumOut


class AlbumList(_Body):
    albums: list[AlbumOut] = Field(description="Newest first")
    next_after: int | None = Field(description="Pass as `after` for the next page; null on the last page")
