"""Storing a response: checking the answers against the version's questions and
saving them with the report tallies, once per invitation."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text_guard import validate_no_cpr
from evaluations.models import (
    Answer,
    Invitation,
    QuestionKind,
    Response,
)
from evaluations.tallies import (
    report_tallies_add,
)

FREE_TEXT_MAX_LENGTH = 4000
FIELD_PREFIX = "q-"
# (question id, value, text): one stored answer.
_Row = tuple[str, int | None, str]


def already_answered_message() -> str:
    """The Danish refusal of a second response (translated when used)."""
    return _(
        "You have already answered this evaluation. Thank you! Each person can "
        "answer once, so your answers were not changed."
    )


def _int_in(raw: str, low: int, high: int) -> int | None:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _free_text_clean(question: dict, submitted: Sequence[str]) -> list[_Row]:
    """The row of a free-text answer, or ValidationError (too long, or a CPR
    number). Pure."""
    text = str(submitted[0]).strip()
    if len(text) > FREE_TEXT_MAX_LENGTH:
        raise ValidationError(
            _("Please keep the answer under %(count)s characters.")
            % {"count": FREE_TEXT_MAX_LENGTH}
        )
    validate_no_cpr(text)
    return [(question["id"], None, text)]


def _choice_clean(question: dict, submitted: Sequence[str]) -> list[_Row]:
    """The rows of a Likert, scale or choice answer (one per chosen value), or
    ValidationError when a value is not one of the options or a single-answer
    question got several. Pure."""
    kind = question["kind"]
    if kind == QuestionKind.LIKERT:
        low, high = 1, 5
    elif kind == QuestionKind.SCALE:
        low, high = 0, 10
    else:
        low, high = 0, len(question.get("options", [])) - 1
    values = [_int_in(item, low, high) for item in submitted]
    if None in values or (kind != QuestionKind.MULTIPLE_CHOICE and len(values) != 1):
        raise ValidationError(_("Choose one of the options shown."))
    return [
        (question["id"], value, "")
        for value in sorted({value for value in values if value is not None})
    ]


def response_answers_clean(
    *, questions: Sequence[dict], data: Mapping[str, Sequence[str]]
) -> list[_Row]:
    """Check submitted answers against a version's questions. ``data`` maps field
    names (``q-<question id>``) to the submitted strings. Returns (question id, value,
    text) rows to store, or raises a ValidationError with a Danish message per field.
    Free text passes the personal-data guard (no CPR numbers)."""
    rows: list[_Row] = []
    errors: dict[str, list] = {}
    for question in questions:
        kind = question["kind"]
        if kind == QuestionKind.SECTION:
            continue
        name = FIELD_PREFIX + question["id"]
        submitted = [item for item in data.get(name, []) if str(item).strip()]
        if not submitted:
            if question.get("required"):
                errors[name] = [_("Please answer this question.")]
            continue
        clean = _free_text_clean if kind == QuestionKind.FREE_TEXT else _choice_clean
        try:
            rows.extend(clean(question, submitted))
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    return rows


def response_submit(
    *,
    invitation_id: int,
    data: Mapping[str, Sequence[str]],
    now: datetime.datetime | None = None,
) -> Response:
    """Store a participant's answers to their invitation.

    Validates first (Danish messages per question; nothing is stored on an error),
    then locks the invitation and refuses a second response, or one after the
    closing date, with a Danish ValidationError. For an anonymous survey the response
    keeps no link to the invitation or the person: only ``responded_at`` on the
    invitation records that the person answered (so they are not reminded and cannot
    answer twice). The report tallies are counted up in the same transaction. Not
    idempotent: a second call is refused."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_related("version").get(pk=invitation_id)
    rows = response_answers_clean(questions=invitation.version.questions, data=data)
    with transaction.atomic():
        invitation = (
            # Only the invitation's row: its offering is an outer join now that
            # self-paced invitations have none.
            Invitation.objects.select_for_update(of=("self",))
            .select_related("version", "offering")
            .get(pk=invitation_id)
        )
        if invitation.responded_at is not None:
            raise ValidationError(already_answered_message(), code="answered")
        if invitation.closes_at <= now:
            raise ValidationError(
                _("The evaluation has closed, so it can no longer be answered."),
                code="closed",
            )
        offering = invitation.offering
        anonymous = invitation.version.is_anonymous
        run: dict[str, Any]
        if offering is None:
            # Self-paced: the module's run of the year the invitation was made.
            run = {
                "module_id": invitation.module_id,
                "politikreds_id": None,
                "year": timezone.localtime(invitation.created_at).year,
            }
        else:
            run = {
                "module_id": offering.module_id,
                "politikreds_id": offering.politikreds_id,
                "year": offering.planned_start.year,
            }
        response = Response.objects.create(
            version=invitation.version,
            schedule_id=invitation.schedule_id,
            offering=offering,
            **run,
            submitted_on=None if anonymous else timezone.localdate(now),
            invitation=None if anonymous else invitation,
        )
        Answer.objects.bulk_create(
            Answer(response=response, question_id=question_id, value=value, text=text)
            for question_id, value, text in rows
        )
        report_tallies_add(
            response=response,
            answers=[(question_id, value) for question_id, value, _text in rows],
        )
        Invitation.objects.filter(pk=invitation.pk).update(responded_at=now)
    return response
