"""NemLog-in responses that are refused.

Each refusal test breaks one thing and checks the Danish explanation, the logged
reason, and that nobody was logged in and no account or link was created.
"""

import datetime as dt
import logging

from django.test import Client

import pytest

from accounts.models import SamlAssertion
from tests.accounts.factories import UserFactory
from tests.accounts.nemlogin_helpers import (
    ACS_URL,
    HOST,
    OTHER_KEY,
    SP_ENTITY_ID,
    _answer,
    _identity,
    _login,
    _start,
    _state,
)

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.fixture
def client():
    # allauth's SAML views read the Host header, which a real browser always sends.
    return Client(HTTP_HOST="testserver")


# -- refusals -------------------------------------------------------------------

PAST = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)

REFUSALS = {
    "wrong audience": (
        {"audience": "https://another-service.test/metadata"},
        "invalid_response",
        "is not a valid audience",
        "kunne ikke godkendes",
    ),
    "wrong issuer": (
        {"issuer": "https://impostor.test/idp"},
        "invalid_response",
        "Invalid issuer",
        "kunne ikke godkendes",
    ),
    "expired assertion": (
        {"now": PAST},
        "invalid_response",
        "expired",
        "kunne ikke godkendes",
    ),
    "unsigned response": (
        {"sign_assertion": False, "sign_response": False},
        "invalid_response",
        "not signed",
        "kunne ikke godkendes",
    ),
    "signed by another key": (
        {"signing_key_pem": OTHER_KEY[0], "signing_cert_pem": OTHER_KEY[1]},
        "invalid_response",
        "Signature validation failed",
        "kunne ikke godkendes",
    ),
    "not encrypted": (
        {"encrypt": False},
        "invalid_response",
        "encrypted",
        "kunne ikke godkendes",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_response_that_fails_verification_is_refused(
    client, nemlogin_on, idp, caplog, case
):
    changes, reason, logged, danish = REFUSALS[case]
    user = UserFactory(email="ditte@aarhus.test")
    before = _state()
    with caplog.at_level(logging.WARNING, logger="accounts.nemlogin"):
        response, _arguments = _login(client, idp, _identity(user), **changes)
    assert response.status_code == 403
    content = response.content.decode()
    assert f'data-refusal="{reason}"' in content
    assert danish in content
    assert logged in caplog.text
    assert "_auth_user_id" not in client.session
    assert _state() == before
    assert SamlAssertion.objects.count() == 0


ATTRIBUTE_REFUSALS = {
    "assurance level too low": (
        {"assurance": "Low"},
        "assurance_too_low",
        "mindst &quot;Betydelig&quot;",
    ),
    "no assurance level": ({"assurance": ""}, "assurance_too_low", "Betydelig"),
    "unknown CVR": (
        {"cvr": "12345674"},
        "unknown_organisation",
        "CVR-nummer 12345674",
    ),
    "CPR number sent": (
        {
            "extra_attributes": {
                "https://data.gov.dk/model/core/eid/cprNumber": "0101701234"
            }
        },
        "cpr_received",
        "CPR-nummer",
    ),
    "no account": (
        {"email": "ny.person@aarhus.test"},
        "no_account",
        "SSP-kontaktperson",
    ),
    "another organisation": (
        {"cvr": "29189420", "organisation_name": "Aalborg Kommune"},
        "organisation_mismatch",
        "Aalborg Kommune",
    ),
}


@pytest.mark.parametrize("case", list(ATTRIBUTE_REFUSALS))
def test_a_verified_response_that_breaks_our_rules_is_refused(
    client, nemlogin_on, idp, caplog, case
):
    changes, reason, danish = ATTRIBUTE_REFUSALS[case]
    user = UserFactory(email="ditte@aarhus.test")
    identity = _identity(user, **changes)
    before = _state()
    with caplog.at_level(logging.WARNING, logger="accounts.nemlogin"):
        response, _arguments = _login(client, idp, identity)
    assert response.status_code == 403
    content = response.content.decode()
    assert f'data-refusal="{reason}"' in content
    assert danish in content
    assert reason in caplog.text
    assert "0101701234" not in caplog.text + content
    assert "_auth_user_id" not in client.session
    assert _state() == before
    # Only the used assertion's ID is kept, so it can never be played again.
    assert SamlAssertion.objects.count() == 1


def test_an_unverified_email_is_not_enough_to_link(client, nemlogin_on, idp):
    user = UserFactory(email="ditte@aarhus.test", verified=False)
    before = _state()
    response, _arguments = _login(client, idp, _identity(user))
    assert 'data-refusal="no_account"' in response.content.decode()
    assert _state() == before


def test_a_replayed_assertion_is_refused(client, nemlogin_on, idp, caplog):
    user = UserFactory(email="ditte@aarhus.test")
    request = _start(client)
    arguments = {
        "identity": _identity(user),
        "acs_url": request["acs_url"],
        "audience": request["audience"],
        "assertion_id": "_brugt-een-gang",
    }
    first = idp.response(in_response_to=request["id"], **arguments)
    assert _answer(client, first).status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk

    # Someone who captured the response posts it again from another browser, as
    # is and answering a login of their own: the assertion ID gives it away.
    attacker = Client(HTTP_HOST="testserver")
    before = _state()
    with caplog.at_level(logging.WARNING, logger="accounts.nemlogin"):
        replays = [
            _answer(attacker, first),
            _answer(
                attacker,
                idp.response(in_response_to=_start(attacker)["id"], **arguments),
            ),
        ]
    for response in replays:
        assert response.status_code == 403
        assert 'data-refusal="replayed"' in response.content.decode()
        assert "allerede brugt" in response.content.decode()
    assert caplog.text.count("replayed: assertion _brugt-een-gang") == 2
    assert "_auth_user_id" not in attacker.session
    assert _state() == before


def test_a_response_to_a_request_from_another_browser_is_refused(
    client, nemlogin_on, idp
):
    user = UserFactory(email="ditte@aarhus.test")
    request = _start(client)
    other = Client(HTTP_HOST="testserver")
    response = _answer(
        other,
        idp.response(
            identity=_identity(user),
            acs_url=request["acs_url"],
            audience=request["audience"],
            in_response_to=request["id"],
        ),
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in other.session


def test_idp_initiated_login_is_refused(client, nemlogin_on, idp):
    user = UserFactory(email="ditte@aarhus.test")
    response = _answer(
        client,
        idp.response(
            identity=_identity(user),
            acs_url=HOST + ACS_URL,
            audience=SP_ENTITY_ID,
            in_response_to=None,
        ),
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
