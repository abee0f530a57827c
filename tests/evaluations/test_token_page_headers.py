"""The answer pages are reached by a personal link with the token in the address:
they are never indexed, never cached, and never hand the address (the token) to
another site in a ``Referer``. The page sets these itself, so a looser site-wide
``SECURE_REFERRER_POLICY`` cannot leak the token."""

from django.urls import reverse

import pytest

from evaluations.services import invitation_token
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory
from tests.evaluations.factories import invitation_create, schedule_create

pytestmark = pytest.mark.django_db

TOKEN_PAGE_HEADERS = {
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "private, no-store",
}


@pytest.fixture
def answer_url():
    offering = OfferingFactory()
    invitation = invitation_create(
        schedule=schedule_create(module=offering.module),
        offering=offering,
        user=UserFactory(),
    )
    return reverse("evaluations:answer", args=[invitation_token(invitation=invitation)])


def _token_pages(client, answer_url):
    """Every page a personal link leads to: the survey, the survey with errors,
    a refused link and the thanks page, with the status each has."""
    return [
        (client.get(answer_url), 200),
        (client.post(answer_url, {}), 400),
        (client.get(reverse("evaluations:answer", args=["abc:def"])), 404),
        (client.get(reverse("evaluations:thanks")), 200),
    ]


def _headers(response):
    return {name: response.get(name) for name in TOKEN_PAGE_HEADERS}


def test_the_token_pages_send_noindex_and_keep_the_address_on_the_site(
    client, answer_url
):
    for response, status in _token_pages(client, answer_url):
        assert response.status_code == status
        assert _headers(response) == TOKEN_PAGE_HEADERS


@pytest.mark.parametrize("site_wide", ["unsafe-url", None])
def test_the_token_pages_keep_their_referrer_policy_whatever_the_site_sends(
    client, answer_url, settings, site_wide
):
    """``SecurityMiddleware`` sends ``SECURE_REFERRER_POLICY`` on every page unless
    the page set one: the token pages must not depend on that setting."""
    settings.SECURE_REFERRER_POLICY = site_wide
    for response, status in _token_pages(client, answer_url):
        assert response.status_code == status
        assert _headers(response) == TOKEN_PAGE_HEADERS
