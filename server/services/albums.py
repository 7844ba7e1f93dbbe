"""Photo albums of any owner (a club or a user) and the photos in them.

Who may do what, for an album of a club / of a user:

- read albums and photos: every signed-in user / every signed-in user;
- create, rename, describe, set the cover, delete the album, delete any
  photo: the club's owner and admins / the user;
- upload photos: any club member / the user;
- delete a photo: also the user who uploaded it, even after leaving the club.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update

from server.db.engine import DbSession
from server.db.models import Album, Club, Photo, User
from server.errors import ApiError, not_found
from server.services import photos
from server.services.clubs import ROLE_RANK, club_role
from server.services.context import ServerContext
from shared.errors import ErrorCode
from shared.photos import AlbumCreate, AlbumList, AlbumOut, AlbumUpdate, OwnerType, PhotoList, PhotoOut

logger = logging.getLogger("autoclub.api")


@dataclass(frozen=True)
class _Rights:
    can_upload: bool
    can_manage: bool


async def _require_owner(db: DbSession, owner_type: str, owner_id: int) -> None:
    if owner_type == "club":
        if await db.get(Club, owner_id) is None:
            raise not_found(ErrorCode.CLUB_NOT_FOUND, f"club {owner_id} not found")
    elif await db.get(User, owner_id) is None:
        raise not_found(ErrorCode.USER_NOT_FOUND, f"user {owner_id} not found")


async def _rights(db: DbSession, owner_type: str, owner_id: int, user_id: int) -> _Rights:
    if owner_type == "club":
        role = await club_role(db, owner_id, user_id)
        return _Rights(
            can_upload=role is not None,
            can_manage=role is not None and ROLE_RANK[role] >= ROLE_RANK["admin"],
        )
    is_owner = owner_id == user_id
    return _Rights(can_upload=is_owner, can_manage=is_owner)


def _forbid(album: Album, action: str, *, uploaders: bool = False) -> ApiError:
    if album.owner_type == "user":
        who = f"user {album.owner_id}"
    elif uploaders:
        who = f"members of club {album.owner_id}"
    else:
        who = f"the owner and admins of club {album.owner_id}"
    return ApiError(403, ErrorCode.FORBIDDEN, f"only {who} may {action} in album {album.id}")


async def _require_album(db: DbSession, album_id: int, *, lock: bool = False) -> Album:
    query = select(Album).where(Album.id == album_id)
    if lock:
        query = query.with_for_update()
    album = (await db.execute(query)).scalar_one_or_none()
    if album is None:
        raise not_found(ErrorCode.ALBUM_NOT_FOUND, f"album {album_id} not found")
    return album


async def _load_album_views(
    db: DbSession, context: ServerContext, viewer_id: int, albums: list[Album]
) -> list[AlbumOut]:
    rights: dict[tuple[str, int], _Rights] = {}
    for album in albums:
        owner = (album.owner_type, album.owner_id)
        if owner not in rights:
            rights[owner] = await _rights(db, album.owner_type, album.owner_id, viewer_id)
    cover_ids = [album.cover_photo_id for album in albums if album.cover_photo_id is not None]
    covers = (
        list((await db.execute(select(Photo).where(Photo.id.in_(cover_ids)))).scalars()) if cover_ids else []
    )
    cover_views = await photos.load_photo_views(db, context.storage, covers)
    return [
        AlbumOut(
            id=album.id,
            owner_type="club" if album.owner_type == "club" else "user",
            owner_id=album.owner_id,
            title=album.title,
            description=album.description,
            photo_count=album.photo_count,
            cover=cover_views.get(album.cover_photo_id) if album.cover_photo_id is not None else None,
            can_upload=rights[(album.owner_type, album.owner_id)].can_upload,
            can_manage=rights[(album.owner_type, album.owner_id)].can_manage,
            created_at=album.created_at,
        )
        for album in albums
    ]


async def create_album(context: ServerContext, actor_id: int, body: AlbumCreate) -> AlbumOut:
    async with context.database.session(write=True) as db:
        await _require_owner(db, body.owner_type, body.owner_id)
        if not (await _rights(db, body.owner_type, body.owner_id, actor_id)).can_manage:
            who = "the club's owner and admins" if body.owner_type == "club" else "users for themselves"
            raise ApiError(403, ErrorCode.FORBIDDEN, f"only {who} create albums")
        album = Album(
            owner_type=body.owner_type,
            owner_id=body.owner_id,
            title=body.title,
            description=body.description,
            photo_count=0,
            created_by=actor_id,
            created_at=datetime.now(UTC),
        )
        db.add(album)
        await db.commit()
        view = (await _load_album_views(db, context, actor_id, [album]))[0]
    logger.info("User %s created album %s of %s %s", actor_id, album.id, body.owner_type, body.owner_id)
    return view


async def list_albums(
    context: ServerContext,
    viewer_id: int,
    owner_type: OwnerType,
    owner_id: int,
    *,
    after: int | None,
    limit: int,
) -> AlbumList:
    """Return one page of an owner's albums, newest first."""
    statement = (
        select(Album)
        .where(Album.owner_type == owner_type, Album.owner_id == owner_id)
        .order_by(Album.id.desc())
        .limit(limit + 1)
    )
    if after is not None:
        statement = statement.where(Album.id < after)
    async with context.database.session() as db:
        await _require_owner(db, owner_type, owner_id)
        albums = list((await db.execute(statement)).scalars())
        page = albums[:limit]
        views = await _load_album_views(db, context, viewer_id, page)
    return AlbumList(albums=views, next_after=page[-1].id if len(albums) > limit else None)


async def get_album(context: ServerContext, viewer_id: int, album_id: int) -> AlbumOut:
    async with context.database.session() as db:
        album = await _require_album(db, album_id)
        return (await _load_album_views(db, context, viewer_id, [album]))[0]


async def update_album(context: ServerContext, actor_id: int, album_id: int, body: AlbumUpdate) -> AlbumOut:
    """Rename, describe or set the cover; a ``cover_photo_id`` of null clears the cover."""
    async with context.database.session(write=True) as db:
        album = await _require_album(db, album_id, lock=True)
        if not (await _rights(db, album.owner_type, album.owner_id, actor_id)).can_manage:
            raise _forbid(album, "change the album")
        if body.title is not None:
            album.title = body.title
        if body.description is not None:
            album.description = body.description
        if "cover_photo_id" in body.model_fields_set:
            if body.cover_photo_id is not None:
                photo = await db.get(Photo, body.cover_photo_id)
                if photo is None or photo.album_id != album_id:
                    raise not_found(
                        ErrorCode.PHOTO_NOT_FOUND, f"photo {body.cover_photo_id} is not in album {album_id}"
                    )
            album.cover_photo_id = body.cover_photo_id
        await db.commit()
        view = (await _load_album_views(db, context, actor_id, [album]))[0]
    logger.info("User %s edited album %s", actor_id, album_id)
    return view


async def delete_album(context: ServerContext, actor_id: int, album_id: int) -> None:
    """Delete an album, its photos and every stored object no other photo uses."""
    async with context.database.session(write=True) as db:
        album = await _require_album(db, album_id, lock=True)
        if not (await _rights(db, album.owner_type, album.owner_id, actor_id)).can_manage:
            raise _forbid(album, "delete the album")
        photo_ids = list((await db.execute(select(Photo.id).where(Photo.album_id == album_id))).scalars())
        released = await photos.delete_photo_rows(db, photo_ids)
        await db.delete(album)
        await db.commit()
    logger.info("User %s deleted album %s with %d photos", actor_id, album_id, len(photo_ids))
    await photos.release_objects(context, released)


async def upload_photo(context: ServerContext, actor_id: int, album_id: int, data: bytes) -> PhotoOut:
    """Process, store and add one photo to an album.

    Raises:
        ApiError: ``album_not_found``; ``forbidden``; the upload errors of
            ``photos.process_upload``; 503 ``storage_unavailable``.
    """
    async with context.database.session() as db:
        album = await _require_album(db, album_id)
        if not (await _rights(db, album.owner_type, album.owner_id, actor_id)).can_upload:
            raise _forbid(album, "upload photos", uploaders=True)

    upload_id = photos.new_upload_id()
    processed = await photos.process_upload(context, data, upload_id=upload_id)

    async def link(db: DbSession, photo: Photo) -> list[str]:
        # The album may have been deleted, or the uploader removed, meanwhile.
        current = await _require_album(db, album_id, lock=True)
        if not (await _rights(db, current.owner_type, current.owner_id, actor_id)).can_upload:
            raise _forbid(current, "upload photos", uploaders=True)
        await db.execute(
            update(Album)
            .where(Album.id == album_id)
            .values(photo_count=Album.photo_count + 1)
            .execution_options(synchronize_session=False)
        )
        return []

    photo, variants = await photos.save_photo(
        context, processed, upload_id=upload_id, uploader_id=actor_id, album_id=album_id, link=link
    )
    return photos.photo_out(context.storage, photo, variants)


async def list_photos(context: ServerContext, album_id: int, *, after: int | None, limit: int) -> PhotoList:
    """Return one page of an album's photos, newest first."""
    statement = select(Photo).where(Photo.album_id == album_id).order_by(Photo.id.desc()).limit(limit + 1)
    if after is not None:
        statement = statement.where(Photo.id < after)
    async with context.database.session() as db:
        await _require_album(db, album_id)
        rows = list((await db.execute(statement)).scalars())
        page = rows[:limit]
        views = await photos.load_photo_views(db, context.storage, page)
    return PhotoList(
        photos=[views[photo.id] for photo in page], next_after=page[-1].id if len(rows) > limit else None
    )


async def _require_album_photo(db: DbSession, photo_id: int) -> Photo:
    """Return a photo of an album; club covers are not reachable here."""
    photo = await db.get(Photo, photo_id)
    if photo is None or photo.album_id is None:
        raise not_found(ErrorCode.PHOTO_NOT_FOUND, f"photo {photo_id} not found")
    return photo


async def get_photo(context: ServerContext, photo_id: int) -> PhotoOut:
    async with context.database.session() as db:
        photo = await _require_album_photo(db, photo_id)
        return (await photos.load_photo_views(db, context.storage, [photo]))[photo.id]


async def delete_photo(context: ServerContext, actor_id: int, photo_id: int) -> None:
    """Delete a photo; its uploader and the album's managers may."""
    async with context.database.session(write=True) as db:
        photo = await _require_album_photo(db, photo_id)
        album_id = photo.album_id
        assert album_id is not None
        album = await _require_album(db, album_id, lock=True)
        if photo.uploader_id != actor_id:
            if not (await _rights(db, album.owner_type, album.owner_id, actor_id)).can_manage:
                raise _forbid(album, "delete other people's photos")
        if album.cover_photo_id == photo_id:
            album.cover_photo_id = None
        album.photo_count = max(0, album.photo_count - 1)
        released = await photos.delete_photo_rows(db, [photo_id])
        await db.commit()
    logger.info("User %s deleted photo %s of album %s", actor_id, photo_id, album_id)
    await photos.release_objects(context, released)
