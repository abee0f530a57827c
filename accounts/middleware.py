"""Require two-factor login for staff and administrators.

allauth offers MFA but has no switch to require it; this middleware sends a user who
must have it, and has no authenticator app set up yet, to the set-up page before they
can do anything else. A session that logged in through NemLog-in (MitID at
"Substantial" or higher, which is multi-factor) needs no authenticator app.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from . import nemlogin

# Paths a user without MFA may still reach: setting it up, logging out, static files.
_ALLOWED_PREFIXES = ("/konto/", "/static/", "/sprog/", "/healthz")


class RequireMultiFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path_info.startswith(_ALLOWED_PREFIXES)
            and user.requires_mfa
            and not logged_in_with_nemlogin(request)
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.warning(
                request,
                _(
                    "Your account has access to administration. Set up two-factor "
                    "login with an authenticator app before you continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def logged_in_with_nemlogin(request: HttpRequest) -> bool:
    """Whether this session's user authenticated through NemLog-in (allauth keeps a
    record of each authentication in the session, bound to the user)."""
    return any(
        record.get("method") == "socialaccount"
        and record.get("provider") == nemlogin.PROVIDER_ID
        for record in get_authentication_records(request, request.user)
    )
