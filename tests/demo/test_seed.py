import io

from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from accounts.models import User
from accounts.roles import Role
from core.models import HomePage, StandardPage
from courses.models import CourseIndexPage, LessonPage, ModuleKind, ModulePage

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, ...]:
    return (
        Page.objects.count(),
        User.objects.count(),
        Site.objects.count(),
    )


def test_seed_builds_the_site_tree_and_users():
    output = _seed()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page.specific == home
    catalogue = CourseIndexPage.objects.child_of(home).get()
    modules = ModulePage.objects.child_of(catalogue)
    assert modules.filter(kind=ModuleKind.BASE).count() == 1
    assert modules.filter(kind=ModuleKind.ELECTIVE).count() >= 3
    for module in modules:
        assert LessonPage.objects.child_of(module).live().count() >= 2
    assert set(StandardPage.objects.values_list("slug", flat=True)) >= {
        "tilgaengelighedserklaering",
        "privatliv",
        "om",
    }
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    # Every role has a demo user, spread over several districts.
    users = User.objects.filter(email__endswith="@demo.ssp.test")
    assert {role for user in users for role in user.roles} == set(Role)
    districts = {
        user.organisation.district.code for user in users if user.organisation.district
    }
    assert len(districts) >= 3
    assert "admin@demo.ssp.test" in output
    assert "ssp-demo-2026" in output


def test_seed_is_idempotent():
    _seed()
    before = _counts()
    _seed()
    assert _counts() == before


def test_seed_keeps_an_editors_change():
    _seed()
    home = HomePage.objects.get()
    home.title = "Redigeret af en redaktør"
    home.save_revision().publish()
    _seed()
    assert HomePage.objects.get().title == "Redigeret af en redaktør"


def test_demo_administrator_has_two_factor_login_set_up():
    from allauth.mfa.models import Authenticator

    _seed()
    admin = User.objects.get(email="admin@demo.ssp.test")
    assert admin.requires_mfa
    assert set(
        Authenticator.objects.filter(user=admin).values_list("type", flat=True)
    ) == {"totp", "recovery_codes"}
