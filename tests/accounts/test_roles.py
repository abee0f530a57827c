from django.contrib.auth.models import Group

import pytest

from accounts.roles import ROLE_GROUPS, Role
from accounts.services import roles_sync
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _permissions(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_every_role_has_a_group_with_exactly_its_permissions():
    for spec in ROLE_GROUPS.values():
        assert _permissions(spec.group_name) == set(spec.permissions)


def test_roles_sync_is_idempotent_and_repairs_drift():
    group = Group.objects.get(name=Role.PARTICIPANT.group_name)
    group.permissions.add(
        *Group.objects.get(name=Role.ADMINISTRATOR.group_name).permissions.all()
    )
    count = Group.objects.count()
    roles_sync()
    roles_sync()
    assert Group.objects.count() == count
    assert _permissions(Role.PARTICIPANT.group_name) == set()


def test_only_administrators_reach_the_wagtail_admin():
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    contact = UserFactory(roles=[Role.MUNICIPAL_CONTACT])
    participant = UserFactory(roles=[Role.PARTICIPANT])
    assert admin.has_perm("wagtailadmin.access_admin")
    assert not contact.has_perm("wagtailadmin.access_admin")
    assert contact.has_perm("accounts.nominate_participants")
    assert not participant.has_perm("accounts.nominate_participants")
    assert [admin.requires_mfa, contact.requires_mfa, participant.requires_mfa] == [
        True,
        False,
        False,
    ]


def test_roles_are_read_from_groups():
    user = UserFactory(roles=[Role.PRESENTER, Role.PARTICIPANT])
    assert set(user.roles) == {Role.PRESENTER, Role.PARTICIPANT}
    assert user.has_role(Role.PRESENTER)
    assert not user.has_role(Role.ADMINISTRATOR)
