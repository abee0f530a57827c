"""NemLog-in single logout: from the IdP, from here, and refused requests."""

import base64
import zlib
from urllib.parse import parse_qs, urlparse

from django.contrib.auth.signals import user_logged_out
from django.test import Client

import pytest
from lxml import etree

from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.accounts.nemlogin_helpers import (
    HOST,
    SLS_URL,
    SP_ENTITY_ID,
    _identity,
    _login,
)

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.fixture
def client():
    # allauth's SAML views read the Host header, which a real browser always sends.
    return Client(HTTP_HOST="testserver")


# -- single logout ----------------------------------------------------------------


def test_single_logout_from_the_idp_ends_the_session(
    client, nemlogin_on, idp, django_capture_on_commit_callbacks
):
    user = UserFactory(email="ditte@aarhus.test")
    _login(client, idp, _identity(user))
    assert int(client.session["_auth_user_id"]) == user.pk
    logged_out = []

    def receiver(sender, user, **kwargs):
        logged_out.append(user.pk)

    user_logged_out.connect(receiver)
    try:
        url = idp.logout_request_url(
            sp_sls_url=HOST + SLS_URL,
            sp_entity_id=SP_ENTITY_ID,
            name_id=_identity(user).persistent_id,
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url.removeprefix(HOST))
    finally:
        user_logged_out.disconnect(receiver)
    assert response.status_code == 302
    assert response.url.startswith("https://idp.test/slo?SAMLResponse=")
    assert "_auth_user_id" not in client.session
    # The logout signal is what closes the user's websockets (accounts.signals).
    assert logged_out == [user.pk]


def test_logging_out_here_also_ends_the_nemlogin_session(client, nemlogin_on, idp):
    user = UserFactory(email="ditte@aarhus.test")
    identity = _identity(user)
    _response, arguments = _login(client, idp, identity, assertion_id="_session-1")
    response = client.post("/konto/logout/")
    assert "_auth_user_id" not in client.session
    location = urlparse(response.url)
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        "https://idp.test/slo"
    )
    query = {key: value[0] for key, value in parse_qs(location.query).items()}
    assert query["SigAlg"].endswith("rsa-sha256") and query["Signature"]
    request = etree.fromstring(
        zlib.decompress(base64.b64decode(query["SAMLRequest"]), -15)
    )
    assertion = "{urn:oasis:names:tc:SAML:2.0:assertion}"
    protocol = "{urn:oasis:names:tc:SAML:2.0:protocol}"
    assert request.find(f"{assertion}NameID").text == identity.persistent_id
    assert request.find(f"{protocol}SessionIndex").text == "_session-1"

    # NemLog-in answers with a signed LogoutResponse; we land on the front page.
    answer = idp.logout_response_url(
        saml_request=query["SAMLRequest"], sp_sls_url=HOST + SLS_URL
    )
    response = client.get(answer.removeprefix(HOST))
    assert response.status_code == 302
    assert response.url == "/"


def test_logging_out_after_a_password_login_stays_here(client, nemlogin_on):
    user = UserFactory(email="ditte@aarhus.test")
    client.post("/konto/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    assert int(client.session["_auth_user_id"]) == user.pk
    response = client.post("/konto/logout/")
    assert response.url == "/"
    assert "_auth_user_id" not in client.session


def test_an_unsigned_logout_request_is_refused(client, nemlogin_on, idp):
    user = UserFactory(email="ditte@aarhus.test")
    _login(client, idp, _identity(user))
    url = idp.logout_request_url(
        sp_sls_url=HOST + SLS_URL,
        sp_entity_id=SP_ENTITY_ID,
        name_id=_identity(user).persistent_id,
    )
    unsigned = url.split("&SigAlg=")[0]
    response = client.get(unsigned.removeprefix(HOST))
    assert response.status_code == 400
    assert int(client.session["_auth_user_id"]) == user.pk
