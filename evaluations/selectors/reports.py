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
"selvstændigt forløb", and blocked like every other run.

The module is split by flow: ``report_types`` has the shapes (filters, report,
cells), ``report_blocks`` the runs, measures and publication blocks, and this
module builds a report from them in named steps. The names callers use are
re-exported here."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from accounts.models import Politikreds
from courses.models import ModulePage, Offering
from evaluations.models import (
    CHOICE_KINDS,
    RESPONDENTS,
    RESPONSES,
    TEXT_INDEX_PREFIX,
    Answer,
    QuestionKind,
    ReportTally,
    SurveyVersion,
)
from evaluations.selectors.report_blocks import (
    Block,
    Measure,
    Run,
    blocks_sum,
    breakdown_cells,
    counts_mean,
    measures_read,
    publication_blocks,
    responses_of_runs,
    self_paced_run_key,
    view_runs,
)
from evaluations.selectors.report_types import (
    COMPLEMENT,
    MIN_GROUP,
    SMALL,
    Breakdown,
    BreakdownRow,
    Cell,
    OptionCount,
    QuestionReport,
    Report,
    ReportFilters,
)

__all__ = [
    "COMPLEMENT",
    "MIN_GROUP",
    "SMALL",
    "Breakdown",
    "BreakdownRow",
    "Cell",
    "OptionCount",
    "QuestionReport",
    "Report",
    "ReportFilters",
    "Run",
    "publication_blocks",
    "report_build",
    "report_filter_choices",
    "report_offering_label",
    "self_paced_run_key",
    "survey_versions_for_reports",
]


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
    """The version's questions (not its sections), numbered, with their options
    and no figures yet. Pure."""
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
    """The option a stored value counts for: Likert answers are 1–5, choices
    count from 0."""
    return value - 1 if kind == QuestionKind.LIKERT else value


def _blocking_scope(*, runs: set[int], in_view: set[int]) -> set[int]:
    """The runs over which blocks are decided: all runs of the survey version,
    never only the view's (deciding per view is what subtraction breaks)."""
    return runs


@dataclass
class _Tallies:
    """What one report is built from: every run of the version, every measure
    (blocked up), the runs in view and, per measure, the blocks shown."""

    runs: dict[int, Run]
    measures: dict[str, Measure]
    in_view: set[int]
    shown: dict[str, list[Block]]

    def measure(self, measure_id: str) -> Measure:
        return self.measures.get(measure_id) or Measure(sizes={}, values={})

    def responded_in_view(self) -> set[int]:
        """The runs in view that have responses."""
        responses = self.measure(RESPONSES)
        return {key for key in self.in_view if key in responses.sizes}


def _suppression_decide(
    *, runs: dict[int, Run], measures: dict[str, Measure], in_view: set[int]
) -> dict[str, list[Block]]:
    """The suppression decision: block up every measure over the blocking scope
    (all runs of the version) and keep, per measure, the blocks the view may
    show. Measures with the same counts per run (questions everyone answered)
    share one decision. Changes ``measures`` (their blocks); no queries."""
    # Looked up here, in this module, so a test can swap it (the attack's control).
    scope = _blocking_scope(runs=set(runs), in_view=in_view)
    shown: dict[str, list[Block]] = {}
    decided: dict[tuple, list[frozenset[int]]] = {}
    for measure_id, measure in measures.items():
        sizes = {key: n for key, n in measure.sizes.items() if key in scope}
        signature = tuple(sorted(sizes.items()))
        if signature not in decided:
            decided[signature] = publication_blocks(runs=runs, sizes=sizes)
        measure.block_up(decided[signature])
        shown[measure_id] = measure.shown(in_view)
    return shown


def _report_totals(
    *,
    version: SurveyVersion,
    filters: ReportFilters,
    tallies: _Tallies,
    invitations: dict[int, int],
) -> Report:
    """The report's head figures: the responses of the shown blocks and the
    invitations of the runs they cover (runs left out are ``omitted``), with the
    questions still empty. No queries."""
    shown, total, _counts = blocks_sum(tallies.shown.get(RESPONSES, []))
    left_out = tallies.responded_in_view() - shown
    invited = sum(
        count
        for key, count in invitations.items()
        if key in tallies.in_view and key not in left_out
    )
    return Report(
        version=version,
        filters=filters,
        invited=invited,
        responses=total,
        questions=_question_reports(version),
        breakdowns=[],
        runs=shown,
        omitted=bool(left_out),
    )


def _question_fill(question: QuestionReport, blocks: list[Block]) -> None:
    """One question's figures from its shown blocks: n, mean, the count and
    share per option; suppressed (no figures) under ``MIN_GROUP``. No queries."""
    question.runs, question.n, counts = blocks_sum(blocks)
    question.suppressed = question.n < MIN_GROUP
    if question.suppressed:
        question.n, question.runs = 0, frozenset()
        return
    if question.is_numeric:
        question.mean = _round(counts_mean(counts))
    for value, count in counts.items():
        index = _option_index(question.kind, value)
        if 0 <= index < len(question.options):
            question.options[index].count = count
    for option in question.options:
        option.percent = round(100 * option.count / question.n, 1)


def _free_texts_read(
    *, version: SurveyVersion, questions: list[QuestionReport], text_limit: int | None
) -> None:
    """The free-text answers of the shown blocks, for every free-text question
    that is not suppressed (one query each; never with names)."""
    for question in questions:
        if question.suppressed or not question.is_free_text:
            continue
        texts = (
            Answer.objects.filter(
                responses_of_runs(question.runs),
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


def _run_labels(
    *, runs: dict[int, Run], keys: set[int]
) -> tuple[dict[Any, str], dict[Any, str]]:
    """The district names and the run labels ("module, district, start date",
    or "module, self-paced, year") of the runs ``keys``: one query, one more
    when self-paced runs are among them."""
    offering_labels: dict[Any, str] = {}
    district_names: dict[Any, str] = {}
    for pk, module_title, code, district_name, planned_start in (
        Offering.objects.filter(pk__in={key for key in keys if key > 0})
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
    self_paced = {key: runs[key] for key in keys if key < 0}
    if self_paced:
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
    return district_names, offering_labels


def _breakdown(
    *,
    slug: str,
    title: str,
    attribute: str,
    labels: dict[Any, str],
    questions: list[QuestionReport],
    tallies: _Tallies,
) -> Breakdown:
    """One breakdown table (by district, year or offering): per group the
    responses and the mean of every numeric question, from whole shown blocks
    only (``breakdown_cells``), sorted by label. No queries."""

    def cells(measure_id: str, *, numeric: bool) -> dict[object, Cell]:
        return breakdown_cells(
            tallies.measure(measure_id),
            tallies.shown.get(measure_id, []),
            runs=tallies.runs,
            in_view=tallies.in_view,
            attribute=attribute,
            numeric=numeric,
        )

    question_cells = [cells(question.id, numeric=True) for question in questions]
    rows = [
        BreakdownRow(
            key=key,
            label=str(labels.get(key, key)),
            responses=cell,
            cells=[by_key.get(key, Cell(n=0)) for by_key in question_cells],
        )
        for key, cell in cells(RESPONSES, numeric=False).items()
    ]
    rows.sort(key=lambda row: row.label)
    return Breakdown(slug=slug, title=title, questions=questions, rows=rows)


def _breakdowns(report: Report, tallies: _Tallies) -> list[Breakdown]:
    """The breakdowns by police district, year and offering (the labels: one or
    two queries)."""
    district_names, offering_labels = _run_labels(
        runs=tallies.runs, keys=tallies.responded_in_view()
    )
    groupings: tuple[tuple[str, str, str, dict[Any, str]], ...] = (
        ("politikreds", _("By police district"), "politikreds_id", district_names),
        ("aar", _("By year"), "year", {}),
        ("hold", _("By offering"), "offering_id", offering_labels),
    )
    return [
        _breakdown(
            slug=slug,
            title=title,
            attribute=attribute,
            labels=labels,
            questions=report.numeric_questions,
            tallies=tallies,
        )
        for slug, title, attribute, labels in groupings
    ]


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
    runs, measures, invitations = measures_read(version)
    in_view = view_runs(runs, filters)
    shown = _suppression_decide(runs=runs, measures=measures, in_view=in_view)
    tallies = _Tallies(runs=runs, measures=measures, in_view=in_view, shown=shown)
    report = _report_totals(
        version=version, filters=filters, tallies=tallies, invitations=invitations
    )
    if report.suppressed:
        report.runs = frozenset()
        return report
    for question in report.questions:
        _question_fill(question, shown.get(question.id, []))
    _free_texts_read(version=version, questions=report.questions, text_limit=text_limit)
    report.breakdowns = _breakdowns(report, tallies)
    return report
