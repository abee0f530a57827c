"""Reads for evaluations: the survey a participant answers and the reports.

A report aggregates in the database with a fixed number of queries (about ten),
however many questions, respondents or districts there are. No group of fewer than
``MIN_GROUP`` responses is shown: not the whole report, not a district or year cell,
and not a cell that could be worked out from a visible total by subtracting the
others (complementary suppression)."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet

from accounts.models import Politikreds
from courses.models import ModulePage, Offering
from evaluations.models import (
    CHOICE_KINDS,
    NUMERIC_KINDS,
    Answer,
    Invitation,
    QuestionKind,
    Response,
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


@dataclass
class Cell:
    """One figure of a breakdown: the number of responses and the mean, or nothing
    when the group is too small to show."""

    n: int
    mean: float | None = None
    suppressed: bool = False


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

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def is_free_text(self) -> bool:
        return self.kind == QuestionKind.FREE_TEXT


@dataclass
class BreakdownRow:
    key: str
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
        SurveyVersion.objects.annotate(response_count=Count("responses"))
        .filter(response_count__gt=0)
        .order_by("title", "-number")
    )


def report_filter_choices() -> dict:
    """Modules, districts and years a report can be narrowed to (three queries)."""
    return {
        "modules": list(ModulePage.objects.order_by("title").only("id", "title")),
        "districts": list(Politikreds.objects.order_by("name")),
        "years": sorted(
            set(Response.objects.values_list("year", flat=True).distinct()),
            reverse=True,
        ),
    }


def _suppress(cells: list[Cell], *, total_shown: bool) -> None:
    """Hide cells below MIN_GROUP, and when exactly one non-empty cell is hidden
    while the total is shown, also the next-smallest, so no hidden figure can be
    recovered by subtraction."""
    for cell in cells:
        if 0 < cell.n < MIN_GROUP:
            cell.suppressed = True
    hidden = [cell for cell in cells if cell.suppressed]
    if total_shown and len(hidden) == 1:
        visible = sorted(
            (cell for cell in cells if not cell.suppressed and cell.n > 0),
            key=lambda cell: cell.n,
        )
        if visible:
            visible[0].suppressed = True
    for cell in cells:
        if cell.suppressed:
            cell.mean = None


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


def _breakdown(
    *,
    slug: str,
    title: str,
    numeric: list[QuestionReport],
    response_counts: dict,
    answer_rows: list[dict],
    group_field: str,
    labels: dict,
    total_shown: bool,
) -> Breakdown:
    figures = {(row["question_id"], row[group_field]): row for row in answer_rows}
    keys = sorted(response_counts, key=lambda key: str(labels.get(key, key)))
    rows = []
    for key in keys:
        cells = []
        for question in numeric:
            row = figures.get((question.id, key))
            cells.append(
                Cell(n=row["n"], mean=_round(row["mean"])) if row else Cell(n=0)
            )
        rows.append(
            BreakdownRow(
                key=str(key),
                label=str(labels.get(key, key)),
                responses=Cell(n=response_counts[key]),
                cells=cells,
            )
        )
    _suppress([row.responses for row in rows], total_shown=total_shown)
    for index in range(len(numeric)):
        _suppress(
            [row.cells[index] for row in rows],
            total_shown=total_shown and not numeric[index].suppressed,
        )
    return Breakdown(slug=slug, title=title, questions=numeric, rows=rows)


def report_build(*, version: SurveyVersion, filters: ReportFilters) -> Report:
    """The report of one survey version for the responses ``filters`` select:
    response rate, per question the distribution, mean and n, free-text answers,
    and breakdowns by district, year and offering. Eleven queries at most, fixed.

    Suppression: nothing but the numbers of invitations and responses when there are
    fewer than MIN_GROUP responses in all; no question's figures with fewer than
    MIN_GROUP answers; no breakdown cell below MIN_GROUP (plus complementary cells).
    Free-text answers only for questions with at least MIN_GROUP answers, never with
    names, sorted alphabetically rather than by time."""
    from django.utils.translation import gettext as _

    responses = Response.objects.filter(filters.response_q(), version=version)
    by_district = dict(
        responses.values_list("politikreds_id").annotate(n=Count("id")).order_by()
    )
    total = sum(by_district.values())
    invited = Invitation.objects.filter(filters.invitation_q(), version=version).count()
    questions = _question_reports(version)
    report = Report(
        version=version,
        filters=filters,
        invited=invited,
        responses=total,
        questions=questions,
        breakdowns=[],
    )
    if report.suppressed:
        return report

    answers = Answer.objects.filter(
        filters.response_q("response__"), response__version=version
    )
    by_question = {question.id: question for question in questions}
    for row in (
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True), mean=Avg("value"))
        .order_by()
    ):
        question = by_question.get(row["question_id"])
        if question is None:
            continue
        question.n = row["n"]
        question.suppressed = question.n < MIN_GROUP
        if question.is_numeric and not question.suppressed:
            question.mean = _round(row["mean"])
    for row in (
        answers.filter(value__isnull=False)
        .values("question_id", "value")
        .annotate(count=Count("id"))
        .order_by()
    ):
        question = by_question.get(row["question_id"])
        if question is None or question.suppressed:
            continue
        index = _option_index(question.kind, row["value"])
        if 0 <= index < len(question.options):
            question.options[index].count = row["count"]
    for question in questions:
        if question.n and not question.suppressed:
            for option in question.options:
                option.percent = round(100 * option.count / question.n, 1)

    free_text_ids = [q.id for q in questions if q.is_free_text and not q.suppressed]
    if free_text_ids:
        for question_id, text in (
            answers.filter(question_id__in=free_text_ids, value__isnull=True)
            .exclude(text="")
            .order_by("question_id", "text")
            .values_list("question_id", "text")
        ):
            by_question[question_id].texts.append(text)

    numeric = report.numeric_questions
    numeric_answers = answers.filter(
        question_id__in=[question.id for question in numeric],
        value__isnull=False,
    )

    def grouped(field_name: str) -> list[dict]:
        return list(
            numeric_answers.values("question_id", f"response__{field_name}")
            .annotate(n=Count("id"), mean=Avg("value"))
            .order_by()
        )

    def renamed(rows: list[dict], field_name: str) -> list[dict]:
        for row in rows:
            row["group"] = row.pop(f"response__{field_name}")
        return rows

    district_names = dict(Politikreds.objects.values_list("code", "name"))
    report.breakdowns.append(
        _breakdown(
            slug="politikreds",
            title=_("By police district"),
            numeric=numeric,
            response_counts=by_district,
            answer_rows=renamed(grouped("politikreds_id"), "politikreds_id"),
            group_field="group",
            labels=district_names,
            total_shown=True,
        )
    )
    by_year = dict(responses.values_list("year").annotate(n=Count("id")).order_by())
    report.breakdowns.append(
        _breakdown(
            slug="aar",
            title=_("By year"),
            numeric=numeric,
            response_counts=by_year,
            answer_rows=renamed(grouped("year"), "year"),
            group_field="group",
            labels={year: str(year) for year in by_year},
            total_shown=True,
        )
    )
    by_offering = dict(
        responses.values_list("offering_id").annotate(n=Count("id")).order_by()
    )
    offerings = Offering.objects.filter(pk__in=by_offering).select_related(
        "module", "politikreds"
    )
    offering_labels = {
        offering.pk: f"{offering.module.title}, {offering.politikreds.name}, "
        f"{offering.planned_start:%d.%m.%Y}"
        for offering in offerings
    }
    report.breakdowns.append(
        _breakdown(
            slug="hold",
            title=_("By offering"),
            numeric=numeric,
            response_counts=by_offering,
            answer_rows=renamed(grouped("offering_id"), "offering_id"),
            group_field="group",
            labels=offering_labels,
            total_shown=True,
        )
    )
    return report
