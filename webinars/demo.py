"""Demo data: a webinar room for the online day of the demo hybrid offering, so
``make run`` shows a live room to the demo participant and presenter."""

from django.db import transaction

from accounts.models import User
from courses.models import EnrolmentStatus, OfferingFormat, Session

from .models import Room, RoomState

DEMO_HOST_EMAIL = "underviser@demo.ssp.test"


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
            offering__enrolments__status=EnrolmentStatus.BEKRAEFTET,
        )
        .select_related("offering")
        .order_by("starts_at")
        .first()
    )
    if session is None:
        return None
    room, created = Room.objects.get_or_create(
        session=session, defaults={"state": RoomState.AABEN}
    )
    if created:
        host = User.objects.filter(email=DEMO_HOST_EMAIL).first()
        if host is not None:
            room.hosts.add(host)
            session.offering.responsible.add(host)
    return room
