"""Who may reach the Wagtail admin, and two-factor login for those who may.

allauth offers MFA but has no switch to require it; RequireMultiFactorMiddleware sends
a user who must have it, and has no authenticator app set up yet, to the set-up page
before they can do anything else. A session that logged in through NemLog-in (MitID
at "Substantial" or higher, which is multi-factor) needs no authenticator app.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from . import nemlogin

# Paths a user without MFA may still reach: setting it up, logging out, static files.
_ALLOWED_PREFIXES = ("/konto/", "/static/", "/sprog/", "/healthz")


class AdminAccessMiddleware:
    """A logged-in person without admin access gets the 403 page for ``/admin/``.

    Wagtail sends them to its login URL, which is allauth's login; allauth sends a
    logged-in person straight back to ``next`` (``/admin/``), and round it goes.
    Anonymous visitors still go to the login page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and request.path_info.startswith(settings.ADMIN_URL_PREFIX)
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied(
                _(
                    "The administration is only for Socialstyrelsen's administrators "
                    "and editors."
                )
            )
        return self.get_response(request)


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
