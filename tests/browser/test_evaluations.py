"""A participant answers the evaluation from the link in the e-mail, without logging
in; an administrator reads the report, sees a small district suppressed and
downloads it as CSV. axe on every page."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command

import pytest

from demo.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET
from evaluations.models import Invitation, Response
from evaluations.tasks import evaluations_send_due_task
from tests.browser.conftest import assert_accessible
from tests.totp import fresh_code

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def invitation_link(transactional_db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    evaluations_send_due_task.apply()
    message = next(
        message
        for message in mail.outbox
        if message.to == ["deltager.odense@demo.ssp.test"]
        and message.subject == "Evaluering: Evaluering af modulet"
    )
    url = re.search(r"https?://\S+/evaluering/svar/\S+/", message.body).group(0)
    return urlsplit(url).path


def test_participant_answers_and_administrator_reads_the_report(
    new_page, invitation_link
):
    participant = new_page()
    participant.goto(invitation_link)
    assert participant.get_by_role("heading", level=1).inner_text() == (
        "Evaluering af modulet"
    )
    assert_accessible(participant)

    # Sending without the required answers: Danish errors, nothing stored.
    participant.get_by_role("button", name="Send svar").click()
    assert participant.get_by_text("Ret venligst følgende").is_visible()
    assert_accessible(participant)
    assert not Response.objects.filter(offering__politikreds_id="1465").count() > 9

    relevant = participant.get_by_role(
        "group", name=re.compile("Modulets indhold var relevant")
    )
    relevant.get_by_label("Meget enig").check()
    participant.get_by_role("group", name=re.compile("formidlede")).get_by_label(
        "Enig", exact=True
    ).check()
    participant.get_by_role("group", name=re.compile("anbefale")).get_by_label(
        "9", exact=True
    ).check()
    participant.get_by_role("group", name=re.compile("Hvad vil du bruge")).get_by_label(
        "Netværket fra modulet"
    ).check()
    participant.get_by_label(re.compile("Hvad kunne have gjort modulet bedre")).fill(
        "Flere øvelser."
    )
    participant.get_by_role("button", name="Send svar").click()
    participant.wait_for_url("**/evaluering/tak/")
    assert participant.get_by_role("heading", level=1).inner_text() == (
        "Tak for dine svar"
    )
    assert_accessible(participant)
    invitation = Invitation.objects.get(user__email="deltager.odense@demo.ssp.test")
    assert invitation.responded_at is not None
    assert Response.objects.filter(offering__politikreds_id="1465").count() == 10

    # The link cannot be used again.
    participant.goto(invitation_link)
    assert participant.get_by_text("Du har allerede besvaret").is_visible()
    assert_accessible(participant)

    admin = new_page()
    admin.goto("/konto/login/?next=/evaluering/rapporter/")
    admin.get_by_label("E-mail").fill("admin@demo.ssp.test")
    admin.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    admin.get_by_role("button", name="Log ind").click()
    admin.wait_for_url("**/konto/2fa/authenticate/**")
    code = fresh_code(DEMO_TOTP_SECRET)
    admin.get_by_label("Kode", exact=True).fill(code)
    admin.get_by_role("button", name="Log ind").click()
    admin.wait_for_url("**/evaluering/rapporter/")
    assert_accessible(admin)
    # The navigation leads report readers here.
    assert admin.get_by_role("link", name="Evalueringer").count() >= 1

    admin.get_by_role("link", name="Evaluering af modulet").click()
    admin.wait_for_url("**/evaluering/rapporter/*/")
    assert_accessible(admin)
    assert admin.locator("svg.evaluation-chart").count() >= 3
    districts = admin.get_by_role("table", name=re.compile("Efter politikreds"))
    nordjylland = districts.get_by_role("row", name=re.compile("Nordjyllands Politi"))
    # Nordjylland's run of 3 is published together with Midt- og Vestjylland's
    # run of the same year: both districts are hidden, the year is whole.
    assert "færre end 5 svar" in nordjylland.inner_text()
    midt = districts.get_by_role("row", name=re.compile("Midt- og Vestjyllands"))
    assert "skjult" in midt.inner_text()
    assert admin.get_by_text("Sådan beskyttes små grupper").is_visible()
    runs = admin.get_by_role("table", name=re.compile("Efter hold"))
    small_run = runs.get_by_role("row", name=re.compile("Nordjyllands Politi"))
    assert "færre end 5 svar" in small_run.inner_text()
    fyn = districts.get_by_role("row", name=re.compile("Fyns Politi"))
    assert fyn.get_by_role("cell").first.inner_text() == "10"
    assert admin.get_by_text("Flere øvelser.").count() == 1

    with admin.expect_download() as download_info:
        admin.get_by_role("link", name="Hent som CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as exported:
        text = exported.read()
    assert "Fyns Politi;10;" in text
    assert "Nordjyllands Politi;færre end 5 svar" in text
    assert "Midt- og Vestjyllands Politi;skjult" in text
    assert "Nordjyllands Politi, 15.09." in text and "færre end 5 svar" in text

    # Narrowed to a district with too few answers: nothing but the warning.
    admin.get_by_label("Politikreds", exact=True).select_option(
        label="Nordjyllands Politi"
    )
    admin.get_by_role("button", name="Vis rapport").click()
    admin.wait_for_url("**politikreds=1460**")
    assert admin.get_by_text("Udvalget har færre end 5 besvarelser").is_visible()
    assert admin.locator("svg.evaluation-chart").count() == 0
    assert_accessible(admin)
