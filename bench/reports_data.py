"""The data of bench/reports.py: a throwaway PostgreSQL database (or SQLite), a
survey with its questions, the people, and the answers generated in bulk."""

import datetime
import os
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000, 1_000_000)
SQLITE_SIZES = (1_000, 10_000, 100_000)
REPEATS = {1_000: 40, 10_000: 20, 100_000: 10, 1_000_000: 3}
REPORT_REPEATS = 20
QUESTIONS_PER_RESPONSE = 10
TARGET_SECONDS = 0.020
RUNS = 60


def _maintenance_url(base_url: str) -> str:
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres"))


def _postgres_create(base_url: str) -> tuple[str, str]:
    import psycopg

    parts = urllib.parse.urlsplit(base_url)
    name = f"bench_reports_{os.getpid()}"
    with psycopg.connect(_maintenance_url(base_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), name


def _postgres_drop(base_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_maintenance_url(base_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


QUESTIONS = [
    *[
        ("likert", {"text": f"Udsagn {n}", "required": True, "labels": "enighed"})
        for n in range(1, 7)
    ],
    *[
        (
            "scale",
            {
                "text": f"Skala {n}",
                "required": True,
                "low_label": "Lav",
                "high_label": "Høj",
            },
        )
        for n in range(1, 3)
    ],
    (
        "single_choice",
        {"text": "Sektor", "required": False, "choices": ["A", "B", "C", "D"]},
    ),
    ("free_text", {"text": "Kommentar", "required": False}),
]


def _module_ensure() -> None:
    """One module page under a catalogue: all a report needs from the site."""
    from wagtail.models import Page

    from courses.models import CourseIndexPage, ModulePage

    root = Page.get_first_root_node()
    catalogue = root.add_child(
        instance=CourseIndexPage(title="Moduler", slug="bench-moduler")
    )
    catalogue.add_child(
        instance=ModulePage(title="Grundmodul", slug="bench-modul", summary="Bench")
    )


def _survey(answers: int):
    """A survey version, its schedule and the 60 offerings (12 districts × 5 years)."""
    from django.utils import timezone

    from accounts.models import Politikreds
    from courses.models import ModulePage, Offering
    from evaluations.models import Schedule, SurveyTemplate
    from evaluations.services import survey_version_sync

    module = ModulePage.objects.get(slug="bench-modul")
    template = SurveyTemplate.objects.create(
        title=f"Bench {answers}", questions=QUESTIONS, is_anonymous=True
    )
    version = survey_version_sync(template=template)
    schedule = Schedule.objects.create(template=template, module=module)
    districts = list(Politikreds.objects.order_by("code"))
    this_year = timezone.localdate().year
    offerings = list(
        Offering.objects.bulk_create(
            Offering(
                module=module,
                politikreds=district,
                planned_start=datetime.date(this_year - year, 9, 1),
                enrolment_deadline=datetime.date(this_year - year, 8, 1),
                seats=100,
                status="afholdt",
            )
            for district in districts
            for year in range(5)
        )
    )
    return module, version, schedule, offerings


def _people(count: int) -> list[int]:
    """``count`` inactive people to invite (the same ones for every survey: an
    invitation is unique per survey, offering and person)."""
    from accounts.models import Organisation, User

    existing = list(
        User.objects.filter(email__startswith="bench.")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(existing) >= count:
        return existing[:count]
    organisation = Organisation.objects.filter(kind="kommune").first()
    User.objects.bulk_create(
        (
            User(
                email=f"bench.{n}@bench.test",
                first_name="B",
                last_name=str(n),
                organisation=organisation,
                is_active=False,
            )
            for n in range(len(existing), count)
        ),
        batch_size=5000,
    )
    return _people(count)


ANSWERS_SQL = """
    INSERT INTO evaluations_answer (response_id, question_id, value, text)
    SELECT md5(%(version)s || '-' || g)::uuid, q.id,
           CASE q.kind
               WHEN 'likert' THEN 1 + (g + q.position) %% 5
               WHEN 'scale' THEN (g * 3 + q.position) %% 11
               WHEN 'single_choice' THEN g %% 4
           END,
           CASE WHEN q.kind = 'free_text' THEN 'Kommentar ' || (g %% 50) ELSE '' END
    FROM generate_series(0, %(count)s - 1) AS g
    CROSS JOIN unnest(%(ids)s::text[], %(kinds)s::text[], %(positions)s::int[])
        AS q(id, kind, position)"""

RESPONSES_SQL = """
    INSERT INTO evaluations_response
        (id, version_id, schedule_id, offering_id, module_id, politikreds_id, year)
    SELECT md5(%(version)s || '-' || g)::uuid, %(version)s, %(schedule)s,
           o.id, o.module_id, o.politikreds_id,
           EXTRACT(YEAR FROM o.planned_start)::int
    FROM generate_series(0, %(count)s - 1) AS g
    JOIN unnest(%(offerings)s::bigint[]) WITH ORDINALITY AS r(id, position)
        ON r.position - 1 = g %% %(runs)s
    JOIN courses_offering o ON o.id = r.id"""

INVITATIONS_SQL = """
    INSERT INTO evaluations_invitation
        (schedule_id, version_id, offering_id, user_id, created_at, sent_at,
         closes_at, reminders_sent, responded_at)
    SELECT %(schedule)s, %(version)s, r.id, p.id, now(), now(), now(), 0,
           CASE WHEN g < %(count)s THEN now() END
    FROM generate_series(0, %(invited)s - 1) AS g
    JOIN unnest(%(offerings)s::bigint[]) WITH ORDINALITY AS r(id, position)
        ON r.position - 1 = g %% %(runs)s
    JOIN unnest(%(people)s::bigint[]) WITH ORDINALITY AS p(id, position)
        ON p.position - 1 = g / %(runs)s"""


def _data(answers: int):
    """A survey version with ``answers`` answers (answers / 10 responses, spread
    round-robin over the 60 offerings) and one invitation per response plus a
    fifth more that were not answered; then its tallies counted from the answers.
    Returns the version and the seconds the tally rebuild took."""
    from django.db import connection

    from evaluations.tallies import report_tallies_rebuild

    _module, version, schedule, offerings = _survey(answers)
    count = answers // QUESTIONS_PER_RESPONSE
    invited = count + count // 5
    people = _people(-(-invited // RUNS))
    if connection.vendor == "postgresql":
        arguments = {
            "version": version.pk,
            "schedule": schedule.pk,
            "count": count,
            "invited": invited,
            "runs": RUNS,
            "offerings": [offering.pk for offering in offerings],
            "people": people,
            "ids": [item["id"] for item in version.questions],
            "kinds": [item["kind"] for item in version.questions],
            "positions": list(range(len(version.questions))),
        }
        with connection.cursor() as cursor:
            for sql in (RESPONSES_SQL, ANSWERS_SQL, INVITATIONS_SQL):
                cursor.execute(sql, arguments)
    else:
        _data_orm(version, schedule, offerings, people, count, invited)
    started = time.perf_counter()
    report_tallies_rebuild(version_id=version.pk)
    return version, time.perf_counter() - started


def _data_orm(version, schedule, offerings, people, count, invited) -> None:
    """The same rows as the SQL above, through the ORM (SQLite)."""
    from django.utils import timezone

    from evaluations.models import Answer, Invitation, Response

    ids = [item["id"] for item in version.questions]
    kinds = [item["kind"] for item in version.questions]
    responses = []
    for number in range(count):
        offering = offerings[number % RUNS]
        responses.append(
            Response(
                version=version,
                schedule=schedule,
                offering=offering,
                module_id=offering.module_id,
                politikreds_id=offering.politikreds_id,
                year=offering.planned_start.year,
            )
        )
    Response.objects.bulk_create(responses, batch_size=2000)
    rows = []
    for number, response in enumerate(responses):
        for position, (question_id, kind) in enumerate(zip(ids, kinds, strict=True)):
            value, text = None, ""
            if kind == "likert":
                value = 1 + (number + position) % 5
            elif kind == "scale":
                value = (number * 3 + position) % 11
            elif kind == "single_choice":
                value = number % 4
            else:
                text = f"Kommentar {number % 50}"
            rows.append(
                Answer(
                    response=response, question_id=question_id, value=value, text=text
                )
            )
    Answer.objects.bulk_create(rows, batch_size=5000)
    now = timezone.now()
    Invitation.objects.bulk_create(
        (
            Invitation(
                schedule=schedule,
                version=version,
                offering=offerings[n % RUNS],
                user_id=people[n // RUNS],
                sent_at=now,
                closes_at=now,
                responded_at=now if n < count else None,
            )
            for n in range(invited)
        ),
        batch_size=5000,
    )
