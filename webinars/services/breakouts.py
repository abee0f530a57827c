"""Breakout groups: splitting, closing, extending and moderators' visits."""

import datetime
import random
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import (
    Breakout,
    BreakoutSplit,
    Presence,
    Room,
    RoomEvent,
)
from ..selectors import (
    breakout_open_get,
)
from ._common import _check_live, _check_moderator
from .events import room_event_append

BREAKOUT_MAX_GROUPS = 50


BREAKOUT_MAX_MINUTES = 180


def _breakout_split(
    *, participant_ids: list[int], by: str, groups: Any
) -> list[tuple[str, list[int]]]:
    """(label, member ids) per group. At random: ``groups`` groups of near-equal
    size. Otherwise one group per police district, municipality or sector found
    among the participants, sorted by name, and one last group for those without
    one (no organisation, or an organisation outside any municipality)."""
    if by == BreakoutSplit.RANDOM:
        if not isinstance(groups, int) or isinstance(groups, bool):
            raise ValidationError(_("Choose between 1 and 50 groups."))
        if not 1 <= groups <= BREAKOUT_MAX_GROUPS:
            raise ValidationError(_("Choose between 1 and 50 groups."))
        if len(participant_ids) < groups:
            raise ValidationError(_("There are fewer participants than groups."))
        shuffled = list(participant_ids)
        random.shuffle(shuffled)
        return [("", sorted(shuffled[index::groups])) for index in range(groups)]
    if not participant_ids:
        raise ValidationError(_("There are no participants to split."))
    users = User.objects.filter(pk__in=participant_ids).select_related(
        "organisation__kommune__politikreds", "organisation__politikreds"
    )
    keyed: dict[str, list[int]] = {}
    nobody_labels: dict[str, str] = {
        BreakoutSplit.POLICE_DISTRICT: _("No police district"),
        BreakoutSplit.MUNICIPALITY: _("No municipality"),
        BreakoutSplit.SECTOR: _("No sector"),
    }
    nobody = nobody_labels[by]
    rest: list[int] = []
    for person in users:
        organisation = person.organisation
        label: str | None
        if by == BreakoutSplit.SECTOR:
            label = person.get_sector_display()
        elif by == BreakoutSplit.MUNICIPALITY:
            kommune = organisation.kommune if organisation else None
            label = kommune.name if kommune else None
        else:
            district = organisation.district if organisation else None
            label = district.name if district else None
        if label:
            keyed.setdefault(str(label), []).append(person.pk)
        else:
            rest.append(person.pk)
    split = [(label, sorted(keyed[label])) for label in sorted(keyed)]
    if rest:
        split.append((str(nobody), sorted(rest)))
    if len(split) > BREAKOUT_MAX_GROUPS:
        raise ValidationError(_("That would make more than 50 groups."))
    return split


def breakout_open(
    *, room: Room, user: User, minutes: Any, by: Any = "random", groups: Any = None
) -> list[Breakout]:
    """Split the participants present now (not the moderators) into breakout groups
    for ``minutes`` minutes (moderators): ``by`` "random" into ``groups`` groups, or
    by "politikreds", "kommune" or "sector" into one group per value found. Refused
    while breakouts are open."""
    _check_moderator(room=room, user=user)
    _check_live(room)
    if by not in BreakoutSplit.values:
        raise ValidationError(_("Choose how to split the participants."))
    if not isinstance(minutes, int) or not 1 <= minutes <= BREAKOUT_MAX_MINUTES:
        raise ValidationError(_("Choose between 1 and 180 minutes."))
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        if room.breakouts.filter(closed_at__isnull=True).exists():
            raise ValidationError(_("The breakout rooms are already open."))
        present_ids = set(
            Presence.objects.filter(room=room, left_at__isnull=True).values_list(
                "user_id", flat=True
            )
        )
        moderator_ids = set(room.hosts.values_list("pk", flat=True)) | set(
            room.moderators.values_list("pk", flat=True)
        )
        if room.session is not None:
            moderator_ids |= set(
                room.session.offering.responsible.values_list("pk", flat=True)
            )
        # The captioners stay in the main room, where the captions are needed.
        moderator_ids |= set(room.captioners.values_list("pk", flat=True))
        participant_ids = sorted(present_ids - moderator_ids - {user.pk})
        split = _breakout_split(participant_ids=participant_ids, by=by, groups=groups)
        closes_at = timezone.now() + datetime.timedelta(minutes=minutes)
        number_start = room.breakouts.count()
        breakouts = []
        assignments: dict[str, int] = {}
        for index, (label, members) in enumerate(split):
            breakout = Breakout.objects.create(
                room=room,
                number=number_start + index + 1,
                label=label,
                closes_at=closes_at,
            )
            breakout.members.add(*members)
            breakouts.append(breakout)
            for member in members:
                assignments[str(member)] = breakout.pk
        room_event_append(
            room=room,
            kind="breakout.opened",
            data={
                "closes_at": closes_at.isoformat(),
                "by": by,
                "groups": [
                    {"breakout": breakout.pk, "number": index + 1, "label": label}
                    for index, (breakout, (label, _members)) in enumerate(
                        zip(breakouts, split, strict=True)
                    )
                ],
                "assignments": assignments,
            },
            actor=user,
            control={"assignments": assignments},
        )
    return breakouts


def breakout_close(*, room: Room, user: User) -> RoomEvent:
    """Bring everyone back from the breakout rooms (moderators)."""
    _check_moderator(room=room, user=user)
    event = _breakouts_close(room=room, actor=user)
    if event is None:
        raise ValidationError(_("No breakout rooms are open."))
    return event


def _breakouts_close(*, room: Room, actor: User | None) -> RoomEvent | None:
    with transaction.atomic():
        open_ids = list(
            room.breakouts.select_for_update()
            .filter(closed_at__isnull=True)
            .values_list("pk", flat=True)
        )
        if not open_ids:
            return None
        Breakout.objects.filter(pk__in=open_ids).update(closed_at=timezone.now())
        return room_event_append(
            room=room,
            kind="breakout.closed",
            data={"breakouts": open_ids},
            actor=actor,
            control={"breakouts": open_ids},
        )


def _breakout_visit_check(*, room: Room, user: User, breakout_id: Any) -> Breakout:
    """The open group a moderator may enter and write in; refused for others."""
    _check_moderator(room=room, user=user)
    breakout = breakout_open_get(room=room, breakout_id=breakout_id)
    if breakout is None:
        raise ValidationError(_("The breakout room is not open."))
    return breakout


def breakout_visit(*, room: Room, user: User, breakout_id: Any) -> Breakout:
    """Check that a moderator may enter the open group ``breakout_id`` to follow
    and write in its chat. Stores nothing (a visit is a subscription, which the
    consumer keeps); idempotent."""
    return _breakout_visit_check(room=room, user=user, breakout_id=breakout_id)


def breakout_extend(*, room: Room, user: User, minutes: Any) -> RoomEvent:
    """Give the open breakout groups ``minutes`` more (moderators); everyone in the
    room learns the new closing time from ``breakout.extended``. The periodic job
    closes them at that time. Refused when none are open or the breakout would
    last more than 180 minutes from now."""
    _check_moderator(room=room, user=user)
    if (
        not isinstance(minutes, int)
        or isinstance(minutes, bool)
        or not 1 <= minutes <= BREAKOUT_MAX_MINUTES
    ):
        raise ValidationError(_("Choose between 1 and 180 minutes."))
    _check_live(room)
    with transaction.atomic():
        groups = list(room.breakouts.select_for_update().filter(closed_at__isnull=True))
        if not groups:
            raise ValidationError(_("No breakout rooms are open."))
        now = timezone.now()
        closes_at = max(group.closes_at or now for group in groups)
        closes_at = max(closes_at, now) + datetime.timedelta(minutes=minutes)
        if closes_at > now + datetime.timedelta(minutes=BREAKOUT_MAX_MINUTES):
            raise ValidationError(
                _("The breakout rooms can last at most 180 minutes from now.")
            )
        ids = [group.pk for group in groups]
        Breakout.objects.filter(pk__in=ids).update(closes_at=closes_at)
        return room_event_append(
            room=room,
            kind="breakout.extended",
            data={
                "breakouts": ids,
                "closes_at": closes_at.isoformat(),
                "minutes": minutes,
            },
            actor=user,
        )
