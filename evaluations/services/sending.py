"""Personal links and the e-mails about invitations: the invitation and the
reminder. Every e-mail is claimed on its row first and then handed to
``core.mail.email_schedule`` with a unique key, so a retried or doubled run sends
nothing twice."""

import datetime

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.mail import absolute_url, email_schedule
from evaluations.models import (
    Invitation,
    Schedule,
)

TOKEN_SALT = "evaluations.invitation"  # noqa: S105 - a namespace, not a secret
#: In brackets after the module's name, where an offering shows its district.
SELF_PACED_LABEL = gettext_lazy("self-paced")


def invitation_token(*, invitation: Invitation) -> str:
    """The signed token in the participant's personal link (no login needed)."""
    return signing.dumps(invitation.pk, salt=TOKEN_SALT)


def invitation_url(*, invitation: Invitation) -> str:
    """The absolute personal link to the survey, for the e-mails."""
    return absolute_url(
        reverse("evaluations:answer", args=[invitation_token(invitation=invitation)])
    )


def _invitation_email_schedule(*, invitation_id: int, key: str, template: str) -> None:
    """Schedule an e-mail about an invitation (invitation or reminder) to its person."""
    invitation = Invitation.objects.select_related(
        "user", "version", "module", "offering__module", "offering__politikreds"
    ).get(pk=invitation_id)
    offering = invitation.offering
    email_schedule(
        key=key,
        to=invitation.user.email,
        template=template,
        context={
            "first_name": invitation.user.first_name,
            "survey_title": invitation.version.title,
            "module_title": invitation.run_module.title,
            "politikreds": (
                SELF_PACED_LABEL if offering is None else offering.politikreds.name
            ),
            "url": invitation_url(invitation=invitation),
            "closes_at": timezone.localtime(invitation.closes_at),
            "is_anonymous": invitation.version.is_anonymous,
        },
        user=invitation.user,
    )


def invitation_send(
    *, invitation_id: int, now: datetime.datetime | None = None
) -> bool:
    """Claim the invitation (``sent_at``) and schedule its e-mail, in one transaction.

    Returns False, and sends nothing, when another run claimed it first, the row is
    gone, or the survey has closed. The e-mail key ``evaluation-invitation:<id>`` is
    unique in core.mail, so even a claim that is lost cannot send twice."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation_id, sent_at__isnull=True, closes_at__gt=now
        ).update(sent_at=now, last_contacted_at=now)
        if claimed != 1:
            return False
        _invitation_email_schedule(
            invitation_id=invitation_id,
            key=f"evaluation-invitation:{invitation_id}",
            template="evaluations/email/invitation",
        )
    return True


def invitations_send_due(*, now: datetime.datetime | None = None) -> int:
    """Send every created invitation that has not been sent and is still open.
    Returns how many this run sent. Safe to run twice at once."""
    now = now or timezone.now()
    pending = Invitation.objects.filter(
        sent_at__isnull=True, closes_at__gt=now, user__is_active=True
    ).values_list("pk", flat=True)
    return sum(
        invitation_send(invitation_id=invitation_id, now=now)
        for invitation_id in list(pending)
    )


def reminder_send(
    *, invitation_id: int, number: int, now: datetime.datetime | None = None
) -> bool:
    """Claim reminder ``number`` (1, 2, …) of an invitation and schedule its e-mail.
    Returns False when it was claimed already or the person has answered meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation_id,
            reminders_sent=number - 1,
            responded_at__isnull=True,
            closes_at__gt=now,
        ).update(reminders_sent=number, last_contacted_at=now)
        if claimed != 1:
            return False
        _invitation_email_schedule(
            invitation_id=invitation_id,
            key=f"evaluation-reminder:{invitation_id}:{number}",
            template="evaluations/email/reminder",
        )
    return True


def reminders_send_due(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone who has not answered, whose survey is open, who has had fewer
    reminders than the schedule allows and was last contacted at least the
    schedule's interval ago. One query per active schedule to find them."""
    now = now or timezone.now()
    sent = 0
    for schedule in Schedule.objects.filter(is_active=True, reminder_count__gt=0):
        due = Invitation.objects.filter(
            schedule=schedule,
            sent_at__isnull=False,
            responded_at__isnull=True,
            closes_at__gt=now,
            user__is_active=True,
            reminders_sent__lt=schedule.reminder_count,
            last_contacted_at__lte=now
            - datetime.timedelta(days=schedule.reminder_interval_days),
        ).values_list("pk", "reminders_sent")
        for invitation_id, reminders_sent in list(due):
            sent += reminder_send(
                invitation_id=invitation_id, number=reminders_sent + 1, now=now
            )
    return sent
