"""Reading an uploaded file from a multipart form."""

from __future__ import annotations

from fastapi import UploadFile

from server.errors import ApiError
from server.services.context import ServerContext
from server.services.photos import upload_limit_bytes
from shared.errors import ErrorCode


async def read_upload(context: ServerContext, file: UploadFile) -> bytes:
    """Return the bytes of ``file``, or raise 413 ``file_too_large`` over the upload limit.

    Starlette has already spooled the part to memory or a temporary file; the
    body size middleware bounded the whole request before that.
    """
    limit = upload_limit_bytes(context.settings)
    try:
        if file.size is not None and file.size > limit:
            raise ApiError(
                413,
                ErrorCode.FILE_TOO_LARGE,
                f"the file has {file.size} bytes, more than the limit of {limit} bytes",
            )
        return await file.read()
    finally:
        await file.close()
