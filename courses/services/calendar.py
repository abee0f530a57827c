"""iCalendar (RFC 5545) for offerings and personal calendar feeds.

Each session is one VEVENT whose UID is the session's ``uid`` at our domain, and
whose SEQUENCE is the session's ``ical_sequence``: an edit keeps the UID and raises
the SEQUENCE, so calendar programs update the event in place. Times are written in
UTC, which needs no VTIMEZONE.
"""

import datetime
import secrets
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from icalendar import Calendar, Event, vCalAddress, vText

from accounts.models import User
from courses.models import CalendarFeed, Offering, OfferingFormat, OfferingStatus
from courses.models import Session as CourseSession

UID_DOMAIN = "ssp-uddannelsen.dk"
PRODUCT_ID = "-//Socialstyrelsen//SSP-uddannelsen//DA"
CALENDAR_LANGUAGE = "da"


def session_ical_uid(*, session: CourseSession) -> str:
    """The stable UID of a session's calendar event."""
    return f"{session.uid}@{UID_DOMAIN}"


def _is_cancelled(session: CourseSession) -> bool:
    return session.is_cancelled or session.offering.status == OfferingStatus.CANCELLED


def _organizer() -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address or 'noreply@' + UID_DOMAIN}")
    organizer.params["cn"] = vText(name or "SSP-uddannelsen")
    return organizer


def _session_event(
    session: CourseSession, *, stamp: datetime.datetime, base_url: str
) -> Event:
    offering = session.offering
    cancelled = _is_cancelled(session)
    summary = offering.module.title
    if session.title:
        summary = f"{summary}: {session.title}"
    if cancelled:
        summary = _("CANCELLED: %(summary)s") % {"summary": summary}
    location = session.venue
    if not location and offering.format == OfferingFormat.WEBINAR:
        location = _("Online (webinar)")
    description = "\n".join(
        [
            _("SSP-uddannelsen, %(module)s") % {"module": offering.module.title},
            _("Police district: %(district)s") % {"district": offering.politikreds},
            _("Format: %(format)s") % {"format": offering.get_format_display()},
            _("Status: %(status)s")
            % {
                "status": _("Cancelled") if cancelled else offering.get_status_display()
            },
        ]
    )
    event = Event()
    event.add("uid", session_ical_uid(session=session))
    event.add("sequence", session.ical_sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    event.add("dtend", session.ends_at.astimezone(datetime.UTC))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", _organizer())
    if base_url:
        event.add(
            "url",
            base_url.rstrip("/")
            + reverse("courses:offerings")
            + f"?politikreds={offering.politikreds_id}",
        )
    return event


def _calendar(*, name: str, method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    return calendar


def _events_add(
    calendar: Calendar, sessions: Iterable[CourseSession], *, base_url: str
) -> None:
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for session in sessions:
        calendar.add_component(_session_event(session, stamp=stamp, base_url=base_url))


def offering_calendar(*, offering: Offering, base_url: str = "") -> bytes:
    """The .ics of one offering: every session as a VEVENT, in Danish.

    A cancelled offering gives ``METHOD:CANCEL`` with every event
    ``STATUS:CANCELLED``; otherwise ``METHOD:PUBLISH`` with cancelled sessions
    marked ``STATUS:CANCELLED``. Pass an offering from
    ``selectors.offering_for_calendar`` to keep the query count fixed. No side
    effects; the output differs between calls only in DTSTAMP.
    """
    with translation.override(CALENDAR_LANGUAGE):
        cancelled = offering.status == OfferingStatus.CANCELLED
        calendar = _calendar(
            name=f"{offering.module.title} · {offering.politikreds}",
            method="CANCEL" if cancelled else "PUBLISH",
        )
        sessions = list(offering.sessions.all())
        for session in sessions:
            # The sessions were fetched through the offering; reuse it.
            session.offering = offering
        _events_add(calendar, sessions, base_url=base_url)
        return calendar.to_ical()


def session_cancel_calendar(*, session: CourseSession, base_url: str = "") -> bytes:
    """The .ics that removes one cancelled session from a calendar:
    ``METHOD:CANCEL`` with that session's event, ``STATUS:CANCELLED`` and its
    current (raised) SEQUENCE. No side effects."""
    with translation.override(CALENDAR_LANGUAGE):
        offering = session.offering
        calendar = _calendar(
            name=f"{offering.module.title} · {offering.politikreds}", method="CANCEL"
        )
        _events_add(calendar, [session], base_url=base_url)
        return calendar.to_ical()


def user_calendar(*, sessions: Iterable[CourseSession], base_url: str = "") -> bytes:
    """A person's subscription feed: the given sessions (from
    ``selectors.calendar_sessions_for_user``) as VEVENTs with ``METHOD:PUBLISH``;
    cancelled ones carry ``STATUS:CANCELLED``. No side effects."""
    with translation.override(CALENDAR_LANGUAGE):
        calendar = _calendar(name=_("SSP-uddannelsen: my sessions"), method="PUBLISH")
        calendar.add("x-published-ttl", "PT6H")
        _events_add(calendar, sessions, base_url=base_url)
        return calendar.to_ical()


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def calendar_feed_get_or_create(*, user: User) -> CalendarFeed:
    """The user's calendar feed, created with a fresh secret token on first use.

    Side effect: creates the CalendarFeed row the first time. Idempotent: later
    calls return the same feed and token.
    """
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": _new_token()}
    )
    return feed


@transaction.atomic
def calendar_feed_reset_token(*, user: User) -> CalendarFeed:
    """Give the user's feed a new secret token; the old address stops working at
    once. Side effect: updates (or creates) the CalendarFeed row. Not idempotent:
    every call issues a new token."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        return CalendarFeed.objects.create(user=user, token=_new_token())
    feed.token = _new_token()
    feed.save(update_fields=["token"])
    return feed
