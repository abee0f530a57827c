"""Writes that keep ``ReportTally`` (the counts reports are built from) in step with
the responses: an increment in the transaction that stores a response, and an
idempotent rebuild from the answers for what was stored another way (the data
migration, the demo seed, bulk imports) or to catch up after a failure.

Both take the version's row lock in the same mode as each other's writers: a
submission locks it ``FOR SHARE`` (submissions do not wait for each other), a
rebuild ``FOR UPDATE`` (it waits for open submissions and holds new ones back until
its own count is in), so a rebuild never misses or double-counts a response."""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, Max
from django.db.models.functions import ExtractYear

from evaluations.models import (
    INVITED,
    RESPONDENTS,
    RESPONSES,
    Answer,
    Invitation,
    ReportTally,
    Response,
    SurveyVersion,
)

TALLY_FIELDS = (
    "version_id",
    "offering_id",
    "module_id",
    "politikreds_id",
    "year",
    "question_id",
    "value",
    "count",
)


def _version_lock(*, version_id: int, exclusive: bool) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite runs one writing transaction at a time anyway.
    mode = "UPDATE" if exclusive else "SHARE"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {SurveyVersion._meta.db_table} WHERE id = %s FOR {mode}",  # noqa: S608 - a table name and a fixed word
            [version_id],
        )


def _upsert(rows: list[tuple], *, replace: bool = False) -> None:
    """Add ``rows`` (``TALLY_FIELDS`` tuples) to the tallies: insert new cells,
    increment existing ones in the database (``count = count + new``), or with
    ``replace`` set them to the new count."""
    if not rows:
        return
    table = ReportTally._meta.db_table
    columns = ", ".join(TALLY_FIELDS)
    placeholders = ", ".join(
        ["(" + ", ".join(["%s"] * len(TALLY_FIELDS)) + ")"] * len(rows)
    )
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES {placeholders} "  # noqa: S608 - names from the model
        "ON CONFLICT (version_id, offering_id, question_id, value) "
        + (
            "DO UPDATE SET count = excluded.count"
            if replace
            else f"DO UPDATE SET count = {table}.count + excluded.count"
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def report_tallies_add(
    *,
    response: Response,
    answers: Iterable[tuple[str, int | None]],
) -> None:
    """Count one stored response and its answers (question id, value) into the
    tallies, with database-side increments. Call it inside the transaction that
    stores the response, so the counts and the answers commit together. Not
    idempotent: each call counts the response once more."""
    assert connection.in_atomic_block, "count a response in its own transaction"
    _version_lock(version_id=response.version_id, exclusive=False)
    run = (
        response.version_id,
        response.offering_id,
        response.module_id,
        response.politikreds_id,
        response.year,
    )
    counts: Counter[tuple[str, int]] = Counter({(RESPONSES, RESPONDENTS): 1})
    answered: set[str] = set()
    for question_id, value in answers:
        if question_id not in answered:
            answered.add(question_id)
            counts[(question_id, RESPONDENTS)] += 1
        if value is not None:
            counts[(question_id, value)] += 1
    _upsert(
        [(*run, question_id, value, n) for (question_id, value), n in counts.items()]
    )


def _invited_rows(*, version_id: int, offering_ids=None, invitation_model=Invitation):
    invitations = invitation_model.objects.filter(version_id=version_id)
    if offering_ids is not None:
        invitations = invitations.filter(offering_id__in=offering_ids)
    return [
        {
            "version_id": version_id,
            "offering_id": row["offering_id"],
            "module_id": row["module"],
            "politikreds_id": row["district"],
            "year": row["planned_year"],
            "question_id": RESPONSES,
            "value": INVITED,
            "count": row["n"],
        }
        for row in invitations.values("offering_id")
        .annotate(
            module=Max("offering__module_id"),
            district=Max("offering__politikreds_id"),
            planned_year=Max(ExtractYear("offering__planned_start")),
            n=Count("id"),
        )
        .order_by()
    ]


def report_invited_recount(*, version_id: int, offering_ids: Iterable[int]) -> None:
    """Set the invitation counts of some runs of a version to what is stored (one
    grouped query and one upsert). Idempotent; call it after creating invitations."""
    rows = _invited_rows(version_id=version_id, offering_ids=list(offering_ids))
    _upsert([tuple(row[name] for name in TALLY_FIELDS) for row in rows], replace=True)


def report_tallies_compute(
    *,
    version_id: int,
    response_model=Response,
    answer_model=Answer,
    invitation_model=Invitation,
) -> list[dict]:
    """The tallies of one version counted from its responses, invitations and
    answers (four grouped queries), as ``ReportTally`` field dicts. The model
    arguments let the data migration pass its historical models. Reads only."""
    runs: dict[int, dict] = {}
    tallies = []
    for row in (
        response_model.objects.filter(version_id=version_id)
        .values("offering_id")
        .annotate(
            module=Max("module_id"),
            district=Max("politikreds_id"),
            last_year=Max("year"),
            n=Count("id"),
        )
        .order_by()
    ):
        # An offering moved to another year after some answers counts as one run,
        # in the year it has now.
        run = runs[row["offering_id"]] = {
            "version_id": version_id,
            "offering_id": row["offering_id"],
            "module_id": row["module"],
            "politikreds_id": row["district"],
            "year": row["last_year"],
        }
        tallies.append(
            {**run, "question_id": RESPONSES, "value": RESPONDENTS, "count": row["n"]}
        )
    tallies.extend(
        _invited_rows(version_id=version_id, invitation_model=invitation_model)
    )
    answers = answer_model.objects.filter(response__version_id=version_id)
    for offering_id, question_id, respondents in (
        answers.values_list("response__offering_id", "question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    ):
        tallies.append(
            {
                **runs[offering_id],
                "question_id": question_id,
                "value": RESPONDENTS,
                "count": respondents,
            }
        )
    for offering_id, question_id, value, count in (
        answers.filter(value__isnull=False)
        .values_list("response__offering_id", "question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        tallies.append(
            {
                **runs[offering_id],
                "question_id": question_id,
                "value": value,
                "count": count,
            }
        )
    return tallies


def report_tallies_rebuild(*, version_id: int) -> int:
    """Replace a version's tallies with counts made afresh from its answers, in
    one transaction that holds new submissions to this version back meanwhile.
    Idempotent: running it again gives the same rows. Returns the number of rows."""
    with transaction.atomic():
        _version_lock(version_id=version_id, exclusive=True)
        ReportTally.objects.filter(version_id=version_id).delete()
        tallies = report_tallies_compute(version_id=version_id)
        ReportTally.objects.bulk_create(
            [ReportTally(**tally) for tally in tallies], batch_size=2000
        )
    return len(tallies)
