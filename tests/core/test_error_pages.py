"""Every error a person can meet is a Danish page in the site's layout, saying what
happened and where to go, with DEBUG off as in production."""

from django.test import Client

import pytest

from accounts.roles import Role
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.error_urls")]

SITE_LAYOUT = (
    '<html lang="da">',
    '<main id="main-content"',
    "/static/vendor/dkfds/css/dkfds.min.css",
    "Gå til forsiden",
)


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def _assert_danish_error_page(response, status: int, heading: str) -> str:
    assert response.status_code == status
    html = response.content.decode()
    for piece in SITE_LAYOUT:
        assert piece in html
    assert f"<h1>{heading}</h1>" in html
    assert f"Fejl {status}" in html
    for english in ("Forbidden", "Not Found", "Bad Request", "Server Error"):
        assert english not in html
    return html


def test_400_is_a_danish_page(client):
    response = client.get("/test-fejl/400/")
    html = _assert_danish_error_page(response, 400, "Forespørgslen kunne ikke læses")
    assert "malformed on purpose" not in html


def test_403_shows_the_reason_the_code_gave(client):
    client.force_login(UserFactory())
    response = client.get("/test-fejl/403-grund/")
    html = _assert_danish_error_page(response, 403, "Du har ikke adgang til siden")
    assert "Kun kontaktpersoner kan indstille deltagere." in html
    assert "Se din konto og dine roller" in html


def test_403_without_a_reason_explains_in_general_and_offers_login(client):
    response = client.get("/test-fejl/403/")
    html = _assert_danish_error_page(response, 403, "Du har ikke adgang til siden")
    assert 'class="alert alert-warning"' not in html
    assert "/konto/login/?next=/test-fejl/403/" in html


def test_404_is_a_danish_page(client):
    response = client.get("/findes-slet-ikke/")
    _assert_danish_error_page(response, 404, "Siden blev ikke fundet")


def test_500_is_a_danish_page_in_the_layout():
    client = Client(raise_request_exception=False)
    response = client.get("/test-fejl/500/")
    html = _assert_danish_error_page(response, 500, "Der opstod en fejl")
    assert "a bug on purpose" not in html
    # Rendered without the request's context: no personal header, no navigation.
    assert "Log ind" in html


def test_500_is_rendered_even_when_the_database_is_what_failed(
    rf, django_assert_num_queries
):
    from core.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Der opstod en fejl" in response.content.decode()


def test_too_many_login_attempts_get_the_danish_429_page(client):
    user = UserFactory()
    statuses = [
        client.post(
            "/konto/login/", {"login": user.email, "password": "forkert"}
        ).status_code
        for _attempt in range(40)
    ]
    assert 429 in statuses
    response = client.post(
        "/konto/login/", {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    _assert_danish_error_page(response, 429, "For mange forsøg")
    assert "_auth_user_id" not in client.session


def test_an_expired_form_gets_the_danish_403_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/login/", {"login": "a@b.test", "password": "x"})
    html = _assert_danish_error_page(response, 403, "Du har ikke adgang til siden")
    assert "Formularen var udløbet" in html
    assert "CSRF" not in html


def test_a_logged_in_non_admin_gets_403_on_admin_not_a_redirect_loop(client):
    client.force_login(UserFactory(roles=[Role.MUNICIPAL_CONTACT]))
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == []
    html = _assert_danish_error_page(response, 403, "Du har ikke adgang til siden")
    assert "Administrationen er kun for Socialstyrelsens" in html
    assert client.get("/admin/pages/").status_code == 403


def test_anonymous_visitors_of_admin_are_sent_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == "/konto/login/?next=/admin/"


def test_an_administrator_is_not_stopped_by_the_admin_guard(client):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True))
    response = client.get("/admin/")
    # On to the two-factor set-up (the administrator has none yet), not a 403.
    assert response.status_code == 302
    assert response.url == "/konto/2fa/totp/activate/"
