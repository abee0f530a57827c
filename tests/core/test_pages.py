from django.core.management import call_command
from django.utils.html import escape

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.smoke
def test_home_page_is_danish_by_default(client, demo_site):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da">' in html
    assert "Gå til indhold" in html
    assert 'href="#main-content"' in html
    assert '<main id="main-content"' in html
    assert "Log ind" in html
    assert "/static/vendor/dkfds/css/dkfds.min.css" in html


@pytest.mark.smoke
def test_home_page_lists_the_live_modules_of_its_catalogue(client, demo_site):
    # The list comes from courses' "home_page_context" hook: core imports no app.
    from courses.models import ModulePage

    html = client.get("/").content.decode()
    titles = ModulePage.objects.live().order_by("kind", "title")
    positions = [html.index(f">{escape(module.title)}</a></h3>") for module in titles]
    assert len(positions) == 5
    assert positions == sorted(positions)
    assert 'href="/moduler/" class="button button-secondary"' in html


@pytest.mark.smoke
def test_english_is_the_second_language(client, demo_site):
    response = client.get("/sprog/en/?next=/moduler/")
    assert response.status_code == 302
    assert response.url == "/moduler/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Go to content" in html
    assert "Log in" in html


def test_catalogue_and_modules_are_public_lessons_need_login(client, demo_site):
    catalogue = client.get("/moduler/")
    assert catalogue.status_code == 200
    assert "Grundmodul" in catalogue.content.decode()
    module = client.get("/moduler/grundmodul/")
    assert module.status_code == 200
    from courses.models import LessonPage

    lesson = LessonPage.objects.live().first()
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/?next=")


def test_lesson_is_shown_to_a_logged_in_participant(client, demo_site):
    from accounts.models import User
    from courses.models import LessonPage

    client.force_login(User.objects.get(email="deltager.aarhus@demo.ssp.test"))
    lesson = LessonPage.objects.live().first()
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert lesson.title in response.content.decode()


def test_unknown_page_gets_a_danish_404(client, demo_site):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()


def test_public_pages_have_a_strict_content_security_policy(client, demo_site):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in policy.split("; ") if part
    )
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_admin_has_the_relaxed_policy_it_needs(client, demo_site):
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.roles import Role
    from tests.accounts.factories import UserFactory

    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


@pytest.mark.smoke
def test_an_english_browser_still_gets_danish_until_english_is_chosen(
    client, demo_site
):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="da">' in html
    client.cookies["django_language"] = "xx"  # not a language we offer
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="da">' in html


def test_language_switch_refuses_unknown_languages_and_foreign_redirects(client):
    assert client.get("/sprog/xx/?next=/").status_code == 404
    assert "django_language" not in client.cookies
    response = client.get("/sprog/en/?next=https://evil.example/")
    assert response.status_code == 302
    assert response.url == "/"
