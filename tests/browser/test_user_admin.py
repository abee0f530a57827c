"""An administrator makes a person the contact person of a municipality in the
Wagtail admin, in a real browser; the person then has the enrolment page."""

from django.core.management import call_command

import pytest

from accounts.models import Organisation, RoleChange, User
from accounts.roles import Role
from accounts.services import user_create
from demo.seed import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.test_enrolment import log_in

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def person(transactional_db):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    return user_create(
        email="nina.nielsen@vejle.test",
        first_name="Nina",
        last_name="Nielsen",
        organisation=None,
        sector="social",
        roles=(Role.PARTICIPANT,),
        password=DEMO_PASSWORD,
        email_verified=True,
    )


def test_administrator_makes_a_municipal_contact_person(new_page, person):
    # Before: the person has no enrolment page, and is told so in Danish.
    nina = new_page()
    log_in(nina, person.email)
    response = nina.goto("/tilmelding/")
    assert response.status == 403
    assert nina.get_by_role("heading", level=1).inner_text() == (
        "Du har ikke adgang til siden"
    )
    assert_accessible(nina)

    admin = new_page()
    log_in(admin, "admin@demo.ssp.test", totp=True)
    admin.goto(f"/admin/users/edit/{person.pk}/")
    assert_accessible(admin)
    # Without an organisation the role is refused, and nothing changes.
    admin.get_by_label("Kommunal kontaktperson").check()
    admin.get_by_role("button", name="Gem").click()
    admin.wait_for_load_state()
    assert "kræver en organisation af typen kommune" in admin.content()
    assert User.objects.get(pk=person.pk).roles == [Role.PARTICIPANT]
    # (Not axe-checked here: Wagtail's own red "could not be saved" banner fails
    # colour contrast; the form itself was checked above.)

    vejle = Organisation.objects.get(name="Vejle Kommune")
    admin.get_by_label("Organisation", exact=True).select_option(str(vejle.pk))
    admin.get_by_label("Kommunal kontaktperson").check()
    admin.get_by_role("button", name="Gem").click()
    # The listing after saving carries Wagtail's own green success banner, whose
    # link contrast is Wagtail's to fix; the pages of this journey are checked above.
    admin.wait_for_url("**/admin/users/")

    person.refresh_from_db()
    assert person.organisation == vejle
    assert set(person.roles) == {Role.PARTICIPANT, Role.MUNICIPAL_CONTACT}
    change = RoleChange.objects.get(person=person)
    assert (change.role, change.action, change.changed_by.email) == (
        "kommunal_kontaktperson",
        "given",
        "admin@demo.ssp.test",
    )

    # After: the menu has "Tilmelding" and the page is theirs.
    nina.goto("/")
    nina.get_by_role("link", name="Tilmelding", exact=True).click()
    nina.wait_for_url("**/tilmelding/")
    assert nina.get_by_role("heading", level=1).inner_text() == "Tilmelding"
    assert_accessible(nina)
