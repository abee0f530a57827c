"""Journeys through the foundation: home page, language, login, MFA for staff."""

from django.core.management import call_command

import pytest

from demo.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.browser.conftest import assert_accessible
from tests.totp import fresh_code

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.smoke,
]


@pytest.fixture(autouse=True)
def demo_site(transactional_db):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)


def _log_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


def test_home_page_is_danish_accessible_and_keyboard_friendly(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("heading", level=1).inner_text() == "SSP-uddannelsen"
    assert_accessible(page)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Gå til indhold")
    assert skip_link.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Moduler"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Moduler"
    assert_accessible(page)
    page.get_by_role("link", name="Tilgængelighedserklæring").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Tilgængelighedserklæring"
    )
    assert_accessible(page)


def test_switch_to_english_and_back(page):
    page.goto("/")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Go to content").count() == 1
    assert_accessible(page)
    page.get_by_role("link", name="Dansk").click()
    assert page.locator("html").get_attribute("lang") == "da"


def test_participant_logs_in_with_email(page):
    page.goto("/")
    page.get_by_role("link", name="Log ind").click()
    assert page.url.endswith("/konto/login/?next=/")
    assert_accessible(page)

    _log_in(page, "deltager.aarhus@demo.ssp.test", "forkert-kodeord")
    assert (
        page.get_by_text("E-mailadressen eller adgangskoden er ikke korrekt.").count()
        >= 1
    )
    assert_accessible(page)

    _log_in(page, "deltager.aarhus@demo.ssp.test")
    page.wait_for_url("**/")
    assert page.get_by_text("Ditte Deltager", exact=True).is_visible()
    page.get_by_role("link", name="Min konto").click()
    assert page.get_by_text("Aarhus Kommune").first.is_visible()
    assert page.get_by_text("Østjyllands Politi").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Log ud").click()
    assert page.get_by_role("link", name="Log ind").is_visible()


def test_administrator_must_give_an_authenticator_code_to_reach_the_admin(page):
    page.goto("/admin/")
    page.wait_for_url("**/konto/login/?next=/admin/")
    assert_accessible(page)
    _log_in(page, "admin@demo.ssp.test")

    page.wait_for_url("**/konto/2fa/authenticate/")
    assert_accessible(page)
    page.get_by_label("Kode", exact=True).fill(fresh_code(DEMO_TOTP_SECRET))
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/admin/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("heading", name="SSP-uddannelsen").count() >= 1
