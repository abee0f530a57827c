"""Enrolment by dialogue, first steps: invite the organisations, nominate."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

import pytest

from core.models import ScheduledEmail
from courses.models import (
    DialogueMessage,
    EnrolmentEvent,
    EnrolmentEventKind,
    Invitation,
    Nomination,
    NominationStatus,
    OfferingStatus,
)
from courses.selectors.enrolment import (
    invitation_for_user,
    invitations_for_contact,
)
from courses.services.enrolment import (
    dialogue_message_post,
    nomination_move,
    nomination_withdraw,
    offering_open_for_nominations,
)
from tests.accounts.factories import UserFactory
from tests.courses.enrolment_helpers import (
    administrator,
    contact,
    emails_to,
    invitation_of,
    nominate,
    open_offering,
    organisation,
    planned_offering,
)

pytestmark = pytest.mark.django_db


# -- invite ----------------------------------------------------------------------


def test_opening_invites_every_municipality_and_the_police_with_a_fair_share():
    admin = administrator()
    aarhus = contact("Aarhus")
    police = contact("Østjyllands Politi")
    offering = planned_offering(seats=10)

    offering_open_for_nominations(offering=offering, actor=admin)

    offering.refresh_from_db()
    assert offering.status == OfferingStatus.OPEN
    shares = dict(
        Invitation.objects.filter(offering=offering).values_list(
            "organisation__name", "suggested_seats"
        )
    )
    # 10 seats for 8 organisations: one each, and the two left over go to the first
    # two in alphabetical order.
    assert shares == {
        "Aarhus Kommune": 2,
        "Favrskov Kommune": 2,
        "Norddjurs Kommune": 1,
        "Odder Kommune": 1,
        "Randers Kommune": 1,
        "Samsø Kommune": 1,
        "Syddjurs Kommune": 1,
        "Østjyllands Politi": 1,
    }
    assert (
        EnrolmentEvent.objects.filter(
            offering=offering, kind=EnrolmentEventKind.INVITED
        ).count()
        == 8
    )
    [aarhus_email] = emails_to(aarhus.email)
    assert aarhus_email.subject.startswith("Invitation til at indstille deltagere")
    assert "2 pladser" in aarhus_email.body_text
    assert len(emails_to(police.email)) == 1


def test_the_administrator_can_adjust_the_suggested_seats():
    admin = administrator()
    offering = planned_offering(seats=10)
    aarhus = organisation("Aarhus")
    samsoe = organisation("Samsø")
    offering_open_for_nominations(
        offering=offering, actor=admin, suggested_seats={aarhus.pk: 3, samsoe.pk: 0}
    )
    assert invitation_of(offering, "Aarhus").suggested_seats == 3
    assert invitation_of(offering, "Samsø").suggested_seats == 0


@pytest.mark.parametrize(
    ("suggested", "message"),
    [
        ({"Aarhus": 9}, "De foreslåede pladser giver i alt 17"),
        ({"Aarhus": -1}, "kan ikke være negativt"),
        ({"Odense": 1}, "Kun organisationer i holdets politikreds"),
    ],
)
def test_impossible_seat_suggestions_are_refused_and_nothing_is_invited(
    suggested, message
):
    admin = administrator()
    offering = planned_offering(seats=10)
    with translation.override("da"), pytest.raises(ValidationError) as error:
        offering_open_for_nominations(
            offering=offering,
            actor=admin,
            suggested_seats={organisation(n).pk: s for n, s in suggested.items()},
        )
    assert message in error.value.messages[0]
    offering.refresh_from_db()
    assert offering.status == OfferingStatus.PLANNED
    assert Invitation.objects.count() == 0
    assert ScheduledEmail.objects.count() == 0


def test_only_administrators_invite_and_only_once():
    admin = administrator()
    offering = planned_offering()
    with pytest.raises(PermissionDenied):
        offering_open_for_nominations(offering=offering, actor=contact())
    assert Invitation.objects.count() == 0
    offering_open_for_nominations(offering=offering, actor=admin)
    with pytest.raises(ValidationError):
        offering_open_for_nominations(offering=offering, actor=admin)
    assert Invitation.objects.count() == 8


# -- nominate --------------------------------------------------------------------


def test_a_contact_nominates_in_priority_order_and_reorders_and_withdraws():
    admin = administrator()
    aarhus = contact("Aarhus")
    offering = open_offering(admin)
    invitation = invitation_of(offering)
    first = nominate(invitation, aarhus, 1)
    second = nominate(invitation, aarhus, 2)
    third = nominate(invitation, aarhus, 3)
    assert [first.priority, second.priority, third.priority] == [1, 2, 3]

    nomination_move(nomination=third, actor=aarhus, up=True)
    order = list(
        invitation.nominations.order_by("priority").values_list("last_name", flat=True)
    )
    assert order == ["Nummer1", "Nummer3", "Nummer2"]

    nomination_withdraw(nomination=first, actor=aarhus)
    first.refresh_from_db()
    assert first.status == NominationStatus.WITHDRAWN
    view = invitation_for_user(invitation_id=invitation.pk, user=aarhus)
    assert [n.last_name for n in view.live_nominations] == ["Nummer3", "Nummer2"]
    kinds = list(
        EnrolmentEvent.objects.filter(organisation=invitation.organisation)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["inviteret", "indstillet", "indstillet", "indstillet"] + [
        "prioriteret",
        "trukket",
    ]


def test_a_nomination_links_an_existing_account():
    admin = administrator()
    aarhus = contact("Aarhus")
    colleague = UserFactory(email="kendt@aarhus.dk")
    offering = open_offering(admin)
    nomination = nominate(invitation_of(offering), aarhus, 1, email="KENDT@aarhus.dk")
    assert nomination.user == colleague
    assert nomination.email == "kendt@aarhus.dk"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_name": " "}, "first_name", "Udfyld navnet."),
        ({"email": "ikke-en-adresse"}, "email", "Skriv en gyldig e-mailadresse."),
        ({"sector": "hemmelig"}, "sector", "Vælg en sektor."),
        ({"job_title": "lærer 010190-1234"}, "job_title", "CPR-nummer"),
    ],
)
def test_bad_nominations_are_refused_in_danish_and_nothing_is_stored(
    overrides, field, message
):
    admin = administrator()
    aarhus = contact("Aarhus")
    offering = open_offering(admin)
    events_before = EnrolmentEvent.objects.count()
    with translation.override("da"), pytest.raises(ValidationError) as error:
        nominate(invitation_of(offering), aarhus, 1, **overrides)
    assert message in error.value.message_dict[field][0]
    assert Nomination.objects.count() == 0
    assert EnrolmentEvent.objects.count() == events_before


def test_the_same_person_cannot_be_nominated_twice():
    admin = administrator()
    aarhus = contact("Aarhus")
    offering = open_offering(admin)
    nominate(invitation_of(offering), aarhus, 1)
    with translation.override("da"), pytest.raises(ValidationError) as error:
        nominate(invitation_of(offering), aarhus, 1)
    assert error.value.message_dict["email"] == ["Personen er allerede indstillet."]
    assert Nomination.objects.count() == 1


def test_after_the_deadline_nominations_are_closed_with_a_danish_message():
    admin = administrator()
    aarhus = contact("Aarhus")
    offering = open_offering(admin)
    nomination = nominate(invitation_of(offering), aarhus, 1)
    offering.enrolment_deadline = timezone.localdate() - datetime.timedelta(days=1)
    offering.save()
    with translation.override("da"):
        for attempt in (
            lambda: nominate(invitation_of(offering), aarhus, 2),
            lambda: nomination_withdraw(nomination=nomination, actor=aarhus),
            lambda: nomination_move(nomination=nomination, actor=aarhus, up=False),
        ):
            with pytest.raises(ValidationError) as error:
                attempt()
            assert "lukket for indstillinger" in error.value.messages[0]
            assert "beskedtråden" in error.value.messages[0]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED
    assert Nomination.objects.count() == 1
    # Late changes go through the thread, which stays open.
    dialogue_message_post(
        invitation=invitation_of(offering), actor=aarhus, body="Kan vi bytte en person?"
    )


def test_a_contact_acts_only_for_their_own_organisation():
    admin = administrator()
    aarhus = contact("Aarhus")
    randers = contact("Randers")
    participant = UserFactory(organisation=organisation("Aarhus"))
    offering = open_offering(admin)
    invitation = invitation_of(offering)
    nomination = nominate(invitation, aarhus, 1)
    for actor in (randers, participant):
        with pytest.raises(PermissionDenied):
            nominate(invitation, actor, 2)
        with pytest.raises(PermissionDenied):
            nomination_withdraw(nomination=nomination, actor=actor)
        with pytest.raises(PermissionDenied):
            dialogue_message_post(invitation=invitation, actor=actor, body="Hej")
        assert invitation_for_user(invitation_id=invitation.pk, user=actor) is None
    assert [i.organisation.name for i in invitations_for_contact(user=randers)] == [
        "Randers Kommune"
    ]
    assert Nomination.objects.count() == 1
    assert DialogueMessage.objects.count() == 0
