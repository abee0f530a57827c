"""Enrolment by dialogue: invite, nominate, talk, decide, change, remind."""

import datetime

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

import pytest

from accounts.models import User
from core.mail import emails_send_due
from core.models import ScheduledEmail
from courses.models import (
    DialogueMessage,
    Enrolment,
    EnrolmentEvent,
    EnrolmentEventKind,
    EnrolmentStatus,
    Invitation,
    Nomination,
    NominationStatus,
    OfferingStatus,
)
from courses.selectors.enrolment import (
    invitation_for_user,
    invitations_for_contact,
    offering_enrolment_overview,
    unread_dialogue_count,
)
from courses.services.enrolment import (
    dialogue_message_post,
    enrolment_cancel,
    enrolment_offer_accept,
    enrolment_offers_expire,
    enrolment_reminders_schedule,
    nomination_move,
    nomination_withdraw,
    nominations_decide,
    offering_open_for_nominations,
)
from tests.accounts.factories import UserFactory
from tests.courses.enrolment_helpers import (
    administrator,
    contact,
    nominate,
    open_offering,
    organisation,
    planned_offering,
)
from tests.courses.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def emails_to(address: str) -> list[ScheduledEmail]:
    return list(ScheduledEmail.objects.filter(to_address=address).order_by("pk"))


def invitation_of(offering, name="Aarhus") -> Invitation:
    return Invitation.objects.get(offering=offering, organisation=organisation(name))


# -- invite ----------------------------------------------------------------------


def test_opening_invites_every_municipality_and_the_police_with_a_fair_share():
    admin = administrator()
    aarhus = contact("Aarhus")
    police = contact("Østjyllands Politi")
    offering = planned_offering(seats=10)

    offering_open_for_nominations(offering=offering, actor=admin)

    offering.refresh_from_db()
    assert offering.status == OfferingStatus.AABEN
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
    assert offering.status == OfferingStatus.PLANLAGT
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
    assert first.status == NominationStatus.TRUKKET
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
    assert nomination.status == NominationStatus.INDSTILLET
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
    assert Nomination.objects.filter(status=NominationStatus.AFGJORT).count() == 2
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


# -- change ----------------------------------------------------------------------


def _full_offering_with_waiting_list(admin, aarhus):
    offering = open_offering(admin, seats=2)
    invitation = invitation_of(offering)
    nominations = [nominate(invitation, aarhus, n) for n in range(4)]
    nominations_decide(
        offering=offering,
        nomination_ids=[n.pk for n in nominations[:2]],
        actor=admin,
        decision="confirm",
    )
    for nomination in nominations[2:]:  # wait-listed one after the other
        nominations_decide(
            offering=offering,
            nomination_ids=[nomination.pk],
            actor=admin,
            decision="waitlist",
        )
    return offering, [Enrolment.objects.get(nomination=n) for n in nominations]


def test_a_cancellation_offers_the_seat_to_the_first_on_the_waiting_list():
    admin = administrator()
    aarhus = contact("Aarhus")
    offering, [first, second, waiting1, waiting2] = _full_offering_with_waiting_list(
        admin, aarhus
    )
    assert [waiting1.status, waiting2.status] == ["venteliste", "venteliste"]

    enrolment_cancel(enrolment=first, actor=first.user)

    statuses = dict(
        Enrolment.objects.filter(offering=offering).values_list("pk", "status")
    )
    assert statuses == {
        first.pk: "afmeldt",
        second.pk: "bekraeftet",
        waiting1.pk: "tilbudt",
        waiting2.pk: "venteliste",
    }
    waiting1.refresh_from_db()
    assert waiting1.offer_expires_at > timezone.now() + datetime.timedelta(days=2)
    # Everyone affected is told: the one who cancelled, the one offered, the contact.
    assert emails_to(first.user.email)[-1].subject.startswith("Din plads på")
    assert emails_to(waiting1.user.email)[-1].subject.startswith(
        "Der er en ledig plads"
    )
    contact_subjects = [e.subject for e in emails_to(aarhus.email)]
    assert any(s.startswith("En plads på") for s in contact_subjects)
    assert any(s.startswith("En kollega får tilbudt") for s in contact_subjects)

    # The queue cannot be jumped: the seat is held for the one offered it.
    with pytest.raises(ValidationError):
        nominations_decide(
            offering=offering,
            nomination_ids=[waiting2.nomination_id],
            actor=admin,
            decision="confirm",
        )

    enrolment_offer_accept(enrolment=waiting1, actor=waiting1.user)
    waiting1.refresh_from_db()
    assert waiting1.status == "bekraeftet"
    assert (
        emails_to(waiting1.user.email)[-1].attachments[0]["filename"].endswith(".ics")
    )
    assert (
        Enrolment.objects.filter(
            offering=offering, status__in=["bekraeftet", "tilbudt"]
        ).count()
        == 2
    )


def test_an_offer_that_is_not_accepted_in_time_goes_to_the_next():
    admin = administrator()
    aarhus = contact("Aarhus")
    offering, [first, _second, waiting1, waiting2] = _full_offering_with_waiting_list(
        admin, aarhus
    )
    enrolment_cancel(enrolment=first, actor=aarhus)
    Enrolment.objects.filter(pk=waiting1.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with translation.override("da"), pytest.raises(ValidationError) as error:
        enrolment_offer_accept(enrolment=waiting1, actor=waiting1.user)
    assert "Tilbuddet er udløbet" in error.value.messages[0]

    assert enrolment_offers_expire() == 1
    assert enrolment_offers_expire() == 0  # idempotent
    waiting1.refresh_from_db()
    waiting2.refresh_from_db()
    assert (waiting1.status, waiting2.status) == ("afmeldt", "tilbudt")
    assert EnrolmentEvent.objects.filter(kind="udloebet").count() == 1


def test_only_the_person_their_contacts_or_an_administrator_may_cancel():
    admin = administrator()
    aarhus = contact("Aarhus")
    randers = contact("Randers")
    offering, [first, *_rest] = _full_offering_with_waiting_list(admin, aarhus)
    stranger = UserFactory()
    for actor in (randers, stranger):
        with pytest.raises(PermissionDenied):
            enrolment_cancel(enrolment=first, actor=actor)
    with pytest.raises(PermissionDenied):
        enrolment_offer_accept(enrolment=first, actor=aarhus)
    first.refresh_from_db()
    assert first.status == "bekraeftet"
    enrolment_cancel(enrolment=first, actor=admin)
    with pytest.raises(ValidationError):
        enrolment_cancel(enrolment=first, actor=admin)


# -- remind ----------------------------------------------------------------------


def test_reminders_before_a_session_and_the_deadline_are_sent_once():
    admin = administrator()
    aarhus = contact("Aarhus")
    offering = planned_offering()
    offering_open_for_nominations(offering=offering, actor=admin)
    offering.refresh_from_db()
    offering.enrolment_deadline = timezone.localdate() + datetime.timedelta(days=2)
    offering.save()
    session = offering.sessions.get()
    session.starts_at = timezone.now() + datetime.timedelta(hours=30)
    session.ends_at = session.starts_at + datetime.timedelta(hours=3)
    session.save()
    participant = EnrolmentFactory(offering=offering).user
    EnrolmentFactory(offering=offering, status=EnrolmentStatus.VENTELISTE)
    ScheduledEmail.objects.update(sent_at=timezone.now())  # the invitations

    # 8 deadline reminders would go to contacts; only Aarhus has one.
    assert enrolment_reminders_schedule() == 2
    assert enrolment_reminders_schedule() == 0
    assert emails_send_due() == 2
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == {aarhus.email, participant.email}
    title = offering.module.title
    assert subjects[aarhus.email] == f"Påmindelse: frist for indstilling til {title}"
    assert subjects[participant.email].startswith(f"Påmindelse: {title} den ")


# -- read ------------------------------------------------------------------------


def test_the_overview_groups_nominations_with_seats_in_fixed_queries(
    django_assert_num_queries,
):
    admin = administrator()
    aarhus = contact("Aarhus")
    randers = contact("Randers")
    offering = open_offering(admin, seats=20)
    nominate(invitation_of(offering), aarhus, 1)

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            overview = offering_enrolment_overview(offering_id=offering.pk, user=admin)
            [g.seats_used for g in overview.groups]
        return len(context.captured_queries), overview

    few, overview = count_queries()
    for number in range(2, 12):
        nominate(invitation_of(offering, "Randers"), randers, number)
    nominations_decide(
        offering=offering,
        nomination_ids=list(
            Nomination.objects.filter(
                invitation__organisation__kommune__name="Randers"
            ).values_list("pk", flat=True)[:5]
        ),
        actor=admin,
        decision="confirm",
    )
    many, overview = count_queries()
    assert few == many
    by_name = {g.invitation.organisation.name: g for g in overview.groups}
    assert len(by_name["Randers Kommune"].live_nominations) == 10
    assert by_name["Randers Kommune"].seats_used == 5
    assert by_name["Aarhus Kommune"].seats_used == 0
    assert (overview.seats_taken, overview.seats_free) == (5, 15)
