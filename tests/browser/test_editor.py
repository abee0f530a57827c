"""An administrator builds a module with a lesson in the Wagtail admin and publishes
it; the module then appears in the public catalogue."""

import re

from django.core.management import call_command

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import Role
from courses.models import CourseIndexPage, LessonPage, ModulePage
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.browser.conftest import assert_accessible
from tests.totp import fresh_code

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECRET = "JBSWY3DPEHPK3PXPEDITORSS"
# After publishing, Wagtail shows the parent page's listing.
EXPLORER_URL = re.compile(r"/admin/pages/\d+/(\?.*)?$")


@pytest.fixture
def editor(transactional_db):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    user = UserFactory(
        email="redaktoer@sst.test",
        first_name="Rikke",
        last_name="Redaktør",
        roles=[Role.ADMINISTRATOR],
        is_staff=True,
    )
    TOTP.activate(user, SECRET)
    return user


def _log_in_with_code(page, email):
    page.goto("/admin/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/konto/2fa/authenticate/")
    code = fresh_code(SECRET)
    page.get_by_label("Kode", exact=True).fill(code)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/admin/")


def _publish(page):
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    page.get_by_role("button", name="Udgiv").click()


def test_editor_builds_and_publishes_a_module_with_a_lesson(page, editor):
    _log_in_with_code(page, editor.email)
    catalogue = CourseIndexPage.objects.get()

    page.goto(f"/admin/pages/add/courses/modulepage/{catalogue.pk}/")
    page.locator("#id_title").fill("Forebyggelse i fritidslivet")
    page.locator("#id_summary").fill(
        "Om klubber, foreninger og fritidsjob som forebyggende indsats."
    )
    _publish(page)
    page.wait_for_url(EXPLORER_URL)
    module = ModulePage.objects.get(title="Forebyggelse i fritidslivet")
    assert module.live

    page.goto(f"/admin/pages/add/courses/lessonpage/{module.pk}/")
    page.locator("#id_title").fill("Fritidsjob som beskyttende faktor")
    page.locator("[data-streamfield-stream-container] button[title]").first.click()
    page.get_by_role("option", name="Overskrift").click()
    page.locator("[name='body-0-value-text']").fill("Fritidsjob som beskyttende faktor")
    _publish(page)
    page.wait_for_url(EXPLORER_URL)
    lesson = LessonPage.objects.get(title="Fritidsjob som beskyttende faktor")
    assert lesson.live
    assert lesson.body[0].block_type == "heading"
    assert lesson.body[0].value["text"] == "Fritidsjob som beskyttende faktor"

    page.goto("/moduler/")
    page.get_by_role("link", name="Forebyggelse i fritidslivet").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Forebyggelse i fritidslivet"
    )
    assert page.get_by_role("link", name="Fritidsjob som beskyttende faktor").count()
    assert_accessible(page)
