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
    y: int
    text_y: int
    width: int


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    height: int
    bars: tuple[Bar, ...]
    bar_x: int = LABEL_WIDTH
    width: int = LABEL_WIDTH + BAR_WIDTH + 70


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
                y=index * ROW_HEIGHT + 4,
                text_y=index * ROW_HEIGHT + 21,
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
            height=len(bars) * ROW_HEIGHT + 8,
            bars=bars,
        )
    return charts
