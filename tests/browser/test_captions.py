"""Live captions and written answers in three browsers: a host, a captioner
(skrivetolk) and a participant. The captioner types captions, the participant sees
them in the caption area (only new ones, not the history on load), turns it off
and on and makes the text larger (remembered after a reload); a question answered
in writing, hidden and shown again; after the end the participant downloads the
captions as WebVTT and the file is parsed. Axe checks the room with captions
shown, the stream player and the settings page where captioners are named.

The room runs on the daphne server of tests/browser/test_webinars.py (HTTP and
websockets through ``lms.asgi``)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_accessible
from tests.browser.test_webinars import _daphne_url, _page_for, _room_pages
from tests.webinars.factories import room_create
from tests.webinars.test_captions import _parse_webvtt, _unescape
from webinars import services
from webinars.models import Room, RoomState

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CAPTION_LABEL = "Undertekst, der skal sendes (Enter sender)"


def _end_and_download_captions(host, participant, tmp_path) -> list[str]:
    """The host ends the webinar; the participant, after a reload, downloads the
    captions as WebVTT. The cue texts, parsed."""
    host.once("dialog", lambda dialog: dialog.accept())
    host.get_by_role("button", name="Afslut webinaret for alle").click()
    participant.locator("#webinar-connection").get_by_text(
        "Webinaret er afsluttet."
    ).wait_for()
    participant.reload()
    with participant.expect_download() as download_info:
        participant.get_by_role("link", name="Hent underteksterne (WebVTT-fil)").click()
    path = tmp_path / "undertekster.vtt"
    download_info.value.save_as(path)
    cues = _parse_webvtt(path.read_text(encoding="utf-8"))
    return [_unescape(cue[3]) for cue in cues]


def test_captions_written_answers_and_the_webvtt_file(browser, tmp_path):
    room, host_user, (anna_user,) = room_create(participants=1)
    captioner_user = UserFactory(first_name="Sara", last_name="Skrivetolk")
    room.captioners.add(captioner_user)
    services.room_state_set(room=room, user=host_user, state=RoomState.LIVE)
    room.refresh_from_db()
    # Written before the participant arrives: not shown to her on load.
    services.caption_send(room=room, user=host_user, text="Før Anna kom")
    url = _daphne_url()
    contexts: list = []
    try:
        people = (
            ("host", host_user),
            ("captioner", captioner_user),
            ("anna", anna_user),
        )
        pages = _room_pages(browser, url, room, people, contexts)
        host, captioner, anna = pages["host"], pages["captioner"], pages["anna"]
        area = anna.locator("#caption-area")
        # The live regions are silent while the first catch-up replays the
        # history (room.js, "a quiet history"), and live once it is done.
        anna.wait_for_function(
            "document.getElementById('webinar-room').dataset.caughtUp"
        )
        assert area.get_attribute("aria-live") == "polite"
        # Only the captioner and moderators get the caption input.
        assert anna.get_by_label(CAPTION_LABEL).count() == 0

        # The captioner types, keyboard only; Anna sees the line.
        captioner.get_by_label(CAPTION_LABEL).fill("Velkommen til webinaret")
        captioner.get_by_label(CAPTION_LABEL).press("Enter")
        area.get_by_text("Velkommen til webinaret").wait_for()
        assert "Før Anna kom" not in area.inner_text()
        assert_accessible(anna)

        # Off: the area is hidden (and so not announced); on again.
        toggle = anna.get_by_role("button", name="Vis undertekster")
        assert toggle.get_attribute("aria-pressed") == "true"
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "false"
        area.wait_for(state="hidden")
        captioner.get_by_label(CAPTION_LABEL).fill("Første punkt er forebyggelse")
        captioner.get_by_label(CAPTION_LABEL).press("Enter")
        host.locator("#caption-area").get_by_text("Første punkt").wait_for()
        toggle.click()
        area.get_by_text("Første punkt er forebyggelse").wait_for()

        # Larger text, remembered after a reload, where no history is shown.
        size = anna.get_by_label("Tekststørrelse på underteksterne")
        font_before = area.evaluate("node => getComputedStyle(node).fontSize")
        size.select_option("xlarge")
        font_after = area.evaluate("node => getComputedStyle(node).fontSize")
        assert float(font_after[:-2]) > float(font_before[:-2])
        toggle.click()  # off, to check that this is remembered too
        anna.reload()
        anna.get_by_text("Forbundet til rummet.").wait_for()
        assert size.input_value() == "xlarge"
        assert toggle.get_attribute("aria-pressed") == "false"
        toggle.click()
        assert "webinar-captions--xlarge" in area.get_attribute("class")
        captioner.get_by_label(CAPTION_LABEL).fill("Efter genindlæsning")
        captioner.get_by_label(CAPTION_LABEL).press("Enter")
        area.get_by_text("Efter genindlæsning").wait_for()
        assert "Første punkt" not in area.inner_text()

        # A participant cannot caption: the socket refuses in Danish.
        anna.evaluate(
            "() => { const s = new WebSocket(`ws://${location.host}/ws/webinar/"
            f"{room.pk}/`); window.refusal = new Promise(r => s.onmessage = e => "
            "{ const m = JSON.parse(e.data); if (m.type === 'welcome') "
            "s.send(JSON.stringify({type: 'caption.send', text: 'Hej'})); "
            "else if (m.type === 'error') r(m.message); }); }"
        )
        assert anna.evaluate("() => window.refusal") == (
            "Kun webinarets skrivetolk og moderatorer kan sende undertekster."
        )

        # A question answered in writing; own upvote refused.
        anna.get_by_label("Dit spørgsmål").fill("Hvor finder vi materialet?")
        anna.get_by_role("button", name="Spørg").click()
        mine = anna.locator("#question-list li", has_text="Hvor finder vi")
        mine.get_by_role("button", name="Stem op").click()
        anna.locator("#webinar-errors").get_by_text(
            "Du kan ikke stemme på dit eget spørgsmål."
        ).wait_for()
        host_question = host.locator("#question-list li", has_text="Hvor finder vi")
        host_question.get_by_role("button", name="Svar skriftligt").click()
        host_question.get_by_label("Skriftligt svar").fill("Under Materialer")
        host_question.get_by_role("button", name="Send svar").click()
        mine.get_by_text("Svar: Under Materialer").wait_for()

        # Hidden, then shown again by the moderator, with its answer.
        host_question.get_by_role("button", name="Skjul").click()
        mine.wait_for(state="detached")
        host_question.get_by_text("Skjult for deltagerne").wait_for()
        assert_accessible(host)
        host_question.get_by_role("button", name="Vis igen").click()
        shown = anna.locator("#question-list li", has_text="Hvor finder vi")
        shown.get_by_text("Svar: Under Materialer").wait_for()
        host_question.get_by_text("Skjult for deltagerne").wait_for(state="detached")

        # The end: the participant downloads the captions as WebVTT.
        assert _end_and_download_captions(host, anna, tmp_path) == [
            "Før Anna kom",
            "Velkommen til webinaret",
            "Første punkt er forebyggelse",
            "Efter genindlæsning",
        ]
        assert_accessible(anna)
    finally:
        for context in contexts:
            context.close()


def test_captioners_are_named_on_the_settings_page(browser):
    room, host, _people = room_create(participants=1)
    captioner = UserFactory(email="tolk@example.dk")
    administrator = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(administrator, "JBSWY3DPEHPK3PXPTESTTEST")
    context, page = _page_for(browser, _daphne_url(), administrator)
    try:
        page.goto(f"/webinar/{room.pk}/indstillinger/")
        field = page.get_by_label("Skrivetolke (live-undertekster)")
        field.fill("tolk@example.dk")
        page.get_by_role("button", name="Gem").click()
        page.get_by_text("Webinarets indstillinger er gemt.").wait_for()
        assert list(room.captioners.all()) == [captioner]
        assert_accessible(page)
        field.fill("ukendt@example.dk")
        page.get_by_role("button", name="Gem").click()
        page.get_by_text(
            "Ingen aktiv konto har adressen: ukendt@example.dk."
        ).wait_for()
        assert list(room.captioners.all()) == [captioner]
        assert_accessible(page)
    finally:
        context.close()


PLAYLIST = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-ENDLIST\n"


def test_an_hls_stream_plays_in_the_room_with_captions_over_it(browser):
    room, host, (anna,) = room_create(participants=1)
    Room.objects.filter(pk=room.pk).update(
        video_url="https://stream.example.dk/live/webinar.m3u8",
        state=RoomState.LIVE,
    )
    context, page = _page_for(browser, _daphne_url(), anna)
    requested: list[str] = []

    def playlist(route):
        requested.append(route.request.url)
        route.fulfill(
            status=200, content_type="application/vnd.apple.mpegurl", body=PLAYLIST
        )

    context.route("https://stream.example.dk/**", playlist)
    try:
        page.goto(f"/webinar/{room.pk}/")
        page.get_by_text("Forbundet til rummet.").wait_for()
        video = page.locator("#webinar-video")
        player = video.get_attribute("data-player")
        assert player in ("hls.js", "native"), player
        if player == "hls.js":
            for _attempt in range(50):  # hls.js asks for the playlist itself
                if requested:
                    break
                page.wait_for_timeout(100)
            assert requested == ["https://stream.example.dk/live/webinar.m3u8"]
        else:
            assert video.evaluate("node => node.src").endswith("webinar.m3u8")
        # The captions lie over the picture.
        assert page.locator("#webinar-player #caption-area").count() == 1
        host_context, host_page = _page_for(browser, _daphne_url(), host)
        host_page.goto(f"/webinar/{room.pk}/")
        host_page.get_by_text("Forbundet til rummet.").wait_for()
        host_page.get_by_label(CAPTION_LABEL).fill("Over videoen")
        host_page.get_by_label(CAPTION_LABEL).press("Enter")
        page.locator("#caption-area").get_by_text("Over videoen").wait_for()
        host_context.close()
        assert_accessible(page)
        # A meeting link is no stream: it opens outside, and the page says so.
        Room.objects.filter(pk=room.pk).update(video_url="https://meet.example.dk/a")
        page.reload()
        assert page.locator("#webinar-video").count() == 0
        link = page.get_by_role("link", name="Åbn videostreamen")
        assert link.get_attribute("target") == "_blank"
        assert page.get_by_text("i dit mødeprogram").is_visible()
    finally:
        context.close()
