"""Evaluation reports against the same aggregation written by hand in SQL, one run.

    .venv/bin/python bench/reports.py

Sets up a throwaway database (a new PostgreSQL database next to DATABASE_URL's when
that is set, else a temporary SQLite file), migrates it and adds one module page. Then
for 1k, 10k, 100k and (PostgreSQL only) 1M answers, made with generate_series in SQL
on PostgreSQL and with bulk inserts on SQLite (a survey of ten questions: six
Likert, two 0–10 scales, one single choice, one free text; respondents spread over
12 districts, 5 years and 60 offerings), it builds the full report with
``evaluations.selectors.report_build`` (response counts, response rate, per question
n, mean and distribution, the first 100 free-text answers as the page shows them,
breakdowns by district, year and offering with suppression) and, in the same process
and alternating with it, the same aggregates with hand-written SQL over the raw
answers through a raw cursor. The report reads the tallies per run, question and
value (counted by ``report_tallies_rebuild`` after loading, as the data migration
does; its time is printed). It prints the medians and the number of queries, and
checks:

* report time <= 20 ms at every size,
* the same number of queries at every size,
* every figure the report shows equals the hand SQL's sum over the runs it covers.

Exit status 0 when every check passes, 1 otherwise.
"""

import datetime
import os
import platform
import statistics
import sys
import tempfile
import time

from reports_data import (
    QUESTIONS_PER_RESPONSE,
    REPEATS,
    REPORT_REPEATS,
    ROOT,
    SIZES,
    SQLITE_SIZES,
    TARGET_SECONDS,
    _data,
    _module_ensure,
    _postgres_create,
    _postgres_drop,
)

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


def _check_same(report, hand, text_limit: int) -> None:
    """Every figure the report shows equals the hand SQL's over the raw answers:
    the totals (every run is shown at these sizes), and each breakdown cell as the
    sum over the runs it covers."""
    by_offering = {row[0]: row[3] for row in hand["by_offering"]}
    assert not report.omitted
    assert report.runs == set(by_offering)
    assert report.responses == sum(by_offering.values())
    assert report.invited == hand["invited"][0][0]
    per_run: dict[tuple[str, int], tuple[int, int, int]] = {}
    for question_id, offering_id, distinct, count, total in hand["question_offering"]:
        per_run[(question_id, offering_id)] = (distinct, count, total or 0)
    values: dict[tuple[str, int], int] = {}
    texts: dict[str, list[str]] = {}
    for question_id, value, text, count in hand["values_and_texts"]:
        if value is None:
            texts.setdefault(question_id, []).extend([text] * count)
        else:
            values[(question_id, value)] = count
    for question in report.questions:
        runs = {o for (q, o) in per_run if q == question.id}
        assert question.runs == runs
        assert question.n == sum(per_run[(question.id, o)][0] for o in runs)
        for option in question.options:
            value = question.options.index(option)
            value += 1 if question.kind == "likert" else 0
            assert option.count == values.get((question.id, value), 0)
        if question.is_numeric:
            count = sum(per_run[(question.id, o)][1] for o in runs)
            total = sum(per_run[(question.id, o)][2] for o in runs)
            assert question.mean == round(total / count, 2)
        if question.is_free_text:
            assert question.texts == texts[question.id][:text_limit]
    for breakdown in report.breakdowns:
        for row in breakdown.rows:
            if not row.responses.hidden:
                assert row.responses.n == sum(
                    by_offering[o] for o in row.responses.runs
                )
            for question, cell in zip(breakdown.questions, row.cells, strict=True):
                if cell.hidden or not cell.n:
                    continue
                figures = [per_run[(question.id, o)] for o in cell.runs]
                assert cell.n == sum(figure[0] for figure in figures)
                mean = sum(f[2] for f in figures) / sum(f[1] for f in figures)
                assert abs(cell.mean - mean) < 1e-9


def _time(function, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _cpu(function, repeats: int) -> float:
    """Median CPU time of this process (Python and the driver, not the database
    server): what the machine's load does not stretch."""
    samples = []
    for _ in range(repeats):
        started = time.process_time()
        function()
        samples.append(time.process_time() - started)
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
        from evaluations.views import TEXT_LIMIT

        call_command("migrate", verbosity=0, interactive=False)
        _module_ensure()

        rows = []
        query_counts = set()
        ok = True
        sizes = SIZES if engine == "PostgreSQL" else SQLITE_SIZES
        for size in sizes:
            started = time.perf_counter()
            version, rebuild_seconds = _data(size)
            load_seconds = time.perf_counter() - started
            if engine == "PostgreSQL":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            filters = ReportFilters()

            def build(v=version, f=filters):
                return report_build(version=v, filters=f, text_limit=TEXT_LIMIT)

            with CaptureQueriesContext(connection) as queries:
                report = build()
            query_counts.add(len(queries))
            _check_same(report, _hand_sql(version), TEXT_LIMIT)
            report_times, sql_times = [], []
            for _round in range(3):  # alternate, so drift hits both alike
                report_times.append(_time(build, REPORT_REPEATS))
                sql_times.append(_time(lambda v=version: _hand_sql(v), REPEATS[size]))
            report_seconds = statistics.median(report_times)
            sql_seconds = statistics.median(sql_times)
            cpu_seconds = _cpu(build, REPORT_REPEATS)
            passed = report_seconds <= TARGET_SECONDS
            ok &= passed
            load = os.getloadavg()[0]
            rows.append(
                (
                    size,
                    size // QUESTIONS_PER_RESPONSE,
                    len(queries),
                    len(HAND_SQL),
                    report_seconds,
                    sql_seconds,
                    rebuild_seconds,
                    load,
                    cpu_seconds,
                    passed,
                )
            )
            print(
                f"{size:>9} answers: report {report_seconds * 1000:8.2f} ms "
                f"(CPU {cpu_seconds * 1000:.2f} ms), "
                f"hand SQL {sql_seconds * 1000:9.2f} ms, "
                f"{len(queries)} queries, loaded in {load_seconds:.1f} s "
                f"(tally rebuild {rebuild_seconds:.2f} s), load average {load:.1f}",
                flush=True,
            )
        same_queries = len(query_counts) == 1
        ok &= same_queries
        print()
        print(
            f"{engine}, Python {platform.python_version()}, "
            f"{datetime.date.today():%Y-%m-%d}, {os.cpu_count()} cores"
        )
        print()
        print(
            "| answers | responses | queries (report / hand SQL) | report ms | "
            "report CPU ms | hand SQL over the answers ms | tally rebuild s | "
            "load average | target ≤ 20 ms |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for (
            size,
            responses,
            queries,
            hand,
            report_s,
            sql_s,
            rebuild_s,
            load,
            cpu_s,
            passed,
        ) in rows:
            print(
                f"| {size:,} | {responses:,} | {queries} / {hand} | "
                f"{report_s * 1000:.2f} | {cpu_s * 1000:.2f} | {sql_s * 1000:.2f} | "
                f"{rebuild_s:.2f} | {load:.1f} | {'pass' if passed else 'FAIL'} |"
            )
        print()
        print("queries the same at every size:", "pass" if same_queries else "FAIL")
        print("figures equal the hand SQL's at every size: pass")
        return 0 if ok else 1
    finally:
        if created:
            from django.db import connections

            connections.close_all()
            _postgres_drop(base_url, created)


if __name__ == "__main__":
    sys.exit(main())
