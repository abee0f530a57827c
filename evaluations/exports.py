"""A report as CSV, XLSX and PDF. Every export is made from the same ``Report``
the page shows, so a suppressed figure is suppressed everywhere."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.spreadsheet import csv_bytes, xlsx_bytes
from evaluations.selectors import COMPLEMENT, MIN_GROUP, Cell, Report


def suppressed_text() -> str:
    return _("fewer than 5 responses")


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".replace(".", ",") if isinstance(value, float) else str(value)


def hidden_text(cell: Cell) -> str:
    if cell.hidden == COMPLEMENT:
        return _("hidden")
    return suppressed_text()


def _cell_texts(cell: Cell, *, with_mean: bool = True) -> list[str]:
    if cell.suppressed:
        return [hidden_text(cell), ""] if with_mean else [hidden_text(cell)]
    # A partial group is marked as on the page: some runs are published elsewhere.
    n = f"{cell.n}*" if cell.partial else str(cell.n)
    if with_mean:
        return [n, _number(cell.mean)]
    return [n]


def report_sheets(
    report: Report, *, selection: list[tuple[str, str]] = ()
) -> list[tuple[str, list[list[str]]]]:
    """The report as named tables of text: summary (with the selection it covers),
    questions, free text and one per breakdown. What is suppressed reads "færre end
    5 svar" or "skjult"."""
    summary = [
        [_("Survey"), f"{report.version.title} (version {report.version.number})"],
        *[[label, value] for label, value in selection],
        [_("Invited"), str(report.invited)],
        [
            _("Responses"),
            str(report.responses) if not report.suppressed else suppressed_text(),
        ],
        [
            _("Response rate (percent)"),
            _number(report.response_rate) if report.response_rate is not None else "",
        ],
    ]
    sheets = [(_("Summary"), summary)]
    if report.suppressed:
        return sheets
    questions = [[_("Question"), _("Answer"), _("Count"), _("Percent"), "n", _("Mean")]]
    free_text = [[_("Question"), _("Answer")]]
    for question in report.questions:
        label = f"{question.number}. {question.text}"
        if question.suppressed:
            questions.append([label, suppressed_text(), "", "", "", ""])
            continue
        if question.is_free_text:
            free_text.extend([label, text] for text in question.texts)
            continue
        for option in question.options:
            questions.append(
                [
                    label,
                    option.label,
                    str(option.count),
                    _number(option.percent),
                    str(question.n),
                    _number(question.mean),
                ]
            )
    sheets.append((_("Questions"), questions))
    sheets.append((_("Free text"), free_text))
    for breakdown in report.breakdowns:
        header = [breakdown.title, _("Responses")]
        for question in breakdown.questions:
            header.extend([f"{question.number}. n", f"{question.number}. {_('Mean')}"])
        rows = [header]
        for row in breakdown.rows:
            line = [row.label, *_cell_texts(row.responses, with_mean=False)]
            for cell in row.cells:
                line.extend(_cell_texts(cell))
            rows.append(line)
        sheets.append((breakdown.title, rows))
    return sheets


def report_filename(report: Report, extension: str) -> str:
    base = slugify(f"evaluering-{report.version.title}-v{report.version.number}")
    return f"{base}.{extension}"


def _csv_rows(sheets):
    for title, rows in sheets:
        yield [title]
        yield from rows
        yield []


def report_csv(report: Report, *, selection: list[tuple[str, str]] = ()) -> bytes:
    """All tables one after another, with a blank line between them, through the
    shared spreadsheet writer (Danish Excel; nothing typed becomes a formula)."""
    return csv_bytes(_csv_rows(report_sheets(report, selection=selection)))


def report_xlsx(report: Report, *, selection: list[tuple[str, str]] = ()) -> bytes:
    """One sheet per table, through the shared spreadsheet writer (text cells are
    stored as text, never as formulas)."""
    return xlsx_bytes(report_sheets(report, selection=selection))


def report_pdf(report: Report, *, context: dict) -> bytes:
    """The whole report, charts included, as a tagged A4 PDF in Danish."""
    import weasyprint

    with translation.override("da"):
        html = render_to_string(
            "evaluations/report_pdf.html",
            {**context, "report": report, "min_group": MIN_GROUP, "pdf": True},
        )
    return weasyprint.HTML(string=html).write_pdf(pdf_tags=True)
