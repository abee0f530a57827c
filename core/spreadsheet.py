"""The one way the platform writes spreadsheets (CSV and XLSX).

Every export goes through here so that each one is opened right by Danish Excel
(semicolons, a UTF-8 byte-order mark, CRLF) and none can run a formula that a user
typed: a text cell that a spreadsheet would evaluate (leading ``=``, ``+``, ``-``,
``@``, tab or carriage return) is neutralised as OWASP recommends (a leading
apostrophe in CSV), and in XLSX every text cell is stored as a string, never as a
formula. Plain numbers written as text (``-3``, ``2,50``) are left as they are.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
_SHEET_NAME_FORBIDDEN = set("[]:*?/\\")

Cell = str | int | float | None
Rows = Iterable[Sequence[Cell]]


def cell_neutralise(value: Cell) -> Cell:
    """The value as a spreadsheet may show it without evaluating it.

    Numbers stay numbers; text that starts like a formula gets a leading apostrophe
    (the cell then shows the text as typed); text that is just a number is kept.
    Pure; no side effects.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def csv_bytes(rows: Rows) -> bytes:
    """Rows as CSV for Danish Excel: byte-order mark, semicolons, CRLF, every
    cell neutralised."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else cell_neutralise(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def sheet_name(title: str) -> str:
    """An Excel sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    name = "".join(c for c in title if c not in _SHEET_NAME_FORBIDDEN)[:31]
    return name or "Ark"


def xlsx_bytes(
    sheets: Iterable[tuple[str, Rows]],
    *,
    column_widths: dict[int, float] | None = None,
    freeze: str | None = None,
    wrap_text: bool = False,
) -> bytes:
    """Named sheets as an XLSX workbook. The first row of each sheet is bold. Text
    is always stored as a string cell, so nothing a user typed becomes a formula.
    ``column_widths`` maps 1-based column numbers to widths (all sheets);
    ``wrap_text`` wraps multi-line cells, aligned to the top."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(sheet_name(title))
        for row_number, row in enumerate(rows, start=1):
            for column_number, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=row_number, column=column_number)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = TYPE_STRING
                if row_number == 1:
                    cell.font = Font(bold=True)
                if wrap_text:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column, width in (column_widths or {}).items():
            sheet.column_dimensions[get_column_letter(column)].width = width
        if freeze:
            sheet.freeze_panes = freeze
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(filename: str, rows: Rows) -> HttpResponse:
    """A CSV download (see ``csv_bytes``)."""
    return _attachment(csv_bytes(rows), CSV_CONTENT_TYPE, filename)


def xlsx_response(
    filename: str, sheets: Iterable[tuple[str, Rows]], **options
) -> HttpResponse:
    """An XLSX download (see ``xlsx_bytes``)."""
    return _attachment(xlsx_bytes(sheets, **options), XLSX_CONTENT_TYPE, filename)
