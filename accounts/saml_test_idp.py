"""A local SAML identity provider that behaves like NemLog-in, for tests and for
trying the MitID Erhverv login without NemLog-in. NOT for production: it signs
whatever identity the tester types.

It answers in the OIOSAML 3 shape: a signed Response around a signed (and, when it
knows the SP's certificate, encrypted) Assertion with the OIOSAML 3 attributes. Keys are
generated with ``cryptography`` when it starts (or by the tests), never committed.
``manage.py saml_test_idp`` serves it on http://127.0.0.1:8001 (see the README).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from lxml import etree

from . import nemlogin

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
XENC = "http://www.w3.org/2001/04/xmlenc#"
BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
NAMEID_PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
ATTRNAME_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"


def _pem_body(pem: str) -> str:
    return "".join(
        line for line in pem.strip().splitlines() if not line.startswith("-----")
    )


def generate_key_pair(common_name: str) -> tuple[str, str]:
    """A fresh RSA key and a self-signed certificate (PEM), valid for a year."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM).decode()


def ensure_key_pair(key_file: Path, cert_file: Path, common_name: str) -> None:
    """Write a key pair to the two files unless both exist already."""
    if key_file.exists() and cert_file.exists():
        return
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_pem, cert_pem = generate_key_pair(common_name)
    key_file.write_text(key_pem, encoding="utf-8")
    key_file.chmod(0o600)
    cert_file.write_text(cert_pem, encoding="utf-8")


@dataclass
class TestIdentity:
    """A MitID Erhverv identity the test IdP asserts."""

    __test__ = False  # not a pytest class

    email: str
    first_name: str
    last_name: str
    cvr: str
    organisation_name: str = ""
    assurance: str = "Substantial"
    extra_attributes: dict[str, str] = field(default_factory=dict)
    uuid: str = ""  # derived from CVR and e-mail unless given

    @property
    def persistent_id(self) -> str:
        # Stable per person and organisation, like NemLog-in's professional UUID.
        if self.uuid:
            return f"urn:uuid:{self.uuid}"
        return "urn:uuid:" + str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"mitid-erhverv:{self.cvr}:{self.email}")
        )

    def attributes(self) -> dict[str, str]:
        values = {
            nemlogin.ATTR_SPEC_VERSION: "OIOSAML-3.0",
            nemlogin.ATTR_LOA: self.assurance,
            nemlogin.ATTR_PERSISTENT_ID: self.persistent_id,
            nemlogin.ATTR_CVR: self.cvr,
            nemlogin.ATTR_ORG_NAME: self.organisation_name,
            nemlogin.ATTR_FIRST_NAME: self.first_name,
            nemlogin.ATTR_LAST_NAME: self.last_name,
            nemlogin.ATTR_FULL_NAME: f"{self.first_name} {self.last_name}".strip(),
            nemlogin.ATTR_EMAIL: self.email,
        }
        values.update(self.extra_attributes)
        return {name: value for name, value in values.items() if value}


@dataclass
class TestIdentityProvider:
    """Keys and endpoints of one test IdP."""

    __test__ = False  # not a pytest class

    entity_id: str
    base_url: str  # e.g. http://127.0.0.1:8001
    key_pem: str
    cert_pem: str
    sp_cert_pem: str = ""  # encrypt assertions for this SP when set

    @classmethod
    def generate(cls, *, base_url: str, sp_cert_pem: str = "") -> TestIdentityProvider:
        key_pem, cert_pem = generate_key_pair("SSP-uddannelsen test IdP")
        return cls(
            entity_id=f"{base_url}/saml-test-idp",
            base_url=base_url,
            key_pem=key_pem,
            cert_pem=cert_pem,
            sp_cert_pem=sp_cert_pem,
        )

    @property
    def sso_url(self) -> str:
        return f"{self.base_url}/sso"

    @property
    def slo_url(self) -> str:
        return f"{self.base_url}/slo"

    def metadata(self) -> str:
        cert = _pem_body(self.cert_pem)
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="{MD}" xmlns:ds="{DS}" entityID="{self.entity_id}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="true"
      protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate>
      </ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleLogoutService Binding="{BINDING_REDIRECT}" Location="{self.slo_url}"/>
    <md:NameIDFormat>{NAMEID_PERSISTENT}</md:NameIDFormat>
    <md:SingleSignOnService Binding="{BINDING_REDIRECT}" Location="{self.sso_url}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
"""

    # -- responses -----------------------------------------------------------------

    def response(
        self,
        *,
        identity: TestIdentity,
        acs_url: str,
        audience: str,
        in_response_to: str | None,
        issuer: str | None = None,
        now: dt.datetime | None = None,
        lifetime: dt.timedelta = dt.timedelta(minutes=5),
        assertion_id: str | None = None,
        sign_assertion: bool = True,
        sign_response: bool = True,
        signing_key_pem: str | None = None,
        signing_cert_pem: str | None = None,
        encrypt: bool | None = None,
    ) -> str:
        """A base64-encoded SAML Response for ``identity``, as NemLog-in would post
        it to ``acs_url``. The keyword arguments let tests break one thing at a time:
        another issuer or audience, a past validity window, a reused assertion ID, no
        signature, or a signature by another key."""
        from onelogin.saml2.utils import OneLogin_Saml2_Utils

        now = now or dt.datetime.now(dt.UTC)
        issuer = issuer or self.entity_id
        key = signing_key_pem or self.key_pem
        cert = signing_cert_pem or self.cert_pem

        def stamp(moment: dt.datetime) -> str:
            return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        in_response = f' InResponseTo="{in_response_to}"' if in_response_to else ""
        attributes = "".join(
            f'<saml:Attribute Name="{html.escape(name)}" NameFormat="{ATTRNAME_URI}">'
            f"<saml:AttributeValue>{html.escape(value)}</saml:AttributeValue>"
            "</saml:Attribute>"
            for name, value in identity.attributes().items()
        )
        assertion_id = assertion_id or f"_{uuid.uuid4().hex}"
        name_id = identity.persistent_id
        assertion = f"""<saml:Assertion xmlns:saml="{SAML}" ID="{assertion_id}"
 Version="2.0" IssueInstant="{stamp(now)}">
<saml:Issuer>{html.escape(issuer)}</saml:Issuer>
<saml:Subject><saml:NameID Format="{NAMEID_PERSISTENT}">{name_id}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml:SubjectConfirmationData NotOnOrAfter="{stamp(now + lifetime)}"
 Recipient="{acs_url}"{in_response}/></saml:SubjectConfirmation></saml:Subject>
<saml:Conditions NotBefore="{stamp(now - dt.timedelta(seconds=30))}"
 NotOnOrAfter="{stamp(now + lifetime)}"><saml:AudienceRestriction>
<saml:Audience>{html.escape(audience)}</saml:Audience></saml:AudienceRestriction>
</saml:Conditions>
<saml:AuthnStatement AuthnInstant="{stamp(now)}" SessionIndex="{assertion_id}">
<saml:AuthnContext><saml:AuthnContextClassRef>https://data.gov.dk/concept/core/nsis/loa/{identity.assurance}</saml:AuthnContextClassRef>
</saml:AuthnContext></saml:AuthnStatement>
<saml:AttributeStatement>{attributes}</saml:AttributeStatement></saml:Assertion>"""
        assertion_element = etree.fromstring(assertion.encode())
        if sign_assertion:
            assertion_element = etree.fromstring(
                OneLogin_Saml2_Utils.add_sign(assertion_element, key, cert)
            )
        if encrypt is None:
            encrypt = bool(self.sp_cert_pem)
        if encrypt:
            assertion_element = _encrypt_assertion(assertion_element, self.sp_cert_pem)
        response = etree.fromstring(
            f"""<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}"
 ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{stamp(now)}"
 Destination="{acs_url}"{in_response}><saml:Issuer>{html.escape(issuer)}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>
</samlp:Status></samlp:Response>""".encode()
        )
        response.append(assertion_element)
        xml = etree.tostring(response)
        if sign_response:
            xml = OneLogin_Saml2_Utils.add_sign(response, key, cert)
        return base64.b64encode(xml).decode()

    def _swapped_settings(self, *, sp_sls_url: str, sp_entity_id: str):
        """python3-saml settings with the roles swapped (we are the "sp"), so its
        builders make IdP-to-SP logout messages."""
        from onelogin.saml2.settings import OneLogin_Saml2_Settings

        return OneLogin_Saml2_Settings(
            {
                "strict": True,
                "sp": {
                    "entityId": self.entity_id,
                    "assertionConsumerService": {"url": self.sso_url},
                    "privateKey": self.key_pem,
                    "x509cert": self.cert_pem,
                },
                "idp": {
                    "entityId": sp_entity_id,
                    "singleSignOnService": {"url": sp_sls_url},
                    "singleLogoutService": {"url": sp_sls_url},
                    "x509cert": self.sp_cert_pem or self.cert_pem,
                },
                "security": {"logoutRequestSigned": True},
            },
            sp_validation_only=True,
        )

    def _signed_redirect(self, url: str, name: str, message: str) -> str:
        """``url`` with the message and an HTTP-Redirect binding signature."""
        import xmlsec
        from onelogin.saml2.constants import OneLogin_Saml2_Constants
        from onelogin.saml2.utils import OneLogin_Saml2_Utils

        escape = OneLogin_Saml2_Utils.escape_url
        to_sign = (
            f"{name}={escape(message)}"
            f"&SigAlg={escape(OneLogin_Saml2_Constants.RSA_SHA256)}"
        )
        context = xmlsec.SignatureContext()
        context.key = xmlsec.Key.from_memory(
            self.key_pem, xmlsec.constants.KeyDataFormatPem, None
        )
        signature = context.sign_binary(
            to_sign.encode(), xmlsec.constants.TransformRsaSha256
        )
        encoded = escape(base64.b64encode(signature).decode())
        return f"{url}?{to_sign}&Signature={encoded}"

    def logout_request_url(
        self, *, sp_sls_url: str, sp_entity_id: str, name_id: str
    ) -> str:
        """An IdP-initiated single logout: the signed LogoutRequest redirect URL to
        the SP's SLS endpoint."""
        from onelogin.saml2.logout_request import OneLogin_Saml2_Logout_Request

        settings = self._swapped_settings(
            sp_sls_url=sp_sls_url, sp_entity_id=sp_entity_id
        )
        request = OneLogin_Saml2_Logout_Request(settings, name_id=name_id)
        return self._signed_redirect(sp_sls_url, "SAMLRequest", request.get_request())

    def logout_response_url(self, *, saml_request: str, sp_sls_url: str) -> str:
        """The signed LogoutResponse redirect URL answering an SP's LogoutRequest."""
        from onelogin.saml2.logout_response import OneLogin_Saml2_Logout_Response

        xml = zlib.decompress(base64.b64decode(saml_request), -15)
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
        issuer = root.find(f"{{{SAML}}}Issuer")
        settings = self._swapped_settings(
            sp_sls_url=sp_sls_url,
            sp_entity_id=issuer.text if issuer is not None else "",
        )
        response = OneLogin_Saml2_Logout_Response(settings)
        response.build(root.get("ID", ""))
        return self._signed_redirect(
            sp_sls_url, "SAMLResponse", response.get_response()
        )


def _encrypt_assertion(assertion: etree._Element, sp_cert_pem: str) -> etree._Element:
    """Wrap the (signed) assertion in an EncryptedAssertion for the SP's certificate:
    AES-256-CBC content key, RSA-OAEP key transport, as NemLog-in does."""
    import xmlsec

    wrapper = etree.Element(f"{{{SAML}}}EncryptedAssertion", nsmap={"saml": SAML})
    wrapper.append(assertion)
    template = xmlsec.template.encrypted_data_create(
        wrapper,
        xmlsec.constants.TransformAes256Cbc,
        type=xmlsec.constants.TypeEncElement,
        ns="xenc",
    )
    xmlsec.template.encrypted_data_ensure_cipher_value(template)
    key_info = xmlsec.template.encrypted_data_ensure_key_info(template, ns="dsig")
    encrypted_key = xmlsec.template.add_encrypted_key(
        key_info, xmlsec.constants.TransformRsaOaep
    )
    xmlsec.template.encrypted_data_ensure_cipher_value(encrypted_key)
    manager = xmlsec.KeysManager()
    manager.add_key(
        xmlsec.Key.from_memory(
            sp_cert_pem.encode(), xmlsec.constants.KeyDataFormatCertPem, None
        )
    )
    context = xmlsec.EncryptionContext(manager)
    context.key = xmlsec.Key.generate(
        xmlsec.constants.KeyDataAes, 256, xmlsec.constants.KeyDataTypeSession
    )
    context.encrypt_xml(template, assertion)
    return wrapper


def parse_authn_request(saml_request: str) -> dict[str, str]:
    """ID, ACS URL and issuer of a deflated, base64-encoded AuthnRequest."""
    xml = zlib.decompress(base64.b64decode(saml_request), -15)
    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
    issuer = root.find(f"{{{SAML}}}Issuer")
    return {
        "id": root.get("ID", ""),
        "acs_url": root.get("AssertionConsumerServiceURL", ""),
        "issuer": issuer.text if issuer is not None else "",
    }


# -- a tiny web app for the browser ----------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


def _field(name: str, label: str, value: str = "") -> str:
    return (
        f'<p><label for="{name}">{label}</label><br>'
        f'<input id="{name}" name="{name}" value="{html.escape(value)}"></p>'
    )


def wsgi_app(idp: TestIdentityProvider, default_identity: TestIdentity | None = None):
    """A WSGI application: ``/metadata``, ``/sso`` (shows a form where the tester
    chooses who logs in) and ``/sso/respond`` (posts the signed answer back)."""
    identity = default_identity or TestIdentity(
        email="", first_name="", last_name="", cvr=""
    )

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if path == "/metadata":
            start_response("200 OK", [("Content-Type", "application/xml")])
            return [idp.metadata().encode()]
        if path == "/sso" and "SAMLRequest" in query:
            request = parse_authn_request(query["SAMLRequest"])
            hidden = "".join(
                f'<input type="hidden" name="{name}" value="{html.escape(value)}">'
                for name, value in (
                    ("request_id", request["id"]),
                    ("acs_url", request["acs_url"]),
                    ("audience", request["issuer"]),
                    ("relay_state", query.get("RelayState", "")),
                )
            )
            levels = "".join(
                f'<option value="{level}"'
                f"{' selected' if level == identity.assurance else ''}>{level}</option>"
                for level in ("Low", "Substantial", "High")
            )
            body = (
                "<p>Lokal test-IdP (ikke NemLog-in). Vælg, hvem der logger ind.</p>"
                f'<form method="post" action="/sso/respond">{hidden}'
                + _field("email", "E-mail (arbejde)", identity.email)
                + _field("first_name", "Fornavn", identity.first_name)
                + _field("last_name", "Efternavn", identity.last_name)
                + _field("cvr", "CVR-nummer", identity.cvr)
                + _field(
                    "organisation_name", "Organisation", identity.organisation_name
                )
                + '<p><label for="assurance">Sikringsniveau</label><br>'
                f'<select id="assurance" name="assurance">{levels}</select></p>'
                '<p><button type="submit">Log ind</button></p></form>'
            )
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [_PAGE.format(title="Test-IdP: MitID Erhverv", body=body).encode()]
        if path == "/slo" and "SAMLRequest" in query:
            # The SP's SLS endpoint sits next to its metadata URL (its entity ID).
            issuer = parse_authn_request(query["SAMLRequest"])["issuer"]
            sls_url = issuer.removesuffix("metadata/") + "sls/"
            location = idp.logout_response_url(
                saml_request=query["SAMLRequest"], sp_sls_url=sls_url
            )
            start_response("302 Found", [("Location", location)])
            return [b""]
        if path == "/sso/respond" and environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = {
                k: v[0]
                for k, v in parse_qs(
                    environ["wsgi.input"].read(length).decode()
                ).items()
            }
            chosen = TestIdentity(
                email=form.get("email", ""),
                first_name=form.get("first_name", ""),
                last_name=form.get("last_name", ""),
                cvr=form.get("cvr", ""),
                organisation_name=form.get("organisation_name", ""),
                assurance=form.get("assurance", "Substantial"),
            )
            response = idp.response(
                identity=chosen,
                acs_url=form["acs_url"],
                audience=form["audience"],
                in_response_to=form.get("request_id") or None,
            )
            body = (
                f'<form method="post" action="{html.escape(form["acs_url"])}">'
                f'<input type="hidden" name="SAMLResponse" value="{response}">'
                '<input type="hidden" name="RelayState" '
                f'value="{html.escape(form.get("relay_state", ""))}">'
                "<p>Svaret fra test-IdP'en er klar.</p>"
                '<p><button type="submit">Fortsæt til SSP-uddannelsen</button></p>'
                "</form>"
            )
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [_PAGE.format(title="Test-IdP: svar", body=body).encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not found"]

    return app
