"""Live captions (skrivetolkning)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .. import realtime
from ..models import (
    Caption,
    Room,
    RoomState,
)
from ..selectors import (
    room_access,
)
from ._common import _check_live, _text_clean

CAPTION_MAX_LENGTH = 500


def caption_send(*, room: Room, user: User, text: Any) -> Caption:
    """Send one live caption line (the room's captioners and moderators) while
    the webinar is live. It is stored with the next number of the room's caption
    stream (``Room.caption_last_seq``, row-locked like ``last_seq``) and broadcast
    after commit as an event of the stream "captions". Not idempotent."""
    if not room_access(room=room, user=user).can_caption:
        raise PermissionDenied(
            _("Only the webinar's captioner and moderators can send captions.")
        )
    text = _text_clean(
        text,
        limit=CAPTION_MAX_LENGTH,
        empty_message=_("Write a caption before you send."),
    )
    _check_live(room)
    with transaction.atomic():
        locked = Room.objects.select_for_update().get(pk=room.pk)
        if locked.state != RoomState.LIVE:
            raise ValidationError(_("Captions can be sent once the webinar is live."))
        Room.objects.filter(pk=room.pk).update(
            caption_last_seq=F("caption_last_seq") + 1
        )
        seq = locked.caption_last_seq + 1
        caption = Caption.objects.create(
            room=room, seq=seq, text=text, created_at=timezone.now()
        )
        realtime.caption_publish_on_commit(caption)
    return caption
