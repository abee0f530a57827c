"""Kursusbeviser: issue rules, the PDF, download, and the public verification page."""

import datetime
import re
import shutil
import subprocess
import zlib

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from courses.models import (
    Certificate,
    CertificateKind,
    CertificateSettings,
    ModuleCompletion,
    ModuleKind,
)
from courses.selectors.certificates import CODE_ALPHABET, certificate_code_normalise
from courses.services.certificates import (
    certificate_code_generate,
    certificate_issue_for_module,
    certificate_issue_programme,
    certificate_pdf,
)
from courses.views.certificates import VERIFY_RATE_LIMIT
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory, module_create

pytestmark = pytest.mark.django_db

CODE_PATTERN = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


def completed(user, module, when=None):
    """A module completed on an offering (with attendance): it counts towards the
    programme under every programme rule."""
    return ModuleCompletion.objects.create(
        user=user,
        module=module,
        offering=OfferingFactory(module=module),
        completed_at=when or timezone.now(),
    )


@pytest.fixture
def participant():
    return UserFactory(first_name="Mette", last_name="Sørensen")


@pytest.fixture
def grundmodul():
    return module_create(title="Grundmodul", kind=ModuleKind.GRUNDMODUL, lessons=0)


def electives(count):
    return [
        module_create(title=f"Tilvalg {n}", kind=ModuleKind.TILVALGSMODUL, lessons=0)
        for n in range(1, count + 1)
    ]


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


def _pdf_objects(data: bytes) -> dict[int, bytes]:
    """Every object of a PDF by number, streams inflated, object streams unpacked."""
    objects: dict[int, bytes] = {}
    for match in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S):
        number, body = int(match.group(1)), match.group(2)
        head, marker, rest = body.partition(b"stream")
        if marker:
            length = int(re.search(rb"/Length (\d+)", head).group(1))
            raw = rest.lstrip(b"\r\n")[:length]
            if b"/FlateDecode" in head:
                raw = zlib.decompress(raw)
            objects[number] = head + b"stream\n" + raw
            if b"/ObjStm" in head:
                first = int(re.search(rb"/First (\d+)", head).group(1))
                pairs = [int(n) for n in raw[:first].split()]
                numbers, offsets = pairs[0::2], pairs[1::2]
                for index, inner in enumerate(numbers):
                    end = offsets[index + 1] if index + 1 < len(offsets) else None
                    stop = first + end if end is not None else None
                    objects[inner] = raw[first + offsets[index] : stop]
        else:
            objects[number] = body
    return objects


def _pdf_text_parsed(data: bytes) -> str:
    """The text of a PDF written by WeasyPrint: each font's ToUnicode map applied to
    the glyph codes in the page content. Enough for WeasyPrint's Identity-H fonts."""
    objects = _pdf_objects(data)

    def stream(number: int) -> bytes:
        return objects[number].partition(b"stream\n")[2]

    def to_unicode(number: int) -> dict[str, str]:
        cmap = stream(number)
        mapping = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for source, target in re.findall(
                rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
            ):
                mapping[source.decode().lower()] = bytes.fromhex(
                    target.decode()
                ).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, target in re.findall(
                rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
            ):
                start = int(target, 16)
                for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    mapping[f"{code:04x}"] = chr(start + offset)
        return mapping

    fonts: dict[bytes, dict[str, str]] = {}
    for body in objects.values():
        for font_dict in re.findall(rb"/Font (\d+) 0 R", body):
            font_names = objects[int(font_dict)]
            for name, ref in re.findall(rb"/(\w+) (\d+) 0 R", font_names):
                unicode_ref = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
                if unicode_ref:
                    fonts[name] = to_unicode(int(unicode_ref.group(1)))

    pages = [
        int(n) for n in re.findall(rb"/Contents (\d+) 0 R", b"".join(objects.values()))
    ]
    text = []
    for page in pages:
        content = stream(page)
        font: dict[str, str] = {}
        tokens = re.finditer(
            rb"/(\w+) [\d.]+ Tf|\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|(ET)",
            content,
            re.S,
        )
        for token in tokens:
            if token.group(1):
                font = fonts.get(token.group(1), {})
            elif token.group(4):
                text.append("\n")
            else:
                hexes = re.findall(rb"<([0-9a-fA-F]*)>", token.group(2) or b"")
                if token.group(3) is not None:
                    hexes = [token.group(3)]
                for chunk in hexes:
                    codes = chunk.decode().lower()
                    text.extend(
                        font.get(codes[i : i + 4], "") for i in range(0, len(codes), 4)
                    )
    return "".join(text)


def _pdf_text_tool(data: bytes) -> str | None:
    """The text as pypdf or poppler's pdftotext extracts it, if one is installed."""
    try:
        import pypdf  # noqa: PLC0415
    except ImportError:
        pypdf = None
    if pypdf is not None:
        import io

        return "\n".join(
            page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages
        )
    if shutil.which("pdftotext"):
        result = subprocess.run(  # noqa: S603
            ["pdftotext", "-layout", "-", "-"],  # noqa: S607
            input=data,
            capture_output=True,
            check=True,
        )
        return result.stdout.decode()
    return None


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


# Views: the participant's list and download -----------------------------------------


def test_list_needs_login(client):
    response = client.get(reverse("courses:certificate_list"))
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")


def test_list_shows_completed_modules_and_what_the_programme_needs(
    client, participant, grundmodul
):
    completed(participant, grundmodul)
    issued = certificate_issue_for_module(user=participant, module=grundmodul)
    client.force_login(participant)
    html = client.get(reverse("courses:certificate_list")).content.decode()
    assert "Mine kursusbeviser" in html
    assert "Hent kursusbevis (PDF)" in html
    assert issued.code in html
    assert reverse("courses:certificate_download", args=[grundmodul.pk]) in html
    assert "Der mangler 2 tilvalgsmoduler (0 af 2 gennemført)." in html
    assert reverse("courses:certificate_download_programme") not in html


def test_download_issues_and_sends_the_pdf(client, participant, grundmodul):
    completed(participant, grundmodul)
    client.force_login(participant)
    response = client.post(
        reverse("courses:certificate_download", args=[grundmodul.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="kursusbevis-{grundmodul.slug}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    certificate = Certificate.objects.get()
    assert certificate.user == participant
    assert certificate.code in _pdf_text_parsed(response.content)

    again = client.get(reverse("courses:certificate_download", args=[grundmodul.pk]))
    assert again.status_code == 200
    assert Certificate.objects.count() == 1


def test_download_without_completion_is_refused_in_danish(
    client, participant, grundmodul
):
    client.force_login(participant)
    response = client.post(
        reverse("courses:certificate_download", args=[grundmodul.pk]), follow=True
    )
    assert response.redirect_chain == [(reverse("courses:certificate_list"), 302)]
    assert (
        "Du har ikke gennemført modulet “Grundmodul”, så der kan endnu ikke udstedes "
        "et kursusbevis for det." in response.content.decode()
    )
    assert not Certificate.objects.exists()


def test_another_user_cannot_download_someone_elses_certificate(
    client, participant, grundmodul
):
    completed(participant, grundmodul)
    certificate = certificate_issue_for_module(user=participant, module=grundmodul)
    other = UserFactory(first_name="Jens", last_name="Nielsen")
    client.force_login(other)
    response = client.post(
        reverse("courses:certificate_download", args=[grundmodul.pk])
    )
    assert response.status_code == 302
    assert response.url == reverse("courses:certificate_list")
    assert list(Certificate.objects.all()) == [certificate]
    assert not Certificate.objects.filter(user=other).exists()


def test_programme_download_refused_lists_what_is_missing(
    client, participant, grundmodul
):
    completed(participant, grundmodul)
    client.force_login(participant)
    response = client.post(
        reverse("courses:certificate_download_programme"), follow=True
    )
    html = response.content.decode()
    assert "Kursusbeviset for hele uddannelsen kan endnu ikke udstedes." in html
    assert "Der mangler 2 tilvalgsmoduler (0 af 2 gennemført)." in html
    assert not Certificate.objects.exists()


def test_programme_download(client, participant, grundmodul):
    completed(participant, grundmodul)
    for module in electives(2):
        completed(participant, module)
    client.force_login(participant)
    response = client.post(reverse("courses:certificate_download_programme"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="kursusbevis-ssp-uddannelsen.pdf"'
    )
    assert Certificate.objects.get().kind == CertificateKind.PROGRAMME


def test_revoked_certificate_is_not_downloadable(client, participant, grundmodul):
    completed(participant, grundmodul)
    certificate = certificate_issue_for_module(user=participant, module=grundmodul)
    certificate.revoked_at = timezone.now()
    certificate.save()
    client.force_login(participant)
    response = client.get(
        reverse("courses:certificate_download", args=[grundmodul.pk]), follow=True
    )
    assert response.redirect_chain == [(reverse("courses:certificate_list"), 302)]
    assert "Kursusbeviset er tilbagekaldt og kan ikke længere hentes." in (
        response.content.decode()
    )


# Public verification ----------------------------------------------------------------


@pytest.fixture
def issued(participant, grundmodul):
    completed(
        participant,
        grundmodul,
        when=timezone.make_aware(datetime.datetime(2026, 11, 24, 10, 0)),
    )
    return certificate_issue_for_module(user=participant, module=grundmodul)


def test_verification_shows_only_name_title_and_date(client, issued, participant):
    response = client.get(
        reverse("courses:certificate_verify_code", args=[issued.code])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kursusbeviset er gyldigt" in html
    assert "Mette Sørensen" in html
    assert "Grundmodul" in html
    assert "24. november 2026" in html
    assert participant.email not in html
    assert participant.organisation.name not in html
    assert "Aarhus" not in html


def test_verify_form_accepts_lower_case_without_dashes(client, issued):
    typed = issued.code.replace("-", "").lower()
    response = client.get(reverse("courses:certificate_verify"), {"code": typed})
    assert response.status_code == 302
    assert response.url == reverse(
        "courses:certificate_verify_code", args=[issued.code]
    )


def test_verify_form_explains_a_malformed_code(client):
    response = client.get(reverse("courses:certificate_verify"), {"code": "abc"})
    assert response.status_code == 200
    assert "En bekræftelseskode har 12 bogstaver og tal" in response.content.decode()


def test_unknown_code_is_404_in_danish(client, issued):
    response = client.get(
        reverse("courses:certificate_verify_code", args=["ABCD-EFGH-JKMN"])
    )
    assert response.status_code == 404
    html = response.content.decode()
    assert "Der findes intet kursusbevis med denne kode" in html
    assert "Mette Sørensen" not in html


def test_revoked_certificate_verifies_as_revoked(client, issued):
    issued.revoked_at = timezone.now()
    issued.save()
    response = client.get(
        reverse("courses:certificate_verify_code", args=[issued.code])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kursusbeviset er tilbagekaldt" in html
    assert "tilbagekaldt af Socialstyrelsen og er ikke længere gyldigt" in html
    assert "Kursusbeviset er gyldigt" not in html
    assert "Mette Sørensen" not in html


def test_verification_is_rate_limited_per_address(client, issued):
    url = reverse("courses:certificate_verify_code", args=["ABCD-EFGH-JKMN"])
    for _ in range(VERIFY_RATE_LIMIT):
        assert client.get(url).status_code == 404
    limited = client.get(reverse("courses:certificate_verify_code", args=[issued.code]))
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert "Du har tjekket mange koder på kort tid" in limited.content.decode()
    assert "Mette Sørensen" not in limited.content.decode()

    other_address = client.get(
        reverse("courses:certificate_verify_code", args=[issued.code]),
        REMOTE_ADDR="127.0.0.2",
    )
    assert other_address.status_code == 200
