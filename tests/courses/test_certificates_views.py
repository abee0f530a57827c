"""Kursusbeviser: the participant's list and download, and the public verification
page.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from courses.models import (
    Certificate,
    CertificateKind,
)
from courses.services.certificates import (
    certificate_issue_for_module,
)
from courses.views.certificates import VERIFY_RATE_LIMIT
from tests.accounts.factories import UserFactory
from tests.courses.certificate_helpers import (
    _pdf_text_parsed,
    completed,
    electives,
)

pytestmark = pytest.mark.django_db


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
