"""NemLog-in attributes, the organisations' CVR numbers, and the deploy checks."""

import csv
from pathlib import Path

from django.test import Client
from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts import nemlogin
from accounts.checks import check_nemlogin_configuration
from accounts.models import Organisation
from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.accounts.nemlogin_helpers import (
    AARHUS_CVR,
    OTHER_KEY,
    TOTP_SECRET,
)

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.fixture
def client():
    # allauth's SAML views read the Host header, which a real browser always sends.
    return Client(HTTP_HOST="testserver")


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
