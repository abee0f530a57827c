"""The administrator's enrolment page: each form posts to its own view (invite,
decide, seats), and the checks behind the two services that had no test that would
fail without them (a decision message with a CPR number; seats set by someone who
is not an administrator)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from core.models import ScheduledEmail
from courses.models import (
    Enrolment,
    EnrolmentEvent,
    EnrolmentEventKind,
    Invitation,
    Nomination,
    NominationStatus,
    OfferingStatus,
)
from courses.services.enrolment import (
    Decision,
    invitation_set_seats,
    nominations_decide,
)
from tests.courses.enrolment_helpers import (
    administrator,
    contact,
    nominate,
    open_offering,
    organisation,
    planned_offering,
)

pytestmark = pytest.mark.django_db

CPR_MESSAGE = "Husk at medbringe papirer for 010203-1234 til første dag."
CPR_REFUSAL = "retsplejelovens § 115"


@pytest.fixture
def admin():
    user = administrator()
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    return user


def invitation_of(offering, name="Aarhus") -> Invitation:
    return Invitation.objects.get(offering=offering, organisation=organisation(name))


def seats_by_organisation(offering) -> dict[str, tuple[int, bool]]:
    return {
        invitation.organisation.name: (
            invitation.suggested_seats,
            invitation.seats_set_manually,
        )
        for invitation in Invitation.objects.filter(offering=offering).select_related(
            "organisation"
        )
    }


# -- one URL per action ------------------------------------------------------------


def test_each_form_on_the_page_posts_to_its_own_url(client, admin):
    planned = planned_offering()
    opened = open_offering(admin)
    client.force_login(admin)
    planned_page = client.get(
        f"/planlaegning/hold/{planned.pk}/tilmelding/"
    ).content.decode()
    assert f'action="/planlaegning/hold/{planned.pk}/tilmelding/inviter/"' in (
        planned_page
    )
    opened_page = client.get(
        f"/planlaegning/hold/{opened.pk}/tilmelding/"
    ).content.decode()
    assert f'action="/planlaegning/hold/{opened.pk}/tilmelding/afgoer/"' in opened_page
    assert f'action="/planlaegning/hold/{opened.pk}/tilmelding/pladser/"' in (
        opened_page
    )
    assert 'name="action"' not in planned_page + opened_page


def test_the_page_itself_takes_no_posts(client, admin):
    offering = planned_offering()
    client.force_login(admin)
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/", {"action": "open"}
    )
    assert response.status_code == 405
    offering.refresh_from_db()
    assert offering.status == OfferingStatus.PLANNED
    assert Invitation.objects.count() == 0


def test_inviting_through_the_form_keeps_the_seats_typed_in(client, admin):
    offering = planned_offering(seats=10)
    aarhus = organisation("Aarhus")
    client.force_login(admin)
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/inviter/",
        {f"seats-{aarhus.pk}": "0"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/planlaegning/hold/{offering.pk}/tilmelding/"
    offering.refresh_from_db()
    assert offering.status == OfferingStatus.OPEN
    shares = seats_by_organisation(offering)
    assert shares[aarhus.name] == (0, True)
    assert len(shares) == 8
    # The organisations the post did not name keep their fair share.
    assert [name for name, (_seats, manual) in shares.items() if manual] == [
        aarhus.name
    ]


@pytest.mark.parametrize("value", ["", "-1", "2,5"])
def test_an_empty_or_bad_seat_number_refuses_the_invitation(client, admin, value):
    offering = planned_offering(seats=10)
    aarhus = organisation("Aarhus")
    client.force_login(admin)
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/inviter/",
        {f"seats-{aarhus.pk}": value},
    )
    assert response.status_code == 400
    page = response.content.decode()
    if value == "-1":
        assert "Et foreslået antal pladser kan ikke være negativt." in page
    else:
        assert "Foreslåede pladser skal være hele tal." in page
    # Shown again with what was typed, on the form's own field.
    assert f'id="seats-{aarhus.pk}" name="seats-{aarhus.pk}" value="{value}"' in page
    offering.refresh_from_db()
    assert offering.status == OfferingStatus.PLANNED
    assert Invitation.objects.count() == 0


def test_seats_that_do_not_add_up_are_refused_on_the_form(client, admin):
    offering = planned_offering(seats=2)
    aarhus = organisation("Aarhus")
    client.force_login(admin)
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/inviter/",
        {f"seats-{aarhus.pk}": "5"},
    )
    assert response.status_code == 400
    assert "men holdet har 2 pladser" in response.content.decode()
    offering.refresh_from_db()
    assert offering.status == OfferingStatus.PLANNED
    assert Invitation.objects.count() == 0


def test_seats_given_back_to_the_fairness_rule_through_the_form(client, admin):
    offering = open_offering(admin, seats=10)
    samsoe = invitation_of(offering, "Samsø")
    invitation_set_seats(invitation=samsoe, actor=admin, seats=4)
    client.force_login(admin)
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/pladser/",
        {"invitation": samsoe.pk, "seats": ""},
    )
    assert response.status_code == 302
    samsoe.refresh_from_db()
    assert not samsoe.seats_set_manually


def test_seats_of_another_offerings_invitation_are_refused(client, admin):
    offering = open_offering(admin, seats=10)
    other = open_offering(admin, seats=10)
    foreign = invitation_of(other, "Samsø")
    before = seats_by_organisation(other)
    client.force_login(admin)
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/pladser/",
        {"invitation": foreign.pk, "seats": "7"},
    )
    assert response.status_code == 400
    assert "Vælg en organisation på listen." in response.content.decode()
    assert seats_by_organisation(other) == before


def test_a_contact_person_reaches_none_of_the_actions(client, admin):
    offering = open_offering(admin, seats=4)
    aarhus = contact("Aarhus")
    nomination = nominate(invitation_of(offering), aarhus, 1)
    before = seats_by_organisation(offering)
    client.force_login(aarhus)
    base = f"/planlaegning/hold/{offering.pk}/tilmelding/"
    for url, data in (
        (base + "afgoer/", {"decision": "confirm", "nominations": [nomination.pk]}),
        (base + "pladser/", {"invitation": invitation_of(offering).pk, "seats": "4"}),
    ):
        assert client.post(url, data).status_code == 403
    assert Enrolment.objects.count() == 0
    assert seats_by_organisation(offering) == before


# -- removal tests -------------------------------------------------------------------


def test_a_decision_message_with_a_cpr_number_is_refused_and_nothing_changes(admin):
    offering = open_offering(admin, seats=4)
    nomination = nominate(invitation_of(offering), contact("Aarhus"), 1)
    events = EnrolmentEvent.objects.count()
    emails = ScheduledEmail.objects.count()
    with translation.override("da"), pytest.raises(ValidationError) as refused:
        nominations_decide(
            offering=offering,
            nomination_ids=[nomination.pk],
            actor=admin,
            decision=Decision.CONFIRM,
            message=CPR_MESSAGE,
        )
    assert CPR_REFUSAL in refused.value.messages[0]
    assert Enrolment.objects.count() == 0
    nomination.refresh_from_db()
    assert (nomination.status, nomination.user) == (NominationStatus.NOMINATED, None)
    assert EnrolmentEvent.objects.count() == events
    assert ScheduledEmail.objects.count() == emails


def test_a_decision_message_with_a_cpr_number_is_refused_on_the_page(client, admin):
    offering = open_offering(admin, seats=4)
    nomination = nominate(invitation_of(offering), contact("Aarhus"), 1)
    emails = ScheduledEmail.objects.count()
    client.force_login(admin)
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/afgoer/",
        {"decision": "confirm", "nominations": [nomination.pk], "message": CPR_MESSAGE},
        follow=True,
    )
    assert response.redirect_chain == [
        (f"/planlaegning/hold/{offering.pk}/tilmelding/", 302)
    ]
    assert CPR_REFUSAL in response.content.decode()
    assert Enrolment.objects.count() == 0
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED
    assert ScheduledEmail.objects.count() == emails


@pytest.mark.parametrize("seats", [5, None])
def test_only_an_administrator_sets_an_invitations_seats(admin, seats):
    offering = open_offering(admin, seats=10)
    samsoe = invitation_of(offering, "Samsø")
    if seats is None:
        # Set by hand first, so giving it back to the rule would change something.
        invitation_set_seats(invitation=samsoe, actor=admin, seats=4)
    before = seats_by_organisation(offering)
    events = EnrolmentEvent.objects.filter(kind=EnrolmentEventKind.SEATS_CHANGED)
    counted = events.count()
    for outsider in (contact("Samsø"), contact("Østjyllands Politi")):
        with pytest.raises(PermissionDenied):
            invitation_set_seats(invitation=samsoe, actor=outsider, seats=seats)
    assert seats_by_organisation(offering) == before
    assert events.count() == counted
    assert Nomination.objects.count() == 0
