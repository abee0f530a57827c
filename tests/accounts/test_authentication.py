import time

from django.urls import reverse

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from accounts.roles import Role
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.totp import fresh_code

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/login/"
TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTTEST"


def _login(client, email, password=DEFAULT_PASSWORD, **extra):
    return client.post(LOGIN_URL, {"login": email, "password": password}, **extra)


def _current_code(secret: str) -> str:
    return fresh_code(secret)


def _wrong_code(secret: str) -> str:
    counter = int(time.time()) // 30
    valid = {
        format_hotp_value(hotp_value(secret, counter + d)) for d in (-2, -1, 0, 1, 2)
    }
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def test_login_with_email_and_password(client):
    user = UserFactory(email="ditte@aarhus.test")
    response = _login(client, "Ditte@Aarhus.test")
    assert response.status_code == 302
    assert response.url == "/"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_is_refused_in_danish(client):
    UserFactory(email="ditte@aarhus.test")
    response = _login(client, "ditte@aarhus.test", "forkert-kodeord")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "E-mailadressen eller adgangskoden er ikke korrekt." in (
        response.content.decode()
    )


def test_unverified_email_must_be_verified_before_login(client, mailoutbox):
    UserFactory(email="ny@aarhus.test", verified=False)
    response = _login(client, "ny@aarhus.test")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mailoutbox] == [["ny@aarhus.test"]]


def test_five_wrong_passwords_lock_the_account_for_a_while(client):
    UserFactory(email="ditte@aarhus.test")
    for _attempt in range(5):
        response = _login(client, "ditte@aarhus.test", "forkert-kodeord")
        assert response.status_code == 200
    # The sixth attempt is refused even with the right password.
    response = _login(client, "ditte@aarhus.test")
    assert "_auth_user_id" not in client.session
    assert (
        "Der er for mange mislykkede logonforsøg. Prøv igen senere."
        in response.content.decode()
    )


def test_self_signup_is_closed(client):
    response = client.get("/konto/signup/")
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    response = client.post(
        "/konto/signup/",
        {"email": "x@y.test", "password1": "abcdefgh12!", "password2": "abcdefgh12!"},
    )
    assert "account/signup_closed.html" in [t.name for t in response.templates]


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url == "/konto/login/?next=/admin/"
    # Posting a password to Wagtail's own form is not possible any more.
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    client.post(
        "/admin/login/", {"username": admin.email, "password": DEFAULT_PASSWORD}
    )
    assert "_auth_user_id" not in client.session


def test_anonymous_admin_request_is_sent_to_the_allauth_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")


def test_staff_without_mfa_cannot_reach_the_admin(client):
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # Nor any other page of the site until MFA is set up.
    assert client.get("/").status_code == 302


def test_staff_with_mfa_reaches_the_admin(client):
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(admin, TOTP_SECRET)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


def test_staff_login_asks_for_the_authenticator_code(client):
    admin = UserFactory(email="anne@sst.test", roles=[Role.ADMINISTRATOR])
    TOTP.activate(admin, TOTP_SECRET)
    response = _login(client, "anne@sst.test")
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    # A wrong code keeps them out; the right one lets them in.
    response = client.post(
        reverse("mfa_authenticate"), {"code": _wrong_code(TOTP_SECRET)}
    )
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("mfa_authenticate"), {"code": _current_code(TOTP_SECRET)}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == admin.pk
    assert client.get("/admin/").status_code == 200


def test_participant_needs_no_mfa(client):
    participant = UserFactory()
    client.force_login(participant)
    assert client.get("/konto/profil/").status_code == 200
    assert not Authenticator.objects.filter(user=participant).exists()


def test_administrator_creates_a_user_with_organisation_in_the_wagtail_admin(client):
    from accounts.models import Organisation, User

    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True)
    TOTP.activate(admin, TOTP_SECRET)
    client.force_login(admin)
    form_page = client.get("/admin/users/new/")
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert 'name="organisation"' in html
    assert 'name="sector"' in html
    vejle = Organisation.objects.get(kommune__name="Vejle")
    response = client.post(
        "/admin/users/new/",
        {
            "email": "ny.konsulent@vejle.test",
            "first_name": "Nina",
            "last_name": "Nielsen",
            "organisation": vejle.pk,
            "sector": "social",
            "password1": "en-lang-adgangskode-2026",
            "password2": "en-lang-adgangskode-2026",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(email="ny.konsulent@vejle.test")
    assert (created.organisation, created.sector) == (vejle, "social")
    assert created.organisation.district.name == "Sydøstjyllands Politi"
