"""Breakout groups: a person's group, an open group, the moderators' overview."""

from typing import Any

from django.db.models import Count, Max

from accounts.models import User

from ..models import (
    Breakout,
    Room,
    RoomEvent,
)


def breakout_of(*, room: Room, user: User) -> Breakout | None:
    """The open breakout ``user`` is in, if any."""
    return (
        Breakout.objects.filter(room=room, closed_at__isnull=True, members=user)
        .order_by("-number")
        .first()
    )


def breakout_open_get(*, room: Room, breakout_id: Any) -> Breakout | None:
    """The room's open breakout group with id ``breakout_id``, if there is one."""
    if not isinstance(breakout_id, int) or isinstance(breakout_id, bool):
        return None
    return Breakout.objects.filter(
        room=room, pk=breakout_id, closed_at__isnull=True
    ).first()


def breakouts_overview(*, room: Room) -> list[dict]:
    """The open breakout groups for the moderators' overview: number, label, when
    they close, their members by name, and their activity (chat messages from the
    group, not the moderators' messages to all groups, and the time of the last).
    Three queries, whatever the number of groups."""
    groups = list(
        Breakout.objects.filter(room=room, closed_at__isnull=True)
        .prefetch_related("members")
        .order_by("number")
    )
    activity = {
        row["breakout_id"]: row
        for row in RoomEvent.objects.filter(breakout__in=groups, kind="chat.message")
        .exclude(payload__has_key="broadcast")
        .values("breakout_id")
        .annotate(messages=Count("pk"), last_message_at=Max("created_at"))
    }
    overview = []
    # The groups of one round are numbered from 1, as ``breakout.opened`` says.
    for number, group in enumerate(groups, start=1):
        members = sorted(
            group.members.all(),
            key=lambda person: (person.first_name, person.last_name, person.pk),
        )
        row = activity.get(group.pk, {})
        overview.append(
            {
                "breakout": group.pk,
                "number": number,
                "label": group.label,
                "closes_at": group.closes_at,
                "members": [
                    {"user": person.pk, "name": person.get_full_name()}
                    for person in members
                ],
                "messages": row.get("messages", 0),
                "last_message_at": row.get("last_message_at"),
            }
        )
    return overview
