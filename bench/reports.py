"""Evaluation reports against the same aggregation written by hand in SQL, one run.

    .venv/bin/python bench/reports.py

Sets up a throwaway database (a new PostgreSQL database next to DATABASE_URL's when
that is set, else a temporary SQLite file), migrates it and adds one module page. Then
for 1k, 10k and 100k answers (a survey of ten questions: six Likert, two 0–10 scales,
one single choice, one free text; respondents spread over 12 districts, 5 years and
60 offerings) it builds the full report with ``evaluations.selectors.report_build``
(response counts, response rate, per question n, mean and distribution, free-text
answers, breakdowns by district, year and offering with suppression) and, in the same
process and alternating with it, the same aggregates with hand-written SQL through a
raw cursor. It prints the medians, the ratio and the number of queries, and checks:

* report time <= 1.5 x hand-written SQL + 2 ms at every size,
* the same number of queries at every size,
* the report's figures equal the hand-written SQL's.

Exit status 0 when every check passes, 1 otherwise.
"""

import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000)
REPEATS = {1_000: 40, 10_000: 15, 100_000: 5}
QUESTIONS_PER_RESPONSE = 10
RATIO_TARGET = 1.5
SLACK_SECONDS = 0.002


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


def _data(answers: int):
    """A survey version with ``answers`` answers (answers / 10 responses) and one
    invitation per response plus a fifth more that were not answered."""
    from django.utils import timezone

    from accounts.models import Organisation, Politikreds, User
    from courses.models import ModulePage, Offering
    from evaluations.models import (
        Answer,
        Invitation,
        Response,
        Schedule,
        SurveyTemplate,
    )
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
    ids = [item["id"] for item in version.questions]
    kinds = [item["kind"] for item in version.questions]
    count = answers // QUESTIONS_PER_RESPONSE
    responses = []
    for number in range(count):
        offering = offerings[number % len(offerings)]
        responses.append(
            Response(
                version=version,
                schedule=schedule,
                offering=offering,
                module_id=module.pk,
                politikreds_id=offering.politikreds_id,
                year=offering.planned_start.year,
            )
        )
    Response.objects.bulk_create(responses, batch_size=2000)
    rows = []
    for number, response in enumerate(responses):
        for position, (question_id, kind) in enumerate(zip(ids, kinds, strict=True)):
            if kind == "likert":
                rows.append(
                    Answer(
                        response=response,
                        question_id=question_id,
                        value=1 + (number + position) % 5,
                    )
                )
            elif kind == "scale":
                rows.append(
                    Answer(
                        response=response,
                        question_id=question_id,
                        value=(number * 3 + position) % 11,
                    )
                )
            elif kind == "single_choice":
                rows.append(
                    Answer(response=response, question_id=question_id, value=number % 4)
                )
            else:
                rows.append(
                    Answer(
                        response=response,
                        question_id=question_id,
                        text=f"Kommentar {number % 50}",
                    )
                )
    Answer.objects.bulk_create(rows, batch_size=5000)
    organisation = Organisation.objects.filter(kind="kommune").first()
    invited = count + count // 5
    people = User.objects.bulk_create(
        User(
            email=f"bench.{answers}.{n}@bench.test",
            first_name="B",
            last_name=str(n),
            organisation=organisation,
            is_active=False,
        )
        for n in range(invited)
    )
    now = timezone.now()
    Invitation.objects.bulk_create(
        (
            Invitation(
                schedule=schedule,
                version=version,
                offering=offerings[n % len(offerings)],
                user=person,
                sent_at=now,
                closes_at=now,
                responded_at=now if n < count else None,
            )
            for n, person in enumerate(people)
        ),
        batch_size=5000,
    )
    return version


HAND_SQL = {
    "by_offering": """
        SELECT offering_id, politikreds_id, year, COUNT(*) FROM evaluations_response
        WHERE version_id = %(v)s GROUP BY offering_id, politikreds_id, year""",
    "invited": """
        SELECT COUNT(*) FROM evaluations_invitation WHERE version_id = %(v)s""",
    "question_offering": """
        SELECT a.question_id, r.offering_id, COUNT(DISTINCT a.response_id),
               COUNT(*), SUM(a.value)
        FROM evaluations_answer a JOIN evaluations_response r ON r.id = a.response_id
        WHERE r.version_id = %(v)s GROUP BY a.question_id, r.offering_id""",
    "values_and_texts": """
        SELECT a.question_id, a.value, a.text, COUNT(*)
        FROM evaluations_answer a JOIN evaluations_response r ON r.id = a.response_id
        WHERE r.version_id = %(v)s GROUP BY a.question_id, a.value, a.text
        ORDER BY a.question_id, a.text""",
    "offering_labels": """
        SELECT o.id, p.title, o.politikreds_id, k.name, o.planned_start
        FROM courses_offering o
        JOIN wagtailcore_page p ON p.id = o.module_id
        JOIN accounts_politikreds k ON k.code = o.politikreds_id
        WHERE o.id IN (SELECT DISTINCT offering_id FROM evaluations_response
                       WHERE version_id = %(v)s)""",
}


def _hand_sql(version) -> dict[str, list]:
    """The report's aggregates, each statement written by hand and fetched with a
    raw cursor: what the database has to do, without the ORM or the report's own
    Python around it."""
    from django.db import connection

    results = {}
    with connection.cursor() as cursor:
        for name, sql in HAND_SQL.items():
            args: list = []
            if "%(v)s" in sql:
                args.append(version.pk)
            sql = sql.replace("%(v)s", "%s")
            cursor.execute(sql, args)
            results[name] = cursor.fetchall()
    return results


def _check_same(report, hand) -> None:
    """The report's figures are the hand SQL's (hidden cells keep their n)."""
    assert report.responses == sum(row[3] for row in hand["by_offering"])
    assert report.invited == hand["invited"][0][0]
    respondents: dict[str, int] = {}
    for question_id, _offering, distinct, _count, _sum in hand["question_offering"]:
        respondents[question_id] = respondents.get(question_id, 0) + distinct
    for question in report.questions:
        assert question.n == respondents[question.id]
    offerings = {row.key: row.responses.n for row in report.breakdowns[2].rows}
    assert offerings == {row[0]: row[3] for row in hand["by_offering"]}
    texts = sum(len(question.texts) for question in report.questions)
    assert texts == sum(
        row[3] for row in hand["values_and_texts"] if row[1] is None and row[2]
    )


def _time(function, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    base_url = os.environ.get("DATABASE_URL", "")
    created = None
    if base_url.startswith("postgres"):
        url, created = _postgres_create(base_url)
        os.environ["DATABASE_URL"] = url
        engine = "PostgreSQL"
    else:
        folder = tempfile.mkdtemp(prefix="bench-reports-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        engine = "SQLite"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    os.environ["LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from evaluations.selectors import ReportFilters, report_build

        call_command("migrate", verbosity=0, interactive=False)
        _module_ensure()

        rows = []
        query_counts = set()
        ok = True
        for size in SIZES:
            version = _data(size)
            if engine == "PostgreSQL":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            filters = ReportFilters()
            with CaptureQueriesContext(connection) as queries:
                report = report_build(version=version, filters=filters)
            query_counts.add(len(queries))
            _check_same(report, _hand_sql(version))
            repeats = REPEATS[size]
            report_times, sql_times = [], []
            for _round in range(3):  # alternate, so drift hits both alike
                report_times.append(
                    _time(
                        lambda v=version, f=filters: report_build(version=v, filters=f),
                        repeats,
                    )
                )
                sql_times.append(_time(lambda v=version: _hand_sql(v), repeats))
            report_seconds = statistics.median(report_times)
            sql_seconds = statistics.median(sql_times)
            passed = report_seconds <= RATIO_TARGET * sql_seconds + SLACK_SECONDS
            ok &= passed
            rows.append(
                (
                    size,
                    size // QUESTIONS_PER_RESPONSE,
                    len(queries),
                    len(HAND_SQL),
                    report_seconds,
                    sql_seconds,
                    passed,
                )
            )
            print(
                f"{size:>7} answers: report {report_seconds * 1000:8.2f} ms, "
                f"hand SQL {sql_seconds * 1000:8.2f} ms, "
                f"ratio {report_seconds / sql_seconds:5.2f}, "
                f"{len(queries)} queries",
                flush=True,
            )
        same_queries = len(query_counts) == 1
        ok &= same_queries
        print()
        print(
            f"{engine}, Python {platform.python_version()}, "
            f"{datetime.date.today():%Y-%m-%d}"
        )
        print()
        print(
            "| answers | responses | queries (report / SQL) | report ms | "
            "hand SQL ms | ratio | target | result |"
        )
        print("|---:|---:|---:|---:|---:|---:|---|---|")
        for size, responses, queries, hand, report_s, sql_s, passed in rows:
            print(
                f"| {size:,} | {responses:,} | {queries} / {hand} | "
                f"{report_s * 1000:.2f} | {sql_s * 1000:.2f} | "
                f"{report_s / sql_s:.2f} | ≤ 1.5× + 2 ms | "
                f"{'pass' if passed else 'FAIL'} |"
            )
        print()
        print("queries the same at every size:", "pass" if same_queries else "FAIL")
        return 0 if ok else 1
    finally:
        if created:
            from django.db import connections

            connections.close_all()
            _postgres_drop(base_url, created)


if __name__ == "__main__":
    sys.exit(main())
