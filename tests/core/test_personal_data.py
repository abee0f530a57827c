import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import User
from core.personal_data import (
    REGISTRY,
    Erasure,
    personal_data_erase,
    personal_data_export,
    user_relations,
)
from courses.models import Enrolment, Offering, ReflectionAnswer
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_every_model_that_points_at_a_user_is_declared():
    found = set(user_relations())
    declared = set(REGISTRY)
    assert sorted(found - declared) == [], "declare these in core/personal_data.py"
    assert sorted(declared - found) == [], "stale declarations"


def test_detach_is_only_declared_for_nullable_links():
    for label, fields in user_relations().items():
        if REGISTRY[label].erasure is Erasure.DETACH:
            assert all(field.null for field in fields), label


def test_export_holds_the_persons_rows_and_no_secrets():
    user = UserFactory(email="eksport@aarhus.test")
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    enrolment = EnrolmentFactory(user=user)
    lesson = enrolment.offering.module.get_children().first().specific
    ReflectionAnswer.objects.create(user=user, lesson=lesson, block_id="b1", text="Min")
    other = EnrolmentFactory()

    exported = personal_data_export(user=user)

    assert exported["accounts.User"][0]["fields"]["email"] == "eksport@aarhus.test"
    assert [row["pk"] for row in exported["courses.Enrolment"]] == [enrolment.pk]
    assert other.pk not in [row["pk"] for row in exported["courses.Enrolment"]]
    assert exported["courses.ReflectionAnswer"][0]["fields"]["text"] == "Min"
    assert "mfa.Authenticator" not in exported
    assert "password" not in exported["accounts.User"][0]["fields"]


def test_erasure_removes_the_persons_data_and_keeps_shared_rows():
    user = UserFactory(email="slet@aarhus.test")
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    enrolment = EnrolmentFactory(user=user)
    offering = enrolment.offering
    offering.responsible.add(user)
    kept = EnrolmentFactory(offering=offering)

    personal_data_erase(user=user)
    personal_data_erase(user=user)  # idempotent

    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.is_active) == (
        "Slettet",
        "bruger",
        False,
    )
    assert user.email == f"slettet-{user.pk}@bruger.invalid"
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not Enrolment.objects.filter(user=user).exists()
    assert list(Offering.objects.get(pk=offering.pk).responsible.all()) == []
    assert Enrolment.objects.filter(pk=kept.pk).exists()
    assert User.objects.filter(pk=kept.user_id, is_active=True).exists()
