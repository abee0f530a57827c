"""Breakout rooms seen by a host and three participants from two police districts,
in four browsers: split by district, the host's overview with live activity,
entering two groups in turn and writing there, a message to all groups, more time,
ending early, and everyone back. After a reload nobody is told about breakouts
that closed before. Axe checks the overview and the breakout states."""

import re

import pytest

from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_accessible
from tests.browser.test_webinars import _daphne_url, _room_pages
from tests.courses.factories import EnrolmentFactory
from tests.webinars.factories import room_create

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TIME_LEFT = re.compile(r"^Slutter kl\. \d\d[.:]\d\d\. (\d+) minutter tilbage\.$")


@pytest.fixture
def district_people():
    """A room, its host, Anna and Bo from Aarhus (Østjyllands Politi) and Cai from
    Copenhagen (Københavns Politi), all confirmed on the session's offering."""
    from accounts.models import Organisation
    from courses.models import EnrolmentStatus

    room, host, _people = room_create(participants=0)

    def person(first_name, municipality_code):
        user = UserFactory(
            first_name=first_name,
            last_name="Deltager",
            organisation=Organisation.objects.get(kommune__code=municipality_code),
            roles=[],
        )
        EnrolmentFactory(
            offering=room.session.offering, user=user, status=EnrolmentStatus.CONFIRMED
        )
        return user

    return (
        room,
        host,
        person("Anna", "0751"),
        person("Bo", "0751"),
        person("Cai", "0101"),
    )


def _minutes_left(page) -> int:
    text = page.locator("#breakout-time").inner_text()
    match = TIME_LEFT.match(text)
    assert match, text
    return int(match.group(1))


def test_host_follows_and_visits_district_groups(browser, district_people):
    room, host_user, anna_user, bo_user, cai_user = district_people
    url = _daphne_url()
    contexts: list = []
    try:
        people = (
            ("host", host_user),
            ("anna", anna_user),
            ("bo", bo_user),
            ("cai", cai_user),
        )
        pages = _room_pages(browser, url, room, people, contexts)
        host, anna, bo, cai = (pages[n] for n in ("host", "anna", "bo", "cai"))
        overview = host.locator("#breakouts-overview")
        overview.get_by_text("Der er ingen åbne grupperum.").wait_for()

        # Split by police district for 10 minutes.
        host.get_by_label("Fordel deltagerne").select_option("politikreds")
        host.get_by_label("Minutter", exact=True).fill("10")
        host.get_by_role("button", name="Åbn grupperum").click()
        for page, number, label in (
            (anna, 2, "Østjyllands Politi"),
            (bo, 2, "Østjyllands Politi"),
            (cai, 1, "Københavns Politi"),
        ):
            page.get_by_role("heading", name="Dit grupperum").wait_for()
            status = page.locator("#breakout-status").inner_text()
            assert status.startswith(f"Du er i grupperum {number} ({label}) indtil")
            assert _minutes_left(page) in (9, 10)
        assert_accessible(anna)

        # The overview: both groups, their members, no activity yet.
        groups = overview.locator("#breakouts-groups > li")
        groups.nth(1).get_by_text("Ingen beskeder endnu").wait_for()
        assert groups.count() == 2
        first, second = groups.nth(0), groups.nth(1)
        assert (
            first.get_by_role("heading").inner_text() == "Gruppe 1 (Københavns Politi)"
        )
        assert second.get_by_role("heading").inner_text() == (
            "Gruppe 2 (Østjyllands Politi)"
        )
        assert "Medlemmer: Cai Deltager" in first.inner_text()
        assert "Medlemmer: Anna Deltager, Bo Deltager" in second.inner_text()
        assert_accessible(host)

        # Activity reaches the overview by itself.
        anna.get_by_label("Besked til din gruppe").fill("Hej fra Østjylland")
        anna.get_by_role("button", name="Send til gruppen").click()
        second.get_by_text(re.compile(r"^1 besked kl\. \d\d[.:]\d\d$")).wait_for()
        assert "Ingen beskeder endnu" in first.inner_text()

        # Into group 2: what was said before arrives, and the host writes there.
        second.get_by_role("button", name="Gå ind i gruppe 2").click()
        host.get_by_text("Du besøger grupperum 2 (Østjyllands Politi).").wait_for()
        host.locator("#breakout-log").get_by_text("Hej fra Østjylland").wait_for()
        second.get_by_role("button", name="Du er i gruppe 2").wait_for()
        assert_accessible(host)
        host.get_by_label("Besked til din gruppe").fill("Værten kigger forbi")
        host.get_by_role("button", name="Send til gruppen").click()
        bo.locator("#breakout-log").get_by_text("Værten kigger forbi").wait_for()
        anna.locator("#breakout-log").get_by_text("Værten kigger forbi").wait_for()

        # On to group 1: its own stream only.
        first.get_by_role("button", name="Gå ind i gruppe 1").click()
        host.get_by_text("Du besøger grupperum 1 (Københavns Politi).").wait_for()
        host.get_by_label("Besked til din gruppe").fill("Hej København")
        host.get_by_role("button", name="Send til gruppen").click()
        cai.locator("#breakout-log").get_by_text("Hej København").wait_for()
        assert "Hej fra Østjylland" not in host.locator("#breakout-log").inner_text()
        assert "Værten kigger forbi" not in cai.locator("#breakout-log").inner_text()

        # One message to every group, marked as such.
        overview.get_by_label("Besked til alle grupper").fill("Fem minutter tilbage")
        overview.get_by_role("button", name="Send til alle grupper").click()
        for page in (anna, bo, cai):
            marked = page.locator("#breakout-log li.webinar-broadcast")
            marked.get_by_text("Fem minutter tilbage").wait_for()
            assert marked.inner_text().startswith(
                "Ulla Underviser (til alle grupper): "
            )
        assert "Hej København" not in anna.locator("#breakout-log").inner_text()

        # Five more minutes: everyone's time left follows.
        before = _minutes_left(cai)
        overview.get_by_label("Forlæng med minutter").fill("5")
        overview.get_by_role("button", name="Forlæng", exact=True).click()
        for page in (anna, bo, cai):
            page.locator("#webinar-connection").get_by_text(
                re.compile(r"^Grupperummene slutter nu kl\. \d\d[.:]\d\d\.$")
            ).wait_for()
            assert _minutes_left(page) in (before + 4, before + 5)
        assert_accessible(cai)

        # Ended early from the overview: everyone is back in the main room.
        overview.get_by_role("button", name="Afslut grupperummene nu").click()
        for page in (anna, bo, cai):
            page.get_by_role("heading", name="Dit grupperum").wait_for(state="hidden")
            page.locator("#webinar-connection").get_by_text(
                "Grupperummene er lukket."
            ).wait_for()
        host.get_by_role("heading", name="Dit grupperum").wait_for(state="hidden")
        overview.get_by_text("Der er ingen åbne grupperum.").wait_for()
        assert overview.locator("#breakouts-open").is_hidden()
        assert_accessible(host)

        # A reload replays the closed round but does not announce it.
        host.get_by_label("Besked", exact=True).fill("Velkommen tilbage")
        host.get_by_role("button", name="Send", exact=True).click()
        anna.reload()
        anna.locator("#chat-log").get_by_text("Velkommen tilbage").wait_for()
        assert anna.locator("#webinar-connection").inner_text() == (
            "Forbundet til rummet."
        )
        assert anna.locator("#breakout-panel").is_hidden()
        assert_accessible(anna)
    finally:
        for context in contexts:
            context.close()
