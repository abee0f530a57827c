"""Slides in the live room, in real browsers: a host uploads a 3-page PDF made by
WeasyPrint, PDF.js draws it on a canvas with its text layer, the host turns pages
with the buttons and the keyboard and every participant follows, and someone who
joins late lands on the current page. The room's history fills the lists without
being announced; a person on the waiting list reads why they cannot enter.
Axe checks every state."""

from django.test import Client

import pytest

from courses.models import EnrolmentStatus
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_accessible
from tests.browser.test_webinars import _daphne_url, _page_for
from tests.courses.factories import EnrolmentFactory
from tests.webinars.factories import room_create
from tests.webinars.pdfs import SLIDE_TEXTS, slides_pdf
from webinars import services

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Share of the canvas's pixels that are not white: the slides are a dark blue band
# with white text, so a drawn page is mostly coloured and a blank canvas is 0.
CANVAS_INK = """() => {
    const canvas = document.getElementById("slide-canvas");
    if (!canvas.width || !canvas.height) { return 0; }
    const data = canvas.getContext("2d")
        .getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
        const [red, green, blue, alpha] = data.slice(i, i + 4);
        if (alpha > 0 && Math.min(red, green, blue) < 200) { ink += 1; }
    }
    return ink / (data.length / 4);
}"""


RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _shows_page(page, number: int) -> None:
    """Wait until PDF.js has drawn page ``number`` (canvas and text layer), then
    check that the canvas is drawn, the text is in the layer and labelled."""
    page.wait_for_function(
        "n => document.getElementById('slide-viewer').dataset.renderedPage === n",
        arg=str(number),
    )
    assert page.evaluate(CANVAS_INK) > 0.5
    text_layer = page.locator("#slide-text")
    assert SLIDE_TEXTS[number - 1] in text_layer.inner_text()
    assert page.locator("#slide-canvas").get_attribute("aria-label") == (
        f"Slide {number} af 3"
    )
    assert page.locator("#slide-status").inner_text() == f"Side {number} af 3"


def test_slides_are_drawn_turned_and_followed_in_every_browser(browser):
    room, host_user, (anna_user, bo_user, cecilie_user) = room_create(participants=3)
    url = _daphne_url()
    contexts = []
    try:
        host_context, host = _page_for(browser, url, host_user)
        anna_context, anna = _page_for(browser, url, anna_user)
        contexts += [host_context, anna_context]
        for page in (host, anna):
            page.goto(f"/webinar/{room.pk}/")
            page.get_by_text("Forbundet til rummet.").wait_for()
        assert host.locator("#slide-viewer").is_hidden()
        assert host.locator("iframe").count() == 0

        # The host uploads the PDF through the page (it reloads), everyone sees
        # page 1 drawn by PDF.js.
        host.get_by_label("Slides (PDF, højst 20 MB)").set_input_files(
            files=[
                {
                    "name": "slides.pdf",
                    "mimeType": "application/pdf",
                    "buffer": slides_pdf(),
                }
            ]
        )
        host.get_by_role("button", name="Upload slides").click()
        host.get_by_text("Slides er uploadet.").wait_for()
        host.get_by_text("Forbundet til rummet.").wait_for()
        _shows_page(host, 1)
        _shows_page(anna, 1)
        assert host.locator("#webinar-errors").inner_text() == ""
        assert_accessible(host)
        assert_accessible(anna)

        # The text layer is real text: it can be selected.
        selected = anna.evaluate(
            """() => {
                const range = document.createRange();
                range.selectNodeContents(document.getElementById("slide-text"));
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return selection.toString();
            }"""
        )
        assert SLIDE_TEXTS[0] in selected

        # Turning pages with the button ...
        host.get_by_role("button", name="Næste side").click()
        _shows_page(anna, 2)
        _shows_page(host, 2)

        # ... and with the keyboard, while the slide region has focus.
        viewer = host.get_by_role("region", name="Aktuelt slide")
        viewer.focus()
        viewer.press("PageDown")
        _shows_page(anna, 3)
        viewer.press("ArrowRight")  # already the last page: nothing happens
        viewer.press("ArrowLeft")
        _shows_page(anna, 2)
        _shows_page(host, 2)
        assert host.evaluate("document.activeElement.id") == "slide-viewer"
        assert_accessible(host)

        # Another window width (here one column of panels, so a wider slide
        # panel) draws the page again at the panel's new width.
        canvas_width = "document.getElementById('slide-canvas').clientWidth"
        viewer_width = "document.getElementById('slide-viewer').clientWidth"
        before = host.evaluate(canvas_width)
        host.set_viewport_size({"width": 560, "height": 900})
        host.wait_for_function(
            f"w => {canvas_width} !== w && {canvas_width} === {viewer_width}",
            arg=before,
        )
        _shows_page(host, 2)

        # A participant's keys turn nothing (only hosts and moderators turn).
        anna_viewer = anna.locator("#slide-viewer")
        assert anna_viewer.get_attribute("tabindex") is None
        anna_viewer.dispatch_event("keydown", {"key": "PageDown"})
        anna.wait_for_timeout(500)
        _shows_page(host, 2)

        # Bo joins late and lands on the current page after the catch-up.
        bo_context, bo = _page_for(browser, url, bo_user)
        contexts.append(bo_context)
        bo.goto(f"/webinar/{room.pk}/")
        bo.get_by_text("Forbundet til rummet.").wait_for()
        _shows_page(bo, 2)
        assert_accessible(bo)

        # Under the site's own Content-Security-Policy (the other pages bypass it
        # so axe can be injected): PDF.js, its worker and the text layer need
        # nothing it forbids.
        cecilie_context = browser.new_context(base_url=url, locale="da-DK")
        contexts.append(cecilie_context)
        client = Client()
        client.force_login(cecilie_user)
        cecilie_context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": url,
                }
            ]
        )
        cecilie = cecilie_context.new_page()
        cecilie.add_init_script(RECORD_CSP_VIOLATIONS)
        response = cecilie.goto(f"/webinar/{room.pk}/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        cecilie.get_by_text("Forbundet til rummet.").wait_for()
        _shows_page(cecilie, 2)
        assert cecilie.evaluate("window.cspViolations") == []
        # A real worker (not PDF.js's fallback on the page's own thread).
        assert any("pdf.worker" in worker.url for worker in cecilie.workers)
    finally:
        for context in contexts:
            context.close()


# Records, for every item added to the chat log, whether the log was a live region
# at that moment (a screen reader reads an addition only then). Recorded as it
# happens: a MutationObserver would report after the catch-up's task had already
# switched the region on.
RECORD_LIVE_ADDITIONS = """
window.chatAdditions = [];
const append = Element.prototype.appendChild;
Element.prototype.appendChild = function (node) {
    if (this.id === "chat-log") {
        window.chatAdditions.push({
            text: node.textContent,
            live: this.getAttribute("aria-live"),
            busy: this.getAttribute("aria-busy"),
        });
    }
    return append.call(this, node);
};
"""


def test_history_fills_the_room_quietly_and_only_new_events_are_announced(browser):
    room, host, (anna_user, bo_user) = room_create(participants=2)
    for number in range(1, 13):
        services.chat_send(room=room, user=host, text=f"Tidligere besked {number}")
    url = _daphne_url()
    contexts = []
    try:
        anna_context, anna = _page_for(browser, url, anna_user)
        contexts.append(anna_context)
        anna.add_init_script(RECORD_LIVE_ADDITIONS)
        anna.goto(f"/webinar/{room.pk}/")
        anna.get_by_text("Forbundet til rummet.").wait_for()
        anna.wait_for_function(
            "document.getElementById('webinar-room').dataset.caughtUp"
        )
        log = anna.locator("#chat-log")
        assert log.locator("li").count() == 12
        assert log.get_attribute("aria-live") == "polite"
        assert log.get_attribute("aria-busy") is None

        bo_context, bo = _page_for(browser, url, bo_user)
        contexts.append(bo_context)
        bo.goto(f"/webinar/{room.pk}/")
        bo.get_by_text("Forbundet til rummet.").wait_for()
        bo.get_by_label("Besked", exact=True).fill("Ny besked fra Bo")
        bo.get_by_label("Besked", exact=True).press("Enter")
        log.get_by_text("Ny besked fra Bo").wait_for()

        additions = anna.evaluate("window.chatAdditions")
        assert [(item["live"], item["busy"]) for item in additions] == [
            (None, "true")
        ] * 12 + [("polite", None)]
        assert additions[-1]["text"].endswith("Ny besked fra Bo")

        # Numbers from 10 up fit in the list's margin: the padding is wider than
        # the widest marker the log can show ("100.").
        room_for_marker, marker = anna.evaluate(
            """() => {
                const log = document.getElementById("chat-log");
                const style = getComputedStyle(log);
                const context = document.createElement("canvas").getContext("2d");
                context.font = style.font;
                const widest = context.measureText("100. ").width;
                return [parseFloat(style.paddingLeft), widest];
            }"""
        )
        assert room_for_marker >= marker
        assert_accessible(anna)
    finally:
        for context in contexts:
            context.close()


def test_a_person_on_the_waiting_list_reads_why_they_cannot_enter(browser):
    room, _host, _people = room_create(participants=1)
    vera = UserFactory(first_name="Vera", last_name="Venteliste")
    EnrolmentFactory(
        offering=room.session.offering, user=vera, status=EnrolmentStatus.WAITLISTED
    )
    url = _daphne_url()
    context, page = _page_for(browser, url, vera)
    try:
        response = page.goto(f"/webinar/{room.pk}/")
        assert response.status == 403
        page.get_by_role(
            "heading", level=1, name="Du kan ikke komme ind i dette webinar"
        ).wait_for()
        assert page.get_by_text("Din plads er på ventelisten.").is_visible()
        assert page.get_by_role("link", name="Gå til Mine forløb").is_visible()
        assert_accessible(page)
    finally:
        context.close()
