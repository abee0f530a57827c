"""The messages a browser may send on the room socket, defined once.

Each message type has a ``Message`` spec: its fields (type, required or optional with
a default, length limits, ranges, allowed values), who may send it (documentation;
the services enforce it) and its rate-limit bucket. ``message_validate`` turns a
frame's decoded JSON into the fields with defaults filled in, or raises
``ProtocolError``. Nothing else is accepted: unknown fields, ``true`` for a number,
and control characters (NUL, which PostgreSQL text cannot hold, among them) or lone
surrogates in any string are refused before anything reaches a service.

docs/webinar-protocol.md lists the same fields; tests/webinars/test_protocol.py
compares the two with ``field_rows`` and ``message_rows``, so they cannot drift.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A frame larger than this gets ``too_large`` and the socket stays open. Larger
# still, the web process's limit (--ws-max-size in deploy/web.sh; daphne's 1 MiB
# under runserver, see lms/asgi.py) closes it with 1009.
MESSAGE_MAX_BYTES = 4096
# Database ids and sequence numbers are PostgreSQL bigints.
BIGINT_MAX = 2**63 - 1

# C0 controls, DEL, C1 controls and UTF-16 surrogates (json.loads lets "\ud800"
# through; it cannot be encoded for the database).
_FORBIDDEN_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Text areas may hold line breaks and tabs, nothing else of the above.
_FORBIDDEN_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class ProtocolError(Exception):
    """A frame that breaks the protocol: ``code`` is the error code sent back
    (``malformed``, ``unknown_type``, ``invalid_field``), ``message`` Danish text."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Field:
    """One field of a message. ``kind`` is the JSON type: "int", "bool", "str" or
    "list" (of ``item``). ``message`` replaces the generic error text for this field
    (the one the services use for the same mistake)."""

    kind: str
    required: bool = False
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    multiline: bool = False
    choices: tuple[str, ...] = ()
    item: "Field | None" = None
    message: Promise | None = None

    def limits(self) -> str:
        """The limits as docs/webinar-protocol.md writes them."""
        if self.kind == "int":
            if self.maximum is not None and self.maximum != BIGINT_MAX:
                return f"{self.minimum}–{self.maximum}"
            return f"≥ {self.minimum}"
        if self.kind == "str":
            if self.choices:
                return "one of " + ", ".join(json.dumps(c) for c in self.choices)
            lines = "line breaks allowed" if self.multiline else "one line"
            return f"≤ {self.max_length} characters, {lines}"
        if self.kind == "list" and self.item is not None:
            return (
                f"{self.minimum}–{self.maximum} items, each {self.item.kind} "
                f"{self.item.limits()}"
            )
        return ""


@dataclass(frozen=True)
class Message:
    """One message type: its fields, who may send it ("all", "moderators" or
    "captioners", which includes moderators) and
    the rate-limit bucket ("text", "click" or None)."""

    fields: dict[str, Field] = field(default_factory=dict)
    who: str = "all"
    bucket: str | None = None


def _id(**options: Any) -> Field:
    return Field("int", minimum=1, maximum=BIGINT_MAX, **options)


def _seq(**options: Any) -> Field:
    return Field("int", minimum=0, maximum=BIGINT_MAX, **options)


# The limits are the services' (webinars/services/), repeated here as literals so
# the protocol reads on its own; test_protocol checks they agree.
MESSAGES: dict[str, Message] = {
    "ping": Message(),
    "sync": Message(
        {
            "after": _seq(required=True),
            "breakout_after": _seq(default=0),
            "caption_after": _seq(),
        }
    ),
    "chat.send": Message(
        {
            "text": Field("str", required=True, max_length=1000),
            "to": Field("str", default="room", choices=("room", "breakout")),
            # A moderator writing in a group they visit (breakout.enter).
            "breakout": _id(),
        },
        bucket="text",
    ),
    "question.ask": Message(
        {
            "text": Field("str", required=True, max_length=500, multiline=True),
            "anonymous": Field("bool", default=False),
        },
        bucket="text",
    ),
    "question.upvote": Message({"question": _id(required=True)}, bucket="click"),
    "question.answer": Message(
        {
            "question": _id(required=True),
            "answer": Field("str", default="", max_length=1000, multiline=True),
        },
        who="moderators",
    ),
    "question.approve": Message({"question": _id(required=True)}, who="moderators"),
    "questions.approval": Message(
        {"required": Field("bool", required=True)}, who="moderators"
    ),
    "question.hide": Message({"question": _id(required=True)}, who="moderators"),
    "question.show": Message({"question": _id(required=True)}, who="moderators"),
    "caption.send": Message(
        {"text": Field("str", required=True, max_length=500)}, who="captioners"
    ),
    "poll.open": Message(
        {
            "question": Field("str", required=True, max_length=300),
            "options": Field(
                "list",
                required=True,
                minimum=2,
                maximum=10,
                item=Field("str", max_length=100),
                message=gettext_lazy("A poll needs between 2 and 10 options."),
            ),
        },
        who="moderators",
    ),
    "poll.vote": Message(
        {
            "poll": _id(required=True),
            "option": Field("int", required=True, minimum=0, maximum=9),
        },
        bucket="click",
    ),
    "poll.close": Message({"poll": _id(required=True)}, who="moderators"),
    "hand.raise": Message(bucket="click"),
    "hand.lower": Message({"user": _id()}, bucket="click"),
    "slide.set": Message(
        {"page": Field("int", required=True, minimum=1, maximum=BIGINT_MAX)},
        who="moderators",
    ),
    "breakout.open": Message(
        {
            "minutes": Field(
                "int",
                required=True,
                minimum=1,
                maximum=180,
                message=gettext_lazy("Choose between 1 and 180 minutes."),
            ),
            "by": Field(
                "str",
                default="random",
                choices=("random", "politikreds", "kommune", "sector"),
                message=gettext_lazy("Choose how to split the participants."),
            ),
            "groups": Field(
                "int",
                minimum=1,
                maximum=50,
                message=gettext_lazy("Choose between 1 and 50 groups."),
            ),
        },
        who="moderators",
    ),
    "breakout.close": Message(who="moderators"),
    # The moderators' overview of the breakout groups: see docs/webinar-protocol.md.
    "breakouts.list": Message(who="moderators"),
    "breakout.enter": Message({"breakout": _id(required=True)}, who="moderators"),
    "breakout.leave": Message(who="moderators"),
    "breakout.broadcast": Message(
        {"text": Field("str", required=True, max_length=1000)}, who="moderators"
    ),
    "breakout.extend": Message(
        {
            "minutes": Field(
                "int",
                required=True,
                minimum=1,
                maximum=180,
                message=gettext_lazy("Choose between 1 and 180 minutes."),
            )
        },
        who="moderators",
    ),
    "chat.pause": Message({"paused": Field("bool", required=True)}, who="moderators"),
    "room.lock": Message({"locked": Field("bool", required=True)}, who="moderators"),
    "participant.remove": Message({"user": _id(required=True)}, who="moderators"),
    "participants.list": Message(who="moderators"),
    "room.state": Message(
        {
            "state": Field(
                "str",
                required=True,
                choices=("aaben", "live"),
                message=gettext_lazy("Choose open for entry or live."),
            )
        },
        who="moderators",
    ),
    "room.end": Message(who="moderators"),
}


def _field_error(spec: Field, generic: str) -> ProtocolError:
    return ProtocolError(
        "invalid_field", str(spec.message) if spec.message else generic
    )


def _value_check(name: str, spec: Field, value: Any) -> None:
    wrong = _("The field %(field)s is missing or has the wrong type.") % {"field": name}
    if spec.kind == "int":
        # bool is an int in Python; a field that wants a number wants a number.
        if not isinstance(value, int) or isinstance(value, bool):
            raise _field_error(spec, wrong)
        below = spec.minimum is not None and value < spec.minimum
        above = spec.maximum is not None and value > spec.maximum
        if below or above:
            raise _field_error(
                spec,
                _("The field %(field)s is out of range.") % {"field": name},
            )
    elif spec.kind == "bool":
        if not isinstance(value, bool):
            raise _field_error(spec, wrong)
    elif spec.kind == "str":
        if not isinstance(value, str):
            raise _field_error(spec, wrong)
        forbidden = _FORBIDDEN_MULTILINE if spec.multiline else _FORBIDDEN_ONE_LINE
        if forbidden.search(value):
            raise _field_error(
                spec,
                _("The field %(field)s contains characters that are not allowed.")
                % {"field": name},
            )
        if spec.choices and value not in spec.choices:
            raise _field_error(
                spec,
                _("The field %(field)s has a value that is not allowed.")
                % {"field": name},
            )
        if spec.max_length is not None and len(value) > spec.max_length:
            raise _field_error(
                spec,
                _("The text can be at most %(limit)s characters long.")
                % {"limit": spec.max_length},
            )
    elif spec.kind == "list":
        assert spec.item is not None
        if not isinstance(value, list):
            raise _field_error(spec, wrong)
        if not (spec.minimum or 0) <= len(value) <= (spec.maximum or len(value)):
            raise _field_error(
                spec,
                _("The field %(field)s has the wrong number of items.")
                % {"field": name},
            )
        for item in value:
            _value_check(name, spec.item, item)


def message_validate(text: str | None) -> dict:
    """Decode and check one frame (``text`` is None for a binary frame). Returns
    ``{"type": ..., <every field>}`` with the defaults of absent optional fields
    filled in; raises ``ProtocolError``. Pure: no database, no side effects."""
    if text is None:
        raise ProtocolError(
            "malformed", _("The message could not be read: send text, not binary.")
        )
    if len(text.encode("utf-8", "surrogatepass")) > MESSAGE_MAX_BYTES:
        raise ProtocolError("too_large", _("The message is too large."))
    try:
        content = json.loads(text)
    except (ValueError, RecursionError):
        content = None
    if not isinstance(content, dict) or not isinstance(content.get("type"), str):
        raise ProtocolError("malformed", _("The message could not be read."))
    spec = MESSAGES.get(content["type"])
    if spec is None:
        raise ProtocolError("unknown_type", _("Unknown message type."))
    unknown = sorted(set(content) - set(spec.fields) - {"type"})
    if unknown:
        raise ProtocolError(
            "invalid_field",
            _("The message has a field that is not allowed: %(field)s.")
            % {"field": unknown[0][:40]},
        )
    validated: dict[str, Any] = {"type": content["type"]}
    for name, field_spec in spec.fields.items():
        if name not in content:
            if field_spec.required:
                raise ProtocolError(
                    "invalid_field",
                    _("The field %(field)s is missing or has the wrong type.")
                    % {"field": name},
                )
            validated[name] = field_spec.default
            continue
        _value_check(name, field_spec, content[name])
        validated[name] = content[name]
    return validated


def field_rows() -> list[tuple[str, str, str, str, str, str]]:
    """(type, field, required, JSON type, limits, default) per field, as the field
    table of docs/webinar-protocol.md has them (cells without backticks)."""
    rows = []
    for kind, message in MESSAGES.items():
        for name, spec in message.fields.items():
            default = "" if spec.required else json.dumps(spec.default)
            rows.append(
                (
                    kind,
                    name,
                    "yes" if spec.required else "no",
                    spec.kind,
                    spec.limits(),
                    default,
                )
            )
    return rows


def message_rows() -> list[tuple[str, str, str]]:
    """(type, who, rate-limit bucket) per message type, as the message table of
    docs/webinar-protocol.md has them."""
    return [
        (kind, message.who, message.bucket or "") for kind, message in MESSAGES.items()
    ]
