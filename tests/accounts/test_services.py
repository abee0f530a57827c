from django.core.exceptions import ValidationError

import pytest
from allauth.account.models import EmailAddress

from accounts.models import Organisation, User
from accounts.roles import Role
from accounts.services import user_create, user_deactivate

pytestmark = pytest.mark.django_db


def test_user_create_sets_roles_organisation_and_unverified_address():
    odense = Organisation.objects.get(kommune__code="0461")
    user = user_create(
        email="  Lone.Larsen@Odense.TEST ",
        first_name="Lone",
        last_name="Larsen",
        organisation=odense,
        sector=User.Sector.SOCIAL,
        roles=(Role.MUNICIPAL_CONTACT,),
    )
    assert user.email == "lone.larsen@odense.test"
    assert user.roles == [Role.MUNICIPAL_CONTACT]
    assert user.organisation.district.name == "Fyns Politi"
    assert not user.has_usable_password()
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == (
        "lone.larsen@odense.test",
        True,
        False,
    )


def test_user_create_refuses_a_taken_address_in_danish_and_changes_nothing():
    user_create(email="a@kommune.test", first_name="A", last_name="B")
    users, addresses = User.objects.count(), EmailAddress.objects.count()
    with pytest.raises(ValidationError) as error:
        user_create(email="A@Kommune.test", first_name="C", last_name="D")
    assert error.value.message_dict["email"] == [
        "Der findes allerede en bruger med denne e-mailadresse."
    ]
    assert (User.objects.count(), EmailAddress.objects.count()) == (users, addresses)


def test_user_create_refuses_an_invalid_address_and_changes_nothing():
    users = User.objects.count()
    with pytest.raises(ValidationError) as error:
        user_create(email="ikke-en-adresse", first_name="A", last_name="B")
    assert error.value.message_dict["email"] == ["Indtast en gyldig e-mail-adresse."]
    assert User.objects.count() == users


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_user_deactivate_is_idempotent():
    user = user_create(email="x@kommune.test", first_name="X", last_name="Y")
    user_deactivate(user=user)
    user_deactivate(user=user)
    user.refresh_from_db()
    assert user.is_active is False
