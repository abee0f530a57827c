"""Live captions: catch-up and the WebVTT file."""

import datetime

from ..models import (
    Caption,
    Room,
)
from .streams import CATCH_UP_LIMIT


def captions_after(*, room: Room, after: int) -> list[Caption]:
    """Up to CATCH_UP_LIMIT captions of the room's caption stream after number
    ``after``, oldest first. One query."""
    return list(
        Caption.objects.filter(room=room, seq__gt=max(after, 0)).order_by("seq")[
            :CATCH_UP_LIMIT
        ]
    )


# A cue shows until the next caption, but at most this long.
CAPTION_CUE_SECONDS = 7


def _vtt_time(delta: datetime.timedelta) -> str:
    milliseconds = max(0, round(delta.total_seconds() * 1000))
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, milliseconds = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{milliseconds:03d}"


def _vtt_text(text: str) -> str:
    # WebVTT cue text: & and < start markup, and "-->" may not occur (escaping
    # > covers it). Captions are one line, so no blank line ends a cue early.
    return (
        " ".join(text.split())
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def room_captions_webvtt(*, room: Room) -> str:
    """The room's captions as a WebVTT file. Cue times count from when the
    webinar went live (``Room.live_at``; for a room that never recorded it, from
    the first caption); each cue lasts until the next caption, at most
    CAPTION_CUE_SECONDS. One query."""
    captions = list(
        Caption.objects.filter(room=room)
        .order_by("seq")
        .values_list("seq", "text", "created_at")
    )
    lines = ["WEBVTT", ""]
    if not captions:
        return "\n".join(lines)
    zero = room.live_at or captions[0][2]
    longest = datetime.timedelta(seconds=CAPTION_CUE_SECONDS)
    shortest = datetime.timedelta(milliseconds=1)
    for index, (seq, text, created_at) in enumerate(captions):
        start = max(created_at - zero, datetime.timedelta())
        end = start + longest
        if index + 1 < len(captions):
            end = min(end, captions[index + 1][2] - zero)
        end = max(end, start + shortest)
        lines += [str(seq), f"{_vtt_time(start)} --> {_vtt_time(end)}"]
        lines += [_vtt_text(text), ""]
    return "\n".join(lines)
