"""The personal-data guard: CPR numbers are refused, ordinary numbers are not."""

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from core.text_guard import (
    child_identification_hints,
    cpr_numbers_in,
    validate_no_cpr,
)

# Real-looking CPR numbers in the ways people write them. None of them needs to pass
# the modulus-11 check, and several deliberately fail it.
POSITIVES = [
    ("0101901234", "0101901234"),
    ("010190-1234", "010190-1234"),
    ("010190 1234", "010190 1234"),
    ("010190 - 1234", "010190 - 1234"),
    ("010190–1234", "010190–1234"),  # en dash from a word processor
    ("Drengens cpr er 150307-4321.", "150307-4321"),  # 7th digit 4, year 07: 2007
    ("cpr: 290200-4123", "290200-4123"),  # 29 Feb 2000 (digit 4, year 00)
    ("cpr: 290296-1234", "290296-1234"),  # 29 Feb 1996 (digit 1)
    ("Hun har nr. 311299-5555 i journalen", "311299-5555"),  # 5, year 99: 1899
    ("(120415-8123)", "120415-8123"),  # 8, year 15: 2015
    ("født 010160-9876", "010160-9876"),  # 9, year 60: 1960
    ("cpr 2412211234 og mere", "2412211234"),
    ("CPR-nr.: 051112-7777", "051112-7777"),
    ("Se 31129 9-1234 eller 311299-1234", "311299-1234"),
    ("linje 1\n010203-0405\nlinje 3", "010203-0405"),
    # The date part written with separators.
    ("cpr 01 02 85-1234", "01 02 85-1234"),
    ("cpr 01.02.85-1234", "01.02.85-1234"),
    ("cpr 01/02/85 1234", "01/02/85 1234"),
    ("cpr 01-02-85-1234.", "01-02-85-1234"),
    ("Født 15.03.07 - 4321 ifølge journalen", "15.03.07 - 4321"),  # 2007
    ("(29.02.00-4123)", "29.02.00-4123"),  # 29 Feb 2000
    ("cpr: 31.12.99 5555", "31.12.99 5555"),
]

# Ordinary text in SSP work that must never be refused.
NEGATIVES = [
    "Ring på 33 12 34 56 eller +45 33123456",
    "Telefon 20 30 40 50 og 2030 4050",
    "Mødet er 24-11-2026 kl. 10.00",
    "Mødet er 24.11.2026 og 2026-11-24",
    "Perioden 1990-2024 og 2019 2020",
    "J.nr. 2024-123456 og sagsnr. 24/01234",
    "Journalnummer 2023-0456-12 og 2024-150320-1234",
    "CVR 12345678, DK12345678 og SE-nr. 87654321",
    "8000 Aarhus C, 2100 København Ø og 6700 Esbjerg",
    "Budgettet er 1.234.567,00 kr. og 250000 kr",
    "Beløbet 1.500.000-2.000.000 kr.",
    "EAN 5790000123456",
    "Reg.nr. 1234 kontonr. 1234567890",  # month 34 is no month
    "310290-1234 er ikke en dato",  # 31 February
    "290201-1234 heller ikke",  # 29 February 1901
    "290200-1234 heller ikke",  # digit 1: 1900, which was no leap year
    "000000-0000",
    "Version 1.2.3 og 4.5.6",
    "ISBN 978-87-7724-123-4",
    "Tidsrum 0800-1600 og 10:00-12:00",
    "Postnummer 8000 og 9000",
    "Der var 123 deltagere i 2025 og 98 kommuner",
    "Uge 47, 2026",
    "11 12 13 14 15",
    "010190-12345 har for mange cifre",
    "1010190-1234 har for mange cifre",
    # Dates with separators next to other numbers, which are no CPR numbers.
    "31.02.85-1234 er ikke en dato",  # 31 February
    "29.02.01-1234 heller ikke",  # 29 February 1901
    "01.13.85-1234 har ingen 13. måned",
    "01.02/85-1234 blander skilletegn",
    "Mødet 01.02.25 1400-1600 i salen",
    "Mødet 01.02.25 kl. 1400 og 24.11.2026 1000",
    "Mødet 24-11-2026-1234 og 01-02-2025 1234",
    "Tlf. 12 34 56 78 og +45 12 34 56 78 og +45 10 10 90 12",
    "Telefon 10 10 90 12 eller 10.10.90.12",
    "Sagsnr. 01/02/2025-1234 og j.nr. 2024 01.02.85 1234",
    "Beløbet 10.500.000 og 12.05.85,1234 kr",
    "Tidsrum 10.00-12.00 og 08 15 22 30",
    "",
]


@pytest.mark.parametrize(("text", "found"), POSITIVES)
def test_cpr_numbers_are_found(text, found):
    assert cpr_numbers_in(text) == [found]
    with pytest.raises(ValidationError) as error:
        validate_no_cpr(text)
    assert error.value.code == "cpr"


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_numbers_are_not_cpr_numbers(text):
    assert cpr_numbers_in(text) == []
    validate_no_cpr(text)


def test_several_numbers_are_all_found():
    text = "Søskende: 010105-4111 og 020207-4222, far 030370-1333"
    assert cpr_numbers_in(text) == ["010105-4111", "020207-4222", "030370-1333"]


def test_none_is_allowed():
    validate_no_cpr(None)
    assert cpr_numbers_in(None) == []


def test_the_refusal_explains_in_danish_why_and_how_to_anonymise():
    with translation.override("da"), pytest.raises(ValidationError) as error:
        validate_no_cpr("cpr 010190-1234")
    message = error.value.messages[0]
    assert "CPR-nummer" in message
    assert "retsplejelovens § 115" in message
    assert "anonymt" in message


@pytest.mark.parametrize(
    "text",
    [
        "Vi har talt med Ahmed på 14 år fra Nørrebro Skole.",
        "Ahmed (14) har problemer i klassen.",
        "Sara er 13 år og går ofte alene hjem.",
        "Bekymring for Mikkel i 7.b på skolen.",
        "Vi har en bekymring for Emma, som går i 8. klasse.",
    ],
)
def test_a_name_with_an_age_class_or_school_gives_a_soft_hint(text):
    with translation.override("da"):
        hints = child_identification_hints(text)
    assert len(hints) == 1
    assert "barn" in hints[0]
    validate_no_cpr(text)  # a hint, never a refusal


@pytest.mark.parametrize(
    "text",
    [
        "En dreng på 14 år fra en skole i Østjyllands Politikreds.",
        "Vi har drøftet trivslen i 7. klasse med SSP og Politiet.",
        "Ahmed og Sara har lavet et godt oplæg om netværksmøder.",
        "Mødet i Aarhus blev holdt mandag.",
        "",
    ],
)
def test_anonymous_text_gets_no_hint(text):
    assert child_identification_hints(text) == []
