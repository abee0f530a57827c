"""The personal-data guard for free text: no CPR numbers, and a nudge about children.

Every service that stores text a person typed (forum posts, chat, questions, free-text
evaluation answers, reflections) calls :func:`validate_no_cpr` before it writes, so the
text is refused and nothing of it is stored. :func:`child_identification_hints` is the
softer check: it returns warnings to show, and the writer decides.

A CPR number is ``DDMMYY-SSSS``. Detection accepts the dash, a space or nothing between
the two halves, and also a date part written with separators (``01 02 85-1234``,
``01.02.85-1234``, ``01/02/85 1234``: the same space, dot, dash or slash between day,
month and year, then a dash or space before the serial); it checks that the first
six digits are a real date and applies the century rule of the seventh digit
(CPR-kontoret's table). It deliberately does *not* use the modulus-11 check: numbers
without it have been issued since 2007.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Six digits, an optional dash (or a space, or both), four digits. Not part of a longer
# run of digits, and not glued to the separators used in dates, amounts, case numbers
# and phone numbers (``2024-123456-1234``, ``1.234.567``, ``+45``), so that ordinary
# numbers in SSP work are left alone.
_CPR_PATTERN = re.compile(
    r"(?<![\d.,/+\-–])"
    r"(?P<day>\d{2})(?P<month>\d{2})(?P<year>\d{2})"
    r"(?:[ \u00a0]?[-‐‑–][ \u00a0]?|[ \u00a0])?"
    r"(?P<serial>\d{4})"
    r"(?![\d]|[.,/\-–]\d)"
)


# The date part written with a separator, the same one twice (``01.02.85``), then a
# dash or space and the four digits. Not inside a longer run of numbers (``2024
# 01.02.85``), and the serial not followed by more of a number or a time range
# (``01.02.25 1400-1600``).
_CPR_SEPARATED_PATTERN = re.compile(
    r"(?<![\d.,/+\-–])(?<!\d[ \u00a0.,/\-–])"
    r"(?P<day>\d{2})(?P<separator>[ \u00a0./\-–])(?P<month>\d{2})(?P=separator)"
    r"(?P<year>\d{2})"
    r"(?:[ \u00a0]?[-‐‑–][ \u00a0]?|[ \u00a0])"
    r"(?P<serial>\d{4})"
    r"(?![\d]|[.,/:\-–]\d)"
)


def _century(year: int, seventh_digit: int) -> int:
    """The century a CPR number's two-digit year belongs to, by its seventh digit."""
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if year <= 36 else 1900
    # 5, 6, 7 and 8
    if year <= 57:
        return 2000
    return 1800


def _is_cpr(day: str, month: str, year: str, serial: str) -> bool:
    century = _century(int(year), int(serial[0]))
    try:
        datetime.date(century + int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def cpr_numbers_in(text: str) -> list[str]:
    """Every substring of ``text`` that is a valid-looking CPR number, in order.

    Pure function; no side effects.
    """
    if not text:
        return []
    found = [
        (match.start(), match.group(0))
        for pattern in (_CPR_PATTERN, _CPR_SEPARATED_PATTERN)
        for match in pattern.finditer(text)
        if _is_cpr(*match.group("day", "month", "year", "serial"))
    ]
    return [number for _start, number in sorted(found)]


def cpr_error_message() -> str:
    """The Danish explanation shown when text is refused for holding a CPR number."""
    return _(
        "The text contains what looks like a CPR number, so it was not saved. "
        "Personal data about citizens, and children in particular, may only be "
        "shared within the SSP cooperation in the specific case and under the rules "
        "of section 115 of the Administration of Justice Act - never here. Remove "
        "the number and describe the case anonymously, for example 'a boy aged 14 "
        "in a municipality in our district'."
    )


def validate_no_cpr(text: str | None) -> None:
    """Refuse ``text`` when it holds a CPR number.

    Raises ``ValidationError`` (code ``"cpr"``) with a Danish explanation. Use it in
    every service that stores free text, before anything is written. Pure function.
    """
    if text and cpr_numbers_in(text):
        raise ValidationError(cpr_error_message(), code="cpr")


_AGE = re.compile(r"\b\d{1,2}[ -]?(?:år(?:ig|ige)?|årig)\b|\(\d{1,2}\)", re.IGNORECASE)
_SCHOOL_CLASS = re.compile(
    r"\b(?:\d{1,2}\.\s?[a-zæøå]\b|\d{1,2}\.\s?klasse|[0-9]{1,2}\s?klasse|"
    r"børnehaveklasse|\w*skole[n]?\b)",
    re.IGNORECASE,
)
# A capitalised word inside a sentence has the shape of a first name; at the start of
# a sentence only when an age or class follows right after it ("Ahmed (14)",
# "Sara er 13 år", "Ali går i 7.b").
_NAME = re.compile(
    r"(?<=[^.!?:\s]\s)[A-ZÆØÅ][a-zæøåéü]+\b"
    r"|[A-ZÆØÅ][a-zæøåéü]+(?=\s\(\d{1,2}\)|\s(?:er|på)\s\d{1,2}\b|\sgår\si\s)"
)
# "Østjyllands Politikreds", "Nørrebro Skole": a place, not a person.
_INSTITUTION_AFTER = re.compile(
    r"\s(?:Politikreds|Kommune|Skole|Politi|Station|Gymnasium|Efterskole|Klub)\b"
)
# Capitalised words that are common in SSP text and are not names.
_NOT_NAMES = {
    "SSP",
    "Socialstyrelsen",
    "Politi",
    "Politiet",
    "Politikreds",
    "Politikredsen",
    "Kommune",
    "Kommunen",
    "Skole",
    "Skolen",
    "Danmark",
    "København",
    "Aarhus",
    "Odense",
    "Aalborg",
    "Jeg",
    "Vi",
    "De",
    "Han",
    "Hun",
    "Det",
    "Den",
    "Der",
    "Mandag",
    "Tirsdag",
    "Onsdag",
    "Torsdag",
    "Fredag",
    "Lørdag",
    "Søndag",
}


def child_identification_hints(text: str | None) -> list[str]:
    """Soft warnings when ``text`` may identify a child: a name with an age, class
    or school. The writer can confirm or edit; nothing is refused. Pure function.
    """
    if not text:
        return []
    names = [
        match.group(0)
        for match in _NAME.finditer(text)
        if match.group(0) not in _NOT_NAMES
        and not _INSTITUTION_AFTER.match(text, match.end())
    ]
    if not names:
        return []
    details = []
    if _AGE.search(text):
        details.append(_("an age"))
    if _SCHOOL_CLASS.search(text):
        details.append(_("a class or school"))
    if not details:
        return []
    return [
        _(
            "The text mentions what may be a name (%(name)s) together with "
            "%(details)s. "
            "Could a child be recognised from it? Consider writing 'a girl aged 13' "
            "without name, class or school."
        )
        % {"name": names[0], "details": _(" and ").join(details)}
    ]
