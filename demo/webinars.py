"""Demo data: a webinar room for the online day of the demo hybrid offering, so
``make run`` shows a live room to the demo participant and presenter, and a planned
national webinar the demo participants are invited to."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.models import EnrolmentStatus, OfferingFormat, Session
from webinars.models import Room, RoomState, WebinarInvitation

DEMO_HOST_EMAIL = "underviser@demo.ssp.test"


DEMO_NATIONAL_TITLE = "Unges onlinekriminalitet – nationalt webinar"


def _demo_national_seed() -> Room:
    """A national webinar (no session) in a week, hosted by the demo presenter, with
    every demo participant invited. Idempotent (found by its title)."""
    room = Room.objects.filter(session=None, title=DEMO_NATIONAL_TITLE).first()
    if room is not None:
        return room
    starts_at = (timezone.now() + datetime.timedelta(days=7)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    room = Room.objects.create(
        title=DEMO_NATIONAL_TITLE,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        state=RoomState.PLANNED,
        questions_need_approval=True,
    )
    host = User.objects.filter(email=DEMO_HOST_EMAIL).first()
    if host is not None:
        room.hosts.add(host)
    WebinarInvitation.objects.bulk_create(
        [
            WebinarInvitation(room=room, user=user)
            for user in User.objects.filter(email__startswith="deltager")
        ]
    )
    return room


@transaction.atomic
def demo_webinar_seed() -> Room | None:
    """Create the room of the first online session of a webinar or hybrid demo
    offering that has confirmed participants, hosted by the demo presenter (who is
    made responsible for the offering). Idempotent: an existing room is returned
    as it is. Does nothing when the demo offerings are missing."""
    session = (
        Session.objects.filter(
            is_cancelled=False,
            venue__icontains="online",
            offering__format__in=[OfferingFormat.WEBINAR, OfferingFormat.HYBRID],
            offering__enrolments__status=EnrolmentStatus.CONFIRMED,
        )
        .select_related("offering")
        .order_by("starts_at")
        .first()
    )
    _demo_national_seed()
    if session is None:
        return None
    room, created = Room.objects.get_or_create(
        session=session, defaults={"state": RoomState.OPEN}
    )
    if created:
        host = User.objects.filter(email=DEMO_HOST_EMAIL).first()
        if host is not None:
            room.hosts.add(host)
            session.offering.responsible.add(host)
    return room
