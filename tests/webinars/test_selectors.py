"""``room_entry`` (the join path, SQL written out once per process) decides exactly
as ``_rooms_with_access`` + ``_access_of`` (the ORM definition of who may enter
and moderate) for every kind of person."""

import datetime

from django.contrib.auth.models import Permission
from django.utils import timezone

import pytest

from accounts.roles import Role
from courses.models import EnrolmentStatus
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory
from tests.webinars.factories import room_create, standalone_room_create
from webinars.models import Breakout, Removal, WebinarInvitation
from webinars.selectors import room_entry
from webinars.selectors.access import _access_of, _rooms_with_access

pytestmark = pytest.mark.django_db


def _orm(room, user):
    annotated = _rooms_with_access(user).get(pk=room.pk)
    return _access_of(annotated, user), annotated.open_breakout


def _people(room, host, participants):
    offering = room.session.offering
    waitlisted = EnrolmentFactory(
        offering=offering, status=EnrolmentStatus.WAITLISTED
    ).user
    removed = participants[1]
    Removal.objects.create(room=room, user=removed)
    in_breakout = participants[2]
    breakout = Breakout.objects.create(room=room, number=1)
    breakout.members.add(in_breakout)
    closed = Breakout.objects.create(
        room=room, number=2, closed_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    closed.members.add(participants[0])
    presenter_host = host  # a presenter (run_webinars) named host and responsible
    plain_host = UserFactory()
    room.hosts.add(plain_host)
    named_moderator = UserFactory(roles=[Role.PRESENTER])
    room.moderators.add(named_moderator)
    responsible_without_role = UserFactory()
    offering.responsible.add(responsible_without_role)
    direct_permission = UserFactory()
    direct_permission.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="accounts", codename="manage_offerings"
        )
    )
    invited_elsewhere = UserFactory()
    captioner = UserFactory()
    room.captioners.add(captioner)
    return {
        "captioner": captioner,
        "confirmed participant": participants[0],
        "waitlisted": waitlisted,
        "removed": removed,
        "in an open breakout": in_breakout,
        "presenter host": presenter_host,
        "host without the presenter role": plain_host,
        "named moderator": named_moderator,
        "responsible without the role": responsible_without_role,
        "administrator": UserFactory(roles=[Role.ADMINISTRATOR]),
        "permission given directly": direct_permission,
        "superuser": UserFactory(is_superuser=True),
        "stranger": invited_elsewhere,
        "inactive participant": _inactive(participants[3]),
    }


def _inactive(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


def test_room_entry_decides_as_the_orm_definition_for_every_kind_of_person():
    room, host, participants = room_create(participants=4)
    people = _people(room, host, participants)
    decisions = {}
    for label, person in people.items():
        entered, access, breakout = room_entry(room_id=room.pk, user=person)
        assert entered.pk == room.pk
        assert (access, breakout) == _orm(room, person), label
        decisions[label] = (access.can_enter, access.is_moderator, access.removed)
    # The rule itself, so that agreeing with a broken definition cannot pass.
    assert decisions == {
        "captioner": (True, False, False),
        "confirmed participant": (True, False, False),
        "waitlisted": (False, False, False),
        "removed": (False, False, True),
        "in an open breakout": (True, False, False),
        "presenter host": (True, True, False),
        "host without the presenter role": (True, False, False),
        "named moderator": (True, True, False),
        "responsible without the role": (True, False, False),
        "administrator": (True, True, False),
        "permission given directly": (True, True, False),
        "superuser": (True, True, False),
        "stranger": (False, False, False),
        "inactive participant": (False, False, False),
    }
    captioners = {
        label
        for label, person in people.items()
        if room_entry(room_id=room.pk, user=person)[1].is_captioner
    }
    assert captioners == {"captioner"}
    assert room_entry(room_id=room.pk, user=people["in an open breakout"])[2] == (
        Breakout.objects.get(room=room, number=1).pk
    )


def test_room_entry_for_a_national_webinar_and_an_unknown_room():
    room, host, invited = standalone_room_create(invited=1)
    stranger = UserFactory()
    WebinarInvitation.objects.get(user=invited[0])
    for person in (host, invited[0], stranger):
        entered, access, breakout = room_entry(room_id=room.pk, user=person)
        assert (access, breakout) == _orm(room, person)
    assert room_entry(room_id=room.pk, user=invited[0])[1].can_enter
    assert not room_entry(room_id=room.pk, user=stranger)[1].can_enter
    missing, access, breakout = room_entry(room_id=room.pk + 1000, user=host)
    assert (missing, access.can_enter, breakout) == (None, False, None)
