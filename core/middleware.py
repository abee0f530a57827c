"""Content-Security-Policy: strict for the public site, relaxed for the Wagtail admin.

``check --deploy`` does not notice a missing CSP at all, so core.checks verifies that
this middleware is installed and that the public policy forbids inline script.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation

from csp.middleware import CSPMiddleware, PolicyParts


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        ):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        if not report_only and request.path_info.startswith("/konto/"):
            # "Log ind med MitID Erhverv" posts to our login URL, which redirects to
            # NemLog-in; browsers check form-action on that redirect too.
            from accounts.nemlogin import idp_origin

            origin = idp_origin()
            if origin:
                parts.update = {
                    **(parts.update or {}),
                    "form-action": [origin],
                }
        return parts


class LanguageMiddleware:
    """Danish unless the person has chosen English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a Danish
    public-sector site would greet most visitors with English browsers in English.
    Here only the language cookie set by the switch counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SiteBaseURLMiddleware:
    """Remember the request's scheme and host for ``core.mail.site_base_url`` while
    the request is served, unless ``SITE_BASE_URL`` fixes the address (production)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from .mail import request_base_url

        if settings.SITE_BASE_URL:
            return self.get_response(request)
        token = request_base_url.set(request.build_absolute_uri("/").rstrip("/"))
        try:
            return self.get_response(request)
        finally:
            request_base_url.reset(token)
