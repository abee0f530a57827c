"""Reads for webinar rooms: who may enter and moderate, catch-up, attendance.

One module per flow; every public name is re-exported here, so callers import
from ``webinars.selectors`` as before.
"""

from .access import (
    ENTRY_FLAGS,
    REFUSAL_NOT_ENROLLED,
    REFUSAL_NOT_INVITED,
    REFUSAL_OFFERED,
    REFUSAL_REMOVED,
    REFUSAL_WAITLISTED,
    RoomAccess,
    room_access,
    room_entry,
    room_refusal,
)
from .attendance import (
    AttendanceRow,
    participants_present,
    room_attendance,
)
from .breakouts import (
    breakout_of,
    breakout_open_get,
    breakouts_overview,
)
from .captions import (
    CAPTION_CUE_SECONDS,
    captions_after,
    room_captions_webvtt,
)
from .rooms import (
    room_get,
    room_invitations,
    room_staff_names,
    rooms_for_user,
    sessions_without_room,
    webinar_staff_candidates,
)
from .streams import (
    CATCH_UP_LIMIT,
    events_after,
    room_chat,
    room_questions,
)

__all__ = [
    "AttendanceRow",
    "CAPTION_CUE_SECONDS",
    "CATCH_UP_LIMIT",
    "ENTRY_FLAGS",
    "REFUSAL_NOT_ENROLLED",
    "REFUSAL_NOT_INVITED",
    "REFUSAL_OFFERED",
    "REFUSAL_REMOVED",
    "REFUSAL_WAITLISTED",
    "RoomAccess",
    "breakout_of",
    "breakout_open_get",
    "breakouts_overview",
    "captions_after",
    "events_after",
    "participants_present",
    "room_access",
    "room_attendance",
    "room_captions_webvtt",
    "room_chat",
    "room_entry",
    "room_get",
    "room_invitations",
    "room_questions",
    "room_refusal",
    "room_staff_names",
    "rooms_for_user",
    "sessions_without_room",
    "webinar_staff_candidates",
]
