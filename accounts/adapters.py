"""allauth adapters: accounts are created by Socialstyrelsen or through a confirmed
nomination, never by self sign-up (enrolment is a dialogue with municipalities).
NemLog-in is the one social login, built from settings by ``accounts.nemlogin``."""

from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from . import nemlogin

_MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_stages(self) -> list[str]:
        # A NemLog-in login at "Substantial" or higher is already two-factor; the
        # replacement stage asks for the TOTP code only after other logins.
        return [
            "accounts.stages.AuthenticateStage" if stage == _MFA_STAGE else stage
            for stage in super().get_login_stages()
        ]


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
