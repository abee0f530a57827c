"""The enrolment dialogue end to end, in a real browser, with every role: the
administrator invites Fyn, two municipal contacts and the police contact nominate and
write, the administrator confirms and wait-lists, a participant cancels, and the first
on the waiting list creates a login from the e-mail and accepts the offered seat."""

import datetime
import re

from django.core.management import call_command
from django.utils import timezone

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from accounts.services import user_create
from core.models import ScheduledEmail
from courses.models import (
    Enrolment,
    ModulePage,
    Offering,
    OfferingFormat,
    OfferingStatus,
    Session,
)
from demo.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.browser.conftest import assert_accessible
from tests.totp import fresh_code

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_PASSWORD = "ssp-ventelisten-virker-2026"


@pytest.fixture
def offering(transactional_db):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    user_create(
        email="kontakt.svendborg@demo.ssp.test",
        first_name="Lars",
        last_name="Svendsen",
        organisation=Organisation.objects.get(name="Svendborg Kommune"),
        sector="skole",
        roles=(Role.MUNICIPAL_CONTACT,),
        password=DEMO_PASSWORD,
        email_verified=True,
    )
    start = timezone.localdate() + datetime.timedelta(days=45)
    offering = Offering.objects.create(
        module=ModulePage.objects.get(slug="bander-og-rekruttering-af-unge"),
        politikreds_id="1465",
        format=OfferingFormat.WEBINAR,
        status=OfferingStatus.PLANNED,
        planned_start=start,
        enrolment_deadline=start - datetime.timedelta(days=20),
        seats=2,
    )
    Session.objects.create(
        offering=offering,
        title="Webinar",
        starts_at=timezone.now() + datetime.timedelta(days=45),
        ends_at=timezone.now() + datetime.timedelta(days=45, hours=2),
        venue="Online",
    )
    return offering


def log_in(page, email: str, password: str = DEMO_PASSWORD, *, totp=False) -> None:
    page.goto("/konto/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    if totp:
        page.wait_for_url("**/konto/2fa/authenticate/")
        code = fresh_code(DEMO_TOTP_SECRET)
        page.get_by_label("Kode", exact=True).fill(code)
        page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(re.compile(r".*/(?!konto/).*"))


def nominate(page, first: str, last: str, email: str, job: str) -> None:
    page.get_by_label("Fornavn").fill(first)
    page.get_by_label("Efternavn").fill(last)
    page.get_by_label("Arbejds-e-mail").fill(email)
    page.get_by_label("Stilling", exact=True).fill(job)
    page.get_by_label("Sektor").select_option("social")
    page.get_by_role("button", name="Indstil", exact=True).click()
    page.wait_for_load_state()
    assert (
        page.locator(".alert-success")
        .inner_text()
        .strip()
        .endswith(f"{first} {last} er indstillet.")
    )


def open_invitation(page) -> None:
    page.goto("/tilmelding/")
    assert_accessible(page)
    page.get_by_role("link", name="Bander og rekruttering af unge").click()
    page.wait_for_url("**/tilmelding/*/")
    assert_accessible(page)


def decide(page, names: list[str], decision: str) -> None:
    for name in names:
        page.get_by_label(f"Vælg {name}").check()
    page.get_by_label(decision, exact=True).check()
    page.get_by_role("button", name="Gem afgørelsen").click()
    page.wait_for_load_state()
    assert "Afgørelsen er gemt" in page.locator(".alert-success").inner_text()


def test_from_invitation_to_a_promoted_waiting_list_seat(new_page, offering):
    overview_url = f"/planlaegning/hold/{offering.pk}/tilmelding/"

    # 1. The administrator invites the district.
    admin = new_page()
    log_in(admin, "admin@demo.ssp.test", totp=True)
    admin.goto(overview_url)
    assert_accessible(admin)
    admin.get_by_role("button", name=re.compile(r"^Invitér \d+ organisationer")).click()
    admin.wait_for_load_state()
    assert "organisationer er inviteret" in admin.locator(".alert-success").inner_text()
    assert_accessible(admin)

    # 2. Odense's contact nominates two, then puts the second first.
    odense = new_page()
    log_in(odense, "kontakt.odense@demo.ssp.test")
    open_invitation(odense)
    nominate(odense, "Ida", "Holm", "ida.holm@odense.test", "Klubmedarbejder")
    nominate(odense, "Sofie", "Lund", "deltager.odense@demo.ssp.test", "SSP-konsulent")
    odense.get_by_role("button", name="Flyt op Sofie Lund").click()
    odense.wait_for_load_state()
    assert odense.locator(".nomination strong").all_inner_texts() == [
        "Sofie Lund",
        "Ida Holm",
    ]
    assert_accessible(odense)

    # 3. Svendborg's contact nominates one and writes to Socialstyrelsen.
    svendborg = new_page()
    log_in(svendborg, "kontakt.svendborg@demo.ssp.test")
    open_invitation(svendborg)
    nominate(svendborg, "Mads", "Krog", "mads.krog@svendborg.test", "Lærer")
    # A message that may identify a child is asked about first (and passes axe).
    svendborg.get_by_label("Besked").fill("Ahmed (14) i 7.b er med i vores sag.")
    svendborg.get_by_role("button", name="Send besked").click()
    svendborg.wait_for_load_state()
    assert svendborg.get_by_text("Kan et barn genkendes?").is_visible()
    assert_accessible(svendborg)
    svendborg.get_by_label("Besked").fill("Mads kan kun deltage online. Går det?")
    svendborg.get_by_role("button", name="Send besked").click()
    svendborg.wait_for_load_state()
    assert "Din besked er sendt." in svendborg.locator(".alert-success").inner_text()
    assert_accessible(svendborg)

    # 4. The police contact nominates one.
    police = new_page()
    log_in(police, "politi.fyn@demo.ssp.test")
    open_invitation(police)
    nominate(police, "Per", "Bak", "per.bak@politi.test", "Forebyggelsesbetjent")

    # 5. The administrator sees the unread message, confirms Odense's two and
    #    wait-lists Svendborg's, then the police's nominee.
    admin.goto(overview_url)
    svendborg_group = admin.locator("section.enrolment-group").filter(
        has_text="Svendborg Kommune"
    )
    assert "1 ulæst" in svendborg_group.inner_text()
    assert_accessible(admin)
    decide(admin, ["Sofie Lund", "Ida Holm"], "Bekræft")
    assert "2 af 2 pladser er besat, 0 er ledige." in admin.content()
    decide(admin, ["Mads Krog"], "Sæt på venteliste")
    decide(admin, ["Per Bak"], "Sæt på venteliste")
    assert admin.locator("ol li").filter(has_text="Mads Krog").count() == 1
    assert_accessible(admin)

    # 6. A confirmed participant cancels from "Mine forløb".
    participant = new_page()
    log_in(participant, "deltager.odense@demo.ssp.test")
    participant.goto("/mine-forloeb/")
    assert_accessible(participant)
    participant.get_by_role(
        "link", name="Afmeld din plads på Bander og rekruttering af unge"
    ).click()
    participant.wait_for_url("**/afmeld/")
    assert_accessible(participant)
    participant.get_by_role("button", name="Ja, afmeld pladsen").click()
    participant.wait_for_url("**/mine-forloeb/")
    assert "Pladsen er afmeldt." in participant.locator(".alert-success").inner_text()

    # 7. Mads, first on the waiting list, creates his login from the e-mail and
    #    accepts the seat offered to him.
    account_email = ScheduledEmail.objects.get(
        to_address="mads.krog@svendborg.test", key__startswith="account-invitation:"
    )
    link = re.search(
        r"http://\S+/konto/password/reset/key/\S+", account_email.body_text
    )
    path = "/" + link.group(0).split("/", 3)[3]
    mads = new_page()
    mads.goto(path)
    mads.wait_for_url("**/konto/password/reset/key/**")
    assert_accessible(mads)
    mads.locator("input[name=password1]").fill(NEW_PASSWORD)
    mads.locator("input[name=password2]").fill(NEW_PASSWORD)
    mads.get_by_role("button", name="Skift adgangskode").click()
    mads.wait_for_url("**/konto/password/reset/key/done/")
    log_in(mads, "mads.krog@svendborg.test", NEW_PASSWORD)
    mads.goto("/mine-forloeb/")
    assert "Plads tilbudt" in mads.content()
    assert_accessible(mads)
    mads.get_by_role(
        "button", name="Tag imod pladsen på Bander og rekruttering af unge"
    ).click()
    mads.wait_for_url("**/mine-forloeb/")
    assert "Velkommen på holdet" in mads.locator(".alert-success").inner_text()
    assert_accessible(mads)

    statuses = dict(
        Enrolment.objects.filter(offering=offering).values_list("user__email", "status")
    )
    assert statuses == {
        "deltager.odense@demo.ssp.test": "afmeldt",
        "ida.holm@odense.test": "bekraeftet",
        "mads.krog@svendborg.test": "bekraeftet",
        "per.bak@politi.test": "venteliste",
    }

    # 8. The audit trail tells the whole story.
    admin.goto(f"/planlaegning/hold/{offering.pk}/log/")
    trail = admin.locator("tbody").inner_text()
    for event in (
        "Organisation inviteret",
        "Person indstillet",
        "Prioritet ændret",
        "Besked",
        "Bekræftet",
        "Sat på venteliste",
        "Afmeldt",
        "Tilbudt en plads fra ventelisten",
        "Tog imod den tilbudte plads",
    ):
        assert event in trail, event
    assert_accessible(admin)
