"""Require two-factor login for staff and administrators.

allauth offers MFA but has no switch to require it; this middleware sends a user who
must have it, and has no authenticator app set up yet, to the set-up page before they
can do anything else.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator

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
