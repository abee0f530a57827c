"""The shapes of an evaluation report: what it covers (``ReportFilters``) and
what it shows (``Report`` with its questions and breakdowns of ``Cell``). Plain
data; ``reports.report_build`` fills them."""

from dataclasses import dataclass, field

from django.db.models import Q

from evaluations.models import NUMERIC_KINDS, QuestionKind, SurveyVersion

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
