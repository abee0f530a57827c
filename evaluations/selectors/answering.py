"""Reads for answering: the invitation behind a personal link."""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations.models import Invitation
from evaluations.services import TOKEN_SALT, already_answered_message


def invitation_from_token(
    *, token: str, now: datetime.datetime | None = None
) -> Invitation:
    """The invitation a personal link belongs to, ready to answer. Raises a Danish
    ValidationError (code ``invalid``, ``closed`` or ``answered``) otherwise."""
    now = now or timezone.now()
    try:
        invitation_id = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        invitation_id = None
    invitation = (
        Invitation.objects.select_related(
            "version", "module", "offering__module", "offering__politikreds"
        )
        .filter(pk=invitation_id)
        .first()
        if isinstance(invitation_id, int)
        else None
    )
    if invitation is None:
        raise ValidationError(
            _(
                "This link to the evaluation is not valid. Use the link in the most "
                "recent e-mail you received, and copy all of it."
            ),
            code="invalid",
        )
    if invitation.responded_at is not None:
        raise ValidationError(already_answered_message(), code="answered")
    if invitation.closes_at <= now:
        raise ValidationError(
            _("The evaluation closed on %(date)s, so it can no longer be answered.")
            % {"date": timezone.localtime(invitation.closes_at).strftime("%d.%m.%Y")},
            code="closed",
        )
    return invitation
