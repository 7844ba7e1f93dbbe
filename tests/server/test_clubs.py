"""Clubs against a real server: CRUD, search, joining, roles, the club chat and covers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.support.images import jpeg, stored_files, upload
from tests.support.server import ServerProcess
from tests.support.sockets import connect_user
from tests.support.users import ApiUser, sign_in

CLUBS = "/api/v1/clubs"


def token() -> str:
    """Return a word unique to one test, so searches on the shared server find only its clubs."""
    return uuid.uuid4().hex[:10]


async def create_club(user: ApiUser, **fields: Any) -> dict[str, Any]:
    body = {"title": f"Клуб {token()}", "city": "Владивосток", "topic": "Toyota", **fields}
    response = await user.post(CLUBS, json=body)
    assert response.status_code == 201, response.text
    club: dict[str, Any] = response.json()["club"]
    return club


async def get_club(user: ApiUser, club_id: int) -> dict[str, Any]:
    response = await user.get(f"{CLUBS}/{club_id}")
    assert response.status_code == 200, response.text
    club: dict[str, Any] = response.json()["club"]
    return club


async def join(user: ApiUser, club_id: int) -> dict[str, Any]:
    response = await user.post(f"{CLUBS}/{club_id}/join")
    assert response.status_code == 200, response.text
    club: dict[str, Any] = response.json()["club"]
    return club


async def approve(admin: ApiUser, club_id: int, user: ApiUser) -> None:
    response = await admin.post(f"{CLUBS}/{club_id}/requests/{user.id}/approve")
    assert response.status_code == 204, response.text


async def search(user: ApiUser, **params: Any) -> list[dict[str, Any]]:
    response = await user.get(CLUBS, params=params)
    assert response.status_code == 200, response.text
    clubs: list[dict[str, Any]] = response.json()["clubs"]
    return clubs


async def dialog_ids(user: ApiUser) -> set[int]:
    response = await user.get("/api/v1/dialogs")
    assert response.status_code == 200, response.text
    return {dialog["id"] for dialog in response.json()["dialogs"]}


def error_code(response: httpx.Response) -> str:
    code: str = response.json()["error"]["code"]
    return code


# Creating, reading and editing


async def test_create_club_makes_owner_and_chat(alice: ApiUser, bob: ApiUser) -> None:
    club = await create_club(alice, title="  Тойота Клуб  ", description="Встречи по субботам")

    assert club["title"] == "Тойота Клуб"
    assert club["city"] == "Владивосток"
    assert club["topic"] == "Toyota"
    assert club["description"] == "Встречи по субботам"
    assert club["join_policy"] == "open"
    assert club["member_count"] == 1
    assert club["my_role"] == "owner"
    assert club["my_status"] == "member"
    assert club["cover"] is None
    assert club["dialog_id"] in await dialog_ids(alice)

    seen_by_bob = await get_club(bob, club["id"])
    assert seen_by_bob["my_role"] is None
    assert seen_by_bob["my_status"] == "none"
    assert seen_by_bob["dialog_id"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"title": "   ", "city": "Москва", "topic": "BMW"},
        {"title": "x" * 81, "city": "Москва", "topic": "BMW"},
        {"title": "Клуб", "city": "", "topic": "BMW"},
        {"title": "Клуб", "city": "Москва", "topic": "BMW", "join_policy": "invite"},
        {"title": "Клуб", "city": "Москва"},
    ],
)
async def test_create_club_rejects_invalid_body(alice: ApiUser, body: dict[str, Any]) -> None:
    response = await alice.post(CLUBS, json=body)
    assert response.status_code == 422
    assert error_code(response) == "validation_failed"


async def test_unknown_club_is_not_found(alice: ApiUser) -> None:
    response = await alice.get(f"{CLUBS}/999999")
    assert response.status_code == 404
    assert error_code(response) == "club_not_found"


async def test_clubs_need_sign_in(api: httpx.AsyncClient) -> None:
    response = await api.get(CLUBS)
    assert response.status_code == 401


async def test_update_club_changes_fields_and_chat_title(alice: ApiUser, bob: ApiUser) -> None:
    club = await create_club(alice)
    word = token()
    response = await alice.patch(
        f"{CLUBS}/{club['id']}",
        json={"title": f"Новое имя {word}", "city": "Казань", "join_policy": "request"},
    )
    assert response.status_code == 200, response.text
    updated = response.json()["club"]
    assert updated["title"] == f"Новое имя {word}"
    assert updated["city"] == "Казань"
    assert updated["topic"] == club["topic"]
    assert updated["join_policy"] == "request"

    assert [found["id"] for found in await search(bob, query=f"новое имя {word}", city="казань")] == [
        club["id"]
    ]
    dialogs = (await alice.get("/api/v1/dialogs")).json()["dialogs"]
    chat = next(dialog for dialog in dialogs if dialog["id"] == club["dialog_id"])
    assert chat["title"] == f"Новое имя {word}"


# Search and pagination


async def test_search_ignores_case_in_cyrillic(alice: ApiUser, bob: ApiUser) -> None:
    word = token()
    moscow = await create_club(alice, title=f"Ёжики НА ДОРОГЕ {word}", city="Москва")
    piter = await create_club(alice, title=f"Ночные гонки {word}", city="Санкт-Петербург")

    assert [c["id"] for c in await search(bob, query=word, city="москва")] == [moscow["id"]]
    assert [c["id"] for c in await search(bob, query=word, city="МОСКВА")] == [moscow["id"]]
    assert [c["id"] for c in await search(bob, query=f"ежики на дороге {word}")] == [moscow["id"]]
    assert [c["id"] for c in await search(bob, query=f"ЁЖИКИ на   дороге {word}")] == [moscow["id"]]
    assert [c["id"] for c in await search(bob, query=word, city="санкт")] == [piter["id"]]
    assert [c["id"] for c in await search(bob, query=word)] == [piter["id"], moscow["id"]]
    assert await search(bob, query=word, city="Казань") == []


async def test_search_treats_wildcards_as_text(alice: ApiUser, bob: ApiUser) -> None:
    word = token()
    percent = await create_club(alice, title=f"Скорость 100% {word}")
    await create_club(alice, title=f"Скорость 1000 {word}")

    assert [c["id"] for c in await search(bob, query=f"100% {word}")] == [percent["id"]]
    assert await search(bob, query=f"1_0% {word}") == []


async def test_search_pages_by_keyset(alice: ApiUser, bob: ApiUser) -> None:
    word = token()
    created = [await create_club(alice, title=f"Страница {index} {word}") for index in range(5)]
    expected = [club["id"] for club in reversed(created)]

    seen: list[int] = []
    after = None
    pages = 0
    while True:
        params: dict[str, Any] = {"query": word, "limit": 2}
        if after is not None:
            params["after"] = after
        response = await bob.get(CLUBS, params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        seen += [club["id"] for club in body["clubs"]]
        pages += 1
        after = body["next_after"]
        if after is None:
            break

    assert seen == expected
    assert pages == 3


async def test_search_rejects_bad_limit(bob: ApiUser) -> None:
    response = await bob.get(CLUBS, params={"limit": 0})
    assert response.status_code == 422
    assert error_code(response) == "validation_failed"


# Joining and leaving


async def test_join_open_club_twice_changes_nothing(alice: ApiUser, bob: ApiUser) -> None:
    club = await create_club(alice)

    joined = await join(bob, club["id"])
    again = await join(bob, club["id"])

    assert joined["my_status"] == "member"
    assert joined["my_role"] == "member"
    assert joined["member_count"] == 2
    assert again["member_count"] == 2
    assert joined["dialog_id"] == club["dialog_id"]
    assert club["dialog_id"] in await dialog_ids(bob)

    members = (await bob.get(f"{CLUBS}/{club['id']}/members")).json()["members"]
    assert [(member["user"]["id"], member["role"]) for member in members] == [
        (alice.id, "owner"),
        (bob.id, "member"),
    ]


async def test_join_request_approved_with_frames(alice: ApiUser, bob: ApiUser) -> None:
    club = await create_club(alice, join_policy="request")
    alice_socket = await connect_user(alice)
    bob_socket = await connect_user(bob)

    pending = await join(bob, club["id"])
    assert pending["my_status"] == "pending"
    assert pending["my_role"] is None
    assert pending["dialog_id"] is None
    assert pending["member_count"] == 1
    assert club["dialog_id"] not in await dialog_ids(bob)

    requested = await alice_socket.wait_for(lambda f: f["type"] == "club.join_requested")
    assert requested["club_id"] == club["id"]
    assert requested["request"]["user"]["id"] == bob.id

    listed = (await alice.get(f"{CLUBS}/{club['id']}/requests")).json()["requests"]
    assert [request["user"]["id"] for request in listed] == [bob.id]

    await approve(alice, club["id"], bob)

    joined = await bob_socket.wait_for(lambda f: f["type"] == "club.joined")
    assert joined["club"]["id"] == club["id"]
    assert joined["club"]["my_status"] == "member"
    assert joined["club"]["dialog_id"] == club["dialog_id"]
    resolved = await alice_socket.wait_for(lambda f: f["type"] == "club.request_resolved")
    assert resolved == {
        "type": "club.request_resolved",
        "club_id": club["id"],
        "user_id": bob.id,
        "approved": True,
        "by": alice.id,
    }
    assert club["dialog_id"] in await dialog_ids(bob)
    assert (await get_club(bob, club["id"]))["member_count"] == 2
    assert (await alice.get(f"{CLUBS}/{club['id']}/requests")).json()["requests"] == []
    await alice_socket.close()
    await bob_socket.close()


async def test_join_request_declined(alice: ApiUser, bob: ApiUser) -> None:
    club = await create_club(alice, join_policy="request")
    bob_socket = await connect_user(bob)
    await join(bob, club["id"])

    response = await alice.post(f"{CLUBS}/{club['id']}/requests/{bob.id}/decline")
    assert response.status_code == 204

    declined = await bob_socket.wait_for(lambda f: f["type"] == "club.request_declined")
    assert declined == {"type": "club.request_declined", "club_id": club["id"]}
    assert (await get_club(bob, club["id"]))["my_status"] == "none"
    again = await alice.post(f"{CLUBS}/{club['id']}/requests/{bob.id}/approve")
    assert again.status_code == 404
    assert error_code(again) == "join_request_not_found"
    await bob_socket.close()


async def test_leave_withdraws_pending_request(alice: ApiUser, bob: ApiUser) -> None:
    club = await create_club(alice, join_policy="request")
    await join(bob, club["id"])

    response = await bob.post(f"{CLUBS}/{club['id']}/leave")

    assert response.status_code == 204
    assert (await get_club(bob, club["id"]))["my_status"] == "none"
    assert (await alice.get(f"{CLUBS}/{club['id']}/requests")).json()["requests"] == []


async def test_leave_club_and_its_chat(alice: ApiUser, bob: ApiUser) -> None:
    club = await create_club(alice)
    await join(bob, club["id"])

    response = await bob.post(f"{CLUBS}/{club['id']}/leave")

    assert response.status_code == 204
    after = await get_club(bob, club["id"])
    assert after["my_status"] == "none"
    assert after["member_count"] == 1
    assert club["dialog_id"] not in await dialog_ids(bob)
    again = await bob.post(f"{CLUBS}/{club['id']}/leave")
    assert again.status_code == 409
    assert error_code(again) == "not_a_member"


async def test_owner_leaves_only_after_handing_over(alice: ApiUser, bob: ApiUser) -> None:
    club = await create_club(alice)
    await join(bob, club["id"])

    refused = await alice.post(f"{CLUBS}/{club['id']}/leave")
    assert refused.status_code == 409
    assert error_code(refused) == "owner_cannot_leave"

    handed = await alice.put(f"{CLUBS}/{club['id']}/members/{bob.id}/role", json={"role": "owner"})
    assert handed.status_code == 204
    assert (await get_club(bob, club["id"]))["my_role"] == "owner"
    assert (await get_club(alice, club["id"]))["my_role"] == "admin"

    left = await alice.post(f"{CLUBS}/{club['id']}/leave")
    assert left.status_code == 204
    assert (await get_club(bob, club["id"]))["member_count"] == 1


# Roles


async def test_roles_set_by_owner_with_frame(
    server: ServerProcess, api: httpx.AsyncClient, alice: ApiUser
) -> None:
    admin = await sign_in(server, api, "Админ")
    member = await sign_in(server, api, "Участник")
    club = await create_club(alice)
    await join(admin, club["id"])
    await join(member, club["id"])
    admin_socket = await connect_user(admin)

    response = await alice.put(f"{CLUBS}/{club['id']}/members/{admin.id}/role", json={"role": "admin"})
    assert response.status_code == 204
    changed = await admin_socket.wait_for(lambda f: f["type"] == "club.role_changed")
    assert changed == {
        "type": "club.role_changed",
        "club_id": club["id"],
        "user_id": admin.id,
        "role": "admin",
        "by": alice.id,
    }

    by_admin = await admin.put(f"{CLUBS}/{club['id']}/members/{member.id}/role", json={"role": "admin"})
    assert by_admin.status_code == 403
    assert error_code(by_admin) == "forbidden"
    self_demotion = await alice.put(f"{CLUBS}/{club['id']}/members/{alice.id}/role", json={"role": "member"})
    assert self_demotion.status_code == 409
    assert error_code(self_demotion) == "owner_cannot_leave"
    stranger = await alice.put(f"{CLUBS}/{club['id']}/members/999999/role", json={"role": "admin"})
    assert stranger.status_code == 404
    assert error_code(stranger) == "not_a_member"
    bad_role = await alice.put(f"{CLUBS}/{club['id']}/members/{member.id}/role", json={"role": "king"})
    assert bad_role.status_code == 422
    await admin_socket.close()


async def test_admins_remove_members_but_not_admins(
    server: ServerProcess, api: httpx.AsyncClient, alice: ApiUser
) -> None:
    admin = await sign_in(server, api, "Админ")
    other_admin = await sign_in(server, api, "Второй админ")
    member = await sign_in(server, api, "Участник")
    club = await create_club(alice)
    for user in (admin, other_admin, member):
        await join(user, club["id"])
    for user in (admin, other_admin):
        response = await alice.put(f"{CLUBS}/{club['id']}/members/{user.id}/role", json={"role": "admin"})
        assert response.status_code == 204

    on_admin = await admin.delete(f"{CLUBS}/{club['id']}/members/{other_admin.id}")
    on_owner = await admin.delete(f"{CLUBS}/{club['id']}/members/{alice.id}")
    on_member = await admin.delete(f"{CLUBS}/{club['id']}/members/{member.id}")
    by_owner = await alice.delete(f"{CLUBS}/{club['id']}/members/{other_admin.id}")

    assert on_admin.status_code == 403
    assert on_owner.status_code == 403
    assert on_member.status_code == 204
    assert by_owner.status_code == 204
    members = (await alice.get(f"{CLUBS}/{club['id']}/members")).json()["members"]
    assert {m["user"]["id"] for m in members} == {alice.id, admin.id}
    assert (await get_club(alice, club["id"]))["member_count"] == 2


# The club chat


async def test_club_chat_follows_membership(alice: ApiUser, bob: ApiUser) -> None:
    club = await create_club(alice)
    direct = await alice.open_dialog(bob)
    await join(bob, club["id"])
    bob_socket = await connect_user(bob)

    await alice.send(club["dialog_id"], "Сбор в субботу")
    delivered = await bob_socket.wait_for(lambda f: f["type"] == "message.new")
    assert delivered["message"]["text"] == "Сбор в субботу"

    response = await alice.delete(f"{CLUBS}/{club['id']}/members/{bob.id}")
    assert response.status_code == 204
    removed = await bob_socket.wait_for(lambda f: f["type"] == "club.removed")
    assert removed == {"type": "club.removed", "club_id": club["id"], "by": alice.id}

    await alice.send(club["dialog_id"], "Уже без Боба")
    await alice.send(direct["id"], "Проверка связи")
    await bob_socket.wait_for(
        lambda f: f["type"] == "message.new" and f["message"]["text"] == "Проверка связи"
    )
    texts = [frame["message"]["text"] for frame in bob_socket.of_type("message.new")]
    assert "Уже без Боба" not in texts
    assert club["dialog_id"] not in await dialog_ids(bob)
    history = await bob.get(f"/api/v1/dialogs/{club['dialog_id']}/messages")
    assert history.status_code == 403
    await bob_socket.close()


# Cover


async def test_cover_upload_focal_point_and_removal(
    server: ServerProcess, alice: ApiUser, bob: ApiUser
) -> None:
    media = server.data_dir / "media"
    before = stored_files(media)
    club = await create_club(alice)

    response = await alice.put(f"{CLUBS}/{club['id']}/cover", files=upload(jpeg(1600, 900, (20, 90, 160))))
    assert response.status_code == 200, response.text
    cover = response.json()["club"]["cover"]
    assert (cover["focal_x"], cover["focal_y"]) == (0.5, 0.5)
    assert cover["photo"]["album_id"] is None
    assert (cover["photo"]["variants"]["large"]["width"], cover["photo"]["variants"]["large"]["height"]) == (
        1600,
        900,
    )
    assert cover["photo"]["preview"].startswith("data:image/webp;base64,")
    first_files = stored_files(media) - before
    assert len(first_files) == 4

    image = await bob.client.get(cover["photo"]["variants"]["medium"]["url"])
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/jpeg"
    assert image.headers["cache-control"] == "public, max-age=31536000, immutable"

    focal = await alice.patch(f"{CLUBS}/{club['id']}/cover", json={"focal_x": 0.25, "focal_y": 0.8})
    assert focal.status_code == 200, focal.text
    assert (focal.json()["club"]["cover"]["focal_x"], focal.json()["club"]["cover"]["focal_y"]) == (0.25, 0.8)
    assert (await get_club(bob, club["id"]))["cover"]["focal_x"] == 0.25
    outside = await alice.patch(f"{CLUBS}/{club['id']}/cover", json={"focal_x": 1.5, "focal_y": 0.5})
    assert outside.status_code == 422

    replaced = await alice.put(f"{CLUBS}/{club['id']}/cover", files=upload(jpeg(800, 600, (160, 90, 20))))
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["club"]["cover"]["focal_x"] == 0.5
    second_files = stored_files(media) - before
    assert len(second_files) == 4
    assert not first_files & second_files

    removed = await alice.delete(f"{CLUBS}/{club['id']}/cover")
    assert removed.status_code == 200
    assert removed.json()["club"]["cover"] is None
    assert stored_files(media) == before
    no_cover = await alice.patch(f"{CLUBS}/{club['id']}/cover", json={"focal_x": 0.5, "focal_y": 0.5})
    assert no_cover.status_code == 404
    assert error_code(no_cover) == "photo_not_found"


async def test_cover_objects_shared_with_photo_survive(server: ServerProcess, alice: ApiUser) -> None:
    media = server.data_dir / "media"
    data = jpeg(900, 700, (5, 200, 100))
    club = await create_club(alice)
    album = (
        await alice.post(
            "/api/v1/albums", json={"owner_type": "club", "owner_id": club["id"], "title": "Встречи"}
        )
    ).json()["album"]
    photo = (await alice.post(f"/api/v1/albums/{album['id']}/photos", files=upload(data))).json()["photo"]
    cover = (await alice.put(f"{CLUBS}/{club['id']}/cover", files=upload(data))).json()["club"]["cover"]
    assert cover["photo"]["variants"]["large"]["url"] == photo["variants"]["large"]["url"]

    response = await alice.delete(f"{CLUBS}/{club['id']}/cover")

    assert response.status_code == 200
    for variant in photo["variants"].values():
        key = variant["url"].removeprefix("/media/")
        assert (media / key).is_file(), key
        assert (await alice.client.get(variant["url"])).status_code == 200


async def test_media_route_rejects_unknown_and_traversal(alice: ApiUser) -> None:
    for path in (
        "/media/photos/00/missing-large.jpg",
        "/media/../autoclub.db",
        "/media/%2e%2e/internal-secret",
    ):
        response = await alice.client.get(path)
        assert response.status_code == 404, path


# Authorization


ROLES = ("outsider", "pending", "member", "admin", "owner")
"""Roles in the order the table tries them: every denial comes before the first success."""


@dataclass
class RoleClub:
    """A club with one user in each role, and targets for the actions that use one up.

    Denied roles leave a target as it was, so they share the admin's target;
    the owner has its own.
    """

    club: dict[str, Any]
    users: dict[str, ApiUser]
    targets: dict[str, dict[str, ApiUser]] = field(default_factory=dict)

    def path(self, suffix: str = "") -> str:
        return f"{CLUBS}/{self.club['id']}{suffix}"

    def target(self, kind: str, role: str) -> ApiUser:
        return self.targets[kind]["owner" if role == "owner" else "admin"]


async def role_club(server: ServerProcess, api: httpx.AsyncClient) -> RoleClub:
    users = {role: await sign_in(server, api, role.capitalize()) for role in ROLES}
    owner = users["owner"]
    setup = RoleClub(club=await create_club(owner, join_policy="request"), users=users)
    club_id = setup.club["id"]
    for kind in ("approve", "decline", "remove", "role"):
        setup.targets[kind] = {
            role: await sign_in(server, api, f"{kind} {role}") for role in ("admin", "owner")
        }

    for user in (
        users["admin"],
        users["member"],
        *setup.targets["remove"].values(),
        *setup.targets["role"].values(),
    ):
        await join(user, club_id)
        await approve(owner, club_id, user)
    response = await owner.put(setup.path(f"/members/{users['admin'].id}/role"), json={"role": "admin"})
    assert response.status_code == 204
    for user in (users["pending"], *setup.targets["approve"].values(), *setup.targets["decline"].values()):
        await join(user, club_id)
    response = await owner.put(setup.path("/cover"), files=upload(jpeg(400, 300)))
    assert response.status_code == 200
    return setup


Action = Callable[[RoleClub, ApiUser, str], Awaitable[httpx.Response]]

# Each action with the status every role gets, run in this order on one club.
CLUB_ACTIONS: list[tuple[str, Action, dict[str, int]]] = [
    ("read club", lambda s, user, role: user.get(s.path()), dict.fromkeys(ROLES, 200)),
    ("list members", lambda s, user, role: user.get(s.path("/members")), dict.fromkeys(ROLES, 200)),
    (
        "edit club",
        lambda s, user, role: user.patch(s.path(), json={"description": f"by {role}"}),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 200, "owner": 200},
    ),
    (
        "set focal point",
        lambda s, user, role: user.patch(s.path("/cover"), json={"focal_x": 0.1, "focal_y": 0.9}),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 200, "owner": 200},
    ),
    (
        "upload cover",
        lambda s, user, role: user.put(s.path("/cover"), files=upload(jpeg(300, 200))),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 200, "owner": 200},
    ),
    (
        "remove cover",
        lambda s, user, role: user.delete(s.path("/cover")),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 200, "owner": 200},
    ),
    (
        "list requests",
        lambda s, user, role: user.get(s.path("/requests")),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 200, "owner": 200},
    ),
    (
        "approve request",
        lambda s, user, role: user.post(s.path(f"/requests/{s.target('approve', role).id}/approve")),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 204, "owner": 204},
    ),
    (
        "decline request",
        lambda s, user, role: user.post(s.path(f"/requests/{s.target('decline', role).id}/decline")),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 204, "owner": 204},
    ),
    (
        "remove member",
        lambda s, user, role: user.delete(s.path(f"/members/{s.target('remove', role).id}")),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 204, "owner": 204},
    ),
    (
        "set role",
        lambda s, user, role: user.put(
            s.path(f"/members/{s.target('role', role).id}/role"), json={"role": "admin"}
        ),
        {"outsider": 403, "pending": 403, "member": 403, "admin": 403, "owner": 204},
    ),
]


async def test_club_authorization_table(server: ServerProcess, api: httpx.AsyncClient) -> None:
    setup = await role_club(server, api)

    got: dict[str, dict[str, int]] = {}
    denials_with_other_codes = []
    for name, run, _expected in CLUB_ACTIONS:
        got[name] = {}
        for role in ROLES:
            response = await run(setup, setup.users[role], role)
            got[name][role] = response.status_code
            if response.status_code == 403 and error_code(response) != "forbidden":
                denials_with_other_codes.append((name, role, response.text))

    assert got == {name: expected for name, _run, expected in CLUB_ACTIONS}
    assert denials_with_other_codes == []


async def test_join_leave_race_keeps_chat_in_step(server: ServerProcess, api: httpx.AsyncClient) -> None:
    """Whatever order racing joins and leaves commit in, the chat follows the club."""
    owner = await sign_in(server, api)
    racer = await sign_in(server, api)
    club = (
        await owner.post(
            "/api/v1/clubs", json={"title": "Гонка", "city": "Казань", "topic": "Лада", "description": ""}
        )
    ).json()["club"]
    chat = f"/api/v1/dialogs/{club['dialog_id']}"

    for _ in range(8):
        await asyncio.gather(
            racer.post(f"/api/v1/clubs/{club['id']}/join"),
            racer.post(f"/api/v1/clubs/{club['id']}/leave"),
            racer.post(f"/api/v1/clubs/{club['id']}/join"),
        )
        status = (await racer.get(f"/api/v1/clubs/{club['id']}")).json()["club"]["my_status"]
        in_chat = (await racer.get(chat)).status_code == 200
        assert in_chat == (status == "member"), status
