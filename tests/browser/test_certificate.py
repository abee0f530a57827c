"""A participant who completed a module downloads the kursusbevis, and anyone can
verify it by its code."""

from django.core.management import call_command

import pytest

from accounts.models import User
from courses.models import Certificate, ModuleCompletion, ModulePage
from demo.seed import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def completed(transactional_db):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    user = User.objects.get(email="deltager.odense@demo.ssp.test")
    module = ModulePage.objects.get(slug="grundmodul")
    ModuleCompletion.objects.get_or_create(user=user, module=module)
    return user


def test_download_and_verify_a_certificate(new_page, completed):
    page = new_page()
    page.goto("/konto/login/?next=/mine-forloeb/")
    page.get_by_label("E-mail").fill(completed.email)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/mine-forloeb/")
    page.get_by_role("link", name="Se dine kursusbeviser").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mine kursusbeviser"
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Hent kursusbevis (PDF)").first.click()
    download = download_info.value
    assert download.suggested_filename.startswith("kursusbevis-")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    certificate = Certificate.objects.get(user=completed)
    assert certificate.holder_name == "Dennis Deltager"

    # Anyone, not logged in, can verify the code; lower case without dashes works.
    visitor = new_page()
    visitor.goto("/kursusbevis/bekraeft/")
    assert_accessible(visitor)
    visitor.get_by_label("Bekræftelseskode").fill(
        certificate.code.replace("-", "").lower()
    )
    visitor.get_by_role("button", name="Bekræft").click()
    assert visitor.get_by_text("Dennis Deltager").count() >= 1
    assert visitor.get_by_text(certificate.title).count() >= 1
    assert visitor.get_by_text("deltager.odense@demo.ssp.test").count() == 0
    assert visitor.get_by_text("Odense Kommune").count() == 0
    assert_accessible(visitor)
