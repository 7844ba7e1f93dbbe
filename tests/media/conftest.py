"""Fixtures of the media tests: test images, and storage on a folder or on moto's S3 server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3  # type: ignore[import-untyped]
import pytest
from moto.server import ThreadedMotoServer

from server.media import LocalStorage, S3Storage, Storage

REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """Start moto's S3 server on a free loopback port, with dummy credentials in the env.

    The credentials only reach moto. AWS config files are hidden, so no real
    profile or endpoint of the machine can be picked up.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        patch.setenv("AWS_SESSION_TOKEN", "testing")
        patch.setenv("AWS_DEFAULT_REGION", REGION)
        patch.setenv("AWS_CONFIG_FILE", "/dev/null")
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        patch.delenv("AWS_PROFILE", raising=False)
        patch.delenv("AWS_ENDPOINT_URL", raising=False)

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        try:
            yield f"http://{host}:{port}"
        finally:
            server.stop()


@pytest.fixture(scope="session")
def s3_client(s3_endpoint: str) -> Iterator[Any]:
    """A plain boto3 client on moto, to create buckets and inspect objects."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    yield client
    client.close()


@dataclass
class Backend:
    """A storage under test, and a way to list what it holds."""

    name: str
    storage: Storage
    root: Path | None = None
    bucket: str | None = None
    s3_client: Any = None

    def keys(self) -> set[str]:
        """Return every stored key. Temporary files of LocalStorage count too."""
        if self.root is not None:
            return {path.relative_to(self.root).as_posix() for path in self.root.rglob("*") if path.is_file()}
        response = self.s3_client.list_objects_v2(Bucket=self.bucket)
        return {item["Key"] for item in response.get("Contents", [])}


@pytest.fixture(params=["local", "s3"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """The same tests run against a LocalStorage folder and an S3Storage bucket on moto."""
    if request.param == "local":
        root = tmp_path / "media"
        yield Backend("local", LocalStorage(root, "http://127.0.0.1:8700/media/"), root=root)
    else:
        yield from _s3_backend(request.getfixturevalue("s3_endpoint"), request.getfixturevalue("s3_client"))


@pytest.fixture
def s3_backend(s3_endpoint: str, s3_client: Any) -> Iterator[Backend]:
    """An S3Storage on a fresh bucket of moto's server."""
    yield from _s3_backend(s3_endpoint, s3_client)


def _s3_backend(endpoint: str, client: Any) -> Iterator[Backend]:
    bucket = f"photos-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    storage = S3Storage(
        bucket,
        region=REGION,
        endpoint_url=endpoint,
        access_key_id="testing",
        secret_access_key="testing",
    )
    yield Backend("s3", storage, bucket=bucket, s3_client=client)
    storage.close()
