import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import run_checks
from .middleware import bad_request_page
from .models import ScheduledEmail

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """State of database, cache, channel layer and broker for a load balancer:
    200 when every check passes, 503 otherwise."""
    results = run_checks()
    healthy = all(result.ok for result in results)
    return JsonResponse(
        {
            "status": "ok" if healthy else "unhealthy",
            "checks": {result.name: result.as_dict() for result in results},
        },
        status=200 if healthy else 503,
    )


def _error_page(
    request: HttpRequest, status: int, context: dict | None = None
) -> HttpResponse:
    return render(
        request,
        f"{status}.html",
        {"status_code": status, **(context or {})},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 in the site's layout (a malformed request or a suspicious operation),
    rendered without the session or the database (core.middleware)."""
    return bad_request_page(request)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 in the site's layout, with the reason when the code gave one.

    ``PermissionDenied("...")`` messages are translated Danish written for people, so
    they are shown; a bare ``PermissionDenied()`` shows the general explanation.
    """
    reason = str(exception) if isinstance(exception, PermissionDenied) else ""
    return _error_page(request, 403, {"reason": reason})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (expired or missing CSRF token) as the Danish 403 page."""
    return _error_page(
        request,
        403,
        {
            "reason": _(
                "The form had expired or came from another page. Go back, reload "
                "the page and send the form again."
            )
        },
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 in the site's layout."""
    return _error_page(request, 404)


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """429 in the site's layout (allauth's rate limits call this)."""
    return _error_page(request, 429)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the site's layout, rendered without the request's context processors:
    whatever failed (often the database) must not fail the error page too."""
    try:
        body = loader.get_template("500.html").render({"status_code": 500})
    except Exception:  # the last resort must not raise
        logger.exception("The 500 page could not be rendered")
        body = (
            '<!DOCTYPE html><html lang="da"><meta charset="utf-8">'
            "<title>Der opstod en fejl · SSP-uddannelsen</title>"
            "<h1>Der opstod en fejl</h1><p>Noget gik galt hos os. Prøv igen om lidt."
            '</p><p><a href="/">Til forsiden</a></p></html>'
        )
    return HttpResponseServerError(body)


@require_GET
def language_switch(request: HttpRequest, code: str) -> HttpResponse:
    """Remember the chosen language in the language cookie and go back to ``next``.

    A plain link rather than Django's POST form, so that public pages carry no CSRF
    token and can be cached for every anonymous visitor. Choosing a language changes
    nothing but the visitor's own display language.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


def _outbox_guard(request: HttpRequest) -> None:
    # Only on a developer's own machine (DEBUG) and only for staff: the outbox holds
    # what every person was sent.
    if not settings.DEBUG or not request.user.is_authenticated:
        raise Http404
    if not request.user.is_staff:
        raise Http404


@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    """The local outbox in development: the latest e-mails the platform scheduled."""
    _outbox_guard(request)
    emails = ScheduledEmail.objects.only(
        "pk", "to_address", "subject", "due_at", "sent_at"
    )[:200]
    return render(request, "core/outbox.html", {"emails": emails})


@require_GET
def outbox_email(request: HttpRequest, pk: int) -> HttpResponse:
    """One e-mail of the local outbox, in plain text and as its HTML source."""
    _outbox_guard(request)
    email = get_object_or_404(ScheduledEmail, pk=pk)
    return render(request, "core/outbox_email.html", {"email": email})
