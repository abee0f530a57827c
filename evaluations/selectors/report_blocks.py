"""Publication blocks: the runs (offerings, and self-paced runs) a report is made
of, their tallies read per measure, and the blocks of at least ``MIN_GROUP``
respondents every published figure is a sum of. Pure functions except
``measures_read``, which reads the tallies (one query)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from evaluations.models import INVITED, RESPONDENTS, ReportTally, SurveyVersion
from evaluations.selectors.report_types import (
    COMPLEMENT,
    MIN_GROUP,
    SMALL,
    Cell,
    ReportFilters,
)


@dataclass(frozen=True)
class Run:
    """The finest cell a report is built from: one offering, with its module,
    district and year; or the self-paced answers of one module and year, with no
    district (``politikreds_id`` None) and a negative ``offering_id``
    (``self_paced_run_key``), so every run has one number."""

    offering_id: int
    module_id: int
    politikreds_id: str | None
    year: int


# Years have four digits: a module's self-paced runs get keys of their own.
_YEARS_PER_MODULE = 10_000


def self_paced_run_key(*, module_id: int, year: int) -> int:
    """The number of the run of a module's self-paced answers of one year: negative,
    so it never meets an offering's id. Pure."""
    return -(module_id * _YEARS_PER_MODULE + year)


def _run_key(offering_id: int | None, module_id: int, year: int) -> int:
    if offering_id is None:
        return self_paced_run_key(module_id=module_id, year=year)
    return offering_id


def responses_of_runs(run_keys: frozenset[int]) -> Q:
    """The responses of some runs, offerings and self-paced runs alike (a
    condition on answers)."""
    condition = Q(response__offering_id__in=[key for key in run_keys if key > 0])
    for key in run_keys:
        if key < 0:
            module_id, year = divmod(-key, _YEARS_PER_MODULE)
            condition |= Q(
                response__offering__isnull=True,
                response__module_id=module_id,
                response__year=year,
            )
    return condition


# Small runs are pooled with runs that share the most, so that the views people
# use most (district × year, then year, module) stay whole.
_POOLS = (
    lambda run: (run.module_id, run.politikreds_id, run.year),
    lambda run: (run.module_id, run.year),
    lambda run: (run.year,),
    lambda run: (run.module_id,),
    lambda run: (),
)


def publication_blocks(
    *, runs: dict[int, Run], sizes: dict[int, int]
) -> list[frozenset[int]]:
    """Split the runs that have respondents into blocks of at least MIN_GROUP
    respondents each. Every figure of every view is then a sum over whole blocks,
    so any sum or difference of figures is a sum over whole blocks too, and no
    group of fewer than MIN_GROUP can be worked out.

    A run with MIN_GROUP or more is a block of its own. Smaller runs are pooled
    with the others of the same module, district and year; what is still short is
    added to the smallest block of that cell; what is left after that moves on to
    the same module and year, then the year, the module, and finally all runs. Only
    when all runs together have fewer than MIN_GROUP is there a block that is too
    small, and then nothing is shown. Deterministic: the same counts give the same
    blocks. Pure."""
    blocks: list[frozenset[int]] = []
    small: list[int] = []
    for offering_id in sorted(sizes):
        if sizes[offering_id] >= MIN_GROUP:
            blocks.append(frozenset({offering_id}))
        elif sizes[offering_id] > 0:
            small.append(offering_id)
    for pool in _POOLS:
        small = _pool_pass(pool, blocks, small, runs=runs, sizes=sizes)
    if small:
        blocks.append(frozenset(small))
    return blocks


def _pool_pass(
    pool: Callable[[Run], tuple],
    blocks: list[frozenset[int]],
    small: list[int],
    *,
    runs: dict[int, Run],
    sizes: dict[int, int],
) -> list[int]:
    """One step of ``publication_blocks``: group the small runs by ``pool``; a
    group big enough becomes a block (appended to ``blocks``), a short one joins
    the smallest block lying wholly inside its group (changed in ``blocks``).
    Returns the runs still left over for the next, coarser pool."""
    groups: dict[tuple, list[int]] = {}
    for offering_id in small:
        groups.setdefault(pool(runs[offering_id]), []).append(offering_id)
    left: list[int] = []
    # The blocks that lie wholly inside one group of this pool.
    inside: dict[tuple, list[int]] = {}
    for index, block in enumerate(blocks):
        keys = {pool(runs[offering_id]) for offering_id in block}
        if len(keys) == 1:
            inside.setdefault(keys.pop(), []).append(index)
    for key in sorted(groups, key=str):
        members = groups[key]
        if sum(sizes[offering_id] for offering_id in members) >= MIN_GROUP:
            blocks.append(frozenset(members))
        elif key in inside:
            smallest = min(
                inside[key],
                key=lambda index: (
                    sum(sizes[offering_id] for offering_id in blocks[index]),
                    min(blocks[index]),
                ),
            )
            blocks[smallest] = blocks[smallest] | frozenset(members)
        else:
            left.extend(members)
    return left


@dataclass
class Block:
    """Runs published together, with their respondents and value counts."""

    runs: frozenset[int]
    n: int
    values: dict[int, int]


@dataclass
class Measure:
    """One thing that is counted per run (the responses, or one question's
    respondents) with its value counts per run and its publication blocks."""

    sizes: dict[int, int]
    values: dict[int, dict[int, int]]  # run → value → answers
    blocks: list[Block] = field(default_factory=list)

    def block_up(self, blocks: list[frozenset[int]]) -> None:
        """Sum this measure's counts per block of runs (kept in ``blocks``)."""
        self.blocks = []
        for runs in blocks:
            if len(runs) == 1:
                (offering_id,) = runs
                self.blocks.append(
                    Block(
                        runs=runs,
                        n=self.sizes[offering_id],
                        values=self.values.get(offering_id, {}),
                    )
                )
                continue
            counts: dict[int, int] = {}
            for offering_id in runs:
                for value, count in self.values.get(offering_id, {}).items():
                    counts[value] = counts.get(value, 0) + count
            n = sum(self.sizes[offering_id] for offering_id in runs)
            self.blocks.append(Block(runs=runs, n=n, values=counts))

    def shown(self, in_view: set[int]) -> list[Block]:
        """The blocks that may be shown in a view: whole, and big enough."""
        return [
            block
            for block in self.blocks
            if block.n >= MIN_GROUP and block.runs <= in_view
        ]


def blocks_sum(blocks: list[Block]) -> tuple[frozenset[int], int, dict[int, int]]:
    """The runs, respondents and value counts of some blocks together (the
    block's own objects for one block: read them, never change them)."""
    if len(blocks) == 1:
        return blocks[0].runs, blocks[0].n, blocks[0].values
    runs: frozenset[int] = frozenset().union(*(block.runs for block in blocks))
    counts: dict[int, int] = {}
    for block in blocks:
        for value, count in block.values.items():
            counts[value] = counts.get(value, 0) + count
    return runs, sum(block.n for block in blocks), counts


def counts_mean(counts: dict[int, int]) -> float | None:
    """The mean of value counts, None when nothing was answered. Pure."""
    answers = sum(counts.values())
    if not answers:
        return None
    return sum(value * count for value, count in counts.items()) / answers


_MIXED = object()


def _uniform_key(block: frozenset[int], runs: dict[int, Run], attribute: str) -> object:
    """The district, year or offering all runs of ``block`` share, or _MIXED."""
    if len(block) == 1:
        return getattr(runs[next(iter(block))], attribute)
    keys = {getattr(runs[offering_id], attribute) for offering_id in block}
    return keys.pop() if len(keys) == 1 else _MIXED


def breakdown_cells(
    measure: Measure,
    shown: list[Block],
    *,
    runs: dict[int, Run],
    in_view: set[int],
    attribute: str,
    numeric: bool,
) -> dict[object, Cell]:
    """A breakdown's figures per group (district, year or offering) for one
    measure: the sum of the shown blocks that lie wholly in the group, marked
    partial when runs of the group had to be left out, hidden when none is left."""
    by_key: dict[object, list[Block]] = {}
    for block in shown:
        key = _uniform_key(block.runs, runs, attribute)
        if key is not _MIXED:
            by_key.setdefault(key, []).append(block)
    true_n: dict[object, int] = {}
    for offering_id, n in measure.sizes.items():
        if offering_id in in_view:
            key = getattr(runs[offering_id], attribute)
            true_n[key] = true_n.get(key, 0) + n
    cells: dict[object, Cell] = {}
    for key, total in true_n.items():
        if key not in by_key:
            # Only the reason is kept, never the hidden number.
            cells[key] = Cell(n=0, hidden=SMALL if total < MIN_GROUP else COMPLEMENT)
            continue
        group_runs, n, counts = blocks_sum(by_key[key])
        cells[key] = Cell(
            n=n,
            mean=counts_mean(counts) if numeric else None,
            partial=n < total,
            runs=group_runs,
        )
    return cells


def view_runs(runs: dict[int, Run], filters: ReportFilters) -> set[int]:
    """The runs ``filters`` select. Pure."""
    return {
        offering_id
        for offering_id, run in runs.items()
        if (not filters.offering_id or filters.offering_id == offering_id)
        and (not filters.module_id or filters.module_id == run.module_id)
        and (
            not filters.politikreds_code
            or filters.politikreds_code == run.politikreds_id
        )
        and (not filters.year_from or run.year >= filters.year_from)
        and (not filters.year_to or run.year <= filters.year_to)
    }


def measures_read(
    version: SurveyVersion,
) -> tuple[dict[int, Run], dict[str, Measure], dict[int, int]]:
    """Every run of the version, every measure and the invitations per run, from
    the tallies (one query)."""
    runs: dict[int, Run] = {}
    measures: dict[str, Measure] = {}
    invitations: dict[int, int] = {}
    sql, params = (
        ReportTally.objects.filter(version=version)
        .values_list(
            "offering_id",
            "module_id",
            "politikreds_id",
            "year",
            "question_id",
            "value",
            "count",
        )
        .order_by()
        .query.sql_with_params()
    )
    # Plain tuples straight from the cursor: a few thousand rows, no conversions.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for offering, module_id, district, year, question_id, value, count in rows:
        offering_id = _run_key(offering, module_id, year)
        if offering_id not in runs:
            runs[offering_id] = Run(offering_id, module_id, district, year)
        if value == INVITED:
            invitations[offering_id] = count
            continue
        measure = measures.setdefault(question_id, Measure(sizes={}, values={}))
        if value == RESPONDENTS:
            if count:
                measure.sizes[offering_id] = count
        elif count:
            measure.values.setdefault(offering_id, {})[value] = count
    return runs, measures, invitations
