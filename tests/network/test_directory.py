"""The opt-in member directory: only who opted in, only the fields they chose."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from accounts.models import User
from network.models import MemberProfile
from network.selectors import member_directory
from network.services import member_profile_save
from tests.network.factories import ODENSE, person, theme_network

pytestmark = pytest.mark.django_db


def test_nobody_is_listed_without_opting_in(client):
    viewer = person()
    person(first_name="Usynlig")
    quiet = person(first_name="Tavs")
    member_profile_save(
        user=quiet, is_listed=False, show_organisation=True, show_sector=True
    )
    assert list(member_directory(user=viewer)) == []
    client.force_login(viewer)
    page = client.get(reverse("network:directory")).content.decode()
    assert "Usynlig" not in page
    assert "Tavs" not in page


def test_only_the_chosen_fields_are_shown_and_filterable(client):
    viewer = person()
    listed = person(ODENSE, first_name="Lone", sector=User.Sector.POLICE)
    member_profile_save(
        user=listed,
        is_listed=True,
        show_organisation=False,
        show_sector=False,
        job_title="SSP-konsulent",
        bio="Arbejder med **nattelivet**.",
        themes=[theme_network()],
    )
    assert [p.user for p in member_directory(user=viewer)] == [listed]
    # Filters on hidden fields must not reveal them.
    assert list(member_directory(user=viewer, kommune_code=ODENSE)) == []
    assert list(member_directory(user=viewer, politikreds_code="1465")) == []
    assert list(member_directory(user=viewer, sector=User.Sector.POLICE)) == []
    assert len(member_directory(user=viewer, theme_slug="digital-dannelse")) == 1
    client.force_login(viewer)
    page = client.get(reverse("network:directory")).content.decode()
    assert "Lone" in page
    assert "SSP-konsulent" in page
    assert "Odense" not in page.split('<ul class="card-list')[1]
    member_profile_save(
        user=listed, is_listed=True, show_organisation=True, show_sector=True
    )
    assert len(member_directory(user=viewer, kommune_code=ODENSE)) == 1
    assert len(member_directory(user=viewer, sector=User.Sector.POLICE)) == 1


def test_a_cpr_number_in_the_bio_is_refused_and_nothing_changes():
    user = person()
    with pytest.raises(ValidationError):
        member_profile_save(
            user=user,
            is_listed=True,
            show_organisation=True,
            show_sector=True,
            bio="Mit barn 010203-1234",
        )
    assert not MemberProfile.objects.exists()


def test_profile_page_saves(client):
    user = person()
    client.force_login(user)
    response = client.post(
        reverse("network:my_profile"),
        {"is_listed": "on", "show_sector": "on", "job_title": "Klubleder"},
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=user)
    assert (profile.is_listed, profile.show_organisation, profile.show_sector) == (
        True,
        False,
        True,
    )
