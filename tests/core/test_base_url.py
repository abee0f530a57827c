"""One base address for every absolute link: e-mails (ours and allauth's), certificate
PDFs and calendar feeds. Configured in production (SITE_BASE_URL); the request's host
in development, so links work wherever the site runs."""

import re
from pathlib import Path

from django.urls import reverse

import pytest

from core.mail import absolute_url, email_schedule, request_base_url, site_base_url
from core.models import ScheduledEmail
from courses.models import ModuleCompletion, ModuleKind
from tests.accounts.factories import UserFactory
from tests.courses.factories import module_create
from tests.courses.test_certificates import _pdf_text_parsed

pytestmark = pytest.mark.django_db

OTHER_HOST = "ssp.kommune-test.dk"
TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture
def other_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    settings.SITE_BASE_URL = ""
    return OTHER_HOST


def _reset_link(mailoutbox) -> str:
    (message,) = mailoutbox
    return re.search(r"https?://\S+/konto/password/reset/key/\S+", message.body)[0]


def test_password_reset_links_follow_the_request_host_in_development(
    client, mailoutbox, other_host
):
    user = UserFactory()
    client.post("/konto/password/reset/", {"email": user.email}, HTTP_HOST=other_host)
    assert _reset_link(mailoutbox).startswith(f"http://{other_host}/konto/")
    assert "example.com" not in mailoutbox[0].body + mailoutbox[0].subject


def test_configured_base_url_wins_over_the_request_host(
    client, mailoutbox, other_host, settings
):
    settings.SITE_BASE_URL = "https://ssp-uddannelsen.dk"
    user = UserFactory()
    client.post("/konto/password/reset/", {"email": user.email}, HTTP_HOST=other_host)
    assert _reset_link(mailoutbox).startswith("https://ssp-uddannelsen.dk/konto/")
    assert other_host not in mailoutbox[0].body


def test_calendar_feed_address_and_events_use_the_same_base(client, other_host):
    client.force_login(UserFactory())
    page = client.get(reverse("courses:calendar_settings"), HTTP_HOST=other_host)
    html = page.content.decode()
    assert f"http://{other_host}/kalender/" in html
    assert f"webcal://{other_host}/kalender/" in html
    assert "127.0.0.1" not in html


def test_certificate_pdf_links_to_the_host_it_was_downloaded_from(client, other_host):
    participant = UserFactory()
    module = module_create(title="Grundmodul", kind=ModuleKind.BASE, lessons=0)
    ModuleCompletion.objects.create(user=participant, module=module)
    client.force_login(participant)
    response = client.post(
        reverse("courses:certificate_download", args=[module.pk]), HTTP_HOST=other_host
    )
    assert response.status_code == 200
    text = _pdf_text_parsed(response.content)
    assert f"http://{other_host}/kursusbevis/bekraeft/" in text
    assert "127.0.0.1" not in text


def test_emails_rendered_during_a_request_link_to_its_host(other_host, settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES_DIR]}]
    token = request_base_url.set(f"http://{other_host}")
    try:
        email_schedule(
            key="base-url-test",
            to="anne@aarhus.test",
            template="email_test/hello",
            context={"name": "Anne"},
        )
    finally:
        request_base_url.reset(token)
    email = ScheduledEmail.objects.get(key="base-url-test")
    assert f"Se http://{other_host}/hold/" in email.body_text


def test_outside_a_request_the_fallback_is_used_and_configuration_wins(settings):
    settings.SITE_BASE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert absolute_url("/hold/") == "http://127.0.0.1:8000/hold/"
    settings.SITE_BASE_URL = "https://ssp-uddannelsen.dk"
    token = request_base_url.set("http://localhost:9999")
    try:
        assert site_base_url() == "https://ssp-uddannelsen.dk"
    finally:
        request_base_url.reset(token)
