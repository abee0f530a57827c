"""Enrolment by dialogue, afterwards: change (cancel, waiting list), remind, read."""

import datetime

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

import pytest

from core.mail import emails_send_due
from core.models import ScheduledEmail
from courses.models import (
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    Nomination,
)
from courses.selectors.enrolment import (
    offering_enrolment_overview,
)
from courses.services.enrolment import (
    enrolment_cancel,
    enrolment_offer_accept,
    enrolment_offers_expire,
    enrolment_reminders_schedule,
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
    planned_offering,
)
from tests.courses.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


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
    EnrolmentFactory(offering=offering, status=EnrolmentStatus.WAITLISTED)
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
