"""Socialstyrelsen's administrators manage people, organisations and roles in the
Wagtail admin, by the same rules as the code, and every role change is logged."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import Organisation, RoleChange, User
from accounts.roles import Role
from accounts.services import roles_validate, user_roles_set
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTTEST"


@pytest.fixture
def administrator(client):
    """An Uddannelsesadministrator (not a superuser) with two-factor login set up."""
    admin = UserFactory(
        roles=[Role.ADMINISTRATOR],
        is_staff=True,
        organisation=Organisation.objects.get(kind="socialstyrelsen"),
    )
    TOTP.activate(admin, TOTP_SECRET)
    client.force_login(admin)
    return admin


def _person_data(organisation, roles, **extra):
    return {
        "email": "ny.kontakt@vejle.test",
        "first_name": "Nina",
        "last_name": "Nielsen",
        "organisation": organisation.pk if organisation else "",
        "sector": "social",
        "roles": [role.value for role in roles],
        **extra,
    }


def test_an_administrator_creates_a_contact_person_for_a_municipality(
    client, administrator
):
    vejle = Organisation.objects.get(kommune__name="Vejle")
    form = client.get("/admin/users/new/").content.decode()
    assert 'name="roles"' in form
    assert "Kommunal kontaktperson" in form
    assert 'name="groups"' not in form
    assert 'name="is_superuser"' not in form  # only superusers make superusers

    response = client.post(
        "/admin/users/new/",
        _person_data(vejle, [Role.MUNICIPAL_CONTACT], is_superuser="on"),
    )
    assert response.status_code == 302
    person = User.objects.get(email="ny.kontakt@vejle.test")
    assert (person.organisation, person.roles) == (
        vejle,
        [Role.MUNICIPAL_CONTACT],
    )
    assert not person.is_superuser
    assert not person.has_usable_password()  # they set it by password reset
    assert person.has_perm("accounts.nominate_participants")
    assert list(
        RoleChange.objects.values_list(
            "person", "changed_by", "role", "action", "organisation"
        )
    ) == [
        (person.pk, administrator.pk, "kommunal_kontaktperson", "given", vejle.pk),
    ]


@pytest.mark.parametrize(
    ("organisation_name", "role"),
    [
        (None, Role.MUNICIPAL_CONTACT),
        ("Fyns Politi", Role.MUNICIPAL_CONTACT),
        ("Vejle Kommune", Role.POLICE_CONTACT),
    ],
)
def test_a_contact_role_without_the_right_organisation_is_refused_in_danish(
    client, administrator, organisation_name, role
):
    organisation = (
        Organisation.objects.get(name=organisation_name) if organisation_name else None
    )
    response = client.post("/admin/users/new/", _person_data(organisation, [role]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "kræver en organisation af typen" in html
    assert not User.objects.filter(email="ny.kontakt@vejle.test").exists()
    assert not RoleChange.objects.exists()


def test_editing_roles_logs_what_was_given_and_taken_away(client, administrator):
    odense = Organisation.objects.get(kommune__name="Odense")
    person = UserFactory(organisation=odense, roles=[Role.PARTICIPANT])
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "organisation": odense.pk,
            "sector": person.sector,
            "roles": [Role.MUNICIPAL_CONTACT.value, Role.PRESENTER.value],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert set(person.roles) == {Role.MUNICIPAL_CONTACT, Role.PRESENTER}
    assert sorted(
        RoleChange.objects.filter(person=person).values_list("role", "action")
    ) == [
        ("deltager", "removed"),
        ("kommunal_kontaktperson", "given"),
        ("underviser", "given"),
    ]
    page = client.get(
        reverse("wagtailusers_users:edit", args=[person.pk])
    ).content.decode()
    assert "Rollehistorik" in page
    assert "Kommunal kontaktperson" in page


def test_an_administrator_cannot_change_a_superuser(client, administrator):
    superuser = UserFactory(is_superuser=True, is_staff=True, first_name="Sara")
    url = reverse("wagtailusers_users:edit", args=[superuser.pk])
    # Wagtail turns the refusal into its "no permission" message on the dashboard.
    response = client.get(url)
    assert (response.status_code, response.url) == (302, "/admin/")
    client.post(url, {"email": superuser.email, "first_name": "Ændret"})
    superuser.refresh_from_db()
    assert superuser.first_name == "Sara"


def test_roles_validate_follows_the_role_table():
    police = Organisation.objects.get(name="Fyns Politi")
    aarhus = Organisation.objects.get(kommune__name="Aarhus")
    roles_validate(organisation=police, roles=[Role.POLICE_CONTACT, Role.PARTICIPANT])
    roles_validate(organisation=aarhus, roles=[Role.MUNICIPAL_CONTACT])
    roles_validate(organisation=None, roles=[Role.PARTICIPANT, Role.PRESENTER])
    with pytest.raises(ValidationError) as refused:
        roles_validate(organisation=aarhus, roles=[Role.POLICE_CONTACT])
    assert refused.value.messages == [
        "Kontaktperson i politikredsen kræver en organisation af typen politi. "
        "Vælg organisationen først."
    ]


def test_setting_the_same_roles_twice_logs_nothing_the_second_time():
    person = UserFactory(roles=[Role.PARTICIPANT])
    first = user_roles_set(user=person, roles=[Role.MUNICIPAL_CONTACT], changed_by=None)
    second = user_roles_set(
        user=person, roles=[Role.MUNICIPAL_CONTACT], changed_by=None
    )
    assert (len(first), second) == (2, [])
    assert RoleChange.objects.filter(person=person).count() == 2


def test_a_refused_role_change_changes_nothing():
    person = UserFactory(organisation=None, roles=[Role.PARTICIPANT])
    with pytest.raises(ValidationError):
        user_roles_set(user=person, roles=[Role.POLICE_CONTACT], changed_by=None)
    assert person.roles == [Role.PARTICIPANT]
    assert not RoleChange.objects.exists()
