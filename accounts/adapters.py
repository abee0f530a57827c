"""allauth adapter: accounts are created by Socialstyrelsen or through a confirmed
nomination, never by self sign-up (enrolment is a dialogue with municipalities)."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter

from core.mail import absolute_url_rebased, site_base_url


@dataclass(frozen=True)
class _SiteForMail:
    """What allauth's mail templates read from ``current_site``."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth builds its links (password reset, e-mail confirmation) from the
        request; every link in its mails is moved onto the site's one base address
        (``core.mail.site_base_url``), as in the platform's own e-mails."""
        base = site_base_url()
        context = {key: _rebased(value) for key, value in context.items()} | {
            "current_site": _SiteForMail(
                name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(base).netloc
            )
        }
        super().send_mail(template_prefix, email, context)


def _rebased(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return absolute_url_rebased(value)
    return value
