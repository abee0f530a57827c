"""Reads for evaluation reports.

A report aggregates in the database with a fixed number of queries (five),
however many questions, respondents or districts there are. No group of fewer than
``MIN_GROUP`` responses is shown: not the whole report, not a district or year cell,
and not a cell that could be worked out from a visible total by subtracting the
others (complementary suppression)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

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


SMALL = "small"  # fewer than MIN_GROUP responses
COMPLEMENT = "complement"  # hidden so that a small group cannot be subtracted out


@dataclass
class Cell:
    """One figure of a breakdown: the number of responses and the mean, or nothing
    when the group is too small to show (``hidden`` says why)."""

    n: int
    mean: float | None = None
    hidden: str = ""

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

    @property
    def suppressed(self) -> bool:
        return self.responses < MIN_GROUP

    @property
    def response_rate(self) -> float | None:
        if self.suppressed or not self.invited:
            return None
        return round(100 * self.responses / self.invited, 1)

    @property
    def offerings_hidden(self) -> bool:
        """Whether some offering is hidden, and so left out of the district and
        year tables."""
        return any(b.slug == "hold" and b.has_suppressed for b in self.breakdowns)

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


def _offering_label(
    module_title: str, district_name: str, planned_start: datetime.date
) -> str:
    return f"{module_title}, {district_name}, {planned_start:%d.%m.%Y}"


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
            set(Response.objects.values_list("year", flat=True).distinct()),
            reverse=True,
        ),
    }


def _suppress(cells: list[Cell], *, total_shown: bool) -> None:
    """Hide cells below MIN_GROUP. While the total is shown and the hidden cells
    add up to fewer than MIN_GROUP (one small cell, or several tiny ones), also hide
    the smallest visible cell, so no group under MIN_GROUP can be recovered by
    subtracting the visible cells from the total."""
    for cell in cells:
        if 0 < cell.n < MIN_GROUP:
            cell.hidden = SMALL
    if total_shown:
        visible = sorted(
            (cell for cell in cells if not cell.hidden and cell.n > 0),
            key=lambda cell: cell.n,
        )
        hidden_sum = sum(cell.n for cell in cells if cell.hidden)
        while 0 < hidden_sum < MIN_GROUP and visible:
            cell = visible.pop(0)
            cell.hidden = COMPLEMENT
            hidden_sum += cell.n
    for cell in cells:
        if cell.hidden:
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
    figures: dict,
    labels: dict,
) -> Breakdown:
    """Rows per group: responses, and n and mean per numeric question from
    ``figures[(question id, group)] = [n, sum of values]``."""
    keys = sorted(response_counts, key=lambda key: str(labels.get(key, key)))
    rows = []
    for key in keys:
        cells = []
        for question in numeric:
            figure = figures.get((question.id, key))
            cells.append(
                # Unrounded: pages and exports round when they show it.
                Cell(n=figure[0], mean=figure[1] / figure[0])
                if figure and figure[0]
                else Cell(n=0)
            )
        count = response_counts[key]
        if count == 0:
            # A group whose every part is hidden elsewhere is hidden as a whole.
            for cell in cells:
                cell.hidden = COMPLEMENT
        rows.append(
            BreakdownRow(
                key=key,
                label=str(labels.get(key, key)),
                responses=Cell(n=count, hidden=COMPLEMENT if count == 0 else ""),
                cells=cells,
            )
        )
    # The overall figures are shown, so every breakdown needs complementary cells.
    _suppress([row.responses for row in rows], total_shown=True)
    for index in range(len(numeric)):
        _suppress(
            [row.cells[index] for row in rows],
            total_shown=not numeric[index].suppressed,
        )
    return Breakdown(slug=slug, title=title, questions=numeric, rows=rows)


def _add(totals: dict, key, count: int, value_sum: int = 0) -> None:
    figure = totals.setdefault(key, [0, 0])
    figure[0] += count
    figure[1] += value_sum


def report_build(*, version: SurveyVersion, filters: ReportFilters) -> Report:
    """The report of one survey version for the responses ``filters`` select:
    response rate, per question the distribution, mean and n, free-text answers,
    and breakdowns by district, year and offering. Five queries, however many
    questions, respondents and groups.

    Every response belongs to one offering, and an offering to one district and
    one year, so the database groups by offering once and the district and year
    figures are sums of those (means from sums of values, not means of means).

    Suppression: nothing but the numbers of invitations and responses when there are
    fewer than MIN_GROUP responses in all; no question's figures with fewer than
    MIN_GROUP answers; no breakdown cell below MIN_GROUP (plus complementary cells).
    Free-text answers only for questions with at least MIN_GROUP answers, never with
    names, sorted alphabetically rather than by time."""
    responses = Response.objects.filter(filters.response_q(), version=version)
    by_offering: dict[int, int] = {}
    by_district: dict[str, int] = {}
    by_year: dict[int, int] = {}
    offering_groups: dict[int, tuple[str, int]] = {}
    for offering_id, district, year, count in (
        responses.values_list("offering_id", "politikreds_id", "year")
        .annotate(n=Count("id"))
        .order_by()
    ):
        by_offering[offering_id] = by_offering.get(offering_id, 0) + count
        by_district[district] = by_district.get(district, 0) + count
        by_year[year] = by_year.get(year, 0) + count
        offering_groups[offering_id] = (district, year)
    total = sum(by_offering.values())
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
    numeric = report.numeric_questions
    numeric_ids = {question.id for question in numeric}
    # One row per question and offering. A response belongs to one offering, so
    # respondents counted distinct per offering add up to the question's n, also for
    # multiple choice (several rows per response).
    totals: dict[str, list[int]] = {}
    offering_figures: dict = {}
    for question_id, offering_id, respondents, count, value_sum in (
        answers.values_list("question_id", "response__offering_id")
        .annotate(
            respondents=Count("response_id", distinct=True),
            n=Count("id"),
            total=Sum("value"),
        )
        .order_by()
    ):
        figure = totals.setdefault(question_id, [0, 0, 0])
        figure[0] += respondents
        figure[1] += count
        figure[2] += value_sum or 0
        if question_id in numeric_ids:
            _add(offering_figures, (question_id, offering_id), count, value_sum)
    for question_id, (respondents, count, value_sum) in totals.items():
        question = by_question.get(question_id)
        if question is None:
            continue
        question.n = respondents
        question.suppressed = respondents < MIN_GROUP
        if question.is_numeric and not question.suppressed and count:
            question.mean = _round(value_sum / count)

    # The distribution of every question, and the free-text answers, in one query.
    for question_id, value, text, count in (
        answers.values_list("question_id", "value", "text")
        .annotate(count=Count("id"))
        .order_by("question_id", "text")
    ):
        question = by_question.get(question_id)
        if question is None or question.suppressed:
            continue
        if value is None:
            if question.is_free_text and text:
                question.texts.extend([text] * count)
            continue
        index = _option_index(question.kind, value)
        if 0 <= index < len(question.options):
            question.options[index].count = count
    for question in questions:
        if question.n and not question.suppressed:
            for option in question.options:
                option.percent = round(100 * option.count / question.n, 1)

    # Only the columns the labels need: a module page row carries its whole body.
    offering_labels: dict[int, str] = {}
    district_names: dict[str, str] = {}
    for pk, module_title, code, district_name, planned_start in (
        Offering.objects.filter(pk__in=by_offering)
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

    # The offering table is the finest; districts and years are sums of its
    # visible cells only. Otherwise a district or year total minus the visible
    # offerings would give away a hidden run.
    by_offering_table = _breakdown(
        slug="hold",
        title=_("By offering"),
        numeric=numeric,
        response_counts=by_offering,
        figures=offering_figures,
        labels=offering_labels,
    )
    district_counts = dict.fromkeys(by_district, 0)
    year_counts = dict.fromkeys(by_year, 0)
    district_figures: dict = {}
    year_figures: dict = {}
    for row in by_offering_table.rows:
        district, year = offering_groups[row.key]  # type: ignore[index]
        if not row.responses.hidden:
            district_counts[district] += row.responses.n
            year_counts[year] += row.responses.n
        for question, cell in zip(numeric, row.cells, strict=True):
            if cell.n and not cell.hidden:
                count, value_sum = offering_figures[(question.id, row.key)]
                _add(district_figures, (question.id, district), count, value_sum)
                _add(year_figures, (question.id, year), count, value_sum)
    report.breakdowns = [
        _breakdown(
            slug="politikreds",
            title=_("By police district"),
            numeric=numeric,
            response_counts=district_counts,
            figures=district_figures,
            labels=district_names,
        ),
        _breakdown(
            slug="aar",
            title=_("By year"),
            numeric=numeric,
            response_counts=year_counts,
            figures=year_figures,
            labels={year: str(year) for year in by_year},
        ),
        by_offering_table,
    ]
    return report
