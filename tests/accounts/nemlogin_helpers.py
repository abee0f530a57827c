"""Shared set-up for the NemLog-in tests (test_nemlogin_*.py): addresses, and
the steps of a login through the test IdP.

The IdP fixtures (``sp_keys``, ``idp``, ``nemlogin_on``) are in conftest.py.
"""

import base64
import zlib
from urllib.parse import parse_qs, urlparse

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from lxml import etree

from accounts.models import User
from accounts.saml_test_idp import (
    TestIdentity,
    generate_key_pair,
)

HOST = "http://testserver"
METADATA_URL = "/konto/saml/nemlogin/metadata/"
LOGIN_URL = "/konto/saml/nemlogin/login/"
ACS_URL = "/konto/saml/nemlogin/acs/"
SLS_URL = "/konto/saml/nemlogin/sls/"
SP_ENTITY_ID = HOST + METADATA_URL
AARHUS_CVR = "55133018"  # from accounts/data/kommuner_cvr.csv
TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTNEML"

OTHER_KEY = generate_key_pair("Not the IdP")


def _identity(user=None, **changes) -> TestIdentity:
    values = {
        "email": user.email if user else "ukendt@aarhus.test",
        "first_name": "Ditte",
        "last_name": "Deltager",
        "cvr": AARHUS_CVR,
        "organisation_name": "Aarhus Kommune",
        "assurance": "Substantial",
    }
    values.update(changes)
    return TestIdentity(**values)


def _start(client) -> dict:
    """Press "Log ind med MitID Erhverv": the signed AuthnRequest for the IdP."""
    response = client.post(LOGIN_URL, {"process": "login"})
    assert response.status_code == 302, response.content
    location = urlparse(response.url)
    query = {key: value[0] for key, value in parse_qs(location.query).items()}
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        "https://idp.test/sso"
    )
    assert query["SigAlg"].endswith("rsa-sha256") and query["Signature"]
    xml = zlib.decompress(base64.b64decode(query["SAMLRequest"]), -15)
    request = etree.fromstring(xml)
    return {
        "id": request.get("ID"),
        "acs_url": request.get("AssertionConsumerServiceURL"),
        "audience": request.find("{urn:oasis:names:tc:SAML:2.0:assertion}Issuer").text,
    }


def _answer(client, saml_response: str):
    """The browser posts the IdP's answer to the ACS, then follows to the finish."""
    response = client.post(ACS_URL, {"SAMLResponse": saml_response})
    assert response.status_code == 302
    return client.get(response.url)


def _login(client, idp, identity, **response_changes):
    request = _start(client)
    arguments = {
        "identity": identity,
        "acs_url": request["acs_url"],
        "audience": request["audience"],
        "in_response_to": request["id"],
        **response_changes,
    }
    return _answer(client, idp.response(**arguments)), arguments


def _state():
    return (
        User.objects.count(),
        EmailAddress.objects.count(),
        SocialAccount.objects.count(),
    )
