"""The room socket's message types that one service carries out.

A message's fields are named once, in its schema (``webinars.protocol.MESSAGES``):
an ``Action`` passes every field of the schema to its service under the field's
own name, or under the keyword ``renamed`` gives where the service calls it
otherwise. tests/webinars/test_protocol.py checks each service takes exactly
those keywords. The types the consumer answers itself (ping, sync, the
participant list, the breakout overview) are ``consumers.OWN_HANDLERS``.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from accounts.models import User

from . import services
from .models import Room
from .protocol import MESSAGES


def _same(value: Any) -> Any:
    return value


def _to_breakout(to: str) -> bool:
    return to == "breakout"


@dataclass(frozen=True)
class Action:
    """``service`` is the name of a function of ``webinars.services``, looked up
    when the message comes (so a patched service is the one called). ``renamed``
    maps a protocol field to the service's keyword; ``convert`` turns a field's
    value into what the service takes."""

    service: str
    renamed: Mapping[str, str] = field(default_factory=dict)
    convert: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)

    def keywords(self, message: dict) -> dict[str, Any]:
        """The service's keyword arguments from a validated ``message``."""
        return {
            self.renamed.get(name, name): self.convert.get(name, _same)(message[name])
            for name in MESSAGES[message["type"]].fields
        }

    def __call__(self, room: Room, user: User, message: dict) -> object:
        """Carry out ``message`` (validated by ``protocol.message_validate``) for
        ``user``; the service's side effects and refusals are its own."""
        service = getattr(services, self.service)
        return service(room=room, user=user, **self.keywords(message))


# type -> the service that carries it out.
ACTIONS: dict[str, Action] = {
    "chat.send": Action(
        "chat_send",
        renamed={"to": "to_breakout", "breakout": "breakout_id"},
        convert={"to": _to_breakout},
    ),
    "question.ask": Action("question_ask"),
    "question.upvote": Action("question_upvote", {"question": "question_id"}),
    "question.answer": Action("question_answer", {"question": "question_id"}),
    "question.approve": Action("question_approve", {"question": "question_id"}),
    "questions.approval": Action("questions_approval_set"),
    "question.hide": Action("question_hide", {"question": "question_id"}),
    "question.show": Action("question_show", {"question": "question_id"}),
    "caption.send": Action("caption_send"),
    "poll.open": Action("poll_open"),
    "poll.vote": Action("poll_vote", {"poll": "poll_id"}),
    "poll.close": Action("poll_close", {"poll": "poll_id"}),
    "hand.raise": Action("hand_raise"),
    "hand.lower": Action("hand_lower", {"user": "target_user_id"}),
    "slide.set": Action("slide_set"),
    "breakout.open": Action("breakout_open"),
    "breakout.close": Action("breakout_close"),
    "breakout.broadcast": Action("breakout_broadcast"),
    "breakout.extend": Action("breakout_extend"),
    "chat.pause": Action("chat_pause"),
    "room.lock": Action("room_lock"),
    "participant.remove": Action("participant_remove", {"user": "target_user_id"}),
    "room.state": Action("room_state_set"),
    "room.end": Action("room_end"),
}
