"""Writes for webinar rooms. Every action that others should see appends a
``RoomEvent`` with the next sequence number of its stream, in the same transaction as
the state it changes, and is broadcast only after commit (``realtime``).

Services raise ValidationError (Danish) for bad input and PermissionDenied for an
action the person may not take; nothing is stored then. Consumers and views call
them through ``room_action`` or directly.

One module per flow; every public name is re-exported here, so callers import
from ``webinars.services`` as before.
"""

from .breakouts import (
    BREAKOUT_MAX_GROUPS,
    BREAKOUT_MAX_MINUTES,
    breakout_close,
    breakout_extend,
    breakout_open,
    breakout_visit,
)
from .captions import (
    CAPTION_MAX_LENGTH,
    caption_send,
)
from .chat import (
    CHAT_MAX_LENGTH,
    breakout_broadcast,
    chat_pause,
    chat_send,
)
from .events import (
    room_event_append,
)
from .hands import (
    hand_lower,
    hand_raise,
)
from .lifecycle import (
    PRESENT_SHARE,
    ROOM_END_GRACE,
    STATE_ORDER,
    participant_remove,
    presence_join,
    presence_leave,
    room_attendance_feed,
    room_end,
    room_lock,
    room_state_set,
    rooms_close_due,
)
from .polls import (
    POLL_MAX_OPTIONS,
    POLL_OPTION_MAX_LENGTH,
    POLL_QUESTION_MAX_LENGTH,
    poll_close,
    poll_open,
    poll_vote,
)
from .questions import (
    ANSWER_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    question_answer,
    question_approve,
    question_ask,
    question_hide,
    question_show,
    question_upvote,
    questions_approval_set,
)
from .rate_limits import (
    RATE_LIMITS,
    rate_limit_hit,
    rate_limit_refund,
)
from .rooms import (
    INVITE_SEPARATORS,
    room_create,
    room_invite,
    room_links_set,
    room_settings_set,
    room_standalone_create,
    room_uninvite,
)
from .slides import (
    SLIDES_MAX_BYTES,
    slide_set,
    slides_upload,
)

__all__ = [
    "ANSWER_MAX_LENGTH",
    "BREAKOUT_MAX_GROUPS",
    "BREAKOUT_MAX_MINUTES",
    "CAPTION_MAX_LENGTH",
    "CHAT_MAX_LENGTH",
    "INVITE_SEPARATORS",
    "POLL_MAX_OPTIONS",
    "POLL_OPTION_MAX_LENGTH",
    "POLL_QUESTION_MAX_LENGTH",
    "PRESENT_SHARE",
    "QUESTION_MAX_LENGTH",
    "RATE_LIMITS",
    "ROOM_END_GRACE",
    "SLIDES_MAX_BYTES",
    "STATE_ORDER",
    "breakout_broadcast",
    "breakout_close",
    "breakout_extend",
    "breakout_open",
    "breakout_visit",
    "caption_send",
    "chat_pause",
    "chat_send",
    "hand_lower",
    "hand_raise",
    "participant_remove",
    "poll_close",
    "poll_open",
    "poll_vote",
    "presence_join",
    "presence_leave",
    "question_answer",
    "question_approve",
    "question_ask",
    "question_hide",
    "question_show",
    "question_upvote",
    "questions_approval_set",
    "rate_limit_hit",
    "rate_limit_refund",
    "room_attendance_feed",
    "room_create",
    "room_end",
    "room_event_append",
    "room_invite",
    "room_links_set",
    "room_lock",
    "room_settings_set",
    "room_standalone_create",
    "room_state_set",
    "room_uninvite",
    "rooms_close_due",
    "slide_set",
    "slides_upload",
]
