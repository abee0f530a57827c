"""Demo evaluations for the demo site: a course evaluation and a 90-day follow-up
for the grundmodul, and enough answers that ``make run`` shows a report, with one
district too small to show (suppressed) next to two that are shown.

The respondents are demo people who cannot log in (inactive, no password); their
answers are anonymous like the real ones, and only their invitations record that
they answered."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, Politikreds, User
from courses.models import ModulePage, Offering, OfferingFormat, OfferingStatus, Session
from courses.services.offerings import offering_save, session_save
from evaluations.models import (
    Answer,
    Invitation,
    Response,
    Schedule,
    SurveyTemplate,
    Trigger,
)
from evaluations.services import survey_version_sync
from evaluations.tallies import report_tallies_rebuild

EVALUATION_TITLE = "Evaluering af modulet"
FOLLOW_UP_TITLE = "Opfølgning efter 90 dage"

EVALUATION_QUESTIONS = [
    ("section", {"heading": "Indhold og form", "intro": ""}),
    (
        "likert",
        {
            "text": "Modulets indhold var relevant for mit SSP-arbejde",
            "required": True,
            "labels": "enighed",
        },
    ),
    (
        "likert",
        {
            "text": "Underviserne formidlede stoffet klart",
            "required": True,
            "labels": "enighed",
        },
    ),
    (
        "scale",
        {
            "text": (
                "Hvor sandsynligt er det, at du vil anbefale modulet til en kollega?"
            ),
            "required": True,
            "low_label": "Slet ikke sandsynligt",
            "high_label": "Meget sandsynligt",
        },
    ),
    (
        "single_choice",
        {
            "text": "Hvilken sektor arbejder du primært i?",
            "required": False,
            "choices": ["Skole", "Socialforvaltning", "Politi", "Andet"],
        },
    ),
    (
        "multiple_choice",
        {
            "text": "Hvad vil du bruge i dit arbejde?",
            "required": False,
            "choices": [
                "Forebyggelsespyramiden",
                "Reglerne om informationsudveksling",
                "Netværket fra modulet",
            ],
        },
    ),
    ("section", {"heading": "Dine kommentarer", "intro": ""}),
    (
        "free_text",
        {"text": "Hvad kunne have gjort modulet bedre?", "required": False},
    ),
]

FOLLOW_UP_QUESTIONS = [
    (
        "likert",
        {
            "text": "Jeg har brugt det, jeg lærte, i mit arbejde",
            "required": True,
            "labels": "omfang",
        },
    ),
    (
        "free_text",
        {"text": "Giv gerne et eksempel (uden navne)", "required": False},
    ),
]

COMMENTS = (
    "Mere tid til gruppearbejde med cases.",
    "Gode oplæg, men for mange slides.",
    "Flere konkrete eksempler fra andre kommuner.",
    "Godt at møde politiet fra egen kreds.",
)

# (politikreds code, year offset from this year, responses, invited, kommune code)
DEMO_GROUPS = (
    ("1462", -1, 8, 11, "0657"),  # Midt- og Vestjylland: Herning
    ("1460", -1, 3, 6, "0851"),  # Nordjylland: Aalborg – too few, suppressed
)
FYN_RESPONSES, FYN_INVITED, FYN_KOMMUNE = 9, 12, "0461"  # Odense


def _template_ensure(title: str, intro: str, questions) -> SurveyTemplate:
    template = SurveyTemplate.objects.filter(title=title).first()
    if template is None:
        template = SurveyTemplate.objects.create(
            title=title, intro=intro, is_anonymous=True, questions=questions
        )
    survey_version_sync(template=template)
    return template


def _past_offering(module, code: str, year: int) -> Offering:
    district = Politikreds.objects.get(code=code)
    start = datetime.date(year, 9, 15)
    offering = Offering.objects.filter(
        module=module, politikreds=district, planned_start=start
    ).first()
    if offering is not None:
        return offering
    offering = offering_save(
        offering=Offering(
            module=module,
            politikreds=district,
            format=OfferingFormat.IN_PERSON,
            status=OfferingStatus.HELD,
            planned_start=start,
            enrolment_deadline=start - datetime.timedelta(days=21),
            seats=30,
        ),
        responsible=[],
    )
    for day in (0, 7):
        starts = timezone.make_aware(
            datetime.datetime.combine(
                start + datetime.timedelta(days=day), datetime.time(9)
            )
        )
        session_save(
            session=Session(
                offering=offering,
                title=f"Dag {day // 7 + 1}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=6),
                venue="Rådhuset",
            )
        )
    return offering


def _respondents(code: str, kommune_code: str, count: int) -> list[User]:
    organisation = Organisation.objects.get(kommune__code=kommune_code)
    people = []
    for number in range(1, count + 1):
        email = f"evaluering.{code}.{number:02d}@demo.ssp.test"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                first_name="Demodeltager",
                last_name=f"{code}-{number:02d}",
                organisation=organisation,
                is_active=False,
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people.append(user)
    return people


def _answers_create(*, schedule, version, offering, people, responded: int) -> None:
    """Invite ``people``; the first ``responded`` of them have answered."""
    now = timezone.now()
    ids = [item["id"] for item in version.questions]
    kinds = [item["kind"] for item in version.questions]
    for index, user in enumerate(people):
        answered = index < responded
        Invitation.objects.get_or_create(
            schedule=schedule,
            offering=offering,
            user=user,
            session=None,
            defaults={
                "version": version,
                "sent_at": now,
                "last_contacted_at": now,
                "closes_at": now,
                "responded_at": now if answered else None,
            },
        )
        if not answered:
            continue
        response = Response.objects.create(
            version=version,
            schedule=schedule,
            offering=offering,
            module_id=offering.module_id,
            politikreds_id=offering.politikreds_id,
            year=offering.planned_start.year,
        )
        answers = []
        for position, (question_id, kind) in enumerate(zip(ids, kinds, strict=True)):
            spread = (index * 7 + position * 3) % 5
            if kind == "likert":
                value = min(5, 2 + spread)
                answers.append(Answer(question_id=question_id, value=value))
            elif kind == "scale":
                answers.append(Answer(question_id=question_id, value=5 + spread))
            elif kind == "single_choice":
                answers.append(Answer(question_id=question_id, value=index % 4))
            elif kind == "multiple_choice":
                answers.extend(
                    Answer(question_id=question_id, value=value)
                    for value in {index % 3, (index + 1) % 3}
                )
            elif kind == "free_text" and index % 2 == 0:
                answers.append(
                    Answer(
                        question_id=question_id,
                        text=COMMENTS[(index // 2) % len(COMMENTS)],
                    )
                )
        for answer in answers:
            answer.response = response
        Answer.objects.bulk_create(answers)


@transaction.atomic
def demo_evaluations_seed() -> None:
    """Create the demo templates, a schedule after the last session and a 90-day
    follow-up for the grundmodul, and demo answers for three district runs (Fyn
    this year, Midt- og Vestjylland and Nordjylland last year; Nordjylland has too
    few answers to be shown).

    Idempotent: templates are found by title, offerings by module, district and
    date, respondents by e-mail, and answers are only made while the version has
    none. Does nothing without the grundmodul (the demo seed creates it first).
    """
    module = ModulePage.objects.filter(slug="grundmodul").first()
    if module is None:
        return
    evaluation = _template_ensure(
        EVALUATION_TITLE,
        "Tak fordi du vil evaluere modulet. Det tager omkring fem minutter.",
        EVALUATION_QUESTIONS,
    )
    follow_up = _template_ensure(
        FOLLOW_UP_TITLE,
        "Et kvartal efter modulet vil vi gerne høre, om du har brugt det.",
        FOLLOW_UP_QUESTIONS,
    )
    active_from = timezone.localdate() - datetime.timedelta(days=365)
    schedule, _created = Schedule.objects.get_or_create(
        template=evaluation,
        module=module,
        trigger=Trigger.AFTER_LAST_SESSION,
        defaults={"delay_days": 1, "active_from": active_from},
    )
    Schedule.objects.get_or_create(
        template=follow_up,
        module=module,
        trigger=Trigger.AFTER_COMPLETION,
        defaults={"delay_days": 90, "active_from": active_from},
    )
    version = evaluation.versions.order_by("-number").first()
    if version.responses.exists():
        return
    this_year = timezone.localdate().year
    fyn = (
        Offering.objects.filter(
            module=module, politikreds_id="1465", status=OfferingStatus.HELD
        )
        .order_by("-planned_start")
        .first()
    )
    groups = [
        (_past_offering(module, code, this_year + offset), code, kommune, answered, n)
        for code, offset, answered, n, kommune in DEMO_GROUPS
    ]
    if fyn is not None:
        groups.append((fyn, "1465", FYN_KOMMUNE, FYN_RESPONSES, FYN_INVITED))
    for offering, code, kommune, answered, invited in groups:
        _answers_create(
            schedule=schedule,
            version=version,
            offering=offering,
            people=_respondents(code, kommune, invited),
            responded=answered,
        )
    # The demo answers are made straight in the database: count them for reports.
    report_tallies_rebuild(version_id=version.pk)
