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
        first_name="Ulla", last_name="Underviser", roles=[Role.UNDERVISER]
    )
    session.offering.responsible.add(host)
    room = Room.objects.create(session=session)
    room.hosts.add(host)
    people = [
        EnrolmentFactory(
            offering=session.offering,
            user=UserFactory(first_name="Deltager", last_name=str(number)),
            status=EnrolmentStatus.BEKRAEFTET,
        ).user
        for number in range(1, participants + 1)
    ]
    return room, host, people
