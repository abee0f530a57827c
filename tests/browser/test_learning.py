"""A participant's learning journey: dashboard, resume a lesson, reflect, take the
quiz, complete the lessons and see the module completed."""

import datetime

from django.utils import timezone

from wagtail.models import Site

import pytest

from courses.models import AttendanceSource, LessonPage
from courses.services.learning import attendance_record, lesson_complete
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.browser.conftest import assert_accessible
from tests.courses.factories import (
    EnrolmentFactory,
    OfferingFactory,
    SessionFactory,
    catalogue,
    module_create,
)

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

QUIZ = {
    "title": "Test din viden",
    "pass_percent": 100,
    "questions": [
        {
            "question": "Hvad står det første S i SSP for?",
            "choices": [
                {"text": "Skole", "correct": True},
                {"text": "Sundhed", "correct": False},
            ],
            "explanation": "SSP står for skole, socialforvaltning og politi.",
        },
        {
            "question": "Hvilke niveauer hører til forebyggelsespyramiden?",
            "choices": [
                {"text": "Generel", "correct": True},
                {"text": "Specifik", "correct": True},
                {"text": "Regional", "correct": False},
            ],
            "explanation": "Pyramiden har generel, specifik og individorienteret.",
        },
    ],
}


@pytest.fixture
def journey(transactional_db):
    home = catalogue().get_parent()
    Site.objects.filter(is_default_site=True).update(root_page=home)
    module = module_create(title="Grundmodul", lessons=3)
    first, second, _third = LessonPage.objects.child_of(module).order_by("path")
    second.body = [
        ("paragraph", "<p>Forebyggelse på tre niveauer.</p>"),
        ("case", {"title": "Jonas på 13", "text": "<p>Jonas har mange penge.</p>"}),
        (
            "reflection",
            {"question": "Hvilken indsats i din kommune er generel?", "guidance": ""},
        ),
        ("quiz", QUIZ),
    ]
    second.save_revision().publish()
    participant = UserFactory(
        email="ditte@kommune.test", first_name="Ditte", last_name="Deltager"
    )
    offering = OfferingFactory(module=module, attendance_threshold=100)
    EnrolmentFactory(offering=offering, user=participant)
    start = timezone.now() - datetime.timedelta(days=3)
    session = SessionFactory(
        offering=offering,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=5),
        venue="Rådhuset",
    )
    attendance_record(
        session=session,
        user=participant,
        present=True,
        source=AttendanceSource.CHECKIN,
    )
    lesson_complete(user=participant, lesson=first)
    return participant


def test_participant_learns_and_completes_the_module(page, journey):
    page.goto("/konto/login/?next=/mine-forloeb/")
    page.get_by_label("E-mail").fill(journey.email)
    page.get_by_label("Adgangskode").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Mine forløb"
    assert page.get_by_text("1 af 3 obligatoriske lektioner (33 %)").is_visible()
    assert page.get_by_text("1 af 1 afholdt session indtil nu (100 %)").is_visible()
    assert page.get_by_label("Fremgang i Grundmodul").get_attribute("value") == "1"
    assert_accessible(page)

    page.get_by_role("link", name="Fortsæt").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Grundmodul: lektion 2"
    assert page.get_by_text("Fiktiv case").is_visible()
    assert_accessible(page)

    answer = page.get_by_label("Hvilken indsats i din kommune er generel?")
    answer.fill("Lektiecaféen i klubben er åben for alle.")
    page.get_by_role("button", name="Gem svar").click()
    assert page.get_by_text("Dit svar er gemt. Kun du kan se det.").is_visible()
    assert answer.input_value() == "Lektiecaféen i klubben er åben for alle."
    assert_accessible(page)

    first = page.get_by_role("group", name="1. Hvad står det første S i SSP for?")
    first.get_by_label("Skole").check()
    second = page.get_by_role("group", name="2. Hvilke niveauer")
    second.get_by_label("Generel").check()  # Specifik is missing: wrong
    page.get_by_role("button", name="Indsend svar").click()
    assert page.get_by_text("Ikke bestået").is_visible()
    assert page.get_by_text("1 af 2 rigtige", exact=False).first.is_visible()
    feedback = page.locator(".quiz-feedback-item")
    assert feedback.nth(0).locator(".quiz-verdict strong").inner_text() == "Korrekt."
    assert feedback.nth(1).locator(".quiz-verdict strong").inner_text() == "Forkert."
    assert page.get_by_text(
        "Pyramiden har generel, specifik og individorienteret."
    ).is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Markér lektionen som gennemført").click()
    assert page.get_by_text("Lektionen er markeret som gennemført.").is_visible()
    assert page.get_by_text("2 af 3 obligatoriske lektioner (67 %)").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Næste lektion").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Grundmodul: lektion 3"
    page.get_by_role("button", name="Markér lektionen som gennemført").click()
    assert page.get_by_text("3 af 3 obligatoriske lektioner (100 %)").is_visible()
    assert page.get_by_text("Du gennemførte modulet den", exact=False).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Se Mine forløb").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mine forløb"
    assert page.get_by_label("Fremgang i Grundmodul").get_attribute("value") == "3"
    assert page.get_by_text("3 af 3 obligatoriske lektioner (100 %)").is_visible()
    assert page.get_by_role("heading", name="Gennemførte moduler").is_visible()
    assert page.get_by_role("cell", name="Grundmodul").is_visible()
    assert page.get_by_role("link", name="Fortsæt").count() == 0
    assert_accessible(page)


def test_a_reflection_that_may_identify_a_child_asks_before_saving(page, journey):
    page.goto("/konto/login/?next=/mine-forloeb/")
    page.get_by_label("E-mail").fill(journey.email)
    page.get_by_label("Adgangskode").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Fortsæt").click()

    answer = page.get_by_label("Hvilken indsats i din kommune er generel?")
    answer.fill("Ahmed (14) i 7.b kom i klubben.")
    page.get_by_role("button", name="Gem svar").click()
    assert page.get_by_text("Kan et barn genkendes?").is_visible()
    assert answer.input_value() == "Ahmed (14) i 7.b kom i klubben."
    assert_accessible(page)

    page.get_by_label(
        "Jeg har tjekket, at intet barn kan genkendes ud fra teksten"
    ).check()
    page.get_by_role("button", name="Gem svar").click()
    assert page.get_by_text("Dit svar er gemt. Kun du kan se det.").is_visible()
    assert_accessible(page)
