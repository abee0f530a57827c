"""Cancelling an offering or a session reaches everyone: e-mails with METHOD:CANCEL
calendar files, the pages that show the offering, and the calendars."""

from django.core import mail
from django.utils import translation

import pytest
from icalendar import Calendar

from core.mail import emails_send_due
from core.models import ScheduledEmail
from courses.models import Enrolment, Invitation, OfferingStatus
from courses.services.calendar import calendar_feed_get_or_create
from courses.services.cancellation import offering_cancellation_notify
from courses.services.enrolment import Decision, nominations_decide
from courses.services.offerings import offering_save, session_save
from tests.courses.enrolment_helpers import (
    administrator,
    contact,
    nominate,
    open_offering,
    organisation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def cast():
    """An open offering with two sessions in Østjyllands Politi: two confirmed and
    one wait-listed from Aarhus, one declined, and contacts in Aarhus and the
    police."""
    admin = administrator()
    aarhus = contact("Aarhus", email="kontakt@aarhus.test")
    police = contact("Østjyllands Politi", email="kontakt@politi.test")
    offering = open_offering(admin, seats=2, sessions=2)
    invitation = Invitation.objects.get(
        offering=offering, organisation=organisation("Aarhus")
    )
    nominations = [nominate(invitation, aarhus, number) for number in range(4)]
    for decision, chosen in (
        (Decision.CONFIRM, nominations[:2]),
        (Decision.WAITLIST, nominations[2:3]),
        (Decision.DECLINE, nominations[3:]),
    ):
        nominations_decide(
            offering=offering,
            nomination_ids=[n.pk for n in chosen],
            actor=admin,
            decision=decision,
        )
    ScheduledEmail.objects.all().delete()
    return {
        "admin": admin,
        "offering": offering,
        "aarhus": aarhus,
        "police": police,
        "confirmed": [n.email for n in nominations[:2]],
        "waiting": nominations[2].email,
        "declined": nominations[3].email,
    }


def _calendar_of(email: ScheduledEmail) -> Calendar:
    [attachment] = email.attachments
    assert attachment["mimetype"] == "text/calendar"
    return Calendar.from_ical(attachment["content"])


def _events(calendar: Calendar) -> list:
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def _cancel(offering, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offering.status = OfferingStatus.CANCELLED
        offering_save(offering=offering)  # what the admin's edit form calls


def test_cancelling_an_offering_emails_everyone_once_with_a_cancel_calendar(
    cast, eager, django_capture_on_commit_callbacks
):
    offering = cast["offering"]
    sequences = dict(offering.sessions.values_list("uid", "ical_sequence"))
    _cancel(offering, django_capture_on_commit_callbacks)

    emails = {e.to_address: e for e in ScheduledEmail.objects.all()}
    assert sorted(emails) == sorted(
        [
            *cast["confirmed"],
            cast["waiting"],
            "kontakt@aarhus.test",
            "kontakt@politi.test",
        ]
    )  # not the declined person
    participant = emails[cast["confirmed"][0]]
    assert participant.subject.startswith("Aflyst: ")
    assert "din plads på holdet bortfalder" in participant.body_text
    assert "fjerner sessionerne fra din kalender" in participant.body_text
    assert "får besked pr. e-mail" in emails["kontakt@aarhus.test"].body_text
    for email in emails.values():
        calendar = _calendar_of(email)
        assert str(calendar["METHOD"]) == "CANCEL"
        events = _events(calendar)
        assert {str(e["STATUS"]) for e in events} == {"CANCELLED"}
        assert {str(e["UID"]).split("@")[0]: int(e["SEQUENCE"]) for e in events} == {
            str(uid): sequence + 1 for uid, sequence in sequences.items()
        }

    # A retried task sends nothing twice; saving the cancelled offering again
    # (a note edited) is no new cancellation.
    offering.refresh_from_db()
    revision = offering.ical_sequence
    assert offering_cancellation_notify(offering_id=offering.pk, revision=revision) == 0
    with django_capture_on_commit_callbacks(execute=True):
        offering.note = "Aflyst pga. sygdom"
        offering_save(offering=offering)
    assert ScheduledEmail.objects.count() == 5
    # Sent after commit by the (eager) task, once: nothing is left to send.
    assert len(mail.outbox) == 5
    assert emails_send_due() == 0
    assert mail.outbox[0].attachments[0][2].startswith("text/calendar")


def test_pages_show_the_cancellation(
    cast, client, eager, django_capture_on_commit_callbacks
):
    offering = cast["offering"]
    participant = Enrolment.objects.get(
        offering=offering, user__email=cast["confirmed"][0]
    ).user
    client.force_login(participant)
    before = client.get("/mine-forloeb/").content.decode()
    assert "Bekræftet" in before
    _cancel(offering, django_capture_on_commit_callbacks)

    page = client.get("/mine-forloeb/").content.decode()
    assert "Aflyst" in page
    assert "Socialstyrelsen har aflyst holdet" in page
    assert "Ingen: holdet er aflyst." in page
    assert "Bekræftet" not in page
    assert "Afmeld din plads" not in page

    client.force_login(cast["aarhus"])
    invitation = Invitation.objects.get(
        offering=offering, organisation=organisation("Aarhus")
    )
    page = client.get(f"/tilmelding/{invitation.pk}/").content.decode()
    assert "<strong>Aflyst</strong>. Ingen af holdets sessioner bliver afholdt." in page

    client.logout()
    listing = client.get("/hold/").content.decode()
    assert "<strong>Aflyst</strong>" in listing
    public = client.get(f"/hold/{offering.pk}.ics")
    assert public.status_code == 200
    assert str(Calendar.from_ical(public.content)["METHOD"]) == "CANCEL"


def test_cancelling_one_session_tells_everyone_and_the_personal_feed(
    cast, client, eager, django_capture_on_commit_callbacks
):
    offering = cast["offering"]
    first, second = offering.sessions.order_by("starts_at")
    with django_capture_on_commit_callbacks(execute=True):
        second.is_cancelled = True
        session_save(session=second)  # what the admin's session form calls

    emails = {e.to_address: e for e in ScheduledEmail.objects.all()}
    assert len(emails) == 5
    with translation.override("da"):
        email = emails[cast["waiting"]]
    assert email.subject.startswith("Aflyst: sessionen ")
    assert "Holdets øvrige sessioner afholdes som planlagt." in email.body_text
    calendar = _calendar_of(email)
    assert str(calendar["METHOD"]) == "CANCEL"
    [event] = _events(calendar)
    assert str(event["UID"]) == f"{second.uid}@ssp-uddannelsen.dk"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1

    user = Enrolment.objects.get(
        offering=offering, user__email=cast["confirmed"][1]
    ).user
    feed = calendar_feed_get_or_create(user=user)
    response = client.get(f"/kalender/{feed.token}.ics")
    statuses = {
        str(e["UID"]).split("@")[0]: str(e["STATUS"])
        for e in _events(Calendar.from_ical(response.content))
    }
    assert statuses == {str(first.uid): "CONFIRMED", str(second.uid): "CANCELLED"}

    # Saving the cancelled session again is no new cancellation.
    with django_capture_on_commit_callbacks(execute=True):
        second.venue = "Rådhuset"
        session_save(session=second)
    assert ScheduledEmail.objects.count() == 5
