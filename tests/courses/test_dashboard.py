"""The participant's "Mine forløb" dashboard."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from courses.models import (
    AttendanceSource,
    EnrolmentStatus,
    LessonPage,
    ModuleKind,
)
from courses.services.learning import attendance_record, lesson_complete
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    EnrolmentFactory,
    OfferingFactory,
    SessionFactory,
    module_create,
)

pytestmark = pytest.mark.django_db

URL = "/mine-forloeb/"


def lessons_of(module) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(module).order_by("path"))


def enrol_with_progress(user, module, *, complete: bool, status=None):
    """A confirmed enrolment with one held and one coming session, attendance at the
    held one, and one lesson done (or all, to complete the module)."""
    offering = OfferingFactory(module=module, attendance_threshold=50)
    EnrolmentFactory(
        offering=offering, user=user, status=status or EnrolmentStatus.CONFIRMED
    )
    now = timezone.now()
    held = SessionFactory(
        offering=offering,
        starts_at=now - datetime.timedelta(days=7),
        ends_at=now - datetime.timedelta(days=7, hours=-3),
    )
    SessionFactory(
        offering=offering,
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=3),
        venue="Rådhuset, lokale 2",
    )
    attendance_record(
        session=held, user=user, present=True, source=AttendanceSource.CHECKIN
    )
    lessons = lessons_of(module)
    for lesson in lessons if complete else lessons[:1]:
        lesson_complete(user=user, lesson=lesson)
    return offering


def test_dashboard_runs_a_fixed_number_of_queries(client):
    modules = [
        module_create(title=f"Modul {number}", kind=ModuleKind.ELECTIVE, lessons=2)
        for number in range(50)
    ]
    counts = {}
    for size in (1, 10, 50):
        user = UserFactory()
        for number, module in enumerate(modules[:size]):
            enrol_with_progress(user, module, complete=number % 3 == 0)
        client.force_login(user)
        client.get(URL)  # sessions and site caches warm up outside the count
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        html = response.content.decode()
        assert response.status_code == 200
        assert html.count('class="dashboard-item"') == size
        assert html.count("<progress ") == size
        completed = len(range(0, size, 3))
        assert html.count('<span class="badge badge-success">Gennemført</span>') == (
            completed
        )
        counts[size] = len(queries)
    assert counts[1] == counts[10] == counts[50], counts


def test_dashboard_shows_offerings_progress_attendance_and_where_to_resume(client):
    user = UserFactory()
    base = module_create(title="Grundmodul", lessons=3)
    offering = enrol_with_progress(user, base, complete=False)
    elective = module_create(
        title="Digital kriminalitet", kind=ModuleKind.ELECTIVE, lessons=2
    )
    enrol_with_progress(user, elective, complete=True)
    waiting = module_create(title="Bander", kind=ModuleKind.ELECTIVE, lessons=1)
    enrol_with_progress(
        user, waiting, complete=False, status=EnrolmentStatus.WAITLISTED
    )
    # Someone else's enrolment never shows.
    enrol_with_progress(
        UserFactory(),
        module_create(title="Andres modul", lessons=1),
        complete=False,
    )

    client.force_login(user)
    html = client.get(URL).content.decode()
    assert "<h1>Mine forløb</h1>" in html
    assert "Andres modul" not in html
    assert html.count('class="dashboard-item"') == 3
    assert '<span class="badge badge-warning">Venteliste</span>' in html
    assert "Du står på venteliste til dette hold." in html
    assert "Fyns Politi · Webinar" in html
    next_session = offering.sessions.get(venue="Rådhuset, lokale 2")
    local = timezone.localtime(next_session.starts_at)
    assert f"kl. {local:%H:%M}, Rådhuset, lokale 2" in html
    assert "1 af 1 afholdt session indtil nu (100 %)" in html
    assert "Krav: 50 %." in html
    assert (
        f'<progress id="progress-{offering.pk}" max="3" value="1">33 %</progress>'
        in html
    )
    assert "Fremgang i Grundmodul" in html
    assert "1 af 3 obligatoriske lektioner (33 %)" in html
    resume = lessons_of(base)[1]
    assert f'href="{resume.url}">Fortsæt' in html
    assert "2 af 2 obligatoriske lektioner (100 %)" in html
    assert "<h2>Gennemførte moduler</h2>" in html
    today = timezone.localdate()
    assert "<td>Digital kriminalitet</td>" in html
    assert f"<td>{today.day}. " in html
    assert f'href="{reverse("courses:certificate_list")}"' in html


def test_started_modules_without_an_enrolment_are_shown(client):
    user = UserFactory()
    module = module_create(title="Grundmodul", lessons=2)
    lesson_complete(user=user, lesson=lessons_of(module)[0])
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert "Moduler, du er i gang med" in html
    assert "1 af 2 obligatoriske lektioner (50 %)" in html
    assert f'href="{lessons_of(module)[1].url}">Fortsæt' in html
    assert "Du er ikke på et hold endnu" not in html


def test_empty_dashboard_explains_how_enrolment_works(client):
    client.force_login(UserFactory())
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Du er ikke på et hold endnu" in html
    assert "din kommunes eller politikredsens SSP-kontaktperson indstiller" in html
    assert "<progress" not in html


def test_dashboard_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")
    assert reverse("courses:dashboard") == URL
