"""The planning overview: the district × module matrix, the districts without the
grundmodul, the exports, and who may see them."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from openpyxl import load_workbook

from accounts.models import Politikreds
from accounts.roles import Role
from courses.models import ModuleKind, OfferingStatus
from courses.selectors.offerings import CellState, planning_matrix
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory, SessionFactory, module_create

pytestmark = pytest.mark.django_db

URL = "/planlaegning/"


@pytest.fixture
def admin_client(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(user)
    return client


@pytest.fixture
def modules():
    grund = module_create(title="Grundmodul", kind=ModuleKind.BASE, lessons=0)
    digital = module_create(
        title="Digital kriminalitet", kind=ModuleKind.ELECTIVE, lessons=0
    )
    return grund, digital


def _district(code):
    return Politikreds.objects.get(code=code)


def _offering(module, code, start, status, **kwargs):
    return OfferingFactory(
        module=module,
        politikreds=_district(code),
        planned_start=start,
        enrolment_deadline=start - datetime.timedelta(days=10),
        status=status,
        **kwargs,
    )


def _cell(matrix, code, module):
    row = next(r for r in matrix.rows if r.politikreds.code == code)
    return next(c for c in row.cells if c.module.pk == module.pk)


def test_url_name():
    assert reverse("courses:planning") == URL


def test_matrix_marks_held_planned_and_missing(modules):
    grund, digital = modules
    held = _offering(grund, "1465", datetime.date(2026, 3, 2), OfferingStatus.HELD)
    SessionFactory(
        offering=held,
        starts_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 9)),
        ends_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 15)),
    )
    SessionFactory(
        offering=held,
        starts_at=timezone.make_aware(datetime.datetime(2026, 3, 9, 9)),
        ends_at=timezone.make_aware(datetime.datetime(2026, 3, 9, 15)),
    )
    SessionFactory(  # a cancelled session is not one of the dates
        offering=held,
        is_cancelled=True,
        starts_at=timezone.make_aware(datetime.datetime(2026, 3, 16, 9)),
        ends_at=timezone.make_aware(datetime.datetime(2026, 3, 16, 15)),
    )
    _offering(grund, "1461", datetime.date(2026, 10, 1), OfferingStatus.OPEN)
    _offering(digital, "1470", datetime.date(2026, 5, 1), OfferingStatus.CANCELLED)
    _offering(digital, "1461", datetime.date(2025, 5, 1), OfferingStatus.HELD)

    matrix = planning_matrix(year=2026)

    assert matrix.year == 2026
    assert [m.title for m in matrix.modules] == ["Grundmodul", "Digital kriminalitet"]
    assert [r.politikreds.code for r in matrix.rows] == [
        str(code) for code in range(1460, 1472)
    ]
    fyn = _cell(matrix, "1465", grund)
    assert fyn.state == CellState.HELD
    assert [e.dates for e in fyn.entries] == [
        (datetime.date(2026, 3, 2), datetime.date(2026, 3, 9))
    ]
    aarhus = _cell(matrix, "1461", grund)
    assert aarhus.state == CellState.PLANNED
    assert [(e.status, e.dates) for e in aarhus.entries] == [
        ("aaben", (datetime.date(2026, 10, 1),))
    ]
    # Cancelled runs do not count, and other years are other columns of time.
    assert _cell(matrix, "1470", digital).state == CellState.MISSING
    assert _cell(matrix, "1461", digital).state == CellState.MISSING
    states = [c.state for r in matrix.rows for c in r.cells]
    assert states.count(CellState.MISSING) == 22
    assert [d.code for d in matrix.districts_without_grundmodul] == [
        "1460",
        "1462",
        "1463",
        "1464",
        "1466",
        "1467",
        "1468",
        "1469",
        "1470",
        "1471",
    ]


def test_grundmodul_in_any_year_counts_but_a_cancelled_one_does_not(modules):
    grund, _digital = modules
    _offering(grund, "1471", datetime.date(2019, 4, 1), OfferingStatus.HELD)
    _offering(grund, "1460", datetime.date(2031, 4, 1), OfferingStatus.PLANNED)
    _offering(grund, "1462", datetime.date(2026, 4, 1), OfferingStatus.CANCELLED)
    codes = [d.code for d in planning_matrix(year=2026).districts_without_grundmodul]
    assert "1471" not in codes
    assert "1460" not in codes
    assert "1462" in codes
    assert len(codes) == 10


def test_unpublished_modules_are_not_columns(modules):
    grund, digital = modules
    digital.unpublish()
    assert [m.pk for m in planning_matrix(year=2026).modules] == [grund.pk]


def test_selector_runs_a_fixed_number_of_queries(modules, django_assert_num_queries):
    grund, digital = modules
    _offering(grund, "1471", datetime.date(2026, 2, 1), OfferingStatus.HELD)
    with django_assert_num_queries(6):
        planning_matrix(year=2026)
    for code in ("1460", "1461", "1462", "1463", "1464", "1465"):
        for module in (grund, digital):
            offering = _offering(
                module, code, datetime.date(2026, 6, 1), OfferingStatus.CONFIRMED
            )
            SessionFactory(offering=offering)
            SessionFactory(offering=offering)
    with django_assert_num_queries(6):
        matrix = planning_matrix(year=2026)
    assert sum(1 for r in matrix.rows for c in r.cells if c.entries) == 13


def test_page_shows_matrix_and_missing_districts(admin_client, modules):
    grund, _digital = modules
    year = timezone.localdate().year
    _offering(grund, "1465", datetime.date(year, 3, 2), OfferingStatus.HELD)
    response = admin_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Planlægning {year}" in html
    assert "Afholdt" in html
    assert "Mangler" in html
    assert "Politikredse, der endnu mangler grundmodulet" in html
    missing = [d.name for d in response.context["matrix"].districts_without_grundmodul]
    assert "Fyns Politi" not in missing
    assert "Bornholms Politi" in missing


def test_year_parameter_chooses_the_year(admin_client, modules):
    response = admin_client.get(URL, {"aar": "2024"})
    assert response.status_code == 200
    assert response.context["matrix"].year == 2024
    assert response.context["error"] == ""
    assert "Planlægning 2024" in response.content.decode()


@pytest.mark.parametrize("bad", ["abc", "99999", "1800", "-1", "2026.5"])
def test_bad_year_gives_a_danish_message_and_the_current_year(
    admin_client, modules, bad
):
    response = admin_client.get(URL, {"aar": bad})
    assert response.status_code == 200
    year = timezone.localdate().year
    assert response.context["matrix"].year == year
    assert response.context["error"] == (
        f"»{bad}« er ikke et år, planlægningen dækker (2015–{year + 10}). "
        f"Viser {year} i stedet."
    )
    assert f"Viser {year} i stedet." in response.content.decode()


def test_csv_export_is_utf8_with_bom_and_semicolons(admin_client, modules):
    grund, digital = modules
    offering = _offering(
        grund, "1461", datetime.date(2026, 9, 7), OfferingStatus.CONFIRMED
    )
    SessionFactory(
        offering=offering,
        starts_at=timezone.make_aware(datetime.datetime(2026, 9, 7, 9)),
        ends_at=timezone.make_aware(datetime.datetime(2026, 9, 7, 15)),
    )
    response = admin_client.get(URL, {"aar": "2026", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="planlaegning-2026.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == ["Politikreds", "Grundmodul", "Digital kriminalitet"]
    assert len(rows) == 13
    assert rows[2] == ["Østjyllands Politi", "Bekræftet 07.09.2026", "Mangler"]
    assert rows[12] == ["Bornholms Politi", "Mangler", "Mangler"]


def test_xlsx_export_has_the_same_matrix(admin_client, modules):
    grund, _digital = modules
    _offering(grund, "1465", datetime.date(2026, 4, 20), OfferingStatus.HELD)
    response = admin_client.get(URL, {"aar": "2026", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert sheet.title == "2026"
    assert values[0] == ["Politikreds", "Grundmodul", "Digital kriminalitet"]
    assert values[6] == ["Fyns Politi", "Afholdt 20.04.2026", "Mangler"]
    assert len(values) == 13


def test_export_with_a_bad_year_is_refused_in_danish(admin_client, modules):
    response = admin_client.get(URL, {"aar": "abc", "format": "csv"})
    assert response.status_code == 400
    assert "»abc« er ikke et år, planlægningen dækker" in response.content.decode()


def test_unknown_export_format_is_refused_in_danish(admin_client, modules):
    response = admin_client.get(URL, {"format": "pdf"})
    assert response.status_code == 400
    assert response.content.decode() == "Ukendt eksportformat. Vælg CSV eller XLSX."


@pytest.mark.parametrize("query", [{}, {"format": "csv"}, {"format": "xlsx"}])
def test_anonymous_visitor_is_sent_to_login(client, query):
    response = client.get(URL, query)
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/?next=/planlaegning/")


@pytest.mark.parametrize(
    "role", [Role.PARTICIPANT, Role.MUNICIPAL_CONTACT, Role.PRESENTER]
)
@pytest.mark.parametrize("query", [{}, {"format": "csv"}, {"format": "xlsx"}])
def test_non_administrators_get_403(client, role, query):
    client.force_login(UserFactory(roles=[role]))
    response = client.get(URL, query)
    assert response.status_code == 403
    assert b"Grundmodul" not in response.content
