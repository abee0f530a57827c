"""Talk: the message thread between an organisation and Socialstyrelsen."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.mail import absolute_url, email_schedule
from core.text_guard import validate_no_cpr
from courses.models import (
    DialogueMessage,
    DialogueReadMark,
    EnrolmentEventKind,
    Invitation,
)
from courses.selectors.enrolment import (
    is_enrolment_admin,
    offering_administrators,
    organisation_contacts,
)
from courses.services.enrolment._common import (
    _email_context,
    _event,
    _require_contact,
)


@transaction.atomic
def dialogue_message_post(
    *, invitation: Invitation, actor: User, body: str
) -> DialogueMessage:
    """Post a message in the thread between an organisation and Socialstyrelsen.

    Open to the organisation's contact persons and to administrators, also after
    the deadline (late changes go through the thread). Refuses empty, too long and
    CPR-holding text in Danish, storing nothing. Side effects: the author's read
    mark moves to the message, an audit event (without the text), and an e-mail to
    each person on the other side: the contacts, or the offering's responsible
    staff (all administrators when none is set).
    """
    from_admin = is_enrolment_admin(actor)
    if not from_admin:
        _require_contact(actor, invitation.organisation)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write a message.")]})
    if len(body) > 4000:
        raise ValidationError(
            {"body": [_("A message can be at most 4,000 characters.")]}
        )
    try:
        validate_no_cpr(body)
    except ValidationError as error:
        raise ValidationError({"body": error.messages}) from error
    message = DialogueMessage.objects.create(
        invitation=invitation, author=actor, from_socialstyrelsen=from_admin, body=body
    )
    DialogueReadMark.objects.update_or_create(
        invitation=invitation, user=actor, defaults={"read_at": message.created_at}
    )
    offering = invitation.offering
    _event(
        offering=offering,
        kind=EnrolmentEventKind.MESSAGE,
        actor=actor,
        organisation=invitation.organisation,
    )
    recipients = (
        organisation_contacts(organisation=invitation.organisation)
        if from_admin
        else offering_administrators(offering=offering)
    )
    url = absolute_url(reverse("courses:invitation", args=[invitation.pk]))
    for recipient in recipients:
        if recipient.pk == actor.pk:
            continue
        email_schedule(
            key=f"dialogue-message:{message.pk}:{recipient.pk}",
            to=recipient.email,
            user=recipient,
            template="courses/email/dialogue_message",
            context=_email_context(
                offering, invitation=invitation, message=message, url=url
            ),
        )
    return message


def dialogue_mark_read(*, invitation: Invitation, user: User) -> None:
    """Mark the whole thread as read for ``user``. Idempotent."""
    DialogueReadMark.objects.update_or_create(
        invitation=invitation, user=user, defaults={"read_at": timezone.now()}
    )
