"""Writes for webinar rooms. Every action that others should see appends a
``RoomEvent`` with the next sequence number of its stream, in the same transaction as
the state it changes, and is broadcast only after commit (``realtime``).

Services raise ValidationError (Danish) for bad input and PermissionDenied for an
action the person may not take; nothing is stored then. Consumers and views call
them through ``room_action`` or directly.
"""

import contextlib
import datetime
import io
import random
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import pypdf

from accounts.models import User
from core.mail import absolute_url, email_schedule
from core.text_guard import validate_no_cpr
from courses.models import (
    AttendanceSource,
    OfferingFormat,
    Session,
)
from courses.services.learning import attendance_record

from . import realtime
from .models import (
    Audience,
    Breakout,
    BreakoutSplit,
    Caption,
    Hand,
    Poll,
    PollVote,
    Presence,
    Question,
    QuestionUpvote,
    Removal,
    Room,
    RoomEvent,
    RoomState,
    WebinarInvitation,
)
from .selectors import (
    breakout_of,
    breakout_open_get,
    room_access,
    room_attendance,
    webinar_staff_candidates,
)

CHAT_MAX_LENGTH = 1000
QUESTION_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 1000
POLL_QUESTION_MAX_LENGTH = 300
POLL_OPTION_MAX_LENGTH = 100
POLL_MAX_OPTIONS = 10
BREAKOUT_MAX_GROUPS = 50
BREAKOUT_MAX_MINUTES = 180
SLIDES_MAX_BYTES = 20 * 1024 * 1024
# Actions per person per window (seconds); overridable with WEBINAR_RATE_LIMITS.
RATE_LIMITS: dict[str, tuple[int, int]] = {
    "text": (5, 10),  # chat messages and questions
    "click": (30, 10),  # upvotes, votes, hands
}
# Share of the scheduled session a participant must be in the room to count present.
PRESENT_SHARE = 0.5


def _name(user: User) -> str:
    return user.get_full_name() or _("Participant")


def _check_moderator(*, room: Room, user: User) -> None:
    if not room_access(room=room, user=user).is_moderator:
        raise PermissionDenied(_("Only the webinar's moderators can do that."))


def _check_live(room: Room) -> None:
    if room.state == RoomState.AFSLUTTET:
        raise ValidationError(_("The webinar has ended."))


def _text_clean(text: Any, *, limit: int, empty_message: str) -> str:
    if not isinstance(text, str):
        raise ValidationError(empty_message)
    text = text.strip()
    if not text:
        raise ValidationError(empty_message)
    if len(text) > limit:
        raise ValidationError(
            _("The text can be at most %(limit)s characters long.") % {"limit": limit}
        )
    validate_no_cpr(text)
    return text


def rate_limit_hit(*, user_id: int, bucket: str) -> str:
    """Count one action of ``bucket`` for the person and return the counter's key
    (for ``rate_limit_refund``); raise ValidationError (code "rate_limited"), and
    count nothing, when they are over the limit in the current window. Uses the
    cache (Redis in services mode): the increment is atomic, so the limit holds
    across processes."""
    limits = getattr(settings, "WEBINAR_RATE_LIMITS", RATE_LIMITS)
    allowed, window = limits[bucket]
    key = f"webinar-rate:{bucket}:{user_id}:{int(timezone.now().timestamp()) // window}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > allowed:
        rate_limit_refund(key=key)
        raise ValidationError(
            _("You are sending too fast. Wait a moment and try again."),
            code="rate_limited",
        )
    return key


def rate_limit_refund(*, key: str) -> None:
    """Give back one action counted by ``rate_limit_hit`` (the action was refused,
    so it must not use up the limit). Nothing happens once the window has expired."""
    with contextlib.suppress(ValueError):  # the window's counter expired meanwhile
        cache.decr(key)


def _seq_next(*, room: Room, breakout: Breakout | None) -> int:
    """The next sequence number of the stream. The UPDATE locks the counter row until
    the transaction ends, so concurrent appends queue up and never share a number."""
    model, pk = (Breakout, breakout.pk) if breakout else (Room, room.pk)
    if connection.vendor == "postgresql":
        # One round trip instead of two on the hot path of every chat message.
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {model._meta.db_table} SET last_seq = last_seq + 1 "  # noqa: S608
                "WHERE id = %s RETURNING last_seq",
                [pk],
            )
            return cursor.fetchone()[0]
    model.objects.filter(pk=pk).update(last_seq=F("last_seq") + 1)
    return model.objects.filter(pk=pk).values_list("last_seq", flat=True).get()


def room_event_append(
    *,
    room: Room,
    kind: str,
    data: dict | Callable[[], dict],
    actor: User | None = None,
    breakout: Breakout | None = None,
    control: dict | None = None,
    audience: str = Audience.ALL,
    moderator_data: dict | None = None,
) -> RoomEvent:
    """Store an event with the next sequence number of its stream and broadcast it
    after commit. ``data`` may be a callable, evaluated after the counter is locked
    (for results that must count every earlier write). ``audience`` MODERATORS
    shows the event only to moderators and the actor; ``moderator_data`` is added
    for moderators. Not idempotent: every call is a new event."""
    with transaction.atomic():
        seq = _seq_next(room=room, breakout=breakout)
        payload = data() if callable(data) else data
        event = RoomEvent.objects.create(
            room=room,
            breakout=breakout,
            seq=seq,
            kind=kind,
            payload=payload,
            actor=actor,
            audience=audience,
            moderator_data=moderator_data or {},
        )
        realtime.event_publish_on_commit(event, control=control)
    return event


def room_create(*, session: Session, created_by: User) -> Room:
    """Open the webinar room of ``session`` with ``created_by`` as host, in the
    state "planlagt" (participants enter once a host opens it). Only people who
    run webinars (responsible for the offering) or administrators. Idempotent: the
    existing room is returned."""
    if not (
        created_by.has_perm("accounts.manage_offerings")
        or (
            created_by.has_perm("accounts.run_webinars")
            and session.offering.responsible.filter(pk=created_by.pk).exists()
        )
    ):
        raise PermissionDenied(_("You cannot open a webinar room for this session."))
    if session.offering.format == OfferingFormat.FYSISK:
        raise ValidationError(_("The session is held in person, not as a webinar."))
    with transaction.atomic():
        room, created = Room.objects.get_or_create(
            session=session, defaults={"state": RoomState.PLANLAGT}
        )
        if created:
            room.hosts.add(created_by)
    return room


def _https_url_check(value: str) -> None:
    """Refuse a non-empty ``value`` that is not a full https address."""
    if not value:
        return
    try:
        URLValidator(schemes=["https"])(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a full web address that starts with https://.")
        ) from None


def _check_administrator(user: User) -> None:
    if not user.has_perm("accounts.manage_offerings"):
        raise PermissionDenied(_("Only administrators can change the webinar."))


def room_standalone_create(
    *,
    user: User,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    video_url: str = "",
) -> Room:
    """Create a standalone (national) webinar that belongs to no session
    (administrators). It starts "planlagt"; administrators invite the people who
    may enter. Its attendance is reported but feeds no module completion."""
    _check_administrator(user)
    title = _text_clean(title, limit=200, empty_message=_("Give the webinar a title."))
    if ends_at <= starts_at:
        raise ValidationError(_("The webinar must end after it starts."))
    _https_url_check(video_url)
    return Room.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        video_url=video_url,
        state=RoomState.PLANLAGT,
    )


INVITE_SEPARATORS = re.compile(r"[\s,;]+")


def room_invite(*, room: Room, user: User, emails: str) -> int:
    """Invite people to a standalone webinar by their e-mail addresses, separated by
    lines, spaces, commas or semicolons (administrators). Every address must belong
    to an active account, or nobody is invited. Each new invitee gets an e-mail
    once. Idempotent: people already invited are left as they are. Returns the
    number of new invitations."""
    _check_administrator(user)
    if not room.is_standalone:
        raise ValidationError(
            _(
                "Only a standalone webinar has its own invitation list; the "
                "session's confirmed participants may enter this one."
            )
        )
    addresses = {a.lower() for a in INVITE_SEPARATORS.split(emails or "") if a}
    if not addresses:
        raise ValidationError(_("Write the e-mail addresses of the people to invite."))
    people = list(
        User.objects.filter(email__in=addresses, is_active=True).order_by("email")
    )
    unknown = sorted(addresses - {person.email.lower() for person in people})
    if unknown:
        raise ValidationError(
            _("No active account has the address: %(addresses)s. Nobody was invited.")
            % {"addresses": ", ".join(unknown)}
        )
    with transaction.atomic():
        already = set(
            WebinarInvitation.objects.filter(room=room).values_list(
                "user_id", flat=True
            )
        )
        new = WebinarInvitation.objects.bulk_create(
            [
                WebinarInvitation(room=room, user=person)
                for person in people
                if person.pk not in already
            ]
        )
        url = absolute_url(reverse("webinars:room_detail", args=[room.pk]))
        for invitation in new:
            email_schedule(
                key=f"webinar-invitation:{room.pk}:{invitation.user_id}",
                to=invitation.user.email,
                template="webinars/email/invitation",
                context={
                    "first_name": invitation.user.first_name,
                    "title": room.title,
                    "starts_at": room.starts_at,
                    "ends_at": room.ends_at,
                    "url": url,
                },
                user=invitation.user,
            )
    return len(new)


def room_uninvite(*, room: Room, user: User, target_user_id: Any) -> None:
    """Withdraw an invitation to a standalone webinar (administrators).
    Idempotent."""
    _check_administrator(user)
    WebinarInvitation.objects.filter(
        room=room, user_id=target_user_id if isinstance(target_user_id, int) else 0
    ).delete()


def chat_send(
    *,
    room: Room,
    user: User,
    text: Any,
    to_breakout: bool = False,
    breakout_id: Any = None,
) -> RoomEvent:
    """Post a chat message to the room, or to the person's breakout group. Refused
    while a moderator has paused the chat (moderators may still write). With
    ``breakout_id`` a moderator writes in an open group they visit."""
    text = _text_clean(
        text, limit=CHAT_MAX_LENGTH, empty_message=_("Write a message before you send.")
    )
    _check_live(room)
    breakout = None
    if breakout_id is not None:
        breakout = _breakout_visit_check(room=room, user=user, breakout_id=breakout_id)
    elif to_breakout:
        breakout = breakout_of(room=room, user=user)
        if breakout is None:
            raise ValidationError(_("You are not in a breakout room."))
    elif room.chat_paused and not room_access(room=room, user=user).is_moderator:
        raise ValidationError(_("The chat is paused by the moderators."))
    return room_event_append(
        room=room,
        kind="chat.message",
        data={"author": user.pk, "name": _name(user), "text": text},
        actor=user,
        breakout=breakout,
    )


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


def hand_raise(*, room: Room, user: User) -> RoomEvent:
    """Raise a hand: the person joins the end of the queue."""
    _check_live(room)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Hand.objects.create(room=room, user=user)
        except IntegrityError:
            raise ValidationError(_("Your hand is already raised.")) from None
        return room_event_append(
            room=room,
            kind="hand.raised",
            data={"user": user.pk, "name": _name(user)},
            actor=user,
        )


def hand_lower(*, room: Room, user: User, target_user_id: Any = None) -> RoomEvent:
    """Lower one's own hand, or (moderators) someone else's."""
    target_id = user.pk if target_user_id in (None, user.pk) else target_user_id
    if target_id != user.pk:
        _check_moderator(room=room, user=user)
    with transaction.atomic():
        if not Hand.objects.filter(
            room=room,
            user_id=target_id if isinstance(target_id, int) else 0,
            lowered_at__isnull=True,
        ).update(lowered_at=timezone.now()):
            raise ValidationError(_("The hand is not raised."))
        return room_event_append(
            room=room, kind="hand.lowered", data={"user": target_id}, actor=user
        )


def _pdf_page_count(data: bytes) -> int:
    """Pages of an uploaded PDF, read by pypdf from the document itself (page
    tree, cross-reference streams and object streams, as PDF 1.5+ writers such as
    WeasyPrint make them). Raises ``ValidationError`` with the reason a browser's
    viewer could not show it: not a PDF, protected by a password, damaged or cut
    off, or without pages."""
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("The slides must be a PDF file."))
    broken = ValidationError(
        _(
            "The PDF file is damaged or incomplete. Save or export it again and "
            "upload the new file."
        )
    )
    # A file cut off during upload or copying has lost its end-of-file marker;
    # pypdf's lenient reading would otherwise rebuild what it can and count the
    # pages that happened to arrive.
    if b"%%EOF" not in data[-2048:]:
        raise broken
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            # Only a password to open it stops the viewer; a PDF with an owner
            # password alone (no printing, say) opens for everyone.
            raise ValidationError(
                _(
                    "The PDF is protected with a password. Save a copy without "
                    "a password and upload that."
                )
            )
        pages = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018 - reads every page object, or fails here
    except ValidationError:
        raise
    # Anything a malformed file makes pypdf raise (its own errors, but also
    # KeyError, ValueError, TypeError deep in the parser) means the same to the
    # person uploading: the file is broken.
    except Exception as error:
        raise broken from error
    if pages < 1:
        raise ValidationError(_("The PDF has no pages."))
    return pages


def slides_upload(*, room: Room, user: User, file: UploadedFile) -> RoomEvent:
    """Replace the room's slides with a PDF (moderators): at most 20 MB, a PDF that
    opens without a password, is whole and holds at least one page (pypdf reads
    it; each refusal says why, and nothing is stored). Everyone moves to page 1."""
    _check_moderator(room=room, user=user)
    if file.size is None or file.size > SLIDES_MAX_BYTES:
        raise ValidationError(_("The slides can be at most 20 MB."))
    data = file.read()
    pages = _pdf_page_count(data)
    file.seek(0)
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        room.slides.save(f"slides-{room.pk}.pdf", file, save=False)
        room.slide_pages = pages
        room.slide_page = 1
        room.save(update_fields=["slides", "slide_pages", "slide_page"])
        return room_event_append(
            room=room,
            kind="slides.uploaded",
            data={
                "pages": pages,
                "page": 1,
                "version": int(timezone.now().timestamp()),
            },
            actor=user,
        )


def slide_set(*, room: Room, user: User, page: Any) -> RoomEvent:
    """Turn everyone's slides to ``page`` (moderators)."""
    _check_moderator(room=room, user=user)
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        if not room.slide_pages:
            raise ValidationError(_("No slides have been uploaded."))
        if not isinstance(page, int) or not 1 <= page <= room.slide_pages:
            raise ValidationError(
                _("Choose a page between 1 and %(pages)s.")
                % {"pages": room.slide_pages}
            )
        Room.objects.filter(pk=room.pk).update(slide_page=page)
        return room_event_append(
            room=room,
            kind="slide.changed",
            data={"page": page, "pages": room.slide_pages},
            actor=user,
        )


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
        BreakoutSplit.POLITIKREDS: _("No police district"),
        BreakoutSplit.KOMMUNE: _("No municipality"),
        BreakoutSplit.SECTOR: _("No sector"),
    }
    nobody = nobody_labels[by]
    rest: list[int] = []
    for person in users:
        organisation = person.organisation
        label: str | None
        if by == BreakoutSplit.SECTOR:
            label = person.get_sector_display()
        elif by == BreakoutSplit.KOMMUNE:
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


def breakout_broadcast(*, room: Room, user: User, text: Any) -> list[RoomEvent]:
    """Post one message from a moderator in every open breakout group's stream,
    marked ``broadcast`` so the groups see it is meant for all of them. One
    transaction: every group gets it, or none does."""
    _check_moderator(room=room, user=user)
    text = _text_clean(
        text, limit=CHAT_MAX_LENGTH, empty_message=_("Write a message before you send.")
    )
    _check_live(room)
    with transaction.atomic():
        groups = list(
            room.breakouts.select_for_update()
            .filter(closed_at__isnull=True)
            .order_by("number")
        )
        if not groups:
            raise ValidationError(_("No breakout rooms are open."))
        return [
            room_event_append(
                room=room,
                kind="chat.message",
                data={
                    "author": user.pk,
                    "name": _name(user),
                    "text": text,
                    "broadcast": True,
                },
                actor=user,
                breakout=group,
            )
            for group in groups
        ]


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


# The states a moderator moves a room through, in order; "afsluttet" is room_end.
STATE_ORDER: list[str] = [RoomState.PLANLAGT, RoomState.AABEN, RoomState.LIVE]


def room_state_set(*, room: Room, user: User, state: Any) -> RoomEvent:
    """Move the webinar forward (moderators): planlagt → åben for indgang → live.
    Participants may enter when it is open or live. Going back is refused, and so
    is ending through this (that is ``room_end``, which records attendance)."""
    _check_moderator(room=room, user=user)
    if state not in (RoomState.AABEN, RoomState.LIVE):
        raise ValidationError(_("Choose open for entry or live."))
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        _check_live(room)
        if STATE_ORDER.index(state) <= STATE_ORDER.index(room.state):
            raise ValidationError(
                _("The webinar is already %(state)s.")
                % {"state": room.get_state_display().lower()}
            )
        # Going live is time zero of the captions' WebVTT file.
        live_at = {"live_at": timezone.now()} if state == RoomState.LIVE else {}
        Room.objects.filter(pk=room.pk).update(state=state, **live_at)
        return room_event_append(
            room=room, kind="room.state", data={"state": state}, actor=user
        )


def chat_pause(*, room: Room, user: User, paused: Any) -> RoomEvent:
    """Pause or resume the chat for participants (moderators)."""
    _check_moderator(room=room, user=user)
    if not isinstance(paused, bool):
        raise ValidationError(_("Say whether the chat is paused."))
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(chat_paused=paused)
        return room_event_append(
            room=room, kind="chat.paused", data={"paused": paused}, actor=user
        )


def room_lock(*, room: Room, user: User, locked: Any) -> RoomEvent:
    """Lock or unlock the room: while locked no participant may enter (moderators)."""
    _check_moderator(room=room, user=user)
    if not isinstance(locked, bool):
        raise ValidationError(_("Say whether the room is locked."))
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(locked=locked)
        return room_event_append(
            room=room, kind="room.locked", data={"locked": locked}, actor=user
        )


def participant_remove(*, room: Room, user: User, target_user_id: Any) -> RoomEvent:
    """Remove a participant: their sockets close and they cannot come back
    (moderators). Moderators cannot be removed."""
    _check_moderator(room=room, user=user)
    target = (
        User.objects.filter(pk=target_user_id).first()
        if isinstance(target_user_id, int)
        else None
    )
    if target is None:
        raise ValidationError(_("The participant was not found."))
    if room_access(room=room, user=target).is_moderator:
        raise ValidationError(_("A moderator cannot be removed."))
    with transaction.atomic():
        _removal, created = Removal.objects.get_or_create(room=room, user=target)
        if not created:
            raise ValidationError(_("The participant has already been removed."))
        return room_event_append(
            room=room,
            kind="participant.removed",
            data={"user": target.pk},
            actor=user,
            control={"remove_user": target.pk},
        )


def room_links_set(
    *, room: Room, user: User, video_url: str, recording_url: str
) -> Room:
    """Set the link to the live stream or meeting and, afterwards, the recording
    (moderators). Both are validated as web addresses (https only). Idempotent."""
    _check_moderator(room=room, user=user)
    _https_url_check(video_url)
    _https_url_check(recording_url)
    Room.objects.filter(pk=room.pk).update(
        video_url=video_url, recording_url=recording_url
    )
    room.video_url, room.recording_url = video_url, recording_url
    return room


def room_settings_set(
    *,
    room: Room,
    user: User,
    hosts: list[User],
    moderators: list[User],
    questions_need_approval: bool,
    captioner_emails: str | None = None,
) -> Room:
    """Name the room's hosts and moderators and say whether questions need approval
    (administrators). Everyone named must run webinars (the presenter/moderator
    role), so naming someone makes them a moderator. A change of the approval
    setting is announced in the room. ``captioner_emails`` (when given) names the
    live captioners (skrivetolke) by the e-mail addresses of active accounts,
    separated by lines, spaces, commas or semicolons; empty names none. An
    unknown address changes nothing at all. Idempotent."""
    _check_administrator(user)
    allowed = set(webinar_staff_candidates().values_list("pk", flat=True))
    if any(person.pk not in allowed for person in [*hosts, *moderators]):
        raise ValidationError(
            _("Hosts and moderators must have the presenter/moderator role.")
        )
    captioners = (
        None if captioner_emails is None else _captioners_find(captioner_emails)
    )
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        room.hosts.set(hosts)
        room.moderators.set(moderators)
        if captioners is not None:
            room.captioners.set(captioners)
        if room.questions_need_approval != questions_need_approval:
            Room.objects.filter(pk=room.pk).update(
                questions_need_approval=questions_need_approval
            )
            room.questions_need_approval = questions_need_approval
            room_event_append(
                room=room,
                kind="questions.approval",
                data={"required": questions_need_approval},
                actor=user,
            )
    return room


def _captioners_find(emails: str) -> list[User]:
    """The active accounts with these addresses; ValidationError (Danish) naming
    the addresses no active account has."""
    addresses = {a.lower() for a in INVITE_SEPARATORS.split(emails or "") if a}
    people = list(
        User.objects.filter(email__in=addresses, is_active=True).order_by("email")
    )
    unknown = sorted(addresses - {person.email.lower() for person in people})
    if unknown:
        raise ValidationError(
            _(
                "No active account has the address: %(addresses)s. The settings "
                "were not saved."
            )
            % {"addresses": ", ".join(unknown)}
        )
    return people


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


def presence_join(*, room: Room, user: User) -> Presence:
    """Record that ``user`` entered the room now (one row per socket).

    The commit does not wait for the disk (PostgreSQL's ``synchronous_commit`` off
    for this transaction only): in a join storm every handshake would otherwise
    wait for a WAL flush of its own, and a crash can lose at most the last fraction
    of a second of join times, never anything else."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        return Presence.objects.create(room=room, user=user, joined_at=timezone.now())


def presence_leave(*, presence_id: int) -> None:
    """Record that the socket left. Idempotent: a second call changes nothing."""
    Presence.objects.filter(pk=presence_id, left_at__isnull=True).update(
        left_at=timezone.now()
    )


def room_attendance_feed(*, room: Room) -> int:
    """Record every confirmed participant's attendance from their minutes in the
    room (source "webinar"), which feeds module completion: present when they were
    in the room for at least half the scheduled session. Idempotent upsert per
    person. Returns the number recorded present. A standalone webinar belongs to
    no session or module, so nothing is recorded (its report shows attendance)."""
    session = room.session
    if session is None:
        return 0
    scheduled = (session.ends_at - session.starts_at).total_seconds() / 60
    needed = max(1, int(scheduled * PRESENT_SHARE))
    present_count = 0
    with transaction.atomic():
        for row in room_attendance(room=room):
            if not row.confirmed:
                continue
            present = row.minutes >= needed
            present_count += present
            attendance_record(
                session=session,
                user=row.user,
                present=present,
                minutes_present=min(row.minutes, 24 * 60),
                source=AttendanceSource.WEBINAR,
            )
    return present_count


def room_end(*, room: Room, user: User) -> RoomEvent:
    """End the webinar for everyone (moderators): every socket closes, open stays
    end now, and attendance is recorded for the confirmed participants."""
    _check_moderator(room=room, user=user)
    event = _room_finish(room=room, actor=user)
    if event is None:
        raise ValidationError(_("The webinar has ended."))
    return event


def _room_finish(*, room: Room, actor: User | None) -> RoomEvent | None:
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        if room.state == RoomState.AFSLUTTET:
            return None
        now = timezone.now()
        room.state = RoomState.AFSLUTTET
        room.ended_at = now
        room.save(update_fields=["state", "ended_at"])
        Breakout.objects.filter(room=room, closed_at__isnull=True).update(closed_at=now)
        Presence.objects.filter(room=room, left_at__isnull=True).update(left_at=now)
        event = room_event_append(
            room=room, kind="room.ended", data={}, actor=actor, control={"end": True}
        )
        room_attendance_feed(room=room)
    return event


# A room whose session ended this long ago is ended by the periodic job, so
# attendance is recorded even when nobody pressed "end".
ROOM_END_GRACE = datetime.timedelta(hours=1)


def rooms_close_due() -> tuple[int, int]:
    """Close breakouts whose time is up, and end rooms whose session ended more than
    an hour ago (recording attendance). Run every minute by Celery beat. Idempotent:
    what is closed or ended is left alone. Returns (breakout rounds closed, rooms
    ended)."""
    now = timezone.now()
    rounds = 0
    for room in Room.objects.filter(
        breakouts__closed_at__isnull=True, breakouts__closes_at__lte=now
    ).distinct():
        rounds += _breakouts_close(room=room, actor=None) is not None
    ended = 0
    over = now - ROOM_END_GRACE
    for room in Room.objects.select_related("session__offering__module").filter(
        Q(session__ends_at__lte=over, session__is_cancelled=False)
        | Q(session__isnull=True, ends_at__lte=over),
        ended_at__isnull=True,
    ):
        ended += _room_finish(room=room, actor=None) is not None
    return rounds, ended
