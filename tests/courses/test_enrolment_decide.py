"""Enrolment by dialogue: talk (the thread) and decide (confirm nominations)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

import pytest

from accounts.models import User
from core.models import ScheduledEmail
from courses.models import (
    DialogueMessage,
    Enrolment,
    EnrolmentEvent,
    Nomination,
    NominationStatus,
)
from courses.selectors.enrolment import (
    invitations_for_contact,
    unread_dialogue_count,
)
from courses.services.enrolment import (
    dialogue_message_post,
    nominations_decide,
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


# -- talk ------------------------------------------------------------------------


def test_the_thread_notifies_the_other_side_and_tracks_unread_messages():
    admin = administrator()
    responsible = administrator()
    aarhus = contact("Aarhus")
    aarhus_colleague = contact("Aarhus")
    offering = planned_offering()
    offering.responsible.set([responsible])
    offering_open_for_nominations(offering=offering, actor=admin)
    invitation = invitation_of(offering)

    question = dialogue_message_post(
        invitation=invitation, actor=aarhus, body="Kan vi få en ekstra plads?"
    )
    assert [
        e.to_address
        for e in ScheduledEmail.objects.filter(
            key__startswith=f"dialogue-message:{question.pk}:"
        )
    ] == [responsible.email]
    email = emails_to(responsible.email)[-1]
    assert "Kan vi få en ekstra plads?" not in email.body_text  # only on the platform
    assert f"/tilmelding/{invitation.pk}/" in email.body_text
    assert unread_dialogue_count(user=responsible) == 1
    assert unread_dialogue_count(user=aarhus) == 0
    assert unread_dialogue_count(user=aarhus_colleague) == 1

    answer = dialogue_message_post(
        invitation=invitation, actor=responsible, body="Ja, I får tre."
    )
    recipients = {
        e.to_address
        for e in ScheduledEmail.objects.filter(
            key__startswith=f"dialogue-message:{answer.pk}:"
        )
    }
    assert recipients == {aarhus.email, aarhus_colleague.email}
    assert unread_dialogue_count(user=responsible) == 0
    assert unread_dialogue_count(user=aarhus) == 1
    assert [i.unread for i in invitations_for_contact(user=aarhus)] == [1]


def test_a_message_with_a_cpr_number_is_refused_and_not_stored():
    admin = administrator()
    aarhus = contact("Aarhus")
    offering = open_offering(admin)
    with translation.override("da"), pytest.raises(ValidationError) as error:
        dialogue_message_post(
            invitation=invitation_of(offering),
            actor=aarhus,
            body="Drengen har cpr 0101101234, kan han komme med?",
        )
    assert "CPR-nummer" in error.value.message_dict["body"][0]
    assert DialogueMessage.objects.count() == 0
    assert not ScheduledEmail.objects.filter(key__startswith="dialogue").exists()


# -- decide ----------------------------------------------------------------------


def test_confirming_creates_missing_accounts_and_sends_the_sessions_and_a_calendar():
    admin = administrator()
    aarhus = contact("Aarhus")
    known = UserFactory(email="kendt@aarhus.dk")
    offering = open_offering(admin, sessions=2)
    invitation = invitation_of(offering)
    new = nominate(invitation, aarhus, 1, email="ny@aarhus.dk", first_name="Nina")
    old = nominate(invitation, aarhus, 2, email="kendt@aarhus.dk")

    enrolments = nominations_decide(
        offering=offering,
        nomination_ids=[new.pk, old.pk],
        actor=admin,
        decision="confirm",
        message="Velkommen!",
    )

    assert [e.status for e in enrolments] == ["bekraeftet", "bekraeftet"]
    created = User.objects.get(email="ny@aarhus.dk")
    assert created.organisation == organisation("Aarhus")
    assert created.sector == "social"
    assert not created.has_usable_password()
    assert created.emailaddress_set.get().verified
    [account_email, confirmation] = emails_to("ny@aarhus.dk")
    assert account_email.subject == "Opret dit login til SSP-uddannelsen"
    assert "/konto/password/reset/key/" in account_email.body_text
    assert confirmation.subject.startswith("Du har fået plads på")
    assert "Velkommen!" in confirmation.body_text
    assert confirmation.body_text.count("- ") >= 2  # both sessions listed
    [attachment] = confirmation.attachments
    assert attachment["mimetype"] == "text/calendar"
    assert attachment["content"].count("BEGIN:VEVENT") == 2
    [known_confirmation] = emails_to(known.email)  # no account e-mail for them
    assert known_confirmation.user == known
    assert Nomination.objects.filter(status=NominationStatus.DECIDED).count() == 2
    assert EnrolmentEvent.objects.filter(kind="bekraeftet").count() == 2


def test_a_bulk_confirmation_that_does_not_fit_is_refused_whole():
    admin = administrator()
    aarhus = contact("Aarhus")
    offering = open_offering(admin, seats=2)
    invitation = invitation_of(offering)
    nominations = [nominate(invitation, aarhus, n) for n in range(3)]
    with translation.override("da"), pytest.raises(ValidationError) as error:
        nominations_decide(
            offering=offering,
            nomination_ids=[n.pk for n in nominations],
            actor=admin,
            decision="confirm",
        )
    assert error.value.messages == [
        "Der er 2 ledige pladser, men du har valgt 3 personer. Intet er ændret."
    ]
    assert Enrolment.objects.count() == 0
    assert User.objects.filter(email__startswith="person").count() == 0
    assert not ScheduledEmail.objects.filter(key__startswith="enrolment").exists()


def test_only_administrators_decide():
    admin = administrator()
    aarhus = contact("Aarhus")
    offering = open_offering(admin)
    nomination = nominate(invitation_of(offering), aarhus, 1)
    with pytest.raises(PermissionDenied):
        nominations_decide(
            offering=offering,
            nomination_ids=[nomination.pk],
            actor=aarhus,
            decision="confirm",
        )
    assert Enrolment.objects.count() == 0
