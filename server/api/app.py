"""The FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from server.api import routes_auth, routes_dialogs, routes_internal
from server.api.errors import install_error_handlers
from server.api.limits import BodySizeLimit
from server.services.context import ServerContext
from shared.limits import MAX_REQUEST_BODY_BYTES


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
    app.include_router(routes_internal.router)

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.add_middleware(BodySizeLimit, max_bytes=MAX_REQUEST_BODY_BYTES)
    return app
