"""The public list of upcoming offerings, the module page's offerings, the offering
services and the demo offerings."""

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.models import Politikreds
from courses.models import (
    Enrolment,
    ModuleKind,
    ModulePage,
    Offering,
    OfferingStatus,
    Session,
)
from courses.selectors.offerings import offerings_upcoming
from courses.services.offerings import offering_cancel, offering_save, session_save
from demo.offerings import demo_offerings_seed
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    OfferingFactory,
    SessionFactory,
    catalogue,
    module_create,
)

pytestmark = pytest.mark.django_db

URL = "/hold/"
EXPLANATION = "Du kan ikke tilmelde dig selv."


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _measured_get(client, url):
    """A full render (the anonymous page cache emptied first) and its queries."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


@pytest.fixture
def grund():
    return module_create(title="Grundmodul", kind=ModuleKind.BASE, lessons=0)


@pytest.fixture
def digital():
    return module_create(
        title="Digital kriminalitet blandt unge",
        kind=ModuleKind.ELECTIVE,
        lessons=0,
    )


def _offering(module, code, start, status=OfferingStatus.OPEN, **kwargs):
    return OfferingFactory(
        module=module,
        politikreds=Politikreds.objects.get(code=code),
        planned_start=start,
        enrolment_deadline=start - datetime.timedelta(days=14),
        status=status,
        **kwargs,
    )


def test_url_names():
    assert reverse("courses:offerings") == URL
    assert reverse("courses:offering_ics", args=[7]) == "/hold/7.ics"


def test_upcoming_selects_future_and_running_offerings_only(grund, digital):
    future = _offering(grund, "1465", _days(20))
    running = _offering(digital, "1461", _days(-10))  # started, a session to come
    SessionFactory(offering=running, starts_at=_at(_days(-10), 9))
    SessionFactory(offering=running, starts_at=_at(_days(5), 9))
    past = _offering(grund, "1461", _days(-30))
    SessionFactory(offering=past, starts_at=_at(_days(-30), 9))
    cancelled_future_session = _offering(digital, "1470", _days(-5))
    SessionFactory(
        offering=cancelled_future_session,
        starts_at=_at(_days(3), 9),
        is_cancelled=True,
    )
    cancelled = _offering(grund, "1470", _days(30), status=OfferingStatus.CANCELLED)
    _offering(grund, "1470", _days(-30), status=OfferingStatus.CANCELLED)  # long gone
    _offering(grund, "1471", _days(30), status=OfferingStatus.HELD)
    unpublished = module_create(title="Kladde", kind=ModuleKind.ELECTIVE)
    unpublished.unpublish()
    _offering(unpublished, "1465", _days(30))

    # A cancelled offering stays listed (as cancelled) until its dates have passed.
    assert sorted(o.pk for o in offerings_upcoming()) == sorted(
        [future.pk, running.pk, cancelled.pk]
    )
    assert [o.pk for o in offerings_upcoming(politikreds_code="1461")] == [running.pk]
    assert [o.pk for o in offerings_upcoming(module=grund)] == [
        future.pk,
        cancelled.pk,
    ]


def test_public_page_groups_by_district_with_dates_and_deadline(client, grund, digital):
    fyn = _offering(grund, "1465", datetime.date(2030, 3, 4), seats=30)
    SessionFactory(
        offering=fyn,
        title="Dag 1",
        starts_at=_at(datetime.date(2030, 3, 4), 9),
        ends_at=_at(datetime.date(2030, 3, 4), 15),
        venue="Odense Rådhus, Flakhaven 2",
    )
    _offering(digital, "1461", datetime.date(2030, 5, 6))
    _offering(grund, "1460", datetime.date(2030, 1, 10))
    response = client.get(URL)
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.politikreds.code for g in groups] == ["1460", "1461", "1465"]
    html = response.content.decode()
    assert EXPLANATION in html
    assert "SSP-kontaktperson eller politiet i din politikreds" in html
    assert "Fyns Politi" in html
    assert "mandag 4. marts 2030, kl. 09:00–15:00" in html
    assert "Odense Rådhus, Flakhaven 2" in html
    assert "18. februar 2030" in html  # nomination deadline
    assert "Åben for indstilling" in html
    assert f'href="/hold/{fyn.pk}.ics"' in html
    assert "Planlagt til at starte i maj 2030; datoerne følger." in html


def test_public_page_filters_by_district(client, grund, digital):
    _offering(grund, "1465", _days(20))
    _offering(digital, "1461", _days(30))
    response = client.get(URL, {"politikreds": "1465"})
    assert response.status_code == 200
    assert response.context["error"] == ""
    assert [g.politikreds.code for g in response.context["groups"]] == ["1465"]
    assert '<option value="1465" selected>Fyns Politi</option>' in (
        response.content.decode()
    )


def test_district_without_offerings_says_so(client, grund):
    _offering(grund, "1465", _days(20))
    response = client.get(URL, {"politikreds": "1471"})
    assert response.context["groups"] == []
    assert "Der er endnu ingen kommende hold i denne politikreds." in (
        response.content.decode()
    )


@pytest.mark.parametrize("bad", ["9999", "abc", "1465x"])
def test_unknown_district_gives_a_danish_message_and_shows_all(client, grund, bad):
    _offering(grund, "1465", _days(20))
    _offering(grund, "1461", _days(20))
    response = client.get(URL, {"politikreds": bad})
    assert response.status_code == 200
    message = f"Vi kender ikke politikredsen »{bad}«. Viser alle politikredse."
    assert response.context["error"] == message
    assert message in response.content.decode()
    assert [g.politikreds.code for g in response.context["groups"]] == [
        "1461",
        "1465",
    ]


def test_public_page_runs_a_fixed_number_of_queries(client, grund, digital):
    _offering(grund, "1465", _days(20))
    _response, few = _measured_get(client, URL)
    for code in ("1460", "1461", "1462", "1463", "1464", "1466"):
        for module in (grund, digital):
            offering = _offering(module, code, _days(40))
            SessionFactory(offering=offering, starts_at=_at(_days(40), 9))
            SessionFactory(offering=offering, starts_at=_at(_days(41), 9))
    response, many = _measured_get(client, URL)
    assert len(response.context["groups"]) == 7
    assert many == few


def test_module_page_shows_its_upcoming_offerings(client, grund, digital):
    own = _offering(grund, "1461", datetime.date(2030, 9, 2))
    SessionFactory(
        offering=own,
        starts_at=_at(datetime.date(2030, 9, 2), 9),
        ends_at=_at(datetime.date(2030, 9, 2), 15),
    )
    _offering(digital, "1465", datetime.date(2030, 9, 3))
    response = client.get(grund.url)
    assert response.status_code == 200
    assert [o.pk for o in response.context["upcoming_offerings"]] == [own.pk]
    html = response.content.decode()
    assert "Kommende hold" in html
    assert "Østjyllands Politi" in html
    assert "Fyns Politi" not in html
    assert "mandag 2. september 2030" in html
    assert EXPLANATION in html


def test_module_page_without_offerings_says_so(client, grund):
    response = client.get(grund.url)
    assert "Modulet har endnu ingen kommende hold." in response.content.decode()


def test_module_page_runs_a_fixed_number_of_queries(client, grund):
    _offering(grund, "1465", _days(20))
    _response, few = _measured_get(client, grund.url)
    for code in ("1460", "1461", "1462", "1463"):
        offering = _offering(grund, code, _days(30))
        SessionFactory(offering=offering, starts_at=_at(_days(30), 9))
        SessionFactory(offering=offering, starts_at=_at(_days(31), 9))
    response, many = _measured_get(client, grund.url)
    assert len(response.context["upcoming_offerings"]) == 5
    assert many == few


# Services ---------------------------------------------------------------------------


def test_offering_save_refuses_bad_offerings_in_danish(grund):
    offering = Offering(
        module=grund,
        politikreds=Politikreds.objects.get(code="1465"),
        planned_start=_days(10),
        enrolment_deadline=_days(11),
        seats=0,
    )
    with pytest.raises(ValidationError) as error:
        offering_save(offering=offering)
    assert error.value.message_dict == {
        "enrolment_deadline": [
            "Fristen for indstilling skal ligge på eller før starten."
        ],
        "seats": ["Et hold skal have mindst én plads."],
    }
    assert Offering.objects.count() == 0


def test_session_save_refuses_a_session_that_ends_before_it_starts(grund):
    offering = _offering(grund, "1465", _days(10))
    session = Session(
        offering=offering,
        starts_at=_at(_days(10), 12),
        ends_at=_at(_days(10), 12),
    )
    with pytest.raises(ValidationError) as error:
        session_save(session=session)
    assert error.value.message_dict == {
        "ends_at": ["En session skal slutte efter, at den er begyndt."]
    }
    assert Session.objects.count() == 0


def test_offering_cancel_bumps_sequences_once(grund):
    offering = _offering(grund, "1465", _days(10))
    session = SessionFactory(offering=offering)
    offering_cancel(offering=offering)
    offering_cancel(offering=offering)
    offering.refresh_from_db()
    session.refresh_from_db()
    assert offering.status == OfferingStatus.CANCELLED
    assert (offering.ical_sequence, session.ical_sequence) == (1, 1)


# Demo data --------------------------------------------------------------------------


DEMO_SLUGS = {
    "grundmodul": ModuleKind.BASE,
    "lovgivning-og-informationsudveksling": ModuleKind.ELECTIVE,
    "digital-kriminalitet-blandt-unge": ModuleKind.ELECTIVE,
    "bander-og-rekruttering-af-unge": ModuleKind.ELECTIVE,
}


def _demo_modules_and_people():
    parent = catalogue()
    for slug, kind in DEMO_SLUGS.items():
        parent.add_child(
            instance=ModulePage(title=slug, slug=slug, kind=kind, summary="Resumé")
        )
    for email in (
        "admin@demo.ssp.test",
        "deltager.aarhus@demo.ssp.test",
        "deltager.odense@demo.ssp.test",
    ):
        UserFactory(email=email)


def test_demo_offerings_seed_is_idempotent_and_realistic():
    _demo_modules_and_people()
    demo_offerings_seed()
    demo_offerings_seed()
    offerings = Offering.objects.select_related("module", "politikreds")
    assert offerings.count() == 7
    summary = sorted(
        (o.module.slug, o.politikreds_id, o.status, o.format) for o in offerings
    )
    assert summary == [
        ("bander-og-rekruttering-af-unge", "1464", "aflyst", "webinar"),
        ("digital-kriminalitet-blandt-unge", "1465", "planlagt", "webinar"),
        ("digital-kriminalitet-blandt-unge", "1470", "bekraeftet", "fysisk"),
        ("grundmodul", "1461", "aaben", "hybrid"),
        ("grundmodul", "1462", "planlagt", "fysisk"),
        ("grundmodul", "1465", "afholdt", "fysisk"),
        ("lovgivning-og-informationsudveksling", "1460", "aaben", "webinar"),
    ]
    now = timezone.now()
    held = offerings.get(politikreds_id="1465", module__slug="grundmodul")
    assert all(s.ends_at < now for s in held.sessions.all())
    upcoming = offerings.get(module__slug="grundmodul", politikreds_id="1461")
    assert upcoming.sessions.count() == 3
    assert all(s.starts_at > now for s in upcoming.sessions.all())
    assert upcoming.enrolment_deadline > timezone.localdate()
    assert sorted(
        Enrolment.objects.values_list(
            "user__email", "offering__politikreds_id", "status"
        )
    ) == [
        ("deltager.aarhus@demo.ssp.test", "1461", "bekraeftet"),
        ("deltager.odense@demo.ssp.test", "1465", "bekraeftet"),
    ]
    assert all(
        [u.email for u in o.responsible.all()] == ["admin@demo.ssp.test"]
        for o in offerings
    )
    assert Session.objects.count() == 13
    # The held offering is not upcoming; five are, and the cancelled one is still
    # listed (as cancelled) until its dates have passed.
    assert offerings_upcoming().count() == 6
    assert offerings_upcoming().filter(status=OfferingStatus.CANCELLED).count() == 1


def test_demo_offerings_seed_does_nothing_without_modules_and_users():
    demo_offerings_seed()
    assert Offering.objects.count() == 0
