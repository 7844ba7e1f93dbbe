"""Photo albums against a real server (local storage and S3 on moto), and the upload write path in-process."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import boto3  # type: ignore[import-untyped]
import httpx
import pytest
from moto.server import ThreadedMotoServer

from server.bus import InMemoryBus
from server.config import Settings
from server.db.engine import Database
from server.db.migrate import migrate
from server.db.models import Album, Photo, PhotoVariant, User
from server.errors import ApiError
from server.media import LocalStorage
from server.presence import create_presence
from server.services import albums
from server.services.context import ServerContext
from server.services.photos import create_storage
from server.sms import create_gateway
from tests.conftest import ServerFactory
from tests.support.images import jpeg, noise_jpeg, png_bomb, stored_files, truncated_jpeg, upload
from tests.support.server import ServerProcess
from tests.support.timing import seconds
from tests.support.users import ApiUser, sign_in

ALBUMS = "/api/v1/albums"
S3_REGION = "us-east-1"


async def create_album(user: ApiUser, owner_type: str, owner_id: int, **fields: Any) -> dict[str, Any]:
    body = {"owner_type": owner_type, "owner_id": owner_id, "title": "Поездки", **fields}
    response = await user.post(ALBUMS, json=body)
    assert response.status_code == 201, response.text
    album: dict[str, Any] = response.json()["album"]
    return album


async def upload_photo(user: ApiUser, album_id: int, data: bytes) -> dict[str, Any]:
    response = await user.post(f"{ALBUMS}/{album_id}/photos", files=upload(data))
    assert response.status_code == 201, response.text
    photo: dict[str, Any] = response.json()["photo"]
    return photo


async def get_album(user: ApiUser, album_id: int) -> dict[str, Any]:
    response = await user.get(f"{ALBUMS}/{album_id}")
    assert response.status_code == 200, response.text
    album: dict[str, Any] = response.json()["album"]
    return album


def error_code(response: httpx.Response) -> str:
    code: str = response.json()["error"]["code"]
    return code


def media_root(server: ServerProcess) -> Path:
    return server.data_dir / "media"


def variant_sizes(photo: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {name: (variant["width"], variant["height"]) for name, variant in photo["variants"].items()}


# Albums and photos on local storage


async def test_user_album_crud(alice: ApiUser, bob: ApiUser) -> None:
    album = await create_album(alice, "user", alice.id, title="  Мой «Супра»  ", description="Гараж")
    assert album["title"] == "Мой «Супра»"
    assert album["description"] == "Гараж"
    assert album["photo_count"] == 0
    assert album["cover"] is None
    assert (album["can_upload"], album["can_manage"]) == (True, True)

    seen_by_bob = await get_album(bob, album["id"])
    assert (seen_by_bob["can_upload"], seen_by_bob["can_manage"]) == (False, False)
    listed = (await bob.get(ALBUMS, params={"owner_type": "user", "owner_id": alice.id})).json()["albums"]
    assert [item["id"] for item in listed] == [album["id"]]

    renamed = await alice.patch(f"{ALBUMS}/{album['id']}", json={"title": "Супра", "description": ""})
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["album"]["title"] == "Супра"
    assert renamed.json()["album"]["description"] == ""

    deleted = await alice.delete(f"{ALBUMS}/{album['id']}")
    assert deleted.status_code == 204
    gone = await alice.get(f"{ALBUMS}/{album['id']}")
    assert gone.status_code == 404
    assert error_code(gone) == "album_not_found"


async def test_album_owner_must_exist(alice: ApiUser) -> None:
    for owner_type, code in (("club", "club_not_found"), ("user", "user_not_found")):
        response = await alice.get(ALBUMS, params={"owner_type": owner_type, "owner_id": 999999})
        assert response.status_code == 404
        assert error_code(response) == code
    bad_type = await alice.get(ALBUMS, params={"owner_type": "car", "owner_id": alice.id})
    assert bad_type.status_code == 422


async def test_photo_upload_list_and_delete(server: ServerProcess, alice: ApiUser, bob: ApiUser) -> None:
    before = stored_files(media_root(server))
    album = await create_album(alice, "user", alice.id)

    photo = await upload_photo(alice, album["id"], jpeg(1200, 800, (250, 10, 10)))

    assert photo["album_id"] == album["id"]
    assert photo["uploader_id"] == alice.id
    assert (photo["width"], photo["height"]) == (1200, 800)
    assert variant_sizes(photo) == {
        "square": (320, 320),
        "small": (320, 213),
        "medium": (1024, 683),
        "large": (1200, 800),
    }
    assert photo["preview"].startswith("data:image/webp;base64,")
    for variant in photo["variants"].values():
        assert variant["url"].startswith("/media/photos/")
        response = await bob.client.get(variant["url"])  # no token: photo URLs are public
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/jpeg"
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.content[:3] == b"\xff\xd8\xff"
    assert len(stored_files(media_root(server)) - before) == 4

    others = [await upload_photo(alice, album["id"], jpeg(400, 300, (10, 10, 10 * n))) for n in range(1, 3)]
    first = await bob.get(f"{ALBUMS}/{album['id']}/photos", params={"limit": 2})
    assert first.status_code == 200
    assert [p["id"] for p in first.json()["photos"]] == [others[1]["id"], others[0]["id"]]
    after = first.json()["next_after"]
    second = (await bob.get(f"{ALBUMS}/{album['id']}/photos", params={"limit": 2, "after": after})).json()
    assert [p["id"] for p in second["photos"]] == [photo["id"]]
    assert second["next_after"] is None
    assert (await get_album(bob, album["id"]))["photo_count"] == 3
    assert (await bob.get(f"/api/v1/photos/{photo['id']}")).json()["photo"]["id"] == photo["id"]

    deleted = await alice.delete(f"/api/v1/photos/{photo['id']}")
    assert deleted.status_code == 204
    for variant in photo["variants"].values():
        assert (await bob.client.get(variant["url"])).status_code == 404
    assert (await get_album(bob, album["id"]))["photo_count"] == 2
    missing = await alice.delete(f"/api/v1/photos/{photo['id']}")
    assert missing.status_code == 404
    assert error_code(missing) == "photo_not_found"


async def test_large_photo_is_scaled_down(alice: ApiUser) -> None:
    album = await create_album(alice, "user", alice.id)
    data = noise_jpeg(3000, 2000)
    assert len(data) > 4 * 1024 * 1024

    photo = await upload_photo(alice, album["id"], data)

    assert (photo["width"], photo["height"]) == (3000, 2000)
    assert variant_sizes(photo) == {
        "square": (320, 320),
        "small": (320, 213),
        "medium": (1024, 683),
        "large": (2048, 1365),
    }


async def test_album_cover_photo(alice: ApiUser) -> None:
    album = await create_album(alice, "user", alice.id)
    other_album = await create_album(alice, "user", alice.id)
    photo = await upload_photo(alice, album["id"], jpeg(500, 500, (1, 2, 3)))
    foreign = await upload_photo(alice, other_album["id"], jpeg(500, 500, (3, 2, 1)))

    response = await alice.patch(f"{ALBUMS}/{album['id']}", json={"cover_photo_id": photo["id"]})
    assert response.status_code == 200, response.text
    assert response.json()["album"]["cover"]["id"] == photo["id"]

    untouched = await alice.patch(f"{ALBUMS}/{album['id']}", json={"title": "Другое"})
    assert untouched.json()["album"]["cover"]["id"] == photo["id"]

    wrong = await alice.patch(f"{ALBUMS}/{album['id']}", json={"cover_photo_id": foreign["id"]})
    assert wrong.status_code == 404
    assert error_code(wrong) == "photo_not_found"

    cleared = await alice.patch(f"{ALBUMS}/{album['id']}", json={"cover_photo_id": None})
    assert cleared.json()["album"]["cover"] is None

    await alice.patch(f"{ALBUMS}/{album['id']}", json={"cover_photo_id": photo["id"]})
    await alice.delete(f"/api/v1/photos/{photo['id']}")
    assert (await get_album(alice, album["id"]))["cover"] is None


async def test_delete_album_deletes_its_objects(server: ServerProcess, alice: ApiUser) -> None:
    before = stored_files(media_root(server))
    album = await create_album(alice, "user", alice.id)
    for n in range(3):
        await upload_photo(alice, album["id"], jpeg(600, 400, (n, 100, 200)))
    assert len(stored_files(media_root(server)) - before) == 12

    response = await alice.delete(f"{ALBUMS}/{album['id']}")

    assert response.status_code == 204
    assert stored_files(media_root(server)) == before


async def test_identical_photos_share_objects_until_last_deleted(
    server: ServerProcess, alice: ApiUser
) -> None:
    before = stored_files(media_root(server))
    album = await create_album(alice, "user", alice.id)
    data = jpeg(700, 500, (33, 66, 99))
    first = await upload_photo(alice, album["id"], data)
    second = await upload_photo(alice, album["id"], data)
    assert first["variants"] == second["variants"]
    assert len(stored_files(media_root(server)) - before) == 4

    await alice.delete(f"/api/v1/photos/{first['id']}")
    for variant in second["variants"].values():
        assert (await alice.client.get(variant["url"])).status_code == 200

    await alice.delete(f"/api/v1/photos/{second['id']}")
    assert stored_files(media_root(server)) == before


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("text", "Это не фотография.\n".encode() * 50, 422, "not_an_image"),
        ("empty", b"", 422, "not_an_image"),
        ("truncated", truncated_jpeg(), 422, "image_damaged"),
        ("bomb", png_bomb(), 422, "image_too_large"),
        ("pdf", b"%PDF-1.4\n" + b"0" * 200, 422, "not_an_image"),
    ],
)
async def test_bad_upload_leaves_nothing(
    server: ServerProcess, alice: ApiUser, name: str, data: bytes, status: int, code: str
) -> None:
    album = await create_album(alice, "user", alice.id)
    before = stored_files(media_root(server))

    response = await alice.post(f"{ALBUMS}/{album['id']}/photos", files=upload(data, f"{name}.jpg"))

    assert response.status_code == status, response.text
    assert error_code(response) == code
    assert stored_files(media_root(server)) == before
    assert (await get_album(alice, album["id"]))["photo_count"] == 0
    assert (await alice.get(f"{ALBUMS}/{album['id']}/photos")).json()["photos"] == []


async def test_upload_without_file_field(alice: ApiUser) -> None:
    album = await create_album(alice, "user", alice.id)
    response = await alice.post(
        f"{ALBUMS}/{album['id']}/photos", files={"photo": ("a.jpg", jpeg(), "image/jpeg")}
    )
    assert response.status_code == 422
    assert error_code(response) == "validation_failed"


async def test_upload_size_limits(start_server: ServerFactory) -> None:
    server = start_server(max_upload_mb="1")
    async with httpx.AsyncClient(base_url=server.api_url, timeout=10) as client:
        user = await sign_in(server, client, "Фотограф")
        album = await create_album(user, "user", user.id)
        path = f"{ALBUMS}/{album['id']}/photos"

        just_over = await user.post(path, files=upload(b"\xff\xd8\xff" + b"0" * (1024 * 1024)))
        far_over = await user.post(path, files=upload(b"\xff\xd8\xff" + b"0" * (3 * 1024 * 1024)))
        big_json = await user.post("/api/v1/dialogs", content=b"{" + b" " * (100 * 1024) + b"}")

    assert just_over.status_code == 413
    assert error_code(just_over) == "file_too_large"
    assert far_over.status_code == 413
    assert error_code(far_over) == "payload_too_large"
    assert big_json.status_code == 413
    assert stored_files(media_root(server)) == set()


# Authorization


ROLES = ("outsider", "pending", "member", "admin", "owner")


@dataclass
class ClubAlbum:
    users: dict[str, ApiUser]
    club_id: int
    album_id: int
    member_photo_id: int


async def club_album(server: ServerProcess, api: httpx.AsyncClient) -> ClubAlbum:
    users = {role: await sign_in(server, api, role.capitalize()) for role in ROLES}
    owner = users["owner"]
    response = await owner.post(
        "/api/v1/clubs", json={"title": "Фотоклуб", "city": "Омск", "topic": "Lada", "join_policy": "request"}
    )
    club_id = response.json()["club"]["id"]
    for role in ("admin", "member"):
        await users[role].post(f"/api/v1/clubs/{club_id}/join")
        await owner.post(f"/api/v1/clubs/{club_id}/requests/{users[role].id}/approve")
    await owner.put(f"/api/v1/clubs/{club_id}/members/{users['admin'].id}/role", json={"role": "admin"})
    await users["pending"].post(f"/api/v1/clubs/{club_id}/join")
    album = await create_album(owner, "club", club_id)
    photo = await upload_photo(users["member"], album["id"], jpeg(320, 240, (9, 9, 9)))
    return ClubAlbum(users=users, club_id=club_id, album_id=album["id"], member_photo_id=photo["id"])


AlbumAction = Callable[[ClubAlbum, ApiUser, str], Awaitable[httpx.Response]]

ALBUM_ACTIONS: list[tuple[str, AlbumAction, dict[str, int]]] = [
    ("read album", lambda s, user, role: user.get(f"{ALBUMS}/{s.album_id}"), dict.fromkeys(ROLES, 200)),
    (
        "list albums",
        lambda s, user, role: user.get(ALBUMS, params={"owner_type": "club", "owner_id": s.club_id}),
        dict.fromkeys(ROLES, 200),
    ),
    (
        "list photos",
        lambda s, user, role: user.get(f"{ALBUMS}/{s.album_id}/photos"),
        dict.fromkeys(ROLES, 200),
    ),
    (
        "create album",
        lambda s, user, role: user.post(
            ALBUMS, json={"owner_type": "club", "owner_id": s.club_id, "title": role}
        ),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 201, "owner": 201},
    ),
    (
        "upload photo",
        lambda s, user, role: user.post(
            f"{ALBUMS}/{s.album_id}/photos", files=upload(jpeg(200, 200, (1, 1, 1)))
        ),
        {"outsider": 403, "pending": 403, "member": 201, "admin": 201, "owner": 201},
    ),
    (
        "edit album",
        lambda s, user, role: user.patch(f"{ALBUMS}/{s.album_id}", json={"description": role}),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 200, "owner": 200},
    ),
    (
        "delete other's photo",
        lambda s, user, role: user.delete(f"/api/v1/photos/{s.member_photo_id}"),
        {"outsider": 403, "pending": 403, "member": 204, "admin": 404, "owner": 404},
    ),
]
"""The member uploaded ``member_photo_id``, so the member deletes it, and later roles find it gone."""


async def test_club_album_authorization_table(server: ServerProcess, api: httpx.AsyncClient) -> None:
    setup = await club_album(server, api)

    got: dict[str, dict[str, int]] = {}
    for name, run, _expected in ALBUM_ACTIONS:
        got[name] = {}
        for role in ROLES:
            response = await run(setup, setup.users[role], role)
            got[name][role] = response.status_code

    assert got == {name: expected for name, _run, expected in ALBUM_ACTIONS}


async def test_club_admin_deletes_members_photo_and_album(
    server: ServerProcess, api: httpx.AsyncClient
) -> None:
    setup = await club_album(server, api)
    admin = setup.users["admin"]

    photo_deleted = await admin.delete(f"/api/v1/photos/{setup.member_photo_id}")
    outsider_delete = await setup.users["member"].delete(f"{ALBUMS}/{setup.album_id}")
    album_deleted = await admin.delete(f"{ALBUMS}/{setup.album_id}")

    assert photo_deleted.status_code == 204
    assert outsider_delete.status_code == 403
    assert error_code(outsider_delete) == "forbidden"
    assert album_deleted.status_code == 204


async def test_user_album_belongs_to_its_user(alice: ApiUser, bob: ApiUser) -> None:
    album = await create_album(alice, "user", alice.id)
    photo = await upload_photo(alice, album["id"], jpeg(300, 300, (7, 7, 7)))

    attempts = {
        "create for another user": await bob.post(
            ALBUMS, json={"owner_type": "user", "owner_id": alice.id, "title": "x"}
        ),
        "upload": await bob.post(f"{ALBUMS}/{album['id']}/photos", files=upload(jpeg(100, 100))),
        "edit": await bob.patch(f"{ALBUMS}/{album['id']}", json={"title": "Моё"}),
        "delete photo": await bob.delete(f"/api/v1/photos/{photo['id']}"),
        "delete album": await bob.delete(f"{ALBUMS}/{album['id']}"),
    }

    assert {name: response.status_code for name, response in attempts.items()} == dict.fromkeys(attempts, 403)
    assert {error_code(response) for response in attempts.values()} == {"forbidden"}
    assert (await bob.get(f"{ALBUMS}/{album['id']}/photos")).status_code == 200


# S3 storage on moto's server


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """Start moto's S3 server on loopback with dummy credentials; AWS config files are hidden."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        patch.setenv("AWS_DEFAULT_REGION", S3_REGION)
        patch.setenv("AWS_CONFIG_FILE", "/dev/null")
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        patch.delenv("AWS_PROFILE", raising=False)
        patch.delenv("AWS_ENDPOINT_URL", raising=False)
        moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        moto.start()
        host, port = moto.get_host_and_port()
        try:
            yield f"http://{host}:{port}"
        finally:
            moto.stop()


async def test_photos_on_s3(start_server: ServerFactory, s3_endpoint: str) -> None:
    bucket = f"photos-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name=S3_REGION)
    s3.create_bucket(Bucket=bucket)

    def keys() -> set[str]:
        return {item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}

    server = start_server(
        storage="s3",
        s3_bucket=bucket,
        s3_endpoint_url=s3_endpoint,
        s3_region=S3_REGION,
        s3_access_key_id="testing",
        s3_secret_access_key="testing",
    )
    async with httpx.AsyncClient(base_url=server.api_url, timeout=10) as client:
        user = await sign_in(server, client, "Облако")
        album = await create_album(user, "user", user.id)

        photo = await upload_photo(user, album["id"], jpeg(900, 600, (120, 60, 30)))
        stored = keys()
        assert len(stored) == 4
        for variant in photo["variants"].values():
            assert variant["url"].startswith(f"{s3_endpoint}/{bucket}/photos/")
            assert "Signature" in variant["url"]
            response = await client.get(variant["url"])
            assert response.status_code == 200
            assert response.headers["content-type"] == "image/jpeg"
            assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert (await client.get("/media/" + next(iter(stored)))).status_code == 404

        rejected = await user.post(f"{ALBUMS}/{album['id']}/photos", files=upload(truncated_jpeg()))
        assert rejected.status_code == 422
        assert error_code(rejected) == "image_damaged"
        assert keys() == stored

        deleted = await user.delete(f"/api/v1/photos/{photo['id']}")
        assert deleted.status_code == 204
        assert keys() == set()
    s3.close()


def test_s3_public_base_url_replaces_presigning(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        storage="s3",
        s3_bucket="photos",
        s3_region=S3_REGION,
        s3_public_base_url="https://cdn.example.org/autoclub/",
        s3_access_key_id="testing",
        s3_secret_access_key="testing",
    )
    storage = create_storage(settings)
    assert storage.url("photos/ab/cd-large.jpg") == "https://cdn.example.org/autoclub/photos/ab/cd-large.jpg"


def test_s3_storage_needs_bucket(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="s3_bucket"):
        Settings(data_dir=tmp_path, storage="s3")


# The upload write path in-process: cancellation and concurrent deletion


class GatedStorage(LocalStorage):
    """LocalStorage whose writes wait for ``gate`` after signalling ``writing``."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, "/media")
        self.writing = asyncio.Event()
        self.gate = asyncio.Event()
        self.gate.set()

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        self.writing.set()
        await self.gate.wait()
        await super().put(key, data, content_type)


class WatchedLock(asyncio.Lock):
    """An asyncio.Lock that counts the tasks waiting for it."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = 0
        self._waiting_changed = asyncio.Event()

    async def acquire(self) -> Literal[True]:
        self.waiting += 1
        self._waiting_changed.set()
        try:
            return await super().acquire()
        finally:
            self.waiting -= 1

    async def wait_for_waiters(self, count: int) -> None:
        while self.waiting < count:
            self._waiting_changed.clear()
            await asyncio.wait_for(self._waiting_changed.wait(), seconds(10))


@dataclass
class LocalSetup:
    context: ServerContext
    storage: GatedStorage
    lock: WatchedLock
    user_id: int
    album_id: int

    async def photo_rows(self) -> int:
        async with self.context.database.session() as db:
            photos = (await db.execute(Photo.__table__.select())).all()
            variants = (await db.execute(PhotoVariant.__table__.select())).all()
        return len(photos) + len(variants)


@pytest.fixture
async def local(tmp_path: Path) -> AsyncIterator[LocalSetup]:
    settings = Settings(data_dir=tmp_path, photo_workers=1)
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'autoclub.db'}")
    await migrate(database)
    storage = GatedStorage(tmp_path / "media")
    lock = WatchedLock()
    context = ServerContext(
        settings=settings,
        database=database,
        bus=InMemoryBus(),
        sms=create_gateway("console"),
        secret="test",
        presence=create_presence(None, "autoclub"),
        storage=storage,
        storage_lock=lock,
    )
    async with database.session(write=True) as db:
        user = User(phone="+79140000001", display_name="Тест", created_at=datetime.now(UTC))
        db.add(user)
        await db.flush()
        album = Album(owner_type="user", owner_id=user.id, title="Тест", created_at=datetime.now(UTC))
        db.add(album)
        await db.commit()
    yield LocalSetup(context=context, storage=storage, lock=lock, user_id=user.id, album_id=album.id)
    await database.dispose()


async def test_cancelled_upload_leaves_nothing(local: LocalSetup) -> None:
    local.storage.gate.clear()
    task = asyncio.create_task(albums.upload_photo(local.context, local.user_id, local.album_id, jpeg()))
    await asyncio.wait_for(local.storage.writing.wait(), seconds(10))

    task.cancel()
    local.storage.gate.set()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert stored_files(local.storage.root) == set()
    assert await local.photo_rows() == 0


async def test_upload_to_album_deleted_meanwhile_leaves_nothing(local: LocalSetup) -> None:
    local.storage.gate.clear()
    task = asyncio.create_task(albums.upload_photo(local.context, local.user_id, local.album_id, jpeg()))
    await asyncio.wait_for(local.storage.writing.wait(), seconds(10))

    await albums.delete_album(local.context, local.user_id, local.album_id)
    local.storage.gate.set()
    with pytest.raises(ApiError) as raised:
        await task

    assert raised.value.code == "album_not_found"
    assert stored_files(local.storage.root) == set()
    assert await local.photo_rows() == 0


async def test_deletion_racing_identical_upload_keeps_objects(
    local: LocalSetup, caplog: pytest.LogCaptureFixture
) -> None:
    data = jpeg(640, 480, (40, 80, 120))
    first = await albums.upload_photo(local.context, local.user_id, local.album_id, data)
    files = stored_files(local.storage.root)
    assert len(files) == 4

    # Hold the lock so that the deletion (committed, about to delete unused
    # objects) queues before the second upload (stored, about to insert rows).
    await local.lock.acquire()
    deletion = asyncio.create_task(albums.delete_photo(local.context, local.user_id, first.id))
    await local.lock.wait_for_waiters(1)
    second_upload = asyncio.create_task(
        albums.upload_photo(local.context, local.user_id, local.album_id, data)
    )
    await local.lock.wait_for_waiters(2)
    local.lock.release()

    await deletion
    second = await second_upload

    assert stored_files(local.storage.root) == files
    assert second.variants == first.variants
    restored = [record for record in caplog.records if record.getMessage().startswith("Restoring")]
    assert len(restored) == 4
