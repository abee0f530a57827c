"""Reads for evaluation reports.

A report is built from the tallies per run (offering), question and value, with a
fixed number of queries however many answers there are. Suppression is decided
once per survey version over the runs, the finest cells every view is made of: the
runs are split into publication blocks of at least ``MIN_GROUP`` respondents, and
every figure of every view, breakdown, trend and export is a sum over whole blocks.
So no sum or difference of published figures isolates fewer than ``MIN_GROUP``
respondents (``tests/evaluations/test_report_attack.py`` checks this by rank).

Answers to invitations after a module completed on one's own (self-paced) have no
offering: they are one run per module and year, with no district, labelled
"selvstændigt forløb", and blocked like every other run."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from accounts.models import Politikreds
from courses.models import ModulePage, Offering
from evaluations.models import (
    CHOICE_KINDS,
    INVITED,
    NUMERIC_KINDS,
    RESPONDENTS,
    RESPONSES,
    TEXT_INDEX_PREFIX,
    Answer,
    QuestionKind,
    ReportTally,
    SurveyVersion,
)

MIN_GROUP = 5


@dataclass(frozen=True)
class ReportFilters:
    """What a report covers. Every field is optional; years are inclusive."""

    module_id: int | None = None
    offering_id: int | None = None
    politikreds_code: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def response_q(self, prefix: str = "") -> Q:
        condition = Q()
        if self.module_id:
            condition &= Q(**{f"{prefix}module_id": self.module_id})
        if self.offering_id:
            condition &= Q(**{f"{prefix}offering_id": self.offering_id})
        if self.politikreds_code:
            condition &= Q(**{f"{prefix}politikreds_id": self.politikreds_code})
        if self.year_from:
            condition &= Q(**{f"{prefix}year__gte": self.year_from})
        if self.year_to:
            condition &= Q(**{f"{prefix}year__lte": self.year_to})
        return condition

    def invitation_q(self) -> Q:
        condition = Q()
        if self.module_id:
            condition &= Q(offering__module_id=self.module_id)
        if self.offering_id:
            condition &= Q(offering_id=self.offering_id)
        if self.politikreds_code:
            condition &= Q(offering__politikreds_id=self.politikreds_code)
        if self.year_from:
            condition &= Q(offering__planned_start__year__gte=self.year_from)
        if self.year_to:
            condition &= Q(offering__planned_start__year__lte=self.year_to)
        return condition


SMALL = "small"  # fewer than MIN_GROUP responses
COMPLEMENT = "complement"  # hidden so that a small group cannot be subtracted out


@dataclass
class Cell:
    """One figure of a breakdown: the number of responses and the mean, or nothing
    when the group is too small to show (``hidden`` says why)."""

    n: int
    mean: float | None = None
    hidden: str = ""
    # Some runs of the group are left out: they are published with runs outside it.
    partial: bool = False
    # The offerings whose responses the figure sums (for audits; never shown).
    runs: frozenset[int] = frozenset()

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden)


@dataclass
class OptionCount:
    label: str
    count: int
    percent: float


@dataclass
class QuestionReport:
    id: str
    kind: str
    text: str
    number: int
    n: int = 0
    mean: float | None = None
    suppressed: bool = True
    options: list[OptionCount] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    scale_max: int = 0
    runs: frozenset[int] = frozenset()

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def is_free_text(self) -> bool:
        return self.kind == QuestionKind.FREE_TEXT


@dataclass
class BreakdownRow:
    key: object
    label: str
    responses: Cell
    cells: list[Cell]


@dataclass
class Breakdown:
    """Responses and the mean of every numeric question per group (district, year
    or offering)."""

    slug: str
    title: str
    questions: list[QuestionReport]
    rows: list[BreakdownRow]

    @property
    def has_suppressed(self) -> bool:
        return any(
            cell.suppressed for row in self.rows for cell in [row.responses, *row.cells]
        )


@dataclass
class Report:
    version: SurveyVersion
    filters: ReportFilters
    invited: int
    responses: int
    questions: list[QuestionReport]
    breakdowns: list[Breakdown]
    runs: frozenset[int] = frozenset()
    # Some runs of the selection are left out (published only together with runs
    # outside it).
    omitted: bool = False

    @property
    def suppressed(self) -> bool:
        return self.responses < MIN_GROUP

    @property
    def response_rate(self) -> float | None:
        if self.suppressed or not self.invited:
            return None
        return round(100 * self.responses / self.invited, 1)

    @property
    def numeric_questions(self) -> list[QuestionReport]:
        return [question for question in self.questions if question.is_numeric]


def survey_versions_for_reports() -> QuerySet[SurveyVersion]:
    """Every version that has at least one response, newest first, with its
    number of responses (``response_count``)."""
    return (
        SurveyVersion.objects.annotate(
            response_count=Sum(
                "tallies__count",
                filter=Q(tallies__question_id=RESPONSES, tallies__value=RESPONDENTS),
            )
        )
        .filter(response_count__gt=0)
        .order_by("title", "-number")
    )


def _offering_label(
    module_title: str, district_name: str, planned_start: datetime.date
) -> str:
    return f"{module_title}, {district_name}, {planned_start:%d.%m.%Y}"


def _self_paced_label(module_title: str, year: int) -> str:
    return _("%(module)s, self-paced, %(year)s") % {
        "module": module_title,
        "year": year,
    }


def report_offering_label(*, offering_id: int) -> str:
    """ "Module, district, start date" of an offering, or "" when there is none."""
    row = (
        Offering.objects.filter(pk=offering_id)
        .values_list("module__title", "politikreds__name", "planned_start")
        .first()
    )
    return "" if row is None else _offering_label(*row)


def report_filter_choices() -> dict:
    """Modules, districts and years a report can be narrowed to (three queries)."""
    return {
        "modules": list(ModulePage.objects.order_by("title").only("id", "title")),
        "districts": list(Politikreds.objects.order_by("name")),
        "years": sorted(
            set(ReportTally.objects.values_list("year", flat=True).distinct()),
            reverse=True,
        ),
    }


def _round(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _question_reports(version: SurveyVersion) -> list[QuestionReport]:
    reports = []
    number = 0
    for question in version.questions:
        if question["kind"] == QuestionKind.SECTION:
            continue
        number += 1
        report = QuestionReport(
            id=question["id"],
            kind=question["kind"],
            text=question["text"],
            number=number,
        )
        if question["kind"] == QuestionKind.LIKERT:
            labels = question.get("options", [])
            report.options = [
                OptionCount(f"{index} – {label}", 0, 0.0)
                for index, label in enumerate(labels, start=1)
            ]
            report.scale_max = 5
        elif question["kind"] == QuestionKind.SCALE:
            report.options = [OptionCount(str(value), 0, 0.0) for value in range(11)]
            report.scale_max = 10
        elif question["kind"] in CHOICE_KINDS:
            report.options = [
                OptionCount(label, 0, 0.0) for label in question.get("options", [])
            ]
        reports.append(report)
    return reports


def _option_index(kind: str, value: int) -> int:
    return value - 1 if kind == QuestionKind.LIKERT else value


# Publication blocks --------------------------------------------------------------


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


def _responses_of_runs(run_keys: frozenset[int]) -> Q:
    """The responses of some runs, offerings and self-paced runs alike."""
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
        groups: dict[tuple, list[int]] = {}
        for offering_id in small:
            groups.setdefault(pool(runs[offering_id]), []).append(offering_id)
        small = []
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
                small.extend(members)
    if small:
        blocks.append(frozenset(small))
    return blocks


def _blocking_scope(*, runs: set[int], in_view: set[int]) -> set[int]:
    """The runs over which blocks are decided: all runs of the survey version,
    never only the view's (deciding per view is what subtraction breaks)."""
    return runs


@dataclass
class _Block:
    runs: frozenset[int]
    n: int
    values: dict[int, int]


@dataclass
class _Measure:
    """One thing that is counted per run (the responses, or one question's
    respondents) with its value counts per run and its publication blocks."""

    sizes: dict[int, int]
    values: dict[int, dict[int, int]]  # run → value → answers
    blocks: list[_Block] = field(default_factory=list)

    def block_up(self, blocks: list[frozenset[int]]) -> None:
        self.blocks = []
        for runs in blocks:
            if len(runs) == 1:
                (offering_id,) = runs
                self.blocks.append(
                    _Block(
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
            self.blocks.append(_Block(runs=runs, n=n, values=counts))

    def shown(self, in_view: set[int]) -> list[_Block]:
        """The blocks that may be shown in a view: whole, and big enough."""
        return [
            block
            for block in self.blocks
            if block.n >= MIN_GROUP and block.runs <= in_view
        ]


def _sum(blocks: list[_Block]) -> tuple[frozenset[int], int, dict[int, int]]:
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


def _mean(counts: dict[int, int]) -> float | None:
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


def _cells(
    measure: _Measure,
    shown: list[_Block],
    *,
    runs: dict[int, Run],
    in_view: set[int],
    attribute: str,
    numeric: bool,
) -> dict[object, Cell]:
    """A breakdown's figures per group (district, year or offering) for one
    measure: the sum of the shown blocks that lie wholly in the group, marked
    partial when runs of the group had to be left out, hidden when none is left."""
    by_key: dict[object, list[_Block]] = {}
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
        group_runs, n, counts = _sum(by_key[key])
        cells[key] = Cell(
            n=n,
            mean=_mean(counts) if numeric else None,
            partial=n < total,
            runs=group_runs,
        )
    return cells


def _view_runs(runs: dict[int, Run], filters: ReportFilters) -> set[int]:
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


def _measures(
    version: SurveyVersion,
) -> tuple[dict[int, Run], dict[str, _Measure], dict[int, int]]:
    """Every run of the version, every measure and the invitations per run, from
    the tallies (one query)."""
    runs: dict[int, Run] = {}
    measures: dict[str, _Measure] = {}
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
        measure = measures.setdefault(question_id, _Measure(sizes={}, values={}))
        if value == RESPONDENTS:
            if count:
                measure.sizes[offering_id] = count
        elif count:
            measure.values.setdefault(offering_id, {})[value] = count
    return runs, measures, invitations


def report_build(
    *, version: SurveyVersion, filters: ReportFilters, text_limit: int | None = 100
) -> Report:
    """The report of one survey version for the runs ``filters`` select: response
    rate, per question the distribution, mean and n, free-text answers, and
    breakdowns by district, year and offering.

    Built from the tallies (counts per run, question and value), so its cost
    follows the number of runs and questions, not answers: one query for the
    tallies (invitations included), one for labels (one more for the module titles
    when self-paced answers are in view) and one per free-text question
    shown (at most ``text_limit`` texts each, alphabetically by their first 100
    characters; None for all).

    Suppression is decided once per version and measure (``publication_blocks``)
    over all its runs; a view shows the whole blocks inside it and leaves out the
    runs of blocks that reach outside it (``omitted``). Free-text answers are read
    from the answers of the shown blocks only, never with names."""
    runs, measures, invitations = _measures(version)
    in_view = _view_runs(runs, filters)
    scope = _blocking_scope(runs=set(runs), in_view=in_view)
    shown_blocks: dict[str, list[_Block]] = {}
    # Questions everyone answered have the responses' counts, so the same blocks.
    decided: dict[tuple, list[frozenset[int]]] = {}
    for measure_id, measure in measures.items():
        sizes = {o: n for o, n in measure.sizes.items() if o in scope}
        signature = tuple(sorted(sizes.items()))
        if signature not in decided:
            decided[signature] = publication_blocks(runs=runs, sizes=sizes)
        measure.block_up(decided[signature])
        shown_blocks[measure_id] = measure.shown(in_view)
    empty = _Measure(sizes={}, values={})
    responses = measures.get(RESPONSES, empty)
    shown, total, _counts = _sum(shown_blocks.get(RESPONSES, []))
    left_out = {o for o in in_view if o in responses.sizes} - shown
    invited = sum(
        count
        for offering_id, count in invitations.items()
        if offering_id in in_view and offering_id not in left_out
    )
    questions = _question_reports(version)
    report = Report(
        version=version,
        filters=filters,
        invited=invited,
        responses=total,
        questions=questions,
        breakdowns=[],
        runs=shown,
        omitted=bool(left_out),
    )
    if report.suppressed:
        report.runs = frozenset()
        return report

    free_text: list[QuestionReport] = []
    for question in questions:
        question.runs, question.n, counts = _sum(shown_blocks.get(question.id, []))
        question.suppressed = question.n < MIN_GROUP
        if question.suppressed:
            question.n, question.runs = 0, frozenset()
            continue
        if question.is_numeric:
            question.mean = _round(_mean(counts))
        for value, count in counts.items():
            index = _option_index(question.kind, value)
            if 0 <= index < len(question.options):
                question.options[index].count = count
        for option in question.options:
            option.percent = round(100 * option.count / question.n, 1)
        if question.is_free_text:
            free_text.append(question)
    for question in free_text:
        texts = (
            Answer.objects.filter(
                _responses_of_runs(question.runs),
                response__version=version,
                question_id=question.id,
                value__isnull=True,
            )
            .exclude(text="")
            # Alphabetical by the first characters, then by the random response
            # id (never by time), in the order of an index: the page's first
            # texts are read without reading them all.
            .order_by(Substr("text", 1, TEXT_INDEX_PREFIX), "response_id")
            .values_list("text", flat=True)
        )
        question.texts = list(texts[:text_limit] if text_limit else texts)

    offering_labels: dict[int, str] = {}
    district_names: dict[str | None, str] = {}
    for pk, module_title, code, district_name, planned_start in (
        Offering.objects.filter(
            pk__in={o for o in in_view if o > 0 and o in responses.sizes}
        )
        .values_list(
            "pk",
            "module__title",
            "politikreds_id",
            "politikreds__name",
            "planned_start",
        )
        .order_by()
    ):
        offering_labels[pk] = _offering_label(
            module_title, district_name, planned_start
        )
        district_names[code] = district_name
    self_paced = {
        key: runs[key] for key in in_view if key < 0 and key in responses.sizes
    }
    if self_paced:
        # One more query, only when self-paced answers are in view.
        titles = dict(
            ModulePage.objects.filter(
                pk__in={run.module_id for run in self_paced.values()}
            ).values_list("pk", "title")
        )
        district_names[None] = _("Self-paced")
        for key, run in self_paced.items():
            offering_labels[key] = _self_paced_label(
                titles.get(run.module_id, ""), run.year
            )

    numeric = report.numeric_questions
    groupings: tuple[tuple[str, str, str, dict[Any, str]], ...] = (
        ("politikreds", _("By police district"), "politikreds_id", district_names),
        ("aar", _("By year"), "year", {}),
        ("hold", _("By offering"), "offering_id", offering_labels),
    )
    for slug, title, attribute, labels in groupings:
        row_cells = _cells(
            responses,
            shown_blocks.get(RESPONSES, []),
            runs=runs,
            in_view=in_view,
            attribute=attribute,
            numeric=False,
        )
        question_cells = [
            _cells(
                measures.get(question.id, empty),
                shown_blocks.get(question.id, []),
                runs=runs,
                in_view=in_view,
                attribute=attribute,
                numeric=True,
            )
            for question in numeric
        ]
        rows = [
            BreakdownRow(
                key=key,
                label=str(labels.get(key, key)),
                responses=cell,
                cells=[cells.get(key, Cell(n=0)) for cells in question_cells],
            )
            for key, cell in row_cells.items()
        ]
        rows.sort(key=lambda row: row.label)
        report.breakdowns.append(
            Breakdown(slug=slug, title=title, questions=numeric, rows=rows)
        )
    return report
