"""The FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI, Request

from server import __version__
from server.api import (
    routes_albums,
    routes_auth,
    routes_clubs,
    routes_dialogs,
    routes_groups,
    routes_internal,
    routes_media,
    routes_social,
)
from server.api.errors import install_error_handlers
from server.api.limits import BodySizeLimit
from server.services.context import ServerContext
from server.services.photos import MULTIPART_OVERHEAD_BYTES, upload_limit_bytes
from shared.api import ServerInfo
from shared.frames import PROTOCOL_VERSION
from shared.limits import MAX_REQUEST_BODY_BYTES, MAX_SYNC_BODY_BYTES


def create_app(context: ServerContext) -> FastAPI:
    """Create the API around a ready context; the caller owns its lifecycle."""
    app = FastAPI(
        title="Autoclub API",
        version="1",
        description="HTTP API of the Autoclub server. Live events come over the hub's WebSocket; "
        "see docs/protocol.md.",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.context = context
    install_error_handlers(app)
    app.include_router(routes_auth.router)
    app.include_router(routes_dialogs.router)
    app.include_router(routes_groups.router)
    app.include_router(routes_social.router)
    app.include_router(routes_internal.router)
    app.include_router(routes_clubs.router)
    app.include_router(routes_albums.router)
    app.include_router(routes_media.router)

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/v1/server-info", response_model=ServerInfo, tags=["health"])
    async def server_info(request: Request) -> ServerInfo:
        """Tell a client where the hub is; needs no token."""
        return ServerInfo(hub_url=_hub_url(context, request), protocol=PROTOCOL_VERSION, version=__version__)

    upload_bytes = upload_limit_bytes(context.settings) + MULTIPART_OVERHEAD_BYTES
    overrides = {
        r"/api/v1/albums/\d+/photos": upload_bytes,
        r"/api/v1/clubs/\d+/cover": upload_bytes,
        # A sync request names every dialog the client has, which can exceed the JSON limit.
        r"/api/v1/sync": MAX_SYNC_BODY_BYTES,
    }
    app.add_middleware(BodySizeLimit, max_bytes=MAX_REQUEST_BODY_BYTES, overrides=overrides)
    return app


def _hub_url(context: ServerContext, request: Request) -> str | None:
    if context.settings.public_hub_url:
        return context.settings.public_hub_url
    if context.hub_port is None:
        return None
    scheme = "wss" if request.url.scheme == "https" else "ws"
    host = request.url.hostname or "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{context.hub_port}/"
