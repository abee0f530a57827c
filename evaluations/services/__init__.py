"""Writes for evaluations, one module per flow: freezing template versions
(``versions``), creating the invitations that are due (``scheduling``), sending
invitations and reminders (``sending``) and storing a response (``responses``).
The names callers use are re-exported here."""

from evaluations.services.responses import (
    FIELD_PREFIX,
    FREE_TEXT_MAX_LENGTH,
    already_answered_message,
    response_answers_clean,
    response_submit,
)
from evaluations.services.scheduling import (
    SELF_PACED_TRIGGERS,
    invitations_create_due,
    self_paced_invitations_create,
)
from evaluations.services.sending import (
    SELF_PACED_LABEL,
    TOKEN_SALT,
    invitation_send,
    invitation_token,
    invitation_url,
    invitations_send_due,
    reminder_send,
    reminders_send_due,
)
from evaluations.services.versions import (
    survey_questions_freeze,
    survey_version_sync,
)

__all__ = [
    "FIELD_PREFIX",
    "FREE_TEXT_MAX_LENGTH",
    "SELF_PACED_LABEL",
    "SELF_PACED_TRIGGERS",
    "TOKEN_SALT",
    "already_answered_message",
    "invitation_send",
    "invitation_token",
    "invitation_url",
    "invitations_create_due",
    "invitations_send_due",
    "reminder_send",
    "reminders_send_due",
    "response_answers_clean",
    "response_submit",
    "self_paced_invitations_create",
    "survey_questions_freeze",
    "survey_version_sync",
]
