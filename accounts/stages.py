"""The two-factor login stage, aware of NemLog-in.

MitID at NSIS "Substantial" or "High" is itself multi-factor, and a NemLog-in login
below "Substantial" never gets this far (``accounts.nemlogin``). So after a NemLog-in
login the TOTP code is not asked again; after a password login it still is.
"""

from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage

from . import nemlogin


def login_is_nemlogin(login) -> bool:
    """Whether this pending allauth login came through NemLog-in."""
    sociallogin = (login.signal_kwargs or {}).get("sociallogin")
    if sociallogin is None:
        return False
    if isinstance(sociallogin, dict):  # a login stashed between requests
        provider = sociallogin.get("account", {}).get("provider")
    else:
        provider = sociallogin.account.provider
    return provider == nemlogin.PROVIDER_ID


class AuthenticateStage(AllauthAuthenticateStage):
    def _should_handle(self, request) -> bool:
        if login_is_nemlogin(self.login):
            return False
        return super()._should_handle(request)
