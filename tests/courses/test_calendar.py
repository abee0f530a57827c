"""iCalendar output: the .ics of an offering, the personal feed and its settings."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest
from icalendar import Calendar

from accounts.models import Politikreds
from courses.models import CalendarFeed, EnrolmentStatus, ModuleKind, OfferingFormat
from courses.services.calendar import (
    calendar_feed_get_or_create,
    calendar_feed_reset_token,
    offering_calendar,
)
from courses.services.offerings import offering_cancel, offering_save, session_save
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    EnrolmentFactory,
    OfferingFactory,
    SessionFactory,
    module_create,
)

pytestmark = pytest.mark.django_db


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def offering():
    module = module_create(title="Grundmodul", kind=ModuleKind.BASE, lessons=0)
    offering = OfferingFactory(
        module=module,
        politikreds=Politikreds.objects.get(code="1465"),
        format=OfferingFormat.IN_PERSON,
        planned_start=datetime.date(2030, 3, 4),
        enrolment_deadline=datetime.date(2030, 2, 18),
    )
    SessionFactory(
        offering=offering,
        title="Dag 1",
        starts_at=_at(datetime.date(2030, 3, 4), 9),
        ends_at=_at(datetime.date(2030, 3, 4), 15),
        venue="Odense Rådhus, Flakhaven 2, 5000 Odense C",
    )
    SessionFactory(
        offering=offering,
        title="Dag 2",
        starts_at=_at(datetime.date(2030, 3, 11), 9),
        ends_at=_at(datetime.date(2030, 3, 11), 15),
        venue="Odense Rådhus, Flakhaven 2, 5000 Odense C",
    )
    return offering


def _parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def _events(calendar: Calendar) -> list:
    return calendar.walk("VEVENT")


def test_url_names():
    assert reverse("courses:offering_ics", args=[3]) == "/hold/3.ics"
    assert reverse("courses:calendar_feed", args=["abc"]) == "/kalender/abc.ics"
    assert reverse("courses:calendar_settings") == "/mine-forloeb/kalender/"


def test_offering_ics_is_valid_and_public(client, offering):
    response = client.get(f"/hold/{offering.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="hold-{offering.pk}.ics"'
    )
    calendar = _parse(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["PRODID"]) == "-//Socialstyrelsen//SSP-uddannelsen//DA"
    events = _events(calendar)
    sessions = list(offering.sessions.order_by("starts_at"))
    assert [str(e["UID"]) for e in events] == [
        f"{s.uid}@ssp-uddannelsen.dk" for s in sessions
    ]
    first = events[0]
    assert str(first["SUMMARY"]) == "Grundmodul: Dag 1"
    assert str(first["LOCATION"]) == "Odense Rådhus, Flakhaven 2, 5000 Odense C"
    assert str(first["STATUS"]) == "CONFIRMED"
    assert int(first["SEQUENCE"]) == 0
    assert first["DTSTART"].dt == datetime.datetime(2030, 3, 4, 8, tzinfo=datetime.UTC)
    assert first["DTEND"].dt == datetime.datetime(2030, 3, 4, 14, tzinfo=datetime.UTC)
    assert first["DTSTAMP"].dt.tzinfo is not None
    assert "Politikreds: Fyns Politi" in str(first["DESCRIPTION"])
    assert "Format: Fysisk" in str(first["DESCRIPTION"])
    assert str(first["URL"]).endswith("/hold/?politikreds=1465")


def test_webinar_without_venue_is_online(offering):
    offering.format = OfferingFormat.WEBINAR
    offering_save(offering=offering)
    offering.sessions.update(venue="")
    events = _events(_parse(offering_calendar(offering=offering)))
    assert {str(e["LOCATION"]) for e in events} == {"Online (webinar)"}


def test_uid_stays_and_sequence_grows_across_edits(offering):
    before = {
        str(e["UID"]): int(e["SEQUENCE"])
        for e in _events(_parse(offering_calendar(offering=offering)))
    }
    session = offering.sessions.order_by("starts_at").first()
    session.venue = "Odense Congress Center"
    session_save(session=session)
    session.starts_at += datetime.timedelta(hours=1)
    session_save(session=session)
    offering.seats = 40
    offering_save(offering=offering)
    offering.refresh_from_db()
    events = _events(_parse(offering_calendar(offering=offering)))
    after = {str(e["UID"]): int(e["SEQUENCE"]) for e in events}
    assert set(after) == set(before)
    uid = f"{session.uid}@ssp-uddannelsen.dk"
    assert (before[uid], after[uid]) == (0, 3)
    other = next(u for u in after if u != uid)
    assert (before[other], after[other]) == (0, 1)
    moved = next(e for e in events if str(e["UID"]) == uid)
    assert str(moved["LOCATION"]) == "Odense Congress Center"


def test_cancelled_session_is_marked_cancelled(offering):
    session = offering.sessions.order_by("starts_at").last()
    session.is_cancelled = True
    session_save(session=session)
    calendar = _parse(offering_calendar(offering=offering))
    assert str(calendar["METHOD"]) == "PUBLISH"
    statuses = [(str(e["STATUS"]), int(e["SEQUENCE"])) for e in _events(calendar)]
    assert statuses == [("CONFIRMED", 0), ("CANCELLED", 1)]
    assert str(_events(calendar)[1]["SUMMARY"]) == "AFLYST: Grundmodul: Dag 2"


def test_cancelled_offering_gives_method_cancel(offering):
    offering_cancel(offering=offering)
    offering.refresh_from_db()
    calendar = _parse(offering_calendar(offering=offering))
    assert str(calendar["METHOD"]) == "CANCEL"
    events = _events(calendar)
    assert [str(e["STATUS"]) for e in events] == ["CANCELLED", "CANCELLED"]
    assert [int(e["SEQUENCE"]) for e in events] == [1, 1]
    assert all(str(e["ORGANIZER"]).startswith("mailto:") for e in events)


def test_cancelled_offering_ics_stays_public_and_says_cancelled(client, offering):
    # A calendar that subscribed to the public address must learn of the
    # cancellation: a 404 would leave the sessions in it.
    before = _parse(client.get(f"/hold/{offering.pk}.ics").content)
    offering_cancel(offering=offering)
    response = client.get(f"/hold/{offering.pk}.ics")
    assert response.status_code == 200
    calendar = _parse(response.content)
    assert str(calendar["METHOD"]) == "CANCEL"
    old = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(before)}
    new = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(calendar)}
    assert old.keys() == new.keys()
    assert all(new[uid] == old[uid] + 1 for uid in old)
    assert {str(e["STATUS"]) for e in _events(calendar)} == {"CANCELLED"}


def test_unknown_or_unpublished_offering_ics_is_404(client, offering):
    assert client.get("/hold/999999.ics").status_code == 404
    offering.module.unpublish()
    assert client.get(f"/hold/{offering.pk}.ics").status_code == 404


def test_offering_ics_runs_a_fixed_number_of_queries(
    client, offering, django_assert_num_queries
):
    for day in range(3):
        SessionFactory(
            offering=offering,
            starts_at=_at(datetime.date(2030, 4, 1 + day), 9),
        )
    # The offering with module and district, then its sessions.
    with django_assert_num_queries(2):
        response = client.get(f"/hold/{offering.pk}.ics")
    assert len(_events(_parse(response.content))) == 5


# The personal feed ------------------------------------------------------------------


def test_feed_has_the_sessions_of_confirmed_enrolments_only(client, offering):
    user = UserFactory()
    EnrolmentFactory(offering=offering, user=user, status=EnrolmentStatus.CONFIRMED)
    waiting = OfferingFactory(module=offering.module)
    SessionFactory(offering=waiting)
    EnrolmentFactory(offering=waiting, user=user, status=EnrolmentStatus.WAITLISTED)
    someone_else = OfferingFactory(module=offering.module)
    SessionFactory(offering=someone_else)
    EnrolmentFactory(offering=someone_else)
    cancelled = OfferingFactory(module=offering.module)
    cancelled_session = SessionFactory(offering=cancelled)
    EnrolmentFactory(offering=cancelled, user=user)
    offering_cancel(offering=cancelled)

    feed = calendar_feed_get_or_create(user=user)
    response = client.get(f"/kalender/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = _parse(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "SSP-uddannelsen: mine sessioner"
    events = {str(e["UID"]): str(e["STATUS"]) for e in _events(calendar)}
    expected = {
        f"{s.uid}@ssp-uddannelsen.dk": "CONFIRMED" for s in offering.sessions.all()
    }
    expected[f"{cancelled_session.uid}@ssp-uddannelsen.dk"] = "CANCELLED"
    assert events == expected


def test_unknown_token_is_404(client):
    assert client.get("/kalender/ikke-et-token.ics").status_code == 404


def test_feed_of_a_deactivated_user_is_404(client, offering):
    user = UserFactory()
    feed = calendar_feed_get_or_create(user=user)
    user.is_active = False
    user.save()
    assert client.get(f"/kalender/{feed.token}.ics").status_code == 404


def test_feed_get_or_create_is_idempotent():
    user = UserFactory()
    first = calendar_feed_get_or_create(user=user)
    second = calendar_feed_get_or_create(user=user)
    assert first.pk == second.pk
    assert first.token == second.token
    assert len(first.token) == 43  # secrets.token_urlsafe(32)


def test_reset_token_invalidates_the_old_feed(client, offering):
    user = UserFactory()
    EnrolmentFactory(offering=offering, user=user)
    old = calendar_feed_get_or_create(user=user).token
    assert client.get(f"/kalender/{old}.ics").status_code == 200
    new = calendar_feed_reset_token(user=user).token
    assert new != old
    assert client.get(f"/kalender/{old}.ics").status_code == 404
    assert client.get(f"/kalender/{new}.ics").status_code == 200
    assert CalendarFeed.objects.filter(user=user).count() == 1


def test_settings_page_needs_login(client):
    response = client.get("/mine-forloeb/kalender/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")
    assert CalendarFeed.objects.count() == 0
    response = client.post("/mine-forloeb/kalender/")
    assert response.status_code == 302
    assert CalendarFeed.objects.count() == 0


def test_settings_page_creates_and_shows_the_feed_url(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/mine-forloeb/kalender/")
    assert response.status_code == 200
    feed = CalendarFeed.objects.get(user=user)
    html = response.content.decode()
    assert f"http://testserver/kalender/{feed.token}.ics" in html
    assert f"webcal://testserver/kalender/{feed.token}.ics" in html
    assert "Din kalenderadresse" in html
    # A second visit shows the same address.
    client.get("/mine-forloeb/kalender/")
    assert CalendarFeed.objects.get(user=user).token == feed.token


def test_settings_reset_button_replaces_the_token(client, offering):
    user = UserFactory()
    EnrolmentFactory(offering=offering, user=user)
    client.force_login(user)
    client.get("/mine-forloeb/kalender/")
    old = CalendarFeed.objects.get(user=user).token
    response = client.post("/mine-forloeb/kalender/", follow=True)
    assert response.redirect_chain == [("/mine-forloeb/kalender/", 302)]
    new = CalendarFeed.objects.get(user=user).token
    assert new != old
    html = response.content.decode()
    assert "Din kalender har fået en ny adresse." in html
    assert new in html and old not in html
    client.logout()
    assert client.get(f"/kalender/{old}.ics").status_code == 404
    assert client.get(f"/kalender/{new}.ics").status_code == 200
