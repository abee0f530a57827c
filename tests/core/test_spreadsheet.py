"""The shared spreadsheet export: Danish Excel format and no live formulas."""

import csv
import io

import pytest
from openpyxl import load_workbook

from core.spreadsheet import cell_neutralise, csv_bytes, xlsx_bytes

PAYLOADS = [
    '=HYPERLINK("https://example.invalid","klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_text_is_neutralised(payload):
    assert cell_neutralise(payload) == "'" + payload


@pytest.mark.parametrize("value", ["-3", "+4", "2,50", "-0.5", 7, -7, 1.5, None, "Fyn"])
def test_numbers_and_plain_text_are_kept(value):
    assert cell_neutralise(value) == value


def test_csv_is_semicolon_separated_with_bom_and_no_formula_cell():
    content = csv_bytes([["Navn", "Svar"], ["Søren Æbelø", PAYLOADS[0]], ["Fyn", 3]])
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [["Navn", "Svar"], ["Søren Æbelø", "'" + PAYLOADS[0]], ["Fyn", "3"]]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_xlsx_stores_user_text_as_strings_never_formulas():
    content = xlsx_bytes(
        [("Svar: [1]/*?", [["Spørgsmål", "n"], *[[p, 5] for p in PAYLOADS]])]
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Svar 1"]
    sheet = workbook["Svar 1"]
    values = [(row[0].value, row[0].data_type) for row in sheet.iter_rows(min_row=2)]
    # Depending on the XML writer (lxml or not) a carriage return may come back as
    # a line feed; the text is otherwise kept.
    assert [v.replace("\r", "\n") for v, _ in values] == [
        p.replace("\r", "\n") for p in PAYLOADS
    ]
    assert {t for _, t in values} == {"s"}
    assert sheet["B2"].value == 5 and sheet["B2"].data_type == "n"
    assert sheet["A1"].font.bold
