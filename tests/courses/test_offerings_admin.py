"""The Wagtail admin for offerings and sessions: who may use it, the listing and its
filters, and that saving goes through the services (calendar sequence, Danish
validation)."""

import datetime

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import Politikreds
from accounts.roles import Role
from courses.models import Enrolment, ModuleKind, Offering, OfferingStatus, Session
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    EnrolmentFactory,
    OfferingFactory,
    SessionFactory,
    module_create,
)

pytestmark = pytest.mark.django_db

TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTTEST"


def _staff_login(client, user):
    TOTP.activate(user, TOTP_SECRET)
    client.force_login(user)
    return user


@pytest.fixture
def admin_client(client):
    _staff_login(client, UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True))
    return client


@pytest.fixture
def modules():
    return {
        "grund": module_create(title="Grundmodul", kind=ModuleKind.BASE),
        "digital": module_create(
            title="Digital kriminalitet", kind=ModuleKind.ELECTIVE
        ),
    }


def _offering_post(module, **overrides):
    start = timezone.localdate() + datetime.timedelta(days=40)
    data = {
        "module": module.pk,
        "politikreds": "1465",
        "format": "webinar",
        "status": "planlagt",
        "planned_start": start.isoformat(),
        "enrolment_deadline": (start - datetime.timedelta(days=14)).isoformat(),
        "seats": "30",
        "attendance_threshold": "80",
        "note": "",
    }
    data.update(overrides)
    return data


def test_admin_lists_offerings_with_columns(admin_client, modules):
    OfferingFactory(
        module=modules["grund"],
        politikreds=Politikreds.objects.get(code="1461"),
        planned_start=datetime.date(2026, 3, 10),
        enrolment_deadline=datetime.date(2026, 2, 20),
        status=OfferingStatus.OPEN,
        seats=42,
    )
    response = admin_client.get(reverse("udbud:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Grundmodul",
        "Østjyllands Politi",
        "Åben for indstilling",
        "Webinar",
        "42",
        "2026",
        "Planlagt start",
        "Pladser",
    ):
        assert text in html, text


def test_admin_filters_by_year_module_district_and_status(admin_client, modules):
    fyn = Politikreds.objects.get(code="1465")
    aarhus = Politikreds.objects.get(code="1461")
    target = OfferingFactory(
        module=modules["digital"],
        politikreds=aarhus,
        planned_start=datetime.date(2027, 4, 1),
        enrolment_deadline=datetime.date(2027, 3, 1),
        status=OfferingStatus.OPEN,
    )
    OfferingFactory(  # other year
        module=modules["digital"],
        politikreds=aarhus,
        planned_start=datetime.date(2026, 4, 1),
        enrolment_deadline=datetime.date(2026, 3, 1),
        status=OfferingStatus.OPEN,
    )
    OfferingFactory(  # other module
        module=modules["grund"],
        politikreds=aarhus,
        planned_start=datetime.date(2027, 5, 1),
        enrolment_deadline=datetime.date(2027, 4, 1),
        status=OfferingStatus.OPEN,
    )
    OfferingFactory(  # other district
        module=modules["digital"],
        politikreds=fyn,
        planned_start=datetime.date(2027, 6, 1),
        enrolment_deadline=datetime.date(2027, 5, 1),
        status=OfferingStatus.OPEN,
    )
    OfferingFactory(  # other status
        module=modules["digital"],
        politikreds=aarhus,
        planned_start=datetime.date(2027, 7, 1),
        enrolment_deadline=datetime.date(2027, 6, 1),
        status=OfferingStatus.CANCELLED,
    )
    response = admin_client.get(
        reverse("udbud:index"),
        {
            "year": "2027",
            "module": modules["digital"].pk,
            "politikreds": "1461",
            "status": "aaben",
        },
    )
    assert response.status_code == 200
    assert [o.pk for o in response.context["object_list"]] == [target.pk]

    response = admin_client.get(reverse("udbud:index"), {"year": "2027"})
    assert len(response.context["object_list"]) == 4


def test_admin_search_finds_offerings_by_district(admin_client, modules):
    kept = OfferingFactory(
        module=modules["grund"], politikreds=Politikreds.objects.get(code="1471")
    )
    OfferingFactory(module=modules["grund"])
    response = admin_client.get(reverse("udbud:index"), {"q": "Bornholm"})
    assert [o.pk for o in response.context["object_list"]] == [kept.pk]


def test_creating_an_offering_saves_it_with_sequence_zero(admin_client, modules):
    responsible = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    response = admin_client.post(
        reverse("udbud:add"),
        _offering_post(modules["grund"], responsible=[responsible.pk]),
    )
    assert response.status_code == 302
    offering = Offering.objects.get()
    assert offering.module_id == modules["grund"].pk
    assert offering.politikreds_id == "1465"
    assert offering.seats == 30
    assert offering.ical_sequence == 0
    assert list(offering.responsible.all()) == [responsible]


def test_editing_an_offering_bumps_its_sequence_and_its_sessions(admin_client, modules):
    offering = OfferingFactory(module=modules["grund"])
    session = SessionFactory(offering=offering)
    uid = session.uid
    response = admin_client.post(
        reverse("udbud:edit", args=[offering.pk]),
        _offering_post(modules["grund"], seats="50", status="aaben"),
    )
    assert response.status_code == 302
    offering.refresh_from_db()
    session.refresh_from_db()
    assert (offering.seats, offering.status) == (50, "aaben")
    assert offering.ical_sequence == 1
    assert session.ical_sequence == 1
    assert session.uid == uid


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"enrolment_deadline": "2099-12-31"},
            "enrolment_deadline",
            "Fristen for indstilling skal ligge på eller før starten.",
        ),
        ({"seats": "0"}, "seats", "Et hold skal have mindst én plads."),
    ],
)
def test_invalid_offering_is_refused_in_danish_and_nothing_is_saved(
    admin_client, modules, overrides, field, message
):
    response = admin_client.post(
        reverse("udbud:add"), _offering_post(modules["grund"], **overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert Offering.objects.count() == 0


def test_invalid_edit_changes_nothing(admin_client, modules):
    offering = OfferingFactory(module=modules["grund"], seats=25)
    before = Offering.objects.values().get(pk=offering.pk)
    response = admin_client.post(
        reverse("udbud:edit", args=[offering.pk]),
        _offering_post(modules["grund"], seats="0", enrolment_deadline="2099-12-31"),
    )
    assert response.status_code == 200
    assert Offering.objects.values().get(pk=offering.pk) == before


def test_edit_page_lists_the_sessions_with_an_add_link(admin_client, modules):
    offering = OfferingFactory(module=modules["grund"])
    SessionFactory(offering=offering, title="Dag 1: Introduktion", venue="Dokk1")
    response = admin_client.get(reverse("udbud:edit", args=[offering.pk]))
    html = response.content.decode()
    assert "Dag 1: Introduktion" in html
    assert "Dokk1" in html
    assert f"{reverse('sessioner:add')}?offering={offering.pk}" in html
    assert "Tilføj en session" in html


def test_new_session_starts_on_the_offering_from_the_link(admin_client, modules):
    offering = OfferingFactory(module=modules["grund"])
    response = admin_client.get(reverse("sessioner:add"), {"offering": offering.pk})
    assert response.context["form"].initial["offering"] == offering.pk


def _session_post(offering, **overrides):
    data = {
        "offering": offering.pk,
        "title": "Dag 1",
        "starts_at": "2030-05-01 09:00",
        "ends_at": "2030-05-01 15:00",
        "venue": "Odense Rådhus",
    }
    data.update(overrides)
    return data


def test_creating_and_editing_a_session_keeps_uid_and_bumps_sequence(
    admin_client, modules
):
    offering = OfferingFactory(module=modules["grund"])
    response = admin_client.post(reverse("sessioner:add"), _session_post(offering))
    assert response.status_code == 302
    assert response.url == reverse("udbud:edit", args=[offering.pk])
    session = Session.objects.get()
    assert session.ical_sequence == 0
    uid = session.uid
    response = admin_client.post(
        reverse("sessioner:edit", args=[session.pk]),
        _session_post(offering, venue="Odense Congress Center"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.venue == "Odense Congress Center"
    assert session.uid == uid
    assert session.ical_sequence == 1


def test_session_ending_before_it_starts_is_refused_in_danish(admin_client, modules):
    offering = OfferingFactory(module=modules["grund"])
    response = admin_client.post(
        reverse("sessioner:add"),
        _session_post(offering, ends_at="2030-05-01 08:00"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == [
        "En session skal slutte efter, at den er begyndt."
    ]
    assert Session.objects.count() == 0


def test_participant_cannot_reach_the_offerings_admin(client, modules):
    OfferingFactory(module=modules["grund"])
    client.force_login(UserFactory(roles=[Role.PARTICIPANT]))
    # A logged-in person without admin access gets the Danish 403 page (it was a
    # redirect to the login page, which sent them straight back: a loop).
    response = client.get(reverse("udbud:index"))
    assert response.status_code == 403
    response = client.post(reverse("udbud:add"), _offering_post(modules["grund"]))
    assert response.status_code == 403
    assert Offering.objects.count() == 1


def test_admin_access_without_manage_offerings_is_refused(client, modules):
    offering = OfferingFactory(module=modules["grund"])
    editor = UserFactory(roles=[Role.PRESENTER], is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    _staff_login(client, editor)
    assert client.get("/admin/").status_code == 200
    response = client.get(reverse("udbud:index"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    response = client.post(
        reverse("udbud:edit", args=[offering.pk]),
        _offering_post(modules["grund"], seats="99"),
    )
    assert response.status_code == 302
    offering.refresh_from_db()
    assert offering.seats == 25
    menu = client.get("/admin/").content.decode()
    assert '"url": "/planlaegning/"' not in menu
    assert '"url": "/admin/udbud/"' not in menu


def test_admin_menu_shows_offerings_and_planning_to_administrators(
    admin_client,
):
    menu = admin_client.get("/admin/").content.decode()
    assert '"label": "Planl\\u00e6gningsoversigt"' in menu
    assert '"url": "/planlaegning/"' in menu
    assert '"url": "/admin/udbud/"' in menu


def test_offering_with_enrolments_cannot_be_deleted(admin_client, modules):
    offering = OfferingFactory(module=modules["grund"])
    EnrolmentFactory(offering=offering)
    response = admin_client.post(reverse("udbud:delete", args=[offering.pk]))
    assert response.status_code == 302
    assert response.url == reverse("udbud:edit", args=[offering.pk])
    assert Offering.objects.filter(pk=offering.pk).exists()
    assert Enrolment.objects.filter(offering=offering).count() == 1
    page = admin_client.get(response.url).content.decode()
    assert "Holdet har tilmeldte deltagere og kan ikke slettes." in page


def test_offering_without_enrolments_can_be_deleted(admin_client, modules):
    offering = OfferingFactory(module=modules["grund"])
    SessionFactory(offering=offering)
    response = admin_client.post(reverse("udbud:delete", args=[offering.pk]))
    assert response.status_code == 302
    assert not Offering.objects.filter(pk=offering.pk).exists()
    assert Session.objects.count() == 0
