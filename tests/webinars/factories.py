"""Webinar rooms with a host, and participants confirmed on the offering."""

from accounts.roles import Role
from courses.models import EnrolmentStatus
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory, SessionFactory
from webinars.models import Room


def room_create(*, participants: int = 2) -> tuple[Room, object, list]:
    """A room for a new webinar session, its host (a presenter responsible for the
    offering) and ``participants`` confirmed participants."""
    session = SessionFactory()
    host = UserFactory(
        first_name="Ulla", last_name="Underviser", roles=[Role.PRESENTER]
    )
    session.offering.responsible.add(host)
    room = Room.objects.create(session=session)
    room.hosts.add(host)
    people = [
        EnrolmentFactory(
            offering=session.offering,
            user=UserFactory(first_name="Deltager", last_name=str(number)),
            status=EnrolmentStatus.CONFIRMED,
        ).user
        for number in range(1, participants + 1)
    ]
    return room, host, people


def standalone_room_create(*, invited: int = 2) -> tuple[Room, object, list]:
    """A national webinar (no session) that is open for entry, a named host and
    ``invited`` invited people."""
    import datetime

    from django.utils import timezone

    from webinars.models import RoomState, WebinarInvitation

    now = timezone.now()
    room = Room.objects.create(
        title="Unges onlinekriminalitet",
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=2),
        state=RoomState.OPEN,
    )
    host = UserFactory(first_name="Ulla", last_name="Vært", roles=[Role.PRESENTER])
    room.hosts.add(host)
    people = [
        UserFactory(first_name="Inviteret", last_name=str(number))
        for number in range(1, invited + 1)
    ]
    WebinarInvitation.objects.bulk_create(
        [WebinarInvitation(room=room, user=person) for person in people]
    )
    return room, host, people
