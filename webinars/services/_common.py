"""Helpers the services of every flow share: names, permission and state
checks, text cleaning."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from core.text_guard import validate_no_cpr

from ..models import (
    Room,
    RoomState,
)
from ..selectors import (
    room_access,
)


def _name(user: User) -> str:
    return user.get_full_name() or _("Participant")


def _check_moderator(*, room: Room, user: User) -> None:
    if not room_access(room=room, user=user).is_moderator:
        raise PermissionDenied(_("Only the webinar's moderators can do that."))


def _check_live(room: Room) -> None:
    if room.state == RoomState.ENDED:
        raise ValidationError(_("The webinar has ended."))


def _text_clean(text: Any, *, limit: int, empty_message: str) -> str:
    if not isinstance(text, str):
        raise ValidationError(empty_message)
    text = text.strip()
    if not text:
        raise ValidationError(empty_message)
    if len(text) > limit:
        raise ValidationError(
            _("The text can be at most %(limit)s characters long.") % {"limit": limit}
        )
    validate_no_cpr(text)
    return text
