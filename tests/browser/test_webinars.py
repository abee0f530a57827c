"""A host and two participants in a live webinar room, in three browsers: chat, a
question upvoted and answered, a poll, breakout rooms and back, a reconnect that
recovers what was missed, and a slide turn. Axe checks the room page.

pytest-django's live server speaks only HTTP, so the room runs on a daphne server in
a thread of the test process (HTTP and websockets through ``lms.asgi``), which sees
the test database in both modes."""

import re
import socket
import threading
import time

from django.test import Client

import pytest

from tests.browser.conftest import assert_accessible
from tests.webinars.factories import room_create
from tests.webinars.test_services import PDF_TWO_PAGES

# serialized_rollback: start from the migrated data (organisations, roles, the page
# root) however the test before ended, and leave it for the tests after.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

_server: dict[str, str] = {}


def _daphne_url() -> str:
    """Start daphne once per test process (Twisted's reactor cannot restart)."""
    if "url" in _server:
        return _server["url"]
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    from daphne.endpoints import build_endpoint_description_strings
    from daphne.server import Server

    from lms.asgi import application

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Server(
        # Static files as the live server serves them; everything else to the site.
        application=ASGIStaticFilesHandler(application),
        endpoints=build_endpoint_description_strings(host="127.0.0.1", port=port),
        signal_handlers=False,
        verbosity=0,
    )
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    _server["url"] = f"http://127.0.0.1:{port}"
    return _server["url"]


@pytest.fixture
def room_people():
    return room_create(participants=2)


def _page_for(browser, url: str, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=url, locale="en-US", bypass_csp=True)
    context.set_default_timeout(10_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}]
    )
    return context, context.new_page()


def _room_pages(browser, url: str, room, people, contexts: list) -> dict:
    """Each (name, user) in ``people`` in the room, connected; their browser
    contexts go into ``contexts`` for the caller to close."""
    pages = {}
    for name, user in people:
        context, page = _page_for(browser, url, user)
        contexts.append(context)
        page.goto(f"/webinar/{room.pk}/")
        page.get_by_text("Forbundet til rummet.").wait_for()
        pages[name] = page
    return pages


def test_host_and_two_participants_in_a_live_room(browser, room_people):
    room, host_user, (anna_user, bo_user) = room_people
    url = _daphne_url()
    contexts: list = []
    try:
        people = (("host", host_user), ("anna", anna_user), ("bo", bo_user))
        pages = _room_pages(browser, url, room, people, contexts)
        host, anna, bo = pages["host"], pages["anna"], pages["bo"]

        # Chat, keyboard only: type and press Enter.
        anna.get_by_label("Besked", exact=True).fill("Hej fra Anna")
        anna.get_by_label("Besked", exact=True).press("Enter")
        bo.locator("#chat-log").get_by_text("Hej fra Anna").wait_for()
        host.locator("#chat-log").get_by_text("Hej fra Anna").wait_for()

        # A question, upvoted by Anna and answered by the host.
        bo.get_by_label("Dit spørgsmål").fill("Hvornår er der pause?")
        bo.get_by_role("button", name="Spørg").click()
        question = anna.locator("#question-list li", has_text="Hvornår er der pause?")
        question.get_by_role("button", name="Stem op").click()
        host_question = host.locator("#question-list li", has_text="Hvornår")
        host_question.get_by_text("Stemmer: 1").wait_for()
        host_question.get_by_role("button", name="Markér som besvaret").click()
        bo.locator("#question-list").get_by_text("Besvaret").wait_for()

        # With approval on, Anna's question reaches the host first, with her name
        # although she asks anonymously, and the others once it is approved.
        host.get_by_role("button", name="Spørgsmål skal godkendes").click()
        bo.get_by_text("Nye spørgsmål vises for alle, når en moderator").wait_for()
        anna.get_by_label("Dit spørgsmål").fill("Må vi dele slides?")
        anna.get_by_label(
            "Spørg anonymt (moderatorerne kan stadig se dit navn)"
        ).check()
        anna.get_by_role("button", name="Spørg").click()
        pending = host.locator("#question-list li", has_text="Må vi dele slides?")
        pending.get_by_text("Anonym (Deltager 1)").wait_for()
        anna.locator("#question-list").get_by_text("Afventer godkendelse").wait_for()
        assert "Må vi dele" not in bo.locator("#question-list").inner_text()
        pending.get_by_role("button", name="Godkend").click()
        bo.locator("#question-list").get_by_text(
            "Anonym: Må vi dele slides?"
        ).wait_for()
        anna.locator("#question-list").get_by_text("Afventer godkendelse").wait_for(
            state="detached"
        )

        # A poll with live results.
        host.get_by_label("Afstemningens spørgsmål").fill("Hvilken dag passer?")
        host.get_by_label("Svarmuligheder, én pr. linje").fill("Mandag\nTirsdag")
        host.get_by_role("button", name="Åbn afstemning").click()
        anna.get_by_label("Tirsdag").check()
        anna.locator("#poll-list").get_by_role("button", name="Stem").click()
        host.locator("#poll-list label", has_text="Tirsdag").get_by_text(
            re.compile(r"· 1 stemme$")
        ).wait_for()
        assert_accessible(host)
        assert_accessible(anna)

        # Breakout rooms: two groups, a message only the group sees, then back.
        host.get_by_label("Fordel deltagerne").select_option("random")
        host.get_by_label("Antal grupper").fill("2")
        host.get_by_role("button", name="Åbn grupperum").click()
        anna.get_by_role("heading", name="Dit grupperum").wait_for()
        bo.get_by_role("heading", name="Dit grupperum").wait_for()
        anna.get_by_label("Besked til din gruppe").fill("Kun til min gruppe")
        anna.get_by_role("button", name="Send til gruppen").click()
        anna.locator("#breakout-log").get_by_text("Kun til min gruppe").wait_for()
        assert_accessible(bo)
        host.get_by_role("button", name="Hent alle tilbage").click()
        anna.get_by_role("heading", name="Dit grupperum").wait_for(state="hidden")
        assert bo.locator("#breakout-log").inner_text() == ""
        assert "Kun til min gruppe" not in bo.locator("#chat-log").inner_text()

        # Bo drops off; what Anna writes meanwhile reaches him after he reconnects.
        bo.evaluate("window.webinarReconnect(3000)")
        bo.get_by_text("Forbindelsen blev afbrudt. Forbinder igen …").wait_for()
        anna.get_by_label("Besked", exact=True).fill("Mens Bo var væk")
        anna.get_by_role("button", name="Send", exact=True).click()
        anna.locator("#chat-log").get_by_text("Mens Bo var væk").wait_for()
        bo.get_by_text("Forbundet til rummet.").wait_for()
        bo.locator("#chat-log").get_by_text("Mens Bo var væk").wait_for()
        assert bo.locator("#chat-log li").count() == 2

        # Slides: the host uploads a PDF (the page reloads) and turns the page.
        host.get_by_label("Slides (PDF, højst 20 MB)").set_input_files(
            files=[
                {
                    "name": "slides.pdf",
                    "mimeType": "application/pdf",
                    "buffer": PDF_TWO_PAGES,
                }
            ]
        )
        host.get_by_role("button", name="Upload slides").click()
        host.get_by_text("Slides er uploadet.").wait_for()
        anna.get_by_text("Side 1 af 2").wait_for()
        host.get_by_text("Forbundet til rummet.").wait_for()
        host.get_by_role("button", name="Næste side").click()
        anna.get_by_text("Side 2 af 2").wait_for()
        bo.get_by_text("Side 2 af 2").wait_for()

        # The host's report: attendance so far, the question with its author.
        host.get_by_role("link", name="Fremmøderapport og udskrift").click()
        assert host.get_by_role("heading", level=1).inner_text() == "Webinarrapport"
        assert host.get_by_text("Hvornår er der pause?").is_visible()
        assert_accessible(host)
    finally:
        for context in contexts:
            context.close()


def _websocket_attempts(page) -> list:
    attempts: list = []
    page.on("websocket", lambda socket: attempts.append(socket.url))
    return attempts


def test_a_planned_room_says_it_is_not_open_and_lets_the_participant_in_later(
    browser, room_people
):
    from webinars.models import Room
    from webinars.services import room_state_set

    room, host, (anna, _bo) = room_people
    Room.objects.filter(pk=room.pk).update(state="planlagt")
    url = _daphne_url()
    context, page = _page_for(browser, url, anna)
    try:
        attempts = _websocket_attempts(page)
        page.goto(f"/webinar/{room.pk}/")
        status = page.locator("#webinar-connection")
        status.get_by_text("Webinaret er ikke åbnet endnu.").wait_for()
        # Refused with 4425 after accept: the page knows why and waits 15 s; it
        # neither says the connection dropped nor hammers the server. (Counted from
        # the refusal: a first attempt may meet a server still starting up.)
        refused_after = len(attempts)
        page.wait_for_timeout(3000)
        assert "Forbinder igen" not in status.inner_text()
        assert len(attempts) == refused_after
        assert_accessible(page)

        room_state_set(room=room, user=host, state="aaben")
        status.get_by_text("Forbundet til rummet.").wait_for(timeout=25_000)
        assert len(attempts) == refused_after + 1
        assert page.locator("#room-not-open").is_hidden()
    finally:
        context.close()


def test_an_ended_room_says_so_and_stops_trying(browser, room_people):
    from webinars.models import Room

    room, _host, (anna, _bo) = room_people
    Room.objects.filter(pk=room.pk).update(state="afsluttet")
    url = _daphne_url()
    context, page = _page_for(browser, url, anna)
    try:
        attempts = _websocket_attempts(page)
        page.goto(f"/webinar/{room.pk}/")
        status = page.locator("#webinar-connection")
        status.get_by_text("Webinaret er afsluttet.").wait_for()
        page.wait_for_timeout(3000)
        assert len(attempts) == 1
        assert "Forbinder" not in status.inner_text()
        assert page.get_by_label("Besked", exact=True).is_disabled()
        assert_accessible(page)
    finally:
        context.close()


def test_logging_out_elsewhere_stops_the_room_with_a_link_to_log_in(
    browser, room_people
):
    room, _host, (anna, _bo) = room_people
    url = _daphne_url()
    context, page = _page_for(browser, url, anna)
    try:
        attempts = _websocket_attempts(page)
        page.goto(f"/webinar/{room.pk}/")
        status = page.locator("#webinar-connection")
        status.get_by_text("Forbundet til rummet.").wait_for()
        other = context.new_page()
        other.goto("/")
        other.get_by_role("button", name="Log ud").click()
        # Closed with 4401 (not 4403 "no access"): the page says why and stops.
        status.get_by_text("Du er logget ud. Log ind for at komme ind").wait_for()
        login = status.get_by_role("link", name="Log ind")
        assert login.get_attribute("href") == (
            f"/konto/login/?next=/webinar/{room.pk}/"
        )
        page.wait_for_timeout(2000)
        assert len(attempts) == 1
        assert_accessible(page)
    finally:
        context.close()
