"""Edge middleware: the input guard, Content-Security-Policy and the language.

Content-Security-Policy is strict for the public site, relaxed for the Wagtail admin.

``check --deploy`` does not notice a missing CSP at all, so core.checks verifies that
this middleware is installed and that the public policy forbids inline script.
"""

import json
import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.translation import gettext as _

from csp.middleware import CSPMiddleware, PolicyParts

logger = logging.getLogger(__name__)


#: (path prefix, function) pairs: on pages under the prefix, forms may also post to
#: the origin the function returns (``None``: nothing to add). Apps register theirs
#: from ``AppConfig.ready()`` with ``csp_form_action_register`` (accounts: the
#: NemLog-in login), so core imports no app.
_FORM_ACTION_SOURCES: list[tuple[str, Callable[[], str | None]]] = []


def csp_form_action_register(
    path_prefix: str, origin: Callable[[], str | None]
) -> None:
    """Let forms on the pages under ``path_prefix`` post to ``origin()`` too.
    Registering the same pair again changes nothing."""
    if (path_prefix, origin) not in _FORM_ACTION_SOURCES:
        _FORM_ACTION_SOURCES.append((path_prefix, origin))


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
        if report_only:
            return parts
        for path_prefix, origin_function in _FORM_ACTION_SOURCES:
            if not request.path_info.startswith(path_prefix):
                continue
            origin = origin_function()
            if origin:
                update = parts.update or {}
                parts.update = {
                    **update,
                    "form-action": [*update.get("form-action", []), origin],
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


# C0 and C1 control characters and DEL. Tab, CR and LF are text (multi-line fields).
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
CONTROL_CHARACTERS = re.compile(f"[{_CONTROL}]")
#: A path or a file name has no business with any control character.
ANY_CONTROL_CHARACTER = re.compile(f"[{_CONTROL}\t\r\n]")
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_control_characters(value: object, pattern: re.Pattern = CONTROL_CHARACTERS):
    """Whether a string, or any string in parsed JSON, holds a control character."""
    if isinstance(value, str):
        return pattern.search(value) is not None
    if isinstance(value, dict):
        return any(
            has_control_characters(key, pattern)
            or has_control_characters(item, pattern)
            for key, item in value.items()
        )
    if isinstance(value, list | tuple):
        return any(has_control_characters(item, pattern) for item in value)
    return False


class InputGuardMiddleware:
    """Refuse control characters at the edge, before any view or query sees them.

    PostgreSQL cannot store or even compare text holding NUL, so ``/soeg/?q=%00``
    used to be a 500. Here a path, query string, file name or JSON body with a
    control character gets a Danish 400 page. In posted form fields NUL is refused
    too, while other invisible control characters (a vertical tab pasted from Word)
    are removed, as they carry no meaning; tab, CR and LF stay, for multi-line text.
    A cookie holding one is dropped, as if it had not been sent. Outermost but for
    SecurityMiddleware, so the refusal still gets the security headers.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name in [
            name
            for name, value in request.COOKIES.items()
            if ANY_CONTROL_CHARACTER.search(name + value)
        ]:
            del request.COOKIES[name]
        if not self.is_clean(request):
            return bad_request_page(request)
        return self.get_response(request)

    def is_clean(self, request: HttpRequest) -> bool:
        if ANY_CONTROL_CHARACTER.search(request.path_info):
            return False
        for key, values in request.GET.lists():
            if has_control_characters([key, *values]):
                return False
        content_type = request.content_type or ""
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        if content_type in FORM_CONTENT_TYPES:
            return self.clean_form(request)
        if content_type == "application/json" or content_type.endswith("+json"):
            try:
                data = json.loads(request.body)
            except ValueError:  # not JSON at all: the view says so itself
                return True
            return not has_control_characters(data)
        return True

    def clean_form(self, request: HttpRequest) -> bool:
        for key, values in request.POST.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return False
        for upload in request.FILES.values():
            if ANY_CONTROL_CHARACTER.search(upload.name or ""):
                return False
        if has_control_characters(list(request.POST.lists())):
            cleaned = QueryDict(mutable=True)
            for key, values in request.POST.lists():
                cleaned.setlist(
                    CONTROL_CHARACTERS.sub("", key),
                    [CONTROL_CHARACTERS.sub("", value) for value in values],
                )
            cleaned._mutable = False
            request.POST = cleaned  # type: ignore[misc]
        return True


def bad_request_page(request: HttpRequest) -> HttpResponse:
    """The 400 page (Danish unless English was chosen), rendered without touching
    the session or database."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()  # the request never reaches authentication
    language = getattr(request, "LANGUAGE_CODE", None)
    if language is None:  # refused before LanguageMiddleware ran
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
    with translation.override(language):
        return render(request, "400.html", {"status_code": 400}, status=400)


class AdminBadInputMiddleware:
    """A Danish 400, not a 500, when the Wagtail admin trips over malformed input.

    Some Wagtail 8 admin views read request data without checking it: a missing
    form field (``KeyError``), a non-numeric id in a chooser URL (``ValueError``),
    the root page as a parent (``AttributeError``), a garbage ``next`` address
    (``NoReverseMatch``). Only administrators reach them,
    and they arise from requests the admin's own pages never send. These errors are
    still logged with their traceback, so a real bug is not hidden; the person
    gets the bad-request page. Deleting something that others still point at
    (``ProtectedError``, e.g. an evaluation schedule with answers) is refused with a
    message instead. Limited to the admin: our own views handle their input
    themselves, and the fuzz test holds them to it.
    """

    CLIENT_ERRORS = (KeyError, ValueError, TypeError, AttributeError, NoReverseMatch)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            return None
        if isinstance(exception, ProtectedError | RestrictedError):
            return self.refuse_delete(request)
        if not isinstance(exception, self.CLIENT_ERRORS):
            return None
        logger.error(
            "Admin request refused as malformed: %s %s",
            request.method,
            request.path_info,
            exc_info=exception,
        )
        return bad_request_page(request)

    def refuse_delete(self, request: HttpRequest) -> HttpResponse:
        """Deleting something others still point at (an evaluation schedule with
        invitations and answers) is refused with a message, not a 500; nothing is
        deleted. Back to the listing the delete view belongs to."""
        messages.error(
            request,
            _(
                "It cannot be deleted, because other data still refers to it "
                "(for example invitations or answers). Nothing was deleted."
            ),
        )
        listing, found, _rest = request.path_info.partition("/delete/")
        return redirect(f"{listing}/" if found else settings.ADMIN_URL_PREFIX)


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
