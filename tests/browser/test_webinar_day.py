"""One live webinar from start to end, in six browsers: a host, a captioner (skrivetolk)
and three participants from two police districts, and a person on the waiting list.
The host shows a WeasyPrint-made PDF and turns it, the captioner's lines reach a
participant, a question is answered in writing, the room splits by district, the host
visits two groups and speaks to all of them and brings everyone back, and after the
end the captions are downloaded as WebVTT and parsed. The waiting-list person reads a
Danish reason. Axe checks every page and state visited (issue 12)."""

import pytest

from courses.models import EnrolmentStatus
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_accessible
from tests.browser.test_breakouts import district_people  # noqa: F401 - fixture
from tests.browser.test_captions import CAPTION_LABEL, _end_and_download_captions
from tests.browser.test_slides import _shows_page
from tests.browser.test_webinars import _daphne_url, _page_for, _room_pages
from tests.courses.factories import EnrolmentFactory
from tests.webinars.pdfs import slides_pdf
from webinars import services
from webinars.models import RoomState

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_webinar_day_with_slides_captions_answers_and_breakouts(
    browser,
    district_people,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    room, host_user, anna_user, bo_user, cai_user = district_people
    captioner_user = UserFactory(first_name="Sara", last_name="Skrivetolk", roles=[])
    room.captioners.add(captioner_user)
    waiting = UserFactory(first_name="Vera", last_name="Venteliste", roles=[])
    EnrolmentFactory(
        offering=room.session.offering, user=waiting, status=EnrolmentStatus.WAITLISTED
    )
    services.room_state_set(room=room, user=host_user, state=RoomState.LIVE)
    url = _daphne_url()
    contexts: list = []
    try:
        people = (
            ("host", host_user),
            ("captioner", captioner_user),
            ("anna", anna_user),
            ("bo", bo_user),
            ("cai", cai_user),
        )
        pages = _room_pages(browser, url, room, people, contexts)
        host, captioner, anna, bo, cai = (
            pages[name] for name in ("host", "captioner", "anna", "bo", "cai")
        )

        # Slides: uploaded through the page, drawn by PDF.js, turned by keyboard.
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
        _shows_page(cai, 1)
        viewer = host.get_by_role("region", name="Aktuelt slide")
        viewer.focus()
        viewer.press("PageDown")
        _shows_page(anna, 2)
        _shows_page(cai, 2)
        assert_accessible(host)

        # Captions: the captioner types, a participant reads.
        captioner.get_by_label(CAPTION_LABEL).fill("Velkommen til webinaret")
        captioner.get_by_label(CAPTION_LABEL).press("Enter")
        anna.locator("#caption-area").get_by_text("Velkommen til webinaret").wait_for()
        assert_accessible(anna)

        # A question answered in writing, seen by everyone.
        bo.get_by_label("Dit spørgsmål").fill("Hvor finder vi materialet?")
        bo.get_by_role("button", name="Spørg").click()
        question = host.locator("#question-list li", has_text="Hvor finder vi")
        question.get_by_role("button", name="Svar skriftligt").click()
        question.get_by_label("Skriftligt svar").fill("Under Materialer")
        question.get_by_role("button", name="Send svar").click()
        anna.locator("#question-list li", has_text="Hvor finder vi").get_by_text(
            "Svar: Under Materialer"
        ).wait_for()

        # Breakouts by police district; the host visits two groups.
        overview = host.locator("#breakouts-overview")
        host.get_by_label("Fordel deltagerne").select_option("politikreds")
        host.get_by_label("Minutter", exact=True).fill("10")
        host.get_by_role("button", name="Åbn grupperum").click()
        for page in (anna, bo, cai):
            page.get_by_role("heading", name="Dit grupperum").wait_for()
        groups = overview.locator("#breakouts-groups > li")
        groups.nth(1).get_by_text("Ingen beskeder endnu").wait_for()
        assert_accessible(host)
        groups.nth(1).get_by_role("button", name="Gå ind i gruppe 2").click()
        host.get_by_text("Du besøger grupperum 2 (Østjyllands Politi).").wait_for()
        host.get_by_label("Besked til din gruppe").fill("Værten kigger forbi")
        host.get_by_role("button", name="Send til gruppen").click()
        bo.locator("#breakout-log").get_by_text("Værten kigger forbi").wait_for()
        groups.nth(0).get_by_role("button", name="Gå ind i gruppe 1").click()
        host.get_by_text("Du besøger grupperum 1 (Københavns Politi).").wait_for()
        host.get_by_label("Besked til din gruppe").fill("Hej København")
        host.get_by_role("button", name="Send til gruppen").click()
        cai.locator("#breakout-log").get_by_text("Hej København").wait_for()
        overview.get_by_label("Besked til alle grupper").fill("To minutter tilbage")
        overview.get_by_role("button", name="Send til alle grupper").click()
        for page in (anna, bo, cai):
            page.locator("#breakout-log li.webinar-broadcast").get_by_text(
                "To minutter tilbage"
            ).wait_for()
        assert_accessible(cai)
        overview.get_by_role("button", name="Afslut grupperummene nu").click()
        for page in (anna, bo, cai):
            page.get_by_role("heading", name="Dit grupperum").wait_for(state="hidden")
            page.locator("#webinar-connection").get_by_text(
                "Grupperummene er lukket."
            ).wait_for()
        assert_accessible(anna)

        # The person on the waiting list is told why, in Danish.
        refused_context, refused = _page_for(browser, url, waiting)
        contexts.append(refused_context)
        response = refused.goto(f"/webinar/{room.pk}/")
        assert response.status == 403
        assert refused.get_by_text("Din plads er på ventelisten.").is_visible()
        assert_accessible(refused)

        # The end: the captions as a WebVTT file.
        assert _end_and_download_captions(host, anna, tmp_path) == [
            "Velkommen til webinaret"
        ]
        assert_accessible(anna)
    finally:
        for context in contexts:
            context.close()
