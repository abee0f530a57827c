"""NemLog-in (MitID Erhverv) login against a local identity provider.

The IdP is ``accounts.saml_test_idp``: keys generated for the test session, responses
signed (and encrypted) with xmlsec as NemLog-in would send them. Each refusal test
breaks one thing and checks the Danish explanation, the logged reason, and that nobody
was logged in and no account or link was created.
"""

import base64
import csv
import datetime as dt
import logging
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from django.contrib.auth.signals import user_logged_out
from django.test import Client
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from lxml import etree

from accounts import nemlogin
from accounts.checks import check_nemlogin_configuration
from accounts.models import Organisation, SamlAssertion, User
from accounts.roles import Role
from accounts.saml_test_idp import (
    TestIdentity,
    TestIdentityProvider,
    generate_key_pair,
)
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

HOST = "http://testserver"
METADATA_URL = "/konto/saml/nemlogin/metadata/"
LOGIN_URL = "/konto/saml/nemlogin/login/"
ACS_URL = "/konto/saml/nemlogin/acs/"
SLS_URL = "/konto/saml/nemlogin/sls/"
SP_ENTITY_ID = HOST + METADATA_URL
AARHUS_CVR = "55133018"  # from accounts/data/kommuner_cvr.csv
TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTNEML"


@pytest.fixture
def client():
    # allauth's SAML views read the Host header, which a real browser always sends.
    return Client(HTTP_HOST="testserver")


@pytest.fixture(scope="session")
def sp_keys():
    return generate_key_pair("SSP-uddannelsen test SP")


@pytest.fixture(scope="session")
def idp(sp_keys):
    return TestIdentityProvider.generate(
        base_url="https://idp.test", sp_cert_pem=sp_keys[1]
    )


@pytest.fixture
def nemlogin_on(settings, tmp_path, sp_keys, idp):
    key_file, cert_file, metadata_file = (
        tmp_path / "sp.key",
        tmp_path / "sp.crt",
        tmp_path / "idp.xml",
    )
    key_file.write_text(sp_keys[0])
    cert_file.write_text(sp_keys[1])
    metadata_file.write_text(idp.metadata())
    settings.NEMLOGIN_ENABLED = True
    settings.NEMLOGIN_SP_KEY_FILE = str(key_file)
    settings.NEMLOGIN_SP_CERT_FILE = str(cert_file)
    settings.NEMLOGIN_IDP_METADATA_FILE = str(metadata_file)
    settings.NEMLOGIN_WANT_ASSERTIONS_ENCRYPTED = True
    settings.NEMLOGIN_WANT_MESSAGES_SIGNED = True
    return settings


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


# -- refusals -------------------------------------------------------------------

OTHER_KEY = generate_key_pair("Not the IdP")
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


# -- attributes, organisations, configuration --------------------------------------


def test_names_fall_back_to_the_full_name():
    identity = nemlogin.identity_from_attributes(
        {
            nemlogin.ATTR_LOA: ["High"],
            nemlogin.ATTR_PERSISTENT_ID: ["urn:uuid:1"],
            nemlogin.ATTR_CVR: [AARHUS_CVR],
            nemlogin.ATTR_EMAIL: ["Ditte@Aarhus.test"],
            nemlogin.ATTR_FULL_NAME: ["Ditte Marie Deltager"],
        }
    )
    assert (identity.first_name, identity.last_name, identity.email) == (
        "Ditte Marie",
        "Deltager",
        "ditte@aarhus.test",
    )
    assert identity.assurance is nemlogin.AssuranceLevel.HIGH


def test_two_values_for_one_attribute_are_refused():
    with pytest.raises(nemlogin.NemLoginRefused) as refused:
        nemlogin.identity_from_attributes({nemlogin.ATTR_LOA: ["Substantial", "Low"]})
    assert refused.value.reason is nemlogin.Refusal.INVALID_RESPONSE


def test_every_municipality_has_a_valid_unique_cvr_number():
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    municipalities = Organisation.objects.filter(kind="kommune")
    numbers = [organisation.cvr for organisation in municipalities]
    assert len(numbers) == 98
    assert len(set(numbers)) == 98
    for number in numbers:
        assert sum(int(d) * w for d, w in zip(number, weights, strict=True)) % 11 == 0
    path = Path(nemlogin.__file__).parent / "data" / "kommuner_cvr.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = {row["code"]: row["cvr"] for row in csv.DictReader(handle)}
    assert Organisation.objects.get(kommune__code="0101").cvr == rows["0101"]
    assert rows["0101"] == "64942212"


def test_cvr_is_validated_and_unique(db):
    from django.core.exceptions import ValidationError

    aarhus = Organisation.objects.get(kommune__code="0751")
    odense = Organisation.objects.get(kommune__code="0461")
    odense.cvr = aarhus.cvr
    with pytest.raises(ValidationError) as error:
        odense.full_clean()
    assert "En anden organisation har allerede dette CVR-nummer." in str(error.value)
    odense.cvr = "1234"
    with pytest.raises(ValidationError):
        odense.full_clean()


def test_check_deploy_needs_keys_and_metadata_when_switched_on(
    settings, nemlogin_on, tmp_path
):
    # The test IdP is trusted here, which production must never do.
    assert [m.id for m in check_nemlogin_configuration(None)] == ["lms.E011"]
    settings.NEMLOGIN_SP_KEY_FILE = ""
    settings.NEMLOGIN_IDP_METADATA_FILE = str(tmp_path / "missing.xml")
    errors = check_nemlogin_configuration(None)
    assert [m.id for m in errors] == ["lms.E010", "lms.E010"]
    messages = " ".join(error.msg for error in errors)
    assert "NEMLOGIN_SP_KEY_FILE is not set" in messages
    assert "missing.xml" in messages
    (tmp_path / "bad.xml").write_text("<not-metadata/>")
    settings.NEMLOGIN_SP_KEY_FILE = str(tmp_path / "sp.key")
    settings.NEMLOGIN_IDP_METADATA_FILE = str(tmp_path / "bad.xml")
    assert [m.id for m in check_nemlogin_configuration(None)] == ["lms.E010"]
    settings.NEMLOGIN_IDP_METADATA_FILE = str(tmp_path / "idp.xml")
    (tmp_path / "other.key").write_text(OTHER_KEY[0])
    settings.NEMLOGIN_SP_KEY_FILE = str(tmp_path / "other.key")
    errors = check_nemlogin_configuration(None)
    assert [m.id for m in errors] == ["lms.E010"]
    assert "do not belong together" in errors[0].msg
    settings.NEMLOGIN_ENABLED = False
    assert check_nemlogin_configuration(None) == []


def test_key_pairs_are_generated_once(tmp_path):
    from accounts.saml_test_idp import ensure_key_pair

    ensure_key_pair(tmp_path / "a.key", tmp_path / "a.crt", "x")
    first = (tmp_path / "a.key").read_text()
    ensure_key_pair(tmp_path / "a.key", tmp_path / "a.crt", "x")
    assert (tmp_path / "a.key").read_text() == first
    assert "PRIVATE KEY" in first


def test_an_administrator_enters_a_cvr_number_in_the_admin(client):
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(admin, TOTP_SECRET)
    client.force_login(admin)
    police = Organisation.objects.get(kind="politi", politikreds_id="1461")
    url = reverse("organisations:edit", args=[police.pk])
    assert client.get(reverse("organisations:index")).status_code == 200

    response = client.post(url, {"cvr": "12 34"})
    assert response.status_code == 200
    assert "Et CVR-nummer har præcis 8 cifre." in response.content.decode()
    police.refresh_from_db()
    assert police.cvr == ""

    response = client.post(url, {"cvr": AARHUS_CVR})
    assert "En anden organisation har allerede dette CVR-nummer." in (
        response.content.decode()
    )
    police.refresh_from_db()
    assert police.cvr == ""

    response = client.post(url, {"cvr": "12345674"})
    assert response.status_code == 302
    police.refresh_from_db()
    assert police.cvr == "12345674"


def test_a_participant_cannot_edit_organisations(client):
    client.force_login(UserFactory())
    police = Organisation.objects.get(kind="politi", politikreds_id="1461")
    response = client.post(
        reverse("organisations:edit", args=[police.pk]), {"cvr": "12345674"}
    )
    assert response.status_code in (302, 403)
    police.refresh_from_db()
    assert police.cvr == ""
