"""Setting a room up: creating it, invitations, links and settings
(administrators and moderators)."""

import datetime
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.mail import absolute_url, email_schedule
from courses.models import (
    OfferingFormat,
    Session,
)

from ..models import (
    Room,
    RoomState,
    WebinarInvitation,
)
from ..selectors import (
    webinar_staff_candidates,
)
from ._common import _check_moderator, _text_clean
from .events import room_event_append


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
    if session.offering.format == OfferingFormat.IN_PERSON:
        raise ValidationError(_("The session is held in person, not as a webinar."))
    with transaction.atomic():
        room, created = Room.objects.get_or_create(
            session=session, defaults={"state": RoomState.PLANNED}
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
        state=RoomState.PLANNED,
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
