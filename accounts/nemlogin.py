"""NemLog-in (MitID Erhverv) as a SAML 2.0 service provider, OIOSAML 3 profile.

allauth's SAML provider (``allauth.socialaccount.providers.saml``, built on
python3-saml and xmlsec) does the protocol: the signed AuthnRequest, the metadata, the
response's signature, issuer, audience, destination and validity window, and single
logout. This module holds what is ours:

* the configuration, read from files named in settings (``NEMLOGIN_*``): the IdP's
  metadata and our key pair; nothing secret lives in the repository;
* the OIOSAML 3 attributes and the rules for them: a persistent professional
  identifier (never the CPR number), the assurance level (NSIS "Substantial" or
  higher), the organisation's CVR number.

The URLs are allauth's, under the slug ``nemlogin``: ``/konto/saml/nemlogin/metadata/``
(stable; give it to NemLog-in), ``.../login/``, ``.../acs/`` and ``.../sls/``.
"""

from __future__ import annotations

import enum
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

PROVIDER_ID = "nemlogin"  # SocialAccount.provider of a NemLog-in identity
LOGOUT_SESSION_KEY = "nemlogin_logout"  # NameID and SessionIndex, for single logout
CLIENT_ID = "nemlogin"  # the slug in allauth's SAML URLs

# OIOSAML 3 attribute names (OIOSAML Web SSO Profile 3.0, "Attribute Profiles").
ATTR_SPEC_VERSION = "https://data.gov.dk/model/core/specVersion"
ATTR_LOA = "https://data.gov.dk/concept/core/nsis/loa"
ATTR_PERSISTENT_ID = "https://data.gov.dk/model/core/eid/professional/uuid/persistent"
ATTR_CVR = "https://data.gov.dk/model/core/eid/professional/cvr"
ATTR_ORG_NAME = "https://data.gov.dk/model/core/eid/professional/orgName"
ATTR_FIRST_NAME = "https://data.gov.dk/model/core/eid/firstName"
ATTR_LAST_NAME = "https://data.gov.dk/model/core/eid/lastName"
ATTR_FULL_NAME = "https://data.gov.dk/model/core/eid/fullName"
ATTR_EMAIL = "https://data.gov.dk/model/core/eid/email"
# Attributes we must never receive or store: the CPR number and its derivatives.
CPR_ATTRIBUTES = (
    "https://data.gov.dk/model/core/eid/cprNumber",
    "https://data.gov.dk/model/core/eid/cprUuid",
    "dk:gov:saml:attribute:CprNumberIdentifier",
)


class AssuranceLevel(enum.IntEnum):
    """NSIS levels of assurance, as NemLog-in names them in the ``loa`` attribute."""

    LOW = 1
    SUBSTANTIAL = 2
    HIGH = 3

    @classmethod
    def parse(cls, value: str) -> AssuranceLevel | None:
        return {"low": cls.LOW, "substantial": cls.SUBSTANTIAL, "high": cls.HIGH}.get(
            value.strip().lower()
        )


#: The lowest level that lets anyone in, and that counts as two-factor login.
MINIMUM_ASSURANCE = AssuranceLevel.SUBSTANTIAL


class Refusal(enum.StrEnum):
    """Why a NemLog-in login was refused; each has a Danish explanation."""

    INVALID_RESPONSE = "invalid_response"
    REPLAYED = "replayed"
    CPR_RECEIVED = "cpr_received"
    MISSING_IDENTIFIER = "missing_identifier"
    ASSURANCE_TOO_LOW = "assurance_too_low"
    UNKNOWN_ORGANISATION = "unknown_organisation"
    ORGANISATION_MISMATCH = "organisation_mismatch"
    NO_ACCOUNT = "no_account"
    INACTIVE = "inactive"


REFUSAL_MESSAGES = {
    Refusal.INVALID_RESPONSE: _(
        "The answer from NemLog-in could not be verified, so you have not been "
        "logged in. Try again from the login page. If it keeps happening, log in "
        "with your e-mail and password instead."
    ),
    Refusal.REPLAYED: _(
        "This login from NemLog-in has already been used. Start again from the "
        "login page."
    ),
    Refusal.CPR_RECEIVED: _(
        "NemLog-in sent a CPR number, which this platform must not receive. You "
        "have not been logged in, and the CPR number has not been stored. Please "
        "tell Socialstyrelsen about the error."
    ),
    Refusal.MISSING_IDENTIFIER: _(
        "NemLog-in did not send the information we need to recognise you (a "
        "MitID Erhverv identity with an organisation). Log in with MitID Erhverv "
        "as an employee."
    ),
    Refusal.ASSURANCE_TOO_LOW: _(
        'Your MitID login has the assurance level "Low". The platform requires '
        'at least "Substantial" (betydelig), for example MitID with the app or a '
        "code display. Log in again with a stronger MitID method."
    ),
    Refusal.UNKNOWN_ORGANISATION: _(
        "Your organisation (CVR number %(cvr)s) is not registered on "
        "SSP-uddannelsen, so you cannot log in with MitID Erhverv yet. Ask your "
        "municipality's SSP contact person to contact Socialstyrelsen, which can "
        "register the organisation."
    ),
    Refusal.ORGANISATION_MISMATCH: _(
        "You logged in with MitID Erhverv for %(organisation)s, but your account on "
        "SSP-uddannelsen belongs to another organisation. Log in with your e-mail "
        "and password, or ask Socialstyrelsen to correct your organisation."
    ),
    Refusal.NO_ACCOUNT: _(
        "You have no account on SSP-uddannelsen yet. You cannot sign up yourself: "
        "accounts are created when your municipality's SSP contact person has "
        "nominated you for a module and Socialstyrelsen has confirmed your place. "
        "Contact the SSP contact person in your municipality (or your police "
        "district's contact person) to be enrolled."
    ),
    Refusal.INACTIVE: _(
        "Your account on SSP-uddannelsen has been closed. Contact Socialstyrelsen "
        "if you need access again."
    ),
}


class NemLoginRefused(Exception):
    """A NemLog-in login that must not go through; ``detail`` is for the log only."""

    def __init__(self, reason: Refusal, detail: str = "", **params: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.params = params

    @property
    def message(self) -> str:
        text = str(REFUSAL_MESSAGES[self.reason])
        return text % self.params if self.params else text


@dataclass(frozen=True)
class NemLoginIdentity:
    """What we keep from a NemLog-in assertion (no CPR number, ever)."""

    persistent_id: str
    email: str
    first_name: str
    last_name: str
    cvr: str
    organisation_name: str
    assurance: AssuranceLevel


def _single(attributes: dict[str, list[str]], name: str) -> str:
    values = [value.strip() for value in attributes.get(name, []) if value.strip()]
    if len(values) > 1:
        raise NemLoginRefused(
            Refusal.INVALID_RESPONSE, f"attribute {name} has {len(values)} values"
        )
    return values[0] if values else ""


def identity_from_attributes(attributes: dict[str, list[str]]) -> NemLoginIdentity:
    """Read and check the OIOSAML 3 attributes of a verified assertion.

    Raises ``NemLoginRefused`` for a CPR attribute (checked first, so it is never
    read further), a missing identifier, e-mail or CVR number, or an assurance level
    below "Substantial". Pure: reads nothing else, writes nothing.
    """
    received_cpr = [name for name in CPR_ATTRIBUTES if name in attributes]
    if received_cpr:
        raise NemLoginRefused(
            Refusal.CPR_RECEIVED, f"CPR attribute(s) received: {received_cpr}"
        )
    loa_value = _single(attributes, ATTR_LOA)
    assurance = AssuranceLevel.parse(loa_value) if loa_value else None
    if assurance is None or assurance < MINIMUM_ASSURANCE:
        raise NemLoginRefused(
            Refusal.ASSURANCE_TOO_LOW, f"assurance level {loa_value!r}"
        )
    persistent_id = _single(attributes, ATTR_PERSISTENT_ID)
    cvr = _single(attributes, ATTR_CVR)
    email = _single(attributes, ATTR_EMAIL).lower()
    if not persistent_id or not cvr or not email:
        raise NemLoginRefused(
            Refusal.MISSING_IDENTIFIER,
            "missing "
            + ", ".join(
                name
                for name, value in (
                    ("persistent id", persistent_id),
                    ("cvr", cvr),
                    ("email", email),
                )
                if not value
            ),
        )
    first_name = _single(attributes, ATTR_FIRST_NAME)
    last_name = _single(attributes, ATTR_LAST_NAME)
    if not (first_name or last_name):
        first_name, _space, last_name = _single(attributes, ATTR_FULL_NAME).rpartition(
            " "
        )
    return NemLoginIdentity(
        persistent_id=persistent_id,
        email=email,
        first_name=first_name,
        last_name=last_name,
        cvr=cvr,
        organisation_name=_single(attributes, ATTR_ORG_NAME),
        assurance=assurance,
    )


# -- configuration ---------------------------------------------------------------


class ConfigurationError(Exception):
    pass


def configuration_problems() -> list[str]:
    """What is missing or unreadable in the NemLog-in configuration (empty when
    NemLog-in is off or fully configured). Used by the system check."""
    if not settings.NEMLOGIN_ENABLED:
        return []
    problems = []
    for name in (
        "NEMLOGIN_IDP_METADATA_FILE",
        "NEMLOGIN_SP_KEY_FILE",
        "NEMLOGIN_SP_CERT_FILE",
    ):
        path = getattr(settings, name)
        if not path:
            problems.append(f"{name} is not set.")
        elif not os.path.isfile(path):
            problems.append(f"{name} names {path}, which is not a readable file.")
    if problems:
        return problems
    try:
        idp_settings()
    except ConfigurationError as error:
        problems.append(str(error))
    key_file, cert_file = settings.NEMLOGIN_SP_KEY_FILE, settings.NEMLOGIN_SP_CERT_FILE
    problems.extend(
        _key_pair_problems(
            key_file, os.stat(key_file).st_mtime, cert_file, os.stat(cert_file).st_mtime
        )
    )
    return problems


@functools.lru_cache(maxsize=4)
def _key_pair_problems(
    key_file: str, key_mtime: float, cert_file: str, cert_mtime: float
) -> tuple[str, ...]:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        key = serialization.load_pem_private_key(
            Path(key_file).read_bytes(), password=None
        )
    except (ValueError, TypeError) as error:
        return (f"NEMLOGIN_SP_KEY_FILE is not an unencrypted PEM key ({error}).",)
    try:
        certificate = x509.load_pem_x509_certificate(Path(cert_file).read_bytes())
    except ValueError as error:
        return (f"NEMLOGIN_SP_CERT_FILE is not a PEM certificate ({error}).",)
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if certificate.public_key().public_bytes(*spki) != key.public_key().public_bytes(
        *spki
    ):
        return (
            "NEMLOGIN_SP_KEY_FILE and NEMLOGIN_SP_CERT_FILE do not belong together.",
        )
    return ()


def _read(path: str) -> tuple[str, float]:
    file = Path(path)
    return file.read_text(encoding="utf-8"), file.stat().st_mtime


@functools.lru_cache(maxsize=4)
def _parse_idp_metadata(path: str, mtime: float) -> dict:
    from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

    text, _mtime = _read(path)
    try:
        parsed = OneLogin_Saml2_IdPMetadataParser.parse(text)
    except Exception as error:  # lxml or the parser: unreadable metadata
        raise ConfigurationError(
            f"NEMLOGIN_IDP_METADATA_FILE ({path}) is not SAML metadata: {error}"
        ) from error
    idp = parsed.get("idp") or {}
    certificate = (
        idp.get("x509cert") or (idp.get("x509certMulti", {}).get("signing") or [""])[0]
    )
    sso_url = idp.get("singleSignOnService", {}).get("url")
    if not (idp.get("entityId") and sso_url and certificate):
        raise ConfigurationError(
            f"NEMLOGIN_IDP_METADATA_FILE ({path}) lacks an entity ID, a "
            "single sign-on URL or a signing certificate."
        )
    return {
        "entity_id": idp["entityId"],
        "sso_url": sso_url,
        "slo_url": idp.get("singleLogoutService", {}).get("url"),
        "x509cert": certificate,
    }


def idp_settings() -> dict:
    """The IdP part of allauth's SAML app settings, from the metadata file (parsed
    once per change of the file)."""
    path = settings.NEMLOGIN_IDP_METADATA_FILE
    try:
        mtime = os.stat(path).st_mtime
    except OSError as error:
        raise ConfigurationError(f"Cannot read {path}: {error}") from error
    return _parse_idp_metadata(path, mtime)


def app_settings() -> dict:
    """allauth's SAML app settings for NemLog-in, built from our configuration."""
    key, _mtime = _read(settings.NEMLOGIN_SP_KEY_FILE)
    certificate, _mtime = _read(settings.NEMLOGIN_SP_CERT_FILE)
    return {
        "attribute_mapping": {
            "uid": ATTR_PERSISTENT_ID,
            "email": ATTR_EMAIL,
            "first_name": ATTR_FIRST_NAME,
            "last_name": ATTR_LAST_NAME,
        },
        "idp": idp_settings(),
        "sp": {"entity_id": settings.NEMLOGIN_SP_ENTITY_ID or None},
        "advanced": {
            "strict": True,
            "private_key": key,
            "x509cert": certificate,
            "authn_request_signed": True,
            "logout_request_signed": True,
            "logout_response_signed": True,
            "want_assertion_signed": True,
            "want_message_signed": settings.NEMLOGIN_WANT_MESSAGES_SIGNED,
            "want_assertion_encrypted": settings.NEMLOGIN_WANT_ASSERTIONS_ENCRYPTED,
            "reject_deprecated_algorithm": True,
            "reject_idp_initiated_sso": True,
            "want_attribute_statement": True,
            # Only tests and development use host names like "testserver".
            "allow_single_label_domains": settings.NEMLOGIN_ALLOW_SINGLE_LABEL_HOSTS,
        },
        "organization": {
            "da": {
                "name": "Socialstyrelsen",
                "displayname": "SSP-uddannelsen",
                "url": settings.WAGTAILADMIN_BASE_URL,
            }
        },
    }


def idp_origin() -> str | None:
    """The scheme and host of NemLog-in's login URL, for the login page's
    Content-Security-Policy; ``None`` when NemLog-in is off."""
    if not is_enabled():
        return None
    parts = urlsplit(idp_settings()["sso_url"])
    return f"{parts.scheme}://{parts.netloc}"


def is_enabled() -> bool:
    """NemLog-in is switched on and its files are there (the deploy check reports
    what is missing; the login page simply offers no MitID button then)."""
    return bool(settings.NEMLOGIN_ENABLED) and not configuration_problems()
