"""NemLog-in (MitID Erhverv) login against a local identity provider: metadata,
the login page, linking accounts, and staff and TOTP.

The IdP is ``accounts.saml_test_idp``; see tests/accounts/conftest.py.
"""

from django.test import Client
from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from lxml import etree

from accounts.models import Organisation, User
from accounts.roles import Role
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.accounts.nemlogin_helpers import (
    AARHUS_CVR,
    METADATA_URL,
    SP_ENTITY_ID,
    TOTP_SECRET,
    _identity,
    _login,
    _state,
)

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.fixture
def client():
    # allauth's SAML views read the Host header, which a real browser always sends.
    return Client(HTTP_HOST="testserver")


# -- the happy path -------------------------------------------------------------


def test_metadata_is_served_at_a_stable_url_with_our_certificate(
    client, nemlogin_on, sp_keys
):
    response = client.get(METADATA_URL)
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert root.get("entityID") == SP_ENTITY_ID
    descriptor = root.find("{urn:oasis:names:tc:SAML:2.0:metadata}SPSSODescriptor")
    assert descriptor.get("AuthnRequestsSigned") == "true"
    assert descriptor.get("WantAssertionsSigned") == "true"
    uses = sorted(
        key.get("use")
        for key in descriptor.findall(
            "{urn:oasis:names:tc:SAML:2.0:metadata}KeyDescriptor"
        )
    )
    assert uses == ["encryption", "signing"]
    body = "".join(sp_keys[1].strip().splitlines()[1:-1])
    assert body in response.content.decode()
    assert b"PRIVATE KEY" not in response.content


def test_login_page_offers_mitid_only_when_switched_on(client, settings, nemlogin_on):
    assert "Log ind med MitID Erhverv" in client.get("/konto/login/").content.decode()
    settings.NEMLOGIN_ENABLED = False
    assert "MitID" not in client.get("/konto/login/").content.decode()
    assert client.get(METADATA_URL).status_code == 404


def test_login_pages_allow_the_form_to_reach_nemlogin(client, settings, nemlogin_on):
    policy = client.get("/konto/login/").headers["Content-Security-Policy"]
    assert "form-action 'self' https://idp.test;" in policy + ";"
    # Only the login pages; the rest of the site keeps form-action 'self'.
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "form-action 'self';" in policy + ";"
    settings.NEMLOGIN_ENABLED = False
    policy = client.get("/konto/login/").headers["Content-Security-Policy"]
    assert "form-action 'self';" in policy + ";"


def test_first_login_links_the_account_with_the_same_verified_email(
    client, nemlogin_on, idp
):
    user = UserFactory(email="ditte@aarhus.test")
    users_before = User.objects.count()
    uid = "5f0c7e0a-4d3b-4d8e-9a51-2b7c1e6f9a10"
    response, _arguments = _login(client, idp, _identity(user, uuid=uid))
    assert response.status_code == 302
    assert response.url == "/"
    assert int(client.session["_auth_user_id"]) == user.pk
    account = SocialAccount.objects.get(user=user)
    assert account.provider == "nemlogin"
    assert account.uid == f"urn:uuid:{uid}"
    assert account.extra_data == {
        "email": "ditte@aarhus.test",
        "first_name": "Ditte",
        "last_name": "Deltager",
        "cvr": AARHUS_CVR,
        "organisation_name": "Aarhus Kommune",
        "assurance": "Substantial",
    }
    assert User.objects.count() == users_before

    # The next login finds the account by the persistent identifier, even after the
    # e-mail in MitID Erhverv changed.
    client.logout()
    response, _arguments = _login(
        client, idp, _identity(user, email="ny.adresse@aarhus.test", uuid=uid)
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert SocialAccount.objects.count() == 1


def test_first_login_links_the_account_created_from_a_confirmed_nomination(
    client, nemlogin_on, idp
):
    from courses.services.enrolment import nominations_decide
    from tests.courses.enrolment_helpers import (
        administrator,
        contact,
        nominate,
        open_offering,
    )
    from tests.courses.test_enrolment import invitation_of

    admin = administrator()
    offering = open_offering(admin)
    nomination = nominate(
        invitation_of(offering), contact("Aarhus"), 1, email="nina@aarhus.dk"
    )
    nominations_decide(
        offering=offering,
        nomination_ids=[nomination.pk],
        actor=admin,
        decision="confirm",
    )
    created = User.objects.get(email="nina@aarhus.dk")
    before = _state()
    response, _arguments = _login(client, idp, _identity(email="nina@aarhus.dk"))
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == created.pk
    assert _state() == (before[0], before[1], before[2] + 1)


def test_staff_logging_in_with_nemlogin_is_not_asked_for_totp(client, nemlogin_on, idp):
    sst = Organisation.objects.get(kind="socialstyrelsen")
    sst.cvr = "12345674"  # an administrator enters Socialstyrelsen's CVR number
    sst.save()
    admin = UserFactory(
        email="anne@sst.test",
        organisation=sst,
        roles=[Role.ADMINISTRATOR],
        is_staff=True,
    )
    TOTP.activate(admin, TOTP_SECRET)
    response, _arguments = _login(
        client,
        idp,
        _identity(admin, cvr="12345674", organisation_name="Socialstyrelsen"),
    )
    assert response.status_code == 302
    assert response.url == "/"
    assert int(client.session["_auth_user_id"]) == admin.pk
    assert client.get("/admin/").status_code == 200


def test_staff_without_authenticator_app_may_use_nemlogin_but_not_a_password(
    client, nemlogin_on, idp
):
    admin = UserFactory(
        email="admin@aarhus.test", roles=[Role.ADMINISTRATOR], is_staff=True
    )
    response, _arguments = _login(client, idp, _identity(admin))
    assert int(client.session["_auth_user_id"]) == admin.pk
    assert client.get("/admin/").status_code == 200

    client.logout()
    client.post("/konto/login/", {"login": admin.email, "password": DEFAULT_PASSWORD})
    assert int(client.session["_auth_user_id"]) == admin.pk
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_password_login_of_staff_still_asks_for_totp(client, nemlogin_on):
    admin = UserFactory(email="anne@sst.test", roles=[Role.ADMINISTRATOR])
    TOTP.activate(admin, TOTP_SECRET)
    response = client.post(
        "/konto/login/", {"login": "anne@sst.test", "password": DEFAULT_PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
