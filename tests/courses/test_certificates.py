"""Kursusbeviser: the codes, the issue rules and the PDF. Download and the public
verification page are in test_certificates_views.py.

tests/core and tests/evaluations import ``_pdf_text_parsed`` from here.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from courses.models import (
    Certificate,
    CertificateKind,
    CertificateSettings,
)
from courses.selectors.certificates import CODE_ALPHABET, certificate_code_normalise
from courses.services.certificates import (
    certificate_code_generate,
    certificate_issue_for_module,
    certificate_issue_programme,
    certificate_pdf,
)
from tests.accounts.factories import UserFactory
from tests.courses.certificate_helpers import (
    CODE_PATTERN,
    _pdf_objects,
    _pdf_text_parsed,
    _pdf_text_tool,
    completed,
    electives,
)

pytestmark = pytest.mark.django_db


# Issue rules -------------------------------------------------------------------------


def test_code_uses_the_unambiguous_alphabet():
    codes = {certificate_code_generate() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert CODE_PATTERN.match(code)
        assert not set(code) & set("0O1IL")
    assert set(CODE_ALPHABET) & set("0O1IL") == set()


def test_code_normalise_accepts_lower_case_and_missing_dashes():
    assert certificate_code_normalise("abcd efgh jkmn") == "ABCD-EFGH-JKMN"
    assert certificate_code_normalise("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"
    assert certificate_code_normalise(" abcd-efgh-jkmn ") == "ABCD-EFGH-JKMN"
    assert certificate_code_normalise("ABCD-EFGH-JKM") is None
    assert certificate_code_normalise("ABCD-EFGH-JKM0") is None


def test_module_certificate_refused_without_completion(participant, grundmodul):
    with pytest.raises(ValidationError) as error:
        certificate_issue_for_module(user=participant, module=grundmodul)
    assert error.value.messages == [
        "Du har ikke gennemført modulet “Grundmodul”, så der kan endnu ikke "
        "udstedes et kursusbevis for det."
    ]
    assert Certificate.objects.count() == 0


def test_module_certificate_issued_once_with_copied_name_and_title(
    participant, grundmodul
):
    completed(participant, grundmodul)
    first = certificate_issue_for_module(user=participant, module=grundmodul)
    assert first.kind == CertificateKind.MODULE
    assert first.holder_name == "Mette Sørensen"
    assert first.title == "Grundmodul"
    assert CODE_PATTERN.match(first.code)

    participant.last_name = "Jensen"
    participant.save()
    second = certificate_issue_for_module(user=participant, module=grundmodul)
    assert second.pk == first.pk
    assert second.holder_name == "Mette Sørensen"
    assert Certificate.objects.count() == 1


def test_certificate_refused_for_a_user_without_a_name(grundmodul):
    nameless = UserFactory(first_name="", last_name="")
    completed(nameless, grundmodul)
    with pytest.raises(ValidationError) as error:
        certificate_issue_for_module(user=nameless, module=grundmodul)
    assert "Din profil har intet navn" in error.value.messages[0]
    assert Certificate.objects.count() == 0


def test_programme_needs_grundmodul_and_the_set_number_of_electives(
    participant, grundmodul
):
    settings_row = CertificateSettings.load()
    settings_row.required_electives = 2
    settings_row.save()
    first, second = electives(2)

    completed(participant, first)
    with pytest.raises(ValidationError) as error:
        certificate_issue_programme(user=participant)
    assert error.value.messages == [
        "Kursusbeviset for hele uddannelsen kan endnu ikke udstedes.",
        "Grundmodulet er ikke gennemført.",
        "Der mangler 1 tilvalgsmodul (1 af 2 gennemført).",
    ]

    completed(participant, grundmodul)
    with pytest.raises(ValidationError) as error:
        certificate_issue_programme(user=participant)
    assert error.value.messages == [
        "Kursusbeviset for hele uddannelsen kan endnu ikke udstedes.",
        "Der mangler 1 tilvalgsmodul (1 af 2 gennemført).",
    ]
    assert Certificate.objects.count() == 0

    completed(participant, second)
    certificate = certificate_issue_programme(user=participant)
    assert certificate.kind == CertificateKind.PROGRAMME
    assert certificate.module is None
    assert certificate.title == "SSP-uddannelsen"
    assert certificate_issue_programme(user=participant).pk == certificate.pk
    assert Certificate.objects.count() == 1


def test_programme_follows_the_setting(participant, grundmodul):
    settings_row = CertificateSettings.load()
    settings_row.required_electives = 3
    settings_row.save()
    completed(participant, grundmodul)
    for module in electives(2):
        completed(participant, module)
    with pytest.raises(ValidationError) as error:
        certificate_issue_programme(user=participant)
    assert "Der mangler 1 tilvalgsmodul (2 af 3 gennemført)." in error.value.messages

    settings_row.required_electives = 2
    settings_row.save()
    assert certificate_issue_programme(user=participant).title == "SSP-uddannelsen"


def test_electives_do_not_replace_the_grundmodul(participant):
    for module in electives(4):
        completed(participant, module)
    with pytest.raises(ValidationError) as error:
        certificate_issue_programme(user=participant)
    assert error.value.messages == [
        "Kursusbeviset for hele uddannelsen kan endnu ikke udstedes.",
        "Grundmodulet er ikke gennemført.",
    ]
    assert not Certificate.objects.exists()


# The PDF -----------------------------------------------------------------------------


def test_pdf_is_a_real_pdf_with_name_title_date_and_code(participant, grundmodul):
    completed(
        participant,
        grundmodul,
        when=timezone.make_aware(datetime.datetime(2026, 11, 24, 10, 0)),
    )
    certificate = certificate_issue_for_module(user=participant, module=grundmodul)
    pdf = certificate_pdf(certificate=certificate)

    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    structure = b"".join(_pdf_objects(pdf).values())
    assert b"/Lang (da)" in structure
    assert b"/MediaBox [0 0 841.889764 595.275591]" in structure  # A4 landscape
    assert b"/Author (Socialstyrelsen)" in structure
    assert b"/Title " in structure

    parsed = _pdf_text_parsed(pdf)
    for expected in (
        "Kursusbevis",
        "Mette Sørensen",
        "Grundmodul",
        "Gennemført den 24. november 2026",
        "Socialstyrelsen",
        certificate.code,
        f"http://127.0.0.1:8000/kursusbevis/bekraeft/{certificate.code}/",
    ):
        assert expected in parsed

    extracted = _pdf_text_tool(pdf)
    if extracted is not None:
        assert "Mette Sørensen" in extracted
        assert certificate.code in extracted
        assert "24. november 2026" in extracted


def test_programme_pdf_names_the_programme(participant, grundmodul):
    completed(participant, grundmodul)
    for module in electives(2):
        completed(participant, module)
    certificate = certificate_issue_programme(user=participant)
    text = _pdf_text_parsed(certificate_pdf(certificate=certificate))
    assert "har gennemført hele uddannelsen" in text
    assert "SSP-uddannelsen" in text
    assert "Mette Sørensen" in text
    assert certificate.code in text


def test_revoked_certificate_has_no_pdf(participant, grundmodul):
    completed(participant, grundmodul)
    certificate = certificate_issue_for_module(user=participant, module=grundmodul)
    certificate.revoked_at = timezone.now()
    certificate.save()
    with pytest.raises(ValidationError) as error:
        certificate_pdf(certificate=certificate)
    assert error.value.messages == [
        "Kursusbeviset er tilbagekaldt og kan ikke længere hentes."
    ]
