"""allauth adapters: accounts are created by Socialstyrelsen or through a confirmed
nomination, never by self sign-up (enrolment is a dialogue with municipalities).
NemLog-in is the one social login, built from settings by ``accounts.nemlogin``."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from core.client_address import client_address
from core.mail import absolute_url_rebased, site_base_url

from . import nemlogin

_MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"


@dataclass(frozen=True)
class _SiteForMail:
    """What allauth's mail templates read from ``current_site``."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """allauth's rate limits count by the same address as ours
        (core.client_address), which trusts X-Forwarded-For only as configured."""
        return client_address(request)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_logout_redirect_url(self, request: HttpRequest) -> str:
        """After a NemLog-in login, logging out here also ends the NemLog-in session
        (SP-initiated single logout): the browser goes on to NemLog-in with a signed
        LogoutRequest, and NemLog-in sends it back to our SLS endpoint. allauth asks
        for this URL before it ends the session, so the session still knows the
        NemLog-in session to end."""
        url = _nemlogin_logout_url(request)
        return url or super().get_logout_redirect_url(request)

    def get_login_stages(self) -> list[str]:
        # A NemLog-in login at "Substantial" or higher is already two-factor; the
        # replacement stage asks for the TOTP code only after other logins.
        return [
            "accounts.stages.AuthenticateStage" if stage == _MFA_STAGE else stage
            for stage in super().get_login_stages()
        ]

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


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        return False

    def list_apps(self, request: HttpRequest, provider=None, client_id=None) -> list:
        """Only NemLog-in, and only when it is switched on; its settings come from
        the configured files, not from the database."""
        from allauth.socialaccount.models import SocialApp

        if not nemlogin.is_enabled():
            return []
        if provider not in (None, "saml", nemlogin.PROVIDER_ID):
            return []
        if client_id not in (None, nemlogin.CLIENT_ID):
            return []
        return [
            SocialApp(
                provider="saml",
                provider_id=nemlogin.PROVIDER_ID,
                name="NemLog-in",
                client_id=nemlogin.CLIENT_ID,
                settings=nemlogin.app_settings(),
            )
        ]


def _nemlogin_logout_url(request: HttpRequest) -> str | None:
    data = request.session.get(nemlogin.LOGOUT_SESSION_KEY)
    if not data or not request.user.is_authenticated or not nemlogin.is_enabled():
        return None
    from allauth.socialaccount.providers.saml.utils import build_auth

    app = SocialAccountAdapter().get_app(
        request, provider="saml", client_id=nemlogin.CLIENT_ID
    )
    provider = app.get_provider(request)
    if not provider.app.settings["idp"].get("slo_url"):
        return None
    return build_auth(request, provider).logout(
        return_to="",
        name_id=data["name_id"],
        session_index=data["session_index"],
        nq=data["name_id_nq"],
        name_id_format=data["name_id_format"],
        spnq=data["name_id_spnq"],
    )


def _rebased(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return absolute_url_rebased(value)
    return value
