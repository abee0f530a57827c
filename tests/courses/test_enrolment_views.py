"""The enrolment pages: who may open them, and what a bad request changes (nothing)."""

import datetime

from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from courses.models import DialogueMessage, Enrolment, Invitation, Nomination
from courses.services.enrolment import dialogue_message_post
from tests.accounts.factories import UserFactory
from tests.courses.enrolment_helpers import (
    administrator,
    contact,
    nominate,
    open_offering,
    organisation,
    planned_offering,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    user = administrator()
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    return user


@pytest.fixture
def offering(admin):
    return open_offering(admin, seats=4)


def invitation_of(offering, name="Aarhus"):
    return Invitation.objects.get(offering=offering, organisation=organisation(name))


def nomination_data(**overrides):
    data = {
        "first_name": "Jonas",
        "last_name": "Berg",
        "email": "jonas.berg@aarhus.dk",
        "job_title": "Klubmedarbejder",
        "sector": "social",
        "ssp_main_job": "on",
    }
    data.update(overrides)
    return data


def test_visitors_are_sent_to_login(client, offering):
    invitation = invitation_of(offering)
    for url in (
        "/tilmelding/",
        f"/tilmelding/{invitation.pk}/",
        f"/planlaegning/hold/{offering.pk}/tilmelding/",
        f"/planlaegning/hold/{offering.pk}/log/",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/")


def test_participants_and_other_organisations_see_nothing(client, offering):
    invitation = invitation_of(offering)
    participant = UserFactory(organisation=organisation("Aarhus"))
    client.force_login(participant)
    assert client.get("/tilmelding/").status_code == 403
    assert client.get(f"/tilmelding/{invitation.pk}/").status_code == 404
    assert (
        client.get(f"/planlaegning/hold/{offering.pk}/tilmelding/").status_code == 403
    )
    client.force_login(contact("Randers"))
    assert client.get(f"/tilmelding/{invitation.pk}/").status_code == 404
    response = client.post(f"/tilmelding/{invitation.pk}/indstil/", nomination_data())
    assert response.status_code == 404
    assert Nomination.objects.count() == 0


def test_a_contact_nominates_through_the_page(client, offering):
    invitation = invitation_of(offering)
    client.force_login(contact("Aarhus"))
    response = client.post(f"/tilmelding/{invitation.pk}/indstil/", nomination_data())
    assert response.status_code == 302
    page = client.get(f"/tilmelding/{invitation.pk}/").content.decode()
    assert "Jonas Berg" in page
    assert "Afventer afgørelse" in page
    nomination = Nomination.objects.get()
    assert (nomination.priority, nomination.ssp_main_job) == (1, True)


def test_a_bad_nomination_shows_danish_errors_and_stores_nothing(client, offering):
    invitation = invitation_of(offering)
    client.force_login(contact("Aarhus"))
    response = client.post(
        f"/tilmelding/{invitation.pk}/indstil/",
        nomination_data(email="ikke-en-adresse", job_title=""),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Indtast en gyldig e-mail-adresse." in page
    assert "Dette felt er påkrævet." in page
    assert Nomination.objects.count() == 0


def test_after_the_deadline_the_page_says_so_and_refuses_nominations(client, offering):
    invitation = invitation_of(offering)
    offering.enrolment_deadline = timezone.localdate() - datetime.timedelta(days=1)
    offering.save()
    client.force_login(contact("Aarhus"))
    page = client.get(f"/tilmelding/{invitation.pk}/").content.decode()
    assert "Der er lukket for indstillinger" in page
    assert "Indstil en kollega" not in page
    response = client.post(f"/tilmelding/{invitation.pk}/indstil/", nomination_data())
    assert response.status_code == 400
    assert "så der er lukket for indstillinger" in response.content.decode()
    assert Nomination.objects.count() == 0


def test_unread_messages_are_marked_until_the_page_is_read(client, offering, admin):
    invitation = invitation_of(offering)
    aarhus = contact("Aarhus")
    dialogue_message_post(invitation=invitation, actor=admin, body="Husk fristen.")
    client.force_login(aarhus)
    listing = client.get("/tilmelding/").content.decode()
    assert "1 ulæst" in listing
    first = client.get(f"/tilmelding/{invitation.pk}/").content.decode()
    assert "Husk fristen." in first
    assert 'badge-warning">Ny<' in first
    second = client.get(f"/tilmelding/{invitation.pk}/").content.decode()
    assert 'badge-warning">Ny<' not in second
    assert "Ingen ulæste" in client.get("/tilmelding/").content.decode()


def test_a_message_with_a_cpr_number_is_refused_on_the_page(client, offering):
    invitation = invitation_of(offering)
    client.force_login(contact("Aarhus"))
    response = client.post(
        f"/tilmelding/{invitation.pk}/besked/", {"body": "Se 010203-1234 tak"}
    )
    assert response.status_code == 400
    assert "retsplejelovens § 115" in response.content.decode()
    assert DialogueMessage.objects.count() == 0


def test_the_administrator_decides_in_bulk_from_the_overview(client, offering, admin):
    aarhus = contact("Aarhus")
    nominations = [nominate(invitation_of(offering), aarhus, n) for n in range(3)]
    client.force_login(admin)
    page = client.get(f"/planlaegning/hold/{offering.pk}/tilmelding/").content.decode()
    assert "0 af 4 pladser er besat, 4 er ledige." in page
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/afgoer/",
        {
            "decision": "waitlist",
            "nominations": [n.pk for n in nominations[:2]],
        },
    )
    assert response.status_code == 302
    assert Enrolment.objects.filter(status="venteliste").count() == 2
    log = client.get(f"/planlaegning/hold/{offering.pk}/log/").content.decode()
    assert log.count("Sat på venteliste") == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "confirm"}, "Vælg mindst én indstilling."),
        ({"nominations": ["1"]}, "Vælg en afgørelse."),
    ],
)
def test_bad_decisions_are_refused_in_danish(client, offering, admin, data, message):
    client.force_login(admin)
    response = client.post(f"/planlaegning/hold/{offering.pk}/tilmelding/afgoer/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Enrolment.objects.count() == 0


def test_inviting_with_non_numbers_is_refused(client, admin):
    offering = planned_offering()
    client.force_login(admin)
    page = client.get(f"/planlaegning/hold/{offering.pk}/tilmelding/").content.decode()
    assert "Invitér 8 organisationer" in page
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/inviter/",
        {f"seats-{organisation('Aarhus').pk}": "mange"},
    )
    assert response.status_code == 400
    assert "Foreslåede pladser skal være hele tal." in response.content.decode()
    assert Invitation.objects.filter(offering=offering).count() == 0


def test_the_administrator_adjusts_an_organisations_suggested_seats(
    client, offering, admin
):
    invitation = invitation_of(offering, "Samsø")
    client.force_login(admin)
    url = f"/planlaegning/hold/{offering.pk}/tilmelding/pladser/"
    response = client.post(url, {"invitation": invitation.pk, "seats": "3"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.suggested_seats == 3
    refused = client.post(url, {"invitation": invitation.pk, "seats": "-1"})
    assert refused.status_code == 400
    assert "Foreslåede pladser skal være hele tal." in refused.content.decode()
    invitation.refresh_from_db()
    assert invitation.suggested_seats == 3
