"""Permissions-Policy on every response, the admin's Content-Security-Policy as tight
as Wagtail allows, and no avatars from gravatar.com."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

OFF = ["camera", "microphone", "geolocation", "payment", "usb", "display-capture"]


def policy(response):
    pairs = [part.split("=", 1) for part in response["Permissions-Policy"].split(",")]
    return {name.strip(): value.strip() for name, value in pairs}


@pytest.fixture
def admin_client(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "path",
    ["/", "/hold/", "/findes-ikke/", "/soeg/?q=%00", "/healthz", "/konto/login/"],
)
def test_every_response_switches_off_unused_browser_features(client, path):
    features = policy(client.get(path))
    for feature in OFF:
        assert features[feature] == "()", feature
    assert features["fullscreen"] == "(self)"  # the webinar stream


def test_the_admin_gets_the_policy_and_a_tight_csp(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert policy(response)["camera"] == "()"
    directives = {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert directives["img-src"] == ["'self'", "data:", "blob:"]
    assert directives["frame-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert "https:" not in response["Content-Security-Policy"]


def test_the_admin_shows_no_gravatar(admin_client, settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    html = admin_client.get("/admin/").content.decode()
    assert "gravatar" not in html
