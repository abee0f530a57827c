"""A consultant finds a colleague in another district through the directory, starts
a thread in a theme network (a CPR number is refused first), gets a reply that
quotes and mentions her, is notified and accepts the answer; she reports a post
elsewhere and a moderator hides it. axe-core checks every page on the way."""

import re

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from network.models import ModerationLogEntry, Network, Post, Thread
from network.services import (
    member_profile_save,
    networks_sync,
    post_create,
    thread_create,
)
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def people(transactional_db):
    networks_sync()

    def make(email, first, last, organisation, roles=(Role.PARTICIPANT,)):
        return UserFactory(
            email=email,
            first_name=first,
            last_name=last,
            organisation=Organisation.objects.get(name=organisation),
            roles=roles,
        )

    ditte = make("ditte@aarhus.test", "Ditte", "Deltager", "Aarhus Kommune")
    rasmus = make("rasmus@odense.test", "Rasmus", "Rask", "Odense Kommune")
    carl = make("carl@randers.test", "Carl", "Clausen", "Randers Kommune")
    ulla = make(
        "ulla@sst.test", "Ulla", "Underviser", "Socialstyrelsen", (Role.PRESENTER,)
    )
    member_profile_save(
        user=rasmus,
        is_listed=True,
        show_organisation=True,
        show_sector=True,
        job_title="SSP-konsulent",
        bio="Arbejder med digital dannelse i udskolingen.",
        themes=list(Network.objects.filter(slug="digital-dannelse")),
    )
    other = thread_create(
        user=carl,
        network=Network.objects.get(slug="rusmidler"),
        title="Fester i weekenden",
        body="Hvordan griber I weekendfester an?",
    )
    post_create(user=carl, thread=other, body="Der var problemer på en bestemt skole.")
    return {"ditte": ditte, "rasmus": rasmus, "ulla": ulla, "other": other}


def log_in(page, email):
    page.goto("/konto/login/?next=/netvaerk/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(re.compile(r"/netvaerk/$"))


def test_consultants_meet_across_borders_and_a_moderator_steps_in(new_page, people):
    ditte = new_page()
    log_in(ditte, "ditte@aarhus.test")
    assert ditte.get_by_role("heading", level=1).inner_text() == "Netværk"
    assert ditte.get_by_role("link", name="Østjyllands Politi").is_visible()
    assert ditte.get_by_role("link", name="Fyns Politi").count() == 0
    assert_accessible(ditte)

    # The directory: a colleague in another district.
    ditte.get_by_role("link", name="Medlemsoversigt").click()
    ditte.get_by_label("Politikreds").select_option(label="Fyns Politi")
    ditte.get_by_role("button", name="Find kolleger").click()
    assert ditte.get_by_role("heading", name="Rasmus Rask").is_visible()
    assert ditte.get_by_text("Odense Kommune · Fyns Politi").is_visible()
    assert_accessible(ditte)

    # A thread in a theme network; the first try holds a CPR number.
    ditte.goto("/netvaerk/")
    ditte.get_by_role("link", name="Digital dannelse").click()
    assert_accessible(ditte)
    ditte.get_by_role("link", name="Start en tråd").click()
    ditte.get_by_label("Titel").fill("Forældremøder om billeddeling")
    ditte.get_by_label("Tekst").fill(
        "En elev (cpr 010203-1234) har delt billeder. Hvad gør I?"
    )
    ditte.get_by_role("button", name="Udgiv").click()
    refusal = ditte.get_by_text("ser ud til at indeholde et CPR-nummer", exact=False)
    assert refusal.first.is_visible()
    assert Thread.objects.filter(title="Forældremøder om billeddeling").count() == 0
    assert_accessible(ditte)
    ditte.get_by_label("Tekst").fill(
        "Vi ser billeder blive delt i 6. klasse. Hvad virker på et **forældremøde**?"
    )
    ditte.get_by_role("button", name="Udgiv").click()
    assert ditte.get_by_role("heading", level=1).inner_text() == (
        "Forældremøder om billeddeling"
    )
    assert ditte.locator(".post-body strong").inner_text() == "forældremøde"
    assert_accessible(ditte)

    # Rasmus replies with a quote and a mention.
    rasmus = new_page()
    log_in(rasmus, "rasmus@odense.test")
    rasmus.get_by_role("link", name="Digital dannelse").click()
    rasmus.get_by_role("link", name="Forældremøder om billeddeling").click()
    rasmus.get_by_role("link", name="Citér").first.click()
    reply = rasmus.get_by_label("Dit svar")
    assert "> Vi ser billeder" in reply.input_value()
    reply.fill(reply.input_value() + "@ditte.deltager lad eleverne selv fremlægge.")
    rasmus.get_by_role("button", name="Offentliggør svar").click()
    assert rasmus.get_by_text("Dit svar er offentliggjort.").is_visible()
    assert rasmus.locator(".post blockquote").first.is_visible()
    assert_accessible(rasmus)

    # Ditte is notified and accepts the answer.
    ditte.goto("/netvaerk/notifikationer/")
    assert ditte.get_by_text("Nævnte dig", exact=False).is_visible()
    assert_accessible(ditte)
    ditte.get_by_role("link", name="Forældremøder om billeddeling").click()
    ditte.get_by_role("button", name="Markér som accepteret svar").click()
    assert ditte.get_by_text("Svaret er markeret som accepteret.").is_visible()
    assert ditte.locator(".post-accepted").count() == 1
    assert_accessible(ditte)

    # She reports a post in another thread.
    ditte.goto(f"/netvaerk/traad/{people['other'].pk}/")
    ditte.get_by_role("link", name=re.compile(r"^Anmeld")).last.click()
    assert_accessible(ditte)
    ditte.get_by_label("Hvorfor skal en moderator se på indlægget?").fill(
        "Nævner en bestemt skole."
    )
    ditte.get_by_role("button", name="Send anmeldelse").click()
    assert ditte.get_by_text("Tak. En moderator vil se på indlægget.").is_visible()

    # The moderator hides it with a reason; it is logged.
    ulla = new_page()
    log_in(ulla, "ulla@sst.test")
    ulla.get_by_role("link", name="Moderation").click()
    assert ulla.get_by_text("Nævner en bestemt skole.").is_visible()
    assert_accessible(ulla)
    ulla.get_by_label("Begrundelse").fill("Kan pege på en bestemt skole")
    ulla.get_by_role("button", name="Skjul indlægget").click()
    assert ulla.get_by_text("Indlægget er skjult.").is_visible()
    assert ulla.get_by_text("Ingen indlæg venter på en moderator.").is_visible()
    assert_accessible(ulla)
    ulla.get_by_role("link", name="Se moderatorloggen").click()
    assert ulla.get_by_role("cell", name="Kan pege på en bestemt skole").is_visible()
    assert_accessible(ulla)

    hidden = Post.objects.get(body="Der var problemer på en bestemt skole.")
    assert hidden.is_hidden is True
    assert ModerationLogEntry.objects.get().moderator == people["ulla"]
