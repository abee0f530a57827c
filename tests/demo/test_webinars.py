import pytest

from demo.seed import demo_seed
from webinars.models import Room
from webinars.selectors import room_access

pytestmark = pytest.mark.django_db


def test_demo_seed_opens_one_room_the_demo_people_can_use():
    from accounts.models import User

    demo_seed()
    demo_seed()  # idempotent
    room = Room.objects.get(session__isnull=False)
    host = User.objects.get(email="underviser@demo.ssp.test")
    participant = User.objects.get(email="deltager.aarhus@demo.ssp.test")
    assert room_access(room=room, user=host).is_moderator
    access = room_access(room=room, user=participant)
    assert (access.can_enter, access.is_moderator) == (True, False)
    national = Room.objects.get(session=None)
    access = room_access(room=national, user=participant)
    assert (national.state, access.can_enter) == ("planlagt", True)
    assert room_access(room=national, user=host).is_moderator
