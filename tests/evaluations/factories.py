"""Factories for evaluations: a template with one question of each kind, a schedule,
and responses made straight in the database for report tests."""

import datetime

from django.utils import timezone

from evaluations.models import (
    Answer,
    Invitation,
    Response,
    Schedule,
    SurveyTemplate,
    SurveyVersion,
    Trigger,
)
from evaluations.services import survey_version_sync
from evaluations.tallies import (
    report_invited_recount,
    report_self_paced_invited_recount,
    report_tallies_rebuild,
)

QUESTIONS = [
    ("section", {"heading": "Udbytte", "intro": "Om modulet"}),
    (
        "likert",
        {
            "text": "Modulet var relevant for mit arbejde",
            "required": True,
            "labels": "enighed",
        },
    ),
    (
        "scale",
        {
            "text": "Hvor sandsynligt er det, at du anbefaler modulet?",
            "required": True,
            "low_label": "Slet ikke",
            "high_label": "Meget",
        },
    ),
    (
        "single_choice",
        {
            "text": "Hvordan deltog du?",
            "required": False,
            "choices": ["Fysisk", "Online"],
        },
    ),
    (
        "multiple_choice",
        {
            "text": "Hvad vil du bruge?",
            "required": False,
            "choices": ["Pyramiden", "Lovgivning", "Netværket"],
        },
    ),
    ("free_text", {"text": "Hvad kan gøres bedre?", "required": False}),
]


def template_create(*, anonymous: bool = True, title: str = "Evaluering af modul"):
    template = SurveyTemplate.objects.create(
        title=title,
        intro="Tak fordi du svarer.",
        is_anonymous=anonymous,
        questions=QUESTIONS,
    )
    survey_version_sync(template=template)
    template.refresh_from_db()
    return template


def question_ids(version: SurveyVersion) -> dict[str, str]:
    """Question id by kind (one of each kind in QUESTIONS)."""
    return {item["kind"]: item["id"] for item in version.questions}


def schedule_create(
    *,
    template=None,
    module=None,
    offering=None,
    trigger=Trigger.AFTER_LAST_SESSION,
    delay_days=1,
    **fields,
) -> Schedule:
    return Schedule.objects.create(
        template=template or template_create(),
        module=module,
        offering=offering,
        trigger=trigger,
        delay_days=delay_days,
        active_from=fields.pop(
            "active_from", timezone.localdate() - datetime.timedelta(days=365)
        ),
        **fields,
    )


def responses_create(
    *,
    schedule: Schedule,
    offering,
    count: int,
    likert: int = 4,
    scale: int = 8,
    text: str = "",
    module=None,
    year: int | None = None,
) -> list[Response]:
    """``count`` responses about ``offering`` with the given answers, as if submitted
    (no invitations); with ``offering`` None, self-paced responses about ``module``
    in ``year``."""
    version = schedule.template.versions.order_by("-number").first()
    ids = question_ids(version)
    if offering is None:
        run = {"module_id": module.pk, "politikreds_id": None, "year": year}
    else:
        run = {
            "module_id": offering.module_id,
            "politikreds_id": offering.politikreds_id,
            "year": offering.planned_start.year,
        }
    responses = Response.objects.bulk_create(
        Response(version=version, schedule=schedule, offering=offering, **run)
        for _ in range(count)
    )
    answers = []
    for response in responses:
        answers.append(
            Answer(response=response, question_id=ids["likert"], value=likert)
        )
        answers.append(Answer(response=response, question_id=ids["scale"], value=scale))
        answers.append(
            Answer(response=response, question_id=ids["single_choice"], value=0)
        )
        if text:
            answers.append(
                Answer(response=response, question_id=ids["free_text"], text=text)
            )
    Answer.objects.bulk_create(answers)
    # Made straight in the database, so counted the way a data import is.
    report_tallies_rebuild(version_id=version.pk)
    return responses


def invitation_create(*, schedule: Schedule, offering, user, **fields) -> Invitation:
    now = timezone.now()
    invitation = Invitation.objects.create(
        schedule=schedule,
        version=schedule.template.versions.order_by("-number").first(),
        offering=offering,
        user=user,
        sent_at=fields.pop("sent_at", now),
        last_contacted_at=now,
        closes_at=fields.pop("closes_at", now + datetime.timedelta(days=21)),
        **fields,
    )
    report_invited_recount(
        version_id=invitation.version_id, offering_ids=[invitation.offering_id]
    )
    return invitation


def self_paced_invitation_create(*, schedule: Schedule, module, user) -> Invitation:
    """An invitation sent after ``user`` completed ``module`` on their own."""
    now = timezone.now()
    invitation = Invitation.objects.create(
        schedule=schedule,
        version=schedule.template.versions.order_by("-number").first(),
        module=module,
        user=user,
        sent_at=now,
        last_contacted_at=now,
        closes_at=now + datetime.timedelta(days=21),
    )
    report_self_paced_invited_recount(
        version_id=invitation.version_id, module_ids=[module.pk]
    )
    return invitation
