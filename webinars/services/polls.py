"""Polls: opening, voting and closing."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import (
    Poll,
    PollVote,
    Room,
    RoomEvent,
)
from ._common import _check_live, _check_moderator, _text_clean
from .events import room_event_append

POLL_QUESTION_MAX_LENGTH = 300


POLL_OPTION_MAX_LENGTH = 100


POLL_MAX_OPTIONS = 10


def poll_open(*, room: Room, user: User, question: Any, options: Any) -> Poll:
    """Open a poll with 2-10 options (moderators)."""
    _check_moderator(room=room, user=user)
    _check_live(room)
    question = _text_clean(
        question,
        limit=POLL_QUESTION_MAX_LENGTH,
        empty_message=_("Write the poll's question."),
    )
    if not isinstance(options, list):
        raise ValidationError(_("A poll needs between 2 and 10 options."))
    cleaned = [
        _text_clean(
            option,
            limit=POLL_OPTION_MAX_LENGTH,
            empty_message=_("An option of the poll is empty."),
        )
        for option in options
    ]
    if not 2 <= len(cleaned) <= POLL_MAX_OPTIONS:
        raise ValidationError(_("A poll needs between 2 and 10 options."))
    with transaction.atomic():
        poll = Poll.objects.create(room=room, question=question, options=cleaned)
        room_event_append(
            room=room,
            kind="poll.opened",
            data={"poll": poll.pk, "question": question, "options": cleaned},
            actor=user,
        )
    return poll


def _poll_counts(poll: Poll) -> list[int]:
    counts = dict(
        PollVote.objects.filter(poll=poll)
        .values_list("option")
        .annotate(total=Count("pk"))
    )
    return [counts.get(index, 0) for index in range(len(poll.options))]


def poll_vote(*, room: Room, user: User, poll_id: Any, option: Any) -> RoomEvent:
    """Vote once in an open poll; the event carries the live results."""
    _check_live(room)
    with transaction.atomic():
        # The poll's row lock serialises this vote with ``poll_close``: a vote
        # either commits before the close counts, or sees the poll closed.
        poll = (
            Poll.objects.select_for_update().filter(room=room, pk=poll_id).first()
            if isinstance(poll_id, int)
            else None
        )
        if poll is None:
            raise ValidationError(_("The poll was not found."))
        if poll.state != Poll.State.OPEN:
            raise ValidationError(_("The poll is closed."))
        if not isinstance(option, int) or not 0 <= option < len(poll.options):
            raise ValidationError(_("Choose one of the poll's options."))
        try:
            with transaction.atomic():
                PollVote.objects.create(poll=poll, user=user, option=option)
        except IntegrityError:
            raise ValidationError(_("You have already voted in this poll.")) from None
        return room_event_append(
            room=room,
            kind="poll.results",
            data=lambda: {"poll": poll.pk, "counts": _poll_counts(poll)},
            actor=user,
        )


def poll_close(*, room: Room, user: User, poll_id: Any) -> RoomEvent:
    """Close an open poll (moderators); the event carries the final results."""
    _check_moderator(room=room, user=user)
    with transaction.atomic():
        # Locked as in ``poll_vote``: votes in flight commit first and are counted.
        poll = (
            Poll.objects.select_for_update()
            .filter(room=room, pk=poll_id, state=Poll.State.OPEN)
            .first()
            if isinstance(poll_id, int)
            else None
        )
        if poll is None:
            raise ValidationError(_("The poll was not found or is already closed."))
        Poll.objects.filter(pk=poll.pk).update(state=Poll.State.CLOSED)
        return room_event_append(
            room=room,
            kind="poll.closed",
            data=lambda: {"poll": poll.pk, "counts": _poll_counts(poll)},
            actor=user,
        )
