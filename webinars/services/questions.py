"""Questions: asking, approval, upvotes, answers, hiding and showing."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts.models import User
from core.text_guard import validate_no_cpr

from ..models import (
    Audience,
    Question,
    QuestionUpvote,
    Room,
    RoomEvent,
)
from ..selectors import (
    room_access,
)
from ._common import _check_live, _check_moderator, _name, _text_clean
from .events import room_event_append

QUESTION_MAX_LENGTH = 500


ANSWER_MAX_LENGTH = 1000


def _question_data(question: Question, user: User) -> tuple[dict, dict]:
    """What everyone sees of a question, and what moderators see besides: the
    author's name when the question is anonymous to the other participants."""
    data = {
        "question": question.pk,
        "name": None if question.anonymous else _name(user),
        "text": question.text,
    }
    return data, ({"author_name": _name(user)} if question.anonymous else {})


def question_ask(*, room: Room, user: User, text: Any, anonymous: bool) -> Question:
    """Ask a question. Anonymous questions show no name to the other participants;
    moderators see the author, live and in the transcript. While the room's
    questions need approval, a participant's question is shown only to the
    moderators and the asker until a moderator approves it."""
    text = _text_clean(
        text,
        limit=QUESTION_MAX_LENGTH,
        empty_message=_("Write a question before you send."),
    )
    _check_live(room)
    pending = (
        room.questions_need_approval
        and not room_access(room=room, user=user).is_moderator
    )
    with transaction.atomic():
        question = Question.objects.create(
            room=room,
            author=user,
            text=text,
            anonymous=bool(anonymous),
            status=Question.Status.PENDING if pending else Question.Status.OPEN,
        )
        data, moderator_data = _question_data(question, user)
        room_event_append(
            room=room,
            kind="question.asked",
            data={**data, "pending": pending},
            actor=user,
            audience=Audience.MODERATORS if pending else Audience.ALL,
            moderator_data=moderator_data,
        )
    return question


def question_approve(*, room: Room, user: User, question_id: Any) -> RoomEvent:
    """Approve a question awaiting approval (moderators): it becomes visible to
    everyone through a new ``question.approved`` event."""
    _check_moderator(room=room, user=user)
    with transaction.atomic():
        question = _question_get(room=room, question_id=question_id, for_update=True)
        if question.status != Question.Status.PENDING:
            raise ValidationError(_("The question does not await approval."))
        question.status = Question.Status.OPEN
        question.save(update_fields=["status"])
        data, moderator_data = _question_data(question, question.author)
        return room_event_append(
            room=room,
            kind="question.approved",
            data=data,
            actor=user,
            moderator_data=moderator_data,
        )


def questions_approval_set(*, room: Room, user: User, required: Any) -> RoomEvent:
    """Turn on or off that new questions need a moderator's approval (moderators).
    Questions already awaiting approval keep waiting until approved or hidden."""
    _check_moderator(room=room, user=user)
    if not isinstance(required, bool):
        raise ValidationError(_("Say whether questions need approval."))
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(questions_need_approval=required)
        return room_event_append(
            room=room,
            kind="questions.approval",
            data={"required": required},
            actor=user,
        )


def _question_get(
    *, room: Room, question_id: Any, for_update: bool = False, approved: bool = False
) -> Question:
    """A question of the room that is not hidden (and, with ``approved``, not
    awaiting approval)."""
    hidden = ["hidden", "pending"] if approved else ["hidden"]
    queryset = Question.objects.filter(room=room).exclude(status__in=hidden)
    if for_update:
        queryset = queryset.select_for_update()
    question = (
        queryset.filter(pk=question_id).first()
        if isinstance(question_id, int)
        else None
    )
    if question is None:
        raise ValidationError(_("The question was not found."))
    return question


def question_upvote(*, room: Room, user: User, question_id: Any) -> RoomEvent:
    """Upvote a question once; a second upvote by the same person is refused."""
    _check_live(room)
    with transaction.atomic():
        question = _question_get(
            room=room, question_id=question_id, for_update=True, approved=True
        )
        if question.author_id == user.pk:
            raise ValidationError(_("You cannot upvote your own question."))
        try:
            with transaction.atomic():
                QuestionUpvote.objects.create(question=question, user=user)
        except IntegrityError:
            raise ValidationError(
                _("You have already upvoted this question.")
            ) from None
        Question.objects.filter(pk=question.pk).update(upvotes=F("upvotes") + 1)
        return room_event_append(
            room=room,
            kind="question.upvoted",
            data={"question": question.pk, "upvotes": question.upvotes + 1},
            actor=user,
        )


def question_answer(
    *, room: Room, user: User, question_id: Any, answer: Any = ""
) -> RoomEvent:
    """Mark a question answered, optionally with a written answer (moderators)."""
    _check_moderator(room=room, user=user)
    answer = answer.strip() if isinstance(answer, str) else ""
    if len(answer) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            _("The text can be at most %(limit)s characters long.")
            % {"limit": ANSWER_MAX_LENGTH}
        )
    if answer:
        validate_no_cpr(answer)
    with transaction.atomic():
        question = _question_get(room=room, question_id=question_id, for_update=True)
        if question.status == Question.Status.PENDING:
            raise ValidationError(_("Approve the question before you answer it."))
        question.status = Question.Status.ANSWERED
        question.answer = answer
        question.save(update_fields=["status", "answer"])
        return room_event_append(
            room=room,
            kind="question.answered",
            data={"question": question.pk, "answer": answer},
            actor=user,
        )


def question_hide(*, room: Room, user: User, question_id: Any) -> RoomEvent:
    """Hide a question from participants (moderators); for a question awaiting
    approval this is the refusal. Its text is also removed from the stored
    ``question.asked`` and ``question.approved`` events, so late joiners never
    receive it; the question itself stays for the hosts' transcript."""
    _check_moderator(room=room, user=user)
    with transaction.atomic():
        question = _question_get(room=room, question_id=question_id, for_update=True)
        question.status = Question.Status.HIDDEN
        question.save(update_fields=["status"])
        for event in RoomEvent.objects.filter(
            room=room,
            breakout=None,
            kind__in=["question.asked", "question.approved", "question.shown"],
            payload__question=question.pk,
        ):
            # Moderators keep seeing it (marked hidden), so they can show it
            # again after a reload; participants receive it emptied.
            event.moderator_data = {
                **event.moderator_data,
                "text": event.payload.get("text")
                or event.moderator_data.get("text", ""),
                "name": event.payload.get("name") or event.moderator_data.get("name"),
            }
            event.payload = {**event.payload, "text": "", "name": None}
            event.save(update_fields=["payload", "moderator_data"])
        return room_event_append(
            room=room,
            kind="question.hidden",
            data={"question": question.pk},
            actor=user,
        )


def question_show(*, room: Room, user: User, question_id: Any) -> RoomEvent:
    """Show a hidden question again (moderators). It comes back as it was: open,
    or answered with its answer, and with its upvotes. A question hidden while it
    awaited approval is thereby approved. The new ``question.shown`` event carries
    everything a client needs, since the earlier events lost the text when it was
    hidden."""
    _check_moderator(room=room, user=user)
    with transaction.atomic():
        question = (
            Question.objects.select_for_update()
            .filter(
                room=room,
                pk=question_id if isinstance(question_id, int) else 0,
            )
            .first()
        )
        if question is None:
            raise ValidationError(_("The question was not found."))
        if question.status != Question.Status.HIDDEN:
            raise ValidationError(_("The question is not hidden."))
        # Hiding overwrote the status; an answer out loud left only its event.
        answered = (
            bool(question.answer)
            or RoomEvent.objects.filter(
                room=room,
                breakout=None,
                kind="question.answered",
                payload__question=question.pk,
            ).exists()
        )
        question.status = Question.Status.ANSWERED if answered else Question.Status.OPEN
        question.save(update_fields=["status"])
        data, moderator_data = _question_data(question, question.author)
        return room_event_append(
            room=room,
            kind="question.shown",
            data={
                **data,
                "upvotes": question.upvotes,
                "answered": answered,
                "answer": question.answer,
            },
            actor=user,
            moderator_data=moderator_data,
        )
