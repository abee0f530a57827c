"""Raised hands."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import (
    Hand,
    Room,
    RoomEvent,
)
from ._common import _check_live, _check_moderator, _name
from .events import room_event_append


def hand_raise(*, room: Room, user: User) -> RoomEvent:
    """Raise a hand: the person joins the end of the queue."""
    _check_live(room)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Hand.objects.create(room=room, user=user)
        except IntegrityError:
            raise ValidationError(_("Your hand is already raised.")) from None
        return room_event_append(
            room=room,
            kind="hand.raised",
            data={"user": user.pk, "name": _name(user)},
            actor=user,
        )


def hand_lower(*, room: Room, user: User, target_user_id: Any = None) -> RoomEvent:
    """Lower one's own hand, or (moderators) someone else's."""
    target_id = user.pk if target_user_id in (None, user.pk) else target_user_id
    if target_id != user.pk:
        _check_moderator(room=room, user=user)
    with transaction.atomic():
        if not Hand.objects.filter(
            room=room,
            user_id=target_id if isinstance(target_id, int) else 0,
            lowered_at__isnull=True,
        ).update(lowered_at=timezone.now()):
            raise ValidationError(_("The hand is not raised."))
        return room_event_append(
            room=room, kind="hand.lowered", data={"user": target_id}, actor=user
        )
