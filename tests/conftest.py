"""Fixtures that start real Autoclub servers on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import databases
from tests.support.server import ServerProcess
from tests.support.users import ApiUser, sign_in

ServerFactory = Callable[..., ServerProcess]


def pytest_report_header() -> str:
    url = databases.configured_url()
    if url:
        return f"autoclub database: PostgreSQL {url}"
    return "autoclub database: SQLite (set AUTOCLUB_TEST_DATABASE_URL for PostgreSQL)"


def _server_factory(root: Path) -> Iterator[ServerFactory]:
    servers: list[ServerProcess] = []
    created: list[str] = []
    base_url = databases.configured_url()

    def start(command: str = "serve", database_url: str | None = None, **settings: str) -> ServerProcess:
        if base_url and database_url is None and command != "hub":
            database_url = databases.create_database(base_url)
            created.append(database_url)
        server = ServerProcess(root / f"server{len(servers)}", database_url, command, **settings)
        servers.append(server)
        return server.start()

    try:
        yield start
    finally:
        for server in servers:
            server.kill()
        for url in created:
            databases.drop_database(base_url or "", url)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[ServerFactory]:
    """Start a fresh server of one's own; killed at the end of the test."""
    yield from _server_factory(tmp_path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server shared by the tests of one module; each test signs in its own users."""
    for factory in _server_factory(tmp_path_factory.mktemp("server")):
        yield factory()


@pytest.fixture
async def api(server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.api_url, timeout=10) as client:
        yield client


@pytest.fixture
async def alice(server: ServerProcess, api: httpx.AsyncClient) -> ApiUser:
    return await sign_in(server, api, "Алиса")


@pytest.fixture
async def bob(server: ServerProcess, api: httpx.AsyncClient) -> ApiUser:
    return await sign_in(server, api, "Боб")
