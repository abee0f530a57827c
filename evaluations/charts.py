"""Server-rendered bar charts for reports: the geometry is computed here and drawn
by ``templates/evaluations/includes/chart.html`` as SVG with a title and a text
description. The same numbers are always in a table next to the chart."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from evaluations.selectors import Report

LABEL_WIDTH = 230
BAR_WIDTH = 300
ROW_HEIGHT = 28
LABEL_CHARACTERS = 34


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    position: int
    width: int

    @property
    def y(self) -> int:
        return self.position * ROW_HEIGHT + 4

    @property
    def text_y(self) -> int:
        return self.position * ROW_HEIGHT + 21


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    bar_x: int = LABEL_WIDTH
    width: int = LABEL_WIDTH + BAR_WIDTH + 70

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT + 8


def _short(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _percent(value: float) -> str:
    return f"{value:.1f} %".replace(".", ",")


def report_charts(report: Report) -> dict[str, Chart]:
    """One distribution chart per question that is shown and has options, keyed by
    question id."""
    charts: dict[str, Chart] = {}
    if report.suppressed:
        return charts
    for question in report.questions:
        if question.suppressed or not question.options:
            continue
        bars = tuple(
            Bar(
                label=_short(option.label),
                value_text=f"{option.count} ({_percent(option.percent)})",
                position=index,
                width=max(0, round(BAR_WIDTH * option.percent / 100)),
            )
            for index, option in enumerate(question.options)
        )
        description = "; ".join(
            f"{option.label}: {option.count} ({_percent(option.percent)})"
            for option in question.options
        )
        charts[question.id] = Chart(
            id=f"chart-{question.id}",
            title=_("Distribution of answers: %(question)s (n = %(n)s)")
            % {"question": question.text, "n": question.n},
            description=description,
            bars=bars,
        )
    return charts


def _mean_text(mean: float) -> str:
    return f"{mean:.2f}".replace(".", ",")


def year_charts(report: Report) -> list[Chart]:
    """For every numeric question, its mean per year (the groups shown in the year
    table; hidden years are left out): how answers move from run to run."""
    years = next((b for b in report.breakdowns if b.slug == "aar"), None)
    if years is None:
        return []
    charts = []
    for index, question in enumerate(years.questions):
        shown = [
            (row.label, row.cells[index])
            for row in years.rows
            if row.cells[index].n and not row.cells[index].hidden
        ]
        if question.suppressed or not shown:
            continue
        bars = tuple(
            Bar(
                label=label,
                value_text=f"{_mean_text(cell.mean)} (n = {cell.n})",
                position=position,
                width=max(0, round(BAR_WIDTH * cell.mean / question.scale_max)),
            )
            for position, (label, cell) in enumerate(shown)
        )
        charts.append(
            Chart(
                id=f"chart-year-{question.id}",
                title=_("Mean per year: %(question)s (scale up to %(max)s)")
                % {"question": question.text, "max": question.scale_max},
                description="; ".join(
                    f"{label}: {_mean_text(cell.mean)} (n = {cell.n})"
                    for label, cell in shown
                ),
                bars=bars,
            )
        )
    return charts
