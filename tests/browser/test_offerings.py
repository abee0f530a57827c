"""Journeys through offerings: an administrator plans with the overview and exports
it; an anonymous visitor finds upcoming offerings in a district and on a module."""

import csv
import io

from django.core.management import call_command
from django.utils import timezone

import pytest
from icalendar import Calendar

from courses.models import ModulePage, Offering
from demo.offerings import demo_offerings_seed
from demo.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.browser.conftest import assert_accessible
from tests.totp import fresh_code

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def demo_site(transactional_db):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    demo_offerings_seed()  # idempotent; the demo seed runs it too


def _log_in_with_code(page, email: str) -> None:
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/konto/2fa/authenticate/")
    assert_accessible(page)
    code = fresh_code(DEMO_TOTP_SECRET)
    page.get_by_label("Kode", exact=True).fill(code)
    page.get_by_role("button", name="Log ind").click()


def _grundmodul_cell(page, district: str) -> str:
    headers = page.locator(".planning-table thead th").all_inner_texts()
    grundmodul = ModulePage.objects.get(slug="grundmodul").title
    column = headers.index(grundmodul)
    row = page.locator(".planning-table tbody tr").filter(
        has=page.get_by_role("rowheader", name=district, exact=True)
    )
    return row.locator("th, td").nth(column).inner_text()


def test_administrator_plans_with_the_overview_and_exports_csv(page):
    year = timezone.localdate().year
    page.goto("/planlaegning/")
    page.wait_for_url("**/konto/login/?next=/planlaegning/")
    assert_accessible(page)
    _log_in_with_code(page, "admin@demo.ssp.test")
    page.wait_for_url("**/planlaegning/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Planlægning {year}"
    assert_accessible(page)

    # The districts that have never had the grundmodul, Bornholm among them.
    missing = page.locator(".missing-districts li").all_inner_texts()
    assert "Bornholms Politi" in missing
    assert "Fyns Politi" not in missing
    assert "Østjyllands Politi" not in missing
    assert "Midt- og Vestjyllands Politi" not in missing  # planned
    had_grundmodul = set(
        Offering.objects.filter(module__slug="grundmodul")
        .exclude(status="aflyst")
        .values_list("politikreds__name", flat=True)
    )
    assert len(missing) == 12 - len(had_grundmodul)

    # Another year: the cells follow the demo offerings of that year.
    target = year + 1
    page.get_by_label("År").select_option(str(target))
    page.get_by_role("button", name="Vis år").click()
    page.wait_for_url(f"**/planlaegning/?aar={target}")
    assert page.get_by_role("heading", level=1).inner_text() == f"Planlægning {target}"
    assert_accessible(page)
    aarhus = Offering.objects.get(module__slug="grundmodul", politikreds_id="1461")
    if aarhus.planned_start.year == target:
        assert _grundmodul_cell(page, "Østjyllands Politi").startswith(
            "Åben for indstilling"
        )
    else:
        assert _grundmodul_cell(page, "Østjyllands Politi") == "Mangler"
    assert _grundmodul_cell(page, "Bornholms Politi") == "Mangler"

    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Hent {target} som CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"planlaegning-{target}.csv"
    with open(download.path(), "rb") as exported:
        content = exported.read()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Politikreds"
    assert ModulePage.objects.get(slug="grundmodul").title in rows[0]
    assert [row[0] for row in rows[1:]][-1] == "Bornholms Politi"
    assert len(rows) == 13


def test_visitor_finds_offerings_in_a_district_and_on_the_module(page):
    page.goto("/hold/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kommende hold"
    assert page.get_by_text("Du kan ikke tilmelde dig selv.").is_visible()
    assert_accessible(page)
    districts = page.locator(".offering-district h2").all_inner_texts()
    assert "Østjyllands Politi" in districts
    assert "Nordjyllands Politi" in districts
    # The cancelled offering is still listed, as cancelled, until its dates have
    # passed; the held grundmodul in Fyn is not (Fyn's section has only its planned
    # webinar).
    cancelled = page.locator(".offering-district").filter(
        has=page.get_by_role("heading", name="Syd- og Sønderjyllands Politi")
    )
    assert "Aflyst. Ingen af holdets sessioner bliver afholdt." in (
        cancelled.inner_text()
    )
    fyn = page.locator(".offering-district").filter(
        has=page.get_by_role("heading", name="Fyns Politi", exact=True)
    )
    assert "Grundmodul" not in fyn.inner_text()

    page.get_by_label("Politikreds").select_option(label="Østjyllands Politi")
    page.get_by_role("button", name="Vis hold").click()
    page.wait_for_url("**/hold/?politikreds=1461")
    assert page.locator(".offering-district h2").all_inner_texts() == [
        "Østjyllands Politi"
    ]
    assert page.get_by_text("Åben for indstilling").count() == 1
    assert_accessible(page)

    grundmodul = ModulePage.objects.get(slug="grundmodul")
    page.get_by_role("link", name=grundmodul.title, exact=True).click()
    page.wait_for_url(f"**{grundmodul.url}")
    assert page.get_by_role("heading", level=1).inner_text() == grundmodul.title
    upcoming = page.locator(".module-offerings")
    assert upcoming.get_by_role("heading", level=3).all_inner_texts() == [
        "Østjyllands Politi",
        "Midt- og Vestjyllands Politi",
    ]
    assert upcoming.locator(".offering-sessions li").count() == 3 + 2
    assert_accessible(page)


def test_participant_subscribes_to_their_calendar_and_resets_the_address(page):
    page.goto("/mine-forloeb/kalender/")
    page.wait_for_url("**/konto/login/?next=/mine-forloeb/kalender/")
    page.get_by_label("E-mail").fill("deltager.aarhus@demo.ssp.test")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/mine-forloeb/kalender/")
    assert page.get_by_role("heading", level=1).inner_text() == "Din kalender"
    assert_accessible(page)
    address = page.get_by_label("Din kalenderadresse").input_value()
    feed = page.request.get(address)
    assert feed.status == 200
    calendar = Calendar.from_ical(feed.body())
    # The confirmed place in Østjylland: its three sessions.
    assert len(calendar.walk("VEVENT")) == 3

    page.get_by_role("button", name="Lav en ny kalenderadresse").click()
    page.wait_for_url("**/mine-forloeb/kalender/")
    assert page.get_by_text("Din kalender har fået en ny adresse.").is_visible()
    assert_accessible(page)
    new_address = page.get_by_label("Din kalenderadresse").input_value()
    assert new_address != address
    assert page.request.get(address).status == 404
    assert page.request.get(new_address).status == 200
