"""Bodies of the club routes under ``/api/v1/clubs`` and the club frames of the hub."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from shared.api import UserOut
from shared.limits import check_text
from shared.photos import PhotoOut

MAX_CLUB_TITLE_LENGTH = 80
MAX_CLUB_CITY_LENGTH = 64
MAX_CLUB_TOPIC_LENGTH = 64
MAX_CLUB_DESCRIPTION_LENGTH = 4000

JoinPolicy = Literal["open", "request"]
ClubRole = Literal["owner", "admin", "member"]
MembershipStatus = Literal["member", "pending", "none"]

ClubTitle = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_CLUB_TITLE_LENGTH),
    AfterValidator(check_text),
]
ClubCity = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_CLUB_CITY_LENGTH),
    AfterValidator(check_text),
]
ClubTopic = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_CLUB_TOPIC_LENGTH),
    AfterValidator(check_text),
]
ClubDescription = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_CLUB_DESCRIPTION_LENGTH),
    AfterValidator(check_text),
]
FocalCoordinate = Annotated[float, Field(ge=0.0, le=1.0)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ClubCreate(_Body):
    title: ClubTitle
    city: ClubCity
    topic: ClubTopic = Field(description="A car make or model, or a kind of motoring")
    description: ClubDescription = ""
    join_policy: JoinPolicy = Field(
        default="open", description="`open`: anyone joins at once; `request`: admins approve each request"
    )


class ClubUpdate(_Body):
    """Fields to change; a field left out stays as it is."""

    title: ClubTitle | None = None
    city: ClubCity | None = None
    topic: ClubTopic | None = None
    description: ClubDescription | None = None
    join_policy: JoinPolicy | None = None


class FocalPoint(_Body):
    """The point of the cover that a banner crop keeps in view; (0, 0) is the top left."""

    focal_x: FocalCoordinate = Field(description="0 is the left edge, 1 the right edge")
    focal_y: FocalCoordinate = Field(description="0 is the top edge, 1 the bottom edge")


class CoverOut(_Body):
    photo: PhotoOut
    focal_x: float
    focal_y: float


class ClubOut(_Body):
    id: int
    title: str
    city: str
    topic: str
    description: str
    join_policy: JoinPolicy
    member_count: int
    cover: CoverOut | None = None
    my_role: ClubRole | None = Field(description="The caller's role; null unless a member")
    my_status: MembershipStatus = Field(description="`pending` while the caller's join request waits")
    dialog_id: int | None = Field(description="The club's group chat; only members see it")
    created_at: datetime


class ClubEnvelope(_Body):
    club: ClubOut


class ClubList(_Body):
    clubs: list[ClubOut] = Field(description="Newest first")
    next_after: int | None = Field(description="Pass as `after` for the next page; null on the last page")


class ClubMemberOut(_Body):
    user: UserOut
    role: ClubRole
    joined_at: datetime


class ClubMemberList(_Body):
    members: list[ClubMemberOut] = Field(description="In ascending user id")
    next_after: int | None = Field(description="Pass as `after` for the next page; null on the last page")


class JoinRequestOut(_Body):
    id: int
    club_id: int
    user: UserOut
    created_at: datetime


class JoinRequestList(_Body):
    requests: list[JoinRequestOut] = Field(description="Oldest first")
    next_after: int | None = Field(description="Pass as `after` for the next page; null on the last page")


class RoleUpdate(_Body):
    role: ClubRole = Field(description="`owner` hands the club over: the caller becomes an admin")


class ClubFrameType:
    """Values of the ``type`` key of club frames; each goes to ``user:{id}`` rooms."""

    JOIN_REQUESTED = "club.join_requested"
    """To the owner and admins: ``{club_id, request: JoinRequestOut}``."""
    REQUEST_RESOLVED = "club.request_resolved"
    """To the owner and admins: ``{club_id, user_id, approved, by}``."""
    JOINED = "club.joined"
    """To the user whose request was approved: ``{club: ClubOut}``."""
    REQUEST_DECLINED = "club.request_declined"
    """To the user whose request was declined: ``{club_id}``."""
    REMOVED = "club.removed"
    """To the member an admin removed: ``{club_id, by}``."""
    ROLE_CHANGED = "club.role_changed"
    """To the member whose role changed: ``{club_id, user_id, role, by}``."""
