"""Fixtures of the NemLog-in tests: the SP key pair and the test IdP (generated once
per session) and the settings that switch NemLog-in on."""

import pytest

from accounts.saml_test_idp import (
    TestIdentityProvider,
    generate_key_pair,
)


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
