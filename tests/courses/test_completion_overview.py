"""Completion overviews: national figures for administrators, people by name for
municipal and police contacts (their own organisation only)."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import Organisation, Politikreds
from accounts.roles import Role
from courses.models import (
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModuleKind,
    ReflectionAnswer,
)
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory, OfferingFactory, module_create

pytestmark = pytest.mark.django_db

URL = "/gennemfoerelse/"


def organisation(*, kommune: str | None = None, district: str | None = None):
    if kommune:
        return Organisation.objects.get(kommune__code=kommune)
    return Organisation.objects.get(kind="politi", politikreds_id=district)


def offering(module, district: str, year: int = 2026):
    start = datetime.date(year, 9, 1)
    return OfferingFactory(
        module=module,
        politikreds=Politikreds.objects.get(code=district),
        planned_start=start,
        enrolment_deadline=start - datetime.timedelta(days=14),
    )


def person(first_name: str, org, enrolled_in, *, completed=False, lessons_done=0):
    user = UserFactory(first_name=first_name, last_name="Hansen", organisation=org)
    EnrolmentFactory(offering=enrolled_in, user=user)
    lessons = LessonPage.objects.child_of(enrolled_in.module).order_by("path")
    for lesson in lessons[:lessons_done]:
        LessonCompletion.objects.create(user=user, lesson=lesson)
    if completed:
        ModuleCompletion.objects.create(
            user=user, module=enrolled_in.module, offering=enrolled_in
        )
    return user


@pytest.fixture
def world():
    base = module_create(title="Grundmodul", lessons=2)
    elective = module_create(
        title="Digital kriminalitet", kind=ModuleKind.ELECTIVE, lessons=2
    )
    odense = organisation(kommune="0461")
    aarhus = organisation(kommune="0751")
    fyn_police = organisation(district="1465")
    base_fyn = offering(base, "1465")
    base_east = offering(base, "1461")
    elective_fyn = offering(elective, "1465", year=2025)
    people = {
        "ida": person("Ida", odense, base_fyn, completed=True, lessons_done=2),
        "ole": person("Ole", odense, base_fyn, lessons_done=1),
        "eva": person("Eva", odense, elective_fyn, completed=True, lessons_done=2),
        "aske": person("Aske", aarhus, base_east, completed=True, lessons_done=2),
        "per": person("Per", fyn_police, base_fyn, completed=True, lessons_done=2),
    }
    waiting = UserFactory(first_name="Vera", organisation=odense)
    EnrolmentFactory(offering=base_fyn, user=waiting, status=EnrolmentStatus.WAITLISTED)
    ReflectionAnswer.objects.create(
        user=people["ida"],
        lesson=LessonPage.objects.child_of(base).first(),
        block_id="x",
        text="Meget privat refleksion",
    )
    return {
        "base": base,
        "elective": elective,
        "odense": odense,
        "aarhus": aarhus,
        "fyn_police": fyn_police,
        **people,
    }


@pytest.fixture
def admin(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    return user


def rows(html: str) -> list[str]:
    """Table rows as compact text, for exact comparisons."""
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        found.append(" | ".join(" ".join(cell.split()) for cell in cells))
    return found


def completed_day(user) -> str:
    """The completion date as the page shows it: in Danish local time (around
    midnight UTC it is already the next day in Copenhagen)."""
    when = timezone.localtime(user.module_completions.get().completed_at)
    return date_format(when, "j. F Y")


def completed_month(user) -> str:
    when = timezone.localtime(user.module_completions.get().completed_at)
    return date_format(when, "F Y")


def test_administrator_sees_counts_per_district_and_municipality(client, world, admin):
    client.force_login(admin)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("courses:completion_overview") == URL
    assert "<h1>Gennemførelse</h1>" in html
    assert rows(html) == [
        # Digital kriminalitet
        "Politikreds | Deltagere | Gennemført | Andel",
        "Fyns Politi | 1 | 1 | 100 %",
        "Kommune | Deltagere | Gennemført | Andel",
        "Odense | 1 | 1 | 100 %",
        # Grundmodul
        "Politikreds | Deltagere | Gennemført | Andel",
        "Fyns Politi | 3 | 2 | 67 %",
        "Østjyllands Politi | 1 | 1 | 100 %",
        "Kommune | Deltagere | Gennemført | Andel",
        "Aarhus | 1 | 1 | 100 %",
        "Odense | 2 | 1 | 50 %",
    ]
    assert "3 af 4 deltagere har gennemført modulet (75 %)." in html
    # Aggregates only: no names, and never reflections.
    assert "Ida" not in html
    assert "Meget privat refleksion" not in html


def test_administrator_filters_by_module_and_year(client, world, admin):
    client.force_login(admin)
    html = client.get(URL, {"module": world["elective"].pk}).content.decode()
    assert rows(html) == [
        "Politikreds | Deltagere | Gennemført | Andel",
        "Fyns Politi | 1 | 1 | 100 %",
        "Kommune | Deltagere | Gennemført | Andel",
        "Odense | 1 | 1 | 100 %",
    ]
    html = client.get(URL, {"year": "2026"}).content.decode()
    assert "Digital kriminalitet</h2>" not in html
    assert "Grundmodul</h2>" in html
    html = client.get(
        URL, {"module": world["elective"].pk, "year": "2026"}
    ).content.decode()
    assert "Ingen bekræftede tilmeldinger passer til filteret." in html
    response = client.get(URL, {"year": "1999"})
    assert response.status_code == 400
    assert "Vælg et år på listen." in response.content.decode()


def test_municipal_contact_sees_only_own_municipality_by_name(client, world):
    contact = UserFactory(roles=[Role.MUNICIPAL_CONTACT], organisation=world["odense"])
    client.force_login(contact)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert rows(html) == [
        "Navn | Modul | Hold | Lektioner | Status",
        "Eva Hansen | Digital kriminalitet | Fyns Politi, 2025 | 2 af 2 (100 %) | "
        f"Gennemført den {completed_day(world['eva'])}",
        "Ida Hansen | Grundmodul | Fyns Politi, 2026 | 2 af 2 (100 %) | "
        f"Gennemført den {completed_day(world['ida'])}",
        "Ole Hansen | Grundmodul | Fyns Politi, 2026 | 1 af 2 (50 %) | I gang",
    ]
    assert "Aske" not in html and "Per Hansen" not in html and "Vera" not in html
    assert "Meget privat refleksion" not in html
    html = client.get(URL, {"module": world["base"].pk}).content.decode()
    assert [row.split(" | ")[0] for row in rows(html)[1:]] == [
        "Ida Hansen",
        "Ole Hansen",
    ]


def test_police_contact_sees_own_district_police(client, world):
    contact = UserFactory(roles=[Role.POLICE_CONTACT], organisation=world["fyn_police"])
    client.force_login(contact)
    html = client.get(URL).content.decode()
    assert [row.split(" | ")[0] for row in rows(html)[1:]] == ["Per Hansen"]


@pytest.mark.parametrize("roles", [[Role.PARTICIPANT], [Role.PRESENTER]])
def test_others_are_refused(client, world, roles):
    client.force_login(UserFactory(roles=roles))
    assert client.get(URL).status_code == 403


def test_contact_outside_a_municipality_or_police_is_refused(client, world):
    contact = UserFactory(
        roles=[Role.MUNICIPAL_CONTACT],
        organisation=Organisation.objects.get(kind="socialstyrelsen"),
    )
    client.force_login(contact)
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")


def test_fixed_number_of_queries(client, world, admin):
    contact = UserFactory(roles=[Role.MUNICIPAL_CONTACT], organisation=world["odense"])

    def count(user) -> int:
        client.force_login(user)
        client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    before = (count(admin), count(contact))
    base_fyn = world["ida"].enrolments.get().offering
    for number in range(8):
        person(
            f"Ny{number}",
            world["odense"],
            base_fyn,
            completed=number % 2 == 0,
            lessons_done=number % 3,
        )
    other_municipality = organisation(kommune="0101")
    person("Kbh", other_municipality, offering(world["elective"], "1470"))
    after = (count(admin), count(contact))
    assert before == after
