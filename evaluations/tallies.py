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
from django.db.models import Case, Count, F, Max, Q, When
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


# The unique index each kind of run's cells are upserted against: an offering's,
# and the self-paced run's of a module and year (a partial index, so its predicate
# is part of the target).
_OFFERING_CONFLICT = "(version_id, offering_id, question_id, value)"
_SELF_PACED_CONFLICT = (
    "(version_id, module_id, year, question_id, value) WHERE offering_id IS NULL"
)


def _upsert(rows: list[tuple], *, replace: bool = False) -> None:
    """Add ``rows`` (``TALLY_FIELDS`` tuples) to the tallies: insert new cells,
    increment existing ones in the database (``count = count + new``), or with
    ``replace`` set them to the new count. Offering and self-paced cells go in
    one statement each."""
    offering_index = TALLY_FIELDS.index("offering_id")
    _upsert_against(
        [row for row in rows if row[offering_index] is not None],
        conflict=_OFFERING_CONFLICT,
        replace=replace,
    )
    _upsert_against(
        [row for row in rows if row[offering_index] is None],
        conflict=_SELF_PACED_CONFLICT,
        replace=replace,
    )


def _upsert_against(rows: list[tuple], *, conflict: str, replace: bool) -> None:
    if not rows:
        return
    table = ReportTally._meta.db_table
    columns = ", ".join(TALLY_FIELDS)
    placeholders = ", ".join(
        ["(" + ", ".join(["%s"] * len(TALLY_FIELDS)) + ")"] * len(rows)
    )
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES {placeholders} "  # noqa: S608 - names from the model
        f"ON CONFLICT {conflict} "
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


def _self_paced_invited_rows(
    *, version_id: int, module_ids=None, invitation_model=Invitation
) -> list[dict]:
    """The invitation counts of a version's self-paced runs (module and the year
    the invitations were made, in local time like ``response_submit``)."""
    if not any(field.name == "module" for field in invitation_model._meta.fields):
        return []  # a historical model from before self-paced invitations
    invitations = invitation_model.objects.filter(
        version_id=version_id, offering__isnull=True
    )
    if module_ids is not None:
        invitations = invitations.filter(module_id__in=module_ids)
    return [
        {
            "version_id": version_id,
            "offering_id": None,
            "module_id": row["module_id"],
            "politikreds_id": None,
            "year": row["created_year"],
            "question_id": RESPONSES,
            "value": INVITED,
            "count": row["n"],
        }
        for row in invitations.values(
            "module_id", created_year=ExtractYear("created_at")
        )
        .annotate(n=Count("id"))
        .order_by()
    ]


def report_self_paced_invited_recount(
    *, version_id: int, module_ids: Iterable[int]
) -> None:
    """Set the invitation counts of a version's self-paced runs of some modules to
    what is stored (one grouped query and one upsert). Idempotent; call it after
    creating self-paced invitations."""
    rows = _self_paced_invited_rows(version_id=version_id, module_ids=list(module_ids))
    _upsert([tuple(row[name] for name in TALLY_FIELDS) for row in rows], replace=True)


def _invited_rows(*, version_id: int, offering_ids=None, invitation_model=Invitation):
    invitations = invitation_model.objects.filter(
        version_id=version_id, offering__isnull=False
    )
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
    offering_ids = list(offering_ids)
    if not offering_ids:
        return
    rows = _invited_rows(version_id=version_id, offering_ids=offering_ids)
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
    runs: dict[tuple, dict] = {}
    tallies = []
    for row in (
        response_model.objects.filter(version_id=version_id)
        .values("offering_id", **_self_paced_run("", response_model))
        .annotate(
            module=Max("module_id"),
            district=Max("politikreds_id"),
            last_year=Max("year"),
            n=Count("id"),
        )
        .order_by()
    ):
        # An offering moved to another year after some answers counts as one run,
        # in the year it has now. Self-paced answers are one run per module and
        # year.
        key = (row["offering_id"], row["self_paced_module"], row["self_paced_year"])
        run = runs[key] = {
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
    tallies.extend(
        _self_paced_invited_rows(
            version_id=version_id, invitation_model=invitation_model
        )
    )
    answers = answer_model.objects.filter(response__version_id=version_id)
    run_of_answer = _self_paced_run("response__", response_model).values()
    for offering_id, module_id, year, question_id, respondents in (
        answers.values_list("response__offering_id", *run_of_answer, "question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    ):
        tallies.append(
            {
                **runs[(offering_id, module_id, year)],
                "question_id": question_id,
                "value": RESPONDENTS,
                "count": respondents,
            }
        )
    for offering_id, module_id, year, question_id, value, count in (
        answers.filter(value__isnull=False)
        .values_list("response__offering_id", *run_of_answer, "question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        tallies.append(
            {
                **runs[(offering_id, module_id, year)],
                "question_id": question_id,
                "value": value,
                "count": count,
            }
        )
    return tallies


def _self_paced_run(prefix: str, response_model) -> dict:
    """Expressions that are a self-paced response's module and year and NULL for
    an offering's, so grouping by them (and the offering) gives one run per
    offering and one per self-paced module and year."""
    self_paced = Q(**{f"{prefix}offering__isnull": True})
    return {
        "self_paced_module": Case(
            When(self_paced, then=F(f"{prefix}module_id")), default=None
        ),
        "self_paced_year": Case(
            When(self_paced, then=F(f"{prefix}year")), default=None
        ),
    }


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
