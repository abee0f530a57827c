"""Serve the local test identity provider (a stand-in for NemLog-in) on
http://127.0.0.1:8001, for trying the MitID Erhverv login in embedded mode.

It writes its key pair and metadata to var/saml/ (and the platform's own SP key pair,
if missing) so `make run`'s settings find them. Development only: it signs any
identity typed into its form.
"""

from pathlib import Path
from wsgiref.simple_server import make_server

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.saml_test_idp import TestIdentityProvider, ensure_key_pair


class Command(BaseCommand):
    help = "Serve a local SAML test IdP (stand-in for NemLog-in) on 127.0.0.1:8001."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8001)

    def handle(self, *args, port: int, **options):
        folder = Path(settings.VAR_DIR) / "saml"
        folder.mkdir(parents=True, exist_ok=True)
        ensure_key_pair(folder / "idp.key", folder / "idp.crt", "Test IdP")
        sp_key = Path(settings.NEMLOGIN_SP_KEY_FILE or folder / "sp.key")
        sp_cert = Path(settings.NEMLOGIN_SP_CERT_FILE or folder / "sp.crt")
        ensure_key_pair(sp_key, sp_cert, "SSP-uddannelsen (development)")
        idp = TestIdentityProvider(
            entity_id=f"http://127.0.0.1:{port}/saml-test-idp",
            base_url=f"http://127.0.0.1:{port}",
            key_pem=(folder / "idp.key").read_text(encoding="utf-8"),
            cert_pem=(folder / "idp.crt").read_text(encoding="utf-8"),
            sp_cert_pem=sp_cert.read_text(encoding="utf-8"),
        )
        metadata = Path(settings.NEMLOGIN_IDP_METADATA_FILE or folder / "idp.xml")
        metadata.write_text(idp.metadata(), encoding="utf-8")
        from accounts.saml_test_idp import wsgi_app

        self.stdout.write(
            f"Test-IdP (ikke NemLog-in) på http://127.0.0.1:{port}; metadata i "
            f"{metadata}"
        )
        with make_server("127.0.0.1", port, wsgi_app(idp)) as server:
            server.serve_forever()
