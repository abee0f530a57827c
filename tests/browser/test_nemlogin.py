"""MitID Erhverv through NemLog-in, in a real browser, against the local test IdP
(accounts.saml_test_idp served on a free port next to the live server)."""

import socket
import threading
from urllib.parse import urlparse
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.core.management import call_command

import pytest

from accounts.models import Organisation
from accounts.saml_test_idp import TestIdentityProvider, generate_key_pair, wsgi_app
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.smoke,
]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def local_idp(settings, tmp_path, transactional_db, expected_origins):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The login goes through the identity provider, as it goes through NemLog-in.
    expected_origins.append(f"127.0.0.1:{port}")
    sp_key, sp_cert = generate_key_pair("SSP-uddannelsen browser test")
    idp = TestIdentityProvider.generate(
        base_url=f"http://127.0.0.1:{port}", sp_cert_pem=sp_cert
    )
    (tmp_path / "sp.key").write_text(sp_key)
    (tmp_path / "sp.crt").write_text(sp_cert)
    (tmp_path / "idp.xml").write_text(idp.metadata())
    settings.NEMLOGIN_ENABLED = True
    settings.NEMLOGIN_SP_KEY_FILE = str(tmp_path / "sp.key")
    settings.NEMLOGIN_SP_CERT_FILE = str(tmp_path / "sp.crt")
    settings.NEMLOGIN_IDP_METADATA_FILE = str(tmp_path / "idp.xml")
    server = make_server("127.0.0.1", port, wsgi_app(idp), handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield idp
    server.shutdown()
    server.server_close()


def _log_in_with_mitid(
    page, *, email, first_name, last_name, cvr, organisation, check_axe=True
):
    page.goto("/konto/login/")
    if check_axe:
        assert_accessible(page)
    page.get_by_role("button", name="Log ind med MitID Erhverv").click()
    # The test IdP's form, where NemLog-in would show MitID.
    page.get_by_label("E-mail (arbejde)").fill(email)
    page.get_by_label("Fornavn").fill(first_name)
    page.get_by_label("Efternavn").fill(last_name)
    page.get_by_label("CVR-nummer").fill(cvr)
    page.get_by_label("Organisation").fill(organisation)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("button", name="Fortsæt til SSP-uddannelsen").click()


def test_participant_logs_in_with_mitid_erhverv(browser, live_server, local_idp):
    # This browser enforces the site's Content-Security-Policy (the harness's pages
    # bypass it to inject axe): the redirect to NemLog-in must be allowed.
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    context.set_default_timeout(10_000)
    page = context.new_page()
    _log_in_with_mitid(
        page,
        check_axe=False,
        email="deltager.aarhus@demo.ssp.test",
        first_name="Ditte",
        last_name="Deltager",
        cvr="55133018",
        organisation="Aarhus Kommune",
    )
    page.wait_for_url("**/")
    page.goto("/konto/profil/")
    assert page.get_by_role("heading", level=1).inner_text() == "Min konto"
    assert "deltager.aarhus@demo.ssp.test" in page.content()
    context.close()


def test_administrator_logs_in_with_mitid_erhverv_without_totp(page, local_idp):
    """The login page passes axe; the admin opens without a TOTP prompt."""
    # Socialstyrelsen's CVR number is entered by an administrator (admin field).
    Organisation.objects.filter(kind="socialstyrelsen").update(cvr="12345674")
    _log_in_with_mitid(
        page,
        email="admin@demo.ssp.test",
        first_name="Anne",
        last_name="Administrator",
        cvr="12345674",
        organisation="Socialstyrelsen",
    )
    page.wait_for_url("**/")
    page.goto("/admin/")
    # The Wagtail dashboard itself: no login form, no TOTP set-up or prompt.
    assert urlparse(page.url).path == "/admin/"
    assert page.locator("input[name=password]").count() == 0


def test_unknown_organisation_is_refused_in_danish(page, local_idp):
    _log_in_with_mitid(
        page,
        email="deltager.aarhus@demo.ssp.test",
        first_name="Ditte",
        last_name="Deltager",
        cvr="12345674",
        organisation="Ukendt ApS",
    )
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Login med MitID Erhverv blev afvist"
    )
    assert "CVR-nummer 12345674" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.goto("/konto/profil/")
    assert urlparse(page.url).path == "/konto/login/"
