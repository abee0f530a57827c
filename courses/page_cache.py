"""Whole-page cache for the public course pages (the catalogue and module pages),
for anonymous visitors only.

Most visitors of the catalogue are not logged in, and what they see changes only when
an editor publishes. A cached page is keyed by the page, its ``last_published_at``,
the publish state of its child pages (the catalogue lists modules, a module lists
lessons), the language and the full path, so publishing or unpublishing invalidates it
at once; the timeout bounds anything else (an edited image or snippet).

The page contains the CSRF token of the language switch. It is stored with a
placeholder and every visitor gets their own token when the page is served, exactly
as if it had been rendered for them.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from wagtail.models import Page

CACHE_TIMEOUT = 10 * 60
CSRF_PLACEHOLDER = "__page_cache_csrf_token__"
_CSRF_VALUE = 'name="csrfmiddlewaretoken" value="'


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not getattr(request, "is_preview", False)
        # len() looks without consuming: the messages are still shown below.
        and not len(get_messages(request))
    )


def module_offerings_fingerprint(page: Page) -> list[str]:
    """What changes a module page without a publish: its offerings and their sessions
    (added, edited, cancelled, deleted), and the date, since only upcoming offerings
    are shown. One query."""
    from courses.models import Offering

    state = Offering.objects.filter(module_id=page.pk).aggregate(
        offering_count=Count("pk", distinct=True),
        offering_changed=Max("updated_at"),
        session_count=Count("sessions", distinct=True),
        session_changed=Max("sessions__updated_at"),
    )
    return [timezone.localdate().isoformat(), *(str(v) for v in state.values())]


def page_cache_key(
    page: Page,
    request: HttpRequest,
    fingerprint: Callable[[Page], list[str]] | None = None,
) -> str:
    """The cache key for ``page`` as served to this anonymous request. One query (the
    publish state of the child pages), plus the ``fingerprint``'s."""
    children = page.get_children().aggregate(
        latest=Max("last_published_at"),
        live=Count("pk", filter=Q(live=True)),
        total=Count("pk"),
    )
    parts = [
        get_language() or "",
        request.get_host(),
        request.get_full_path(),
        page.last_published_at.isoformat() if page.last_published_at else "-",
        children["latest"].isoformat() if children["latest"] else "-",
        str(children["live"]),
        str(children["total"]),
        *(fingerprint(page) if fingerprint else []),
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f"page-cache:{page.pk}:{digest}"


def _with_csrf_placeholder(html: str) -> str | None:
    """The page with every CSRF token value replaced by the placeholder, or None if a
    token value cannot be found where one is expected."""
    pieces = html.split(_CSRF_VALUE)
    for index in range(1, len(pieces)):
        token, quote, rest = pieces[index].partition('"')
        if not quote or not token:
            return None
        pieces[index] = CSRF_PLACEHOLDER + quote + rest
    return _CSRF_VALUE.join(pieces)


def serve_cached_for_anonymous(
    page: Page,
    request: HttpRequest,
    serve: Callable[[], HttpResponse],
    *,
    fingerprint: Callable[[Page], list[str]] | None = None,
) -> HttpResponse:
    """Serve ``page`` from the cache to an anonymous visitor without messages, or
    render it with ``serve()`` and store it. Logged-in users, previews, requests with
    messages and anything but a plain 200 HTML response are never cached.
    ``fingerprint`` adds what else the page shows to the key."""
    if not _cacheable_request(request):
        return serve()
    key = page_cache_key(page, request, fingerprint)
    cached = cache.get(key)
    if cached is not None:
        content, content_type = cached
        response = HttpResponse(
            content.replace(CSRF_PLACEHOLDER, get_token(request)),
            content_type=content_type,
        )
        response["X-Page-Cache"] = "hit"
        return response
    response = serve()
    if hasattr(response, "render"):
        response.render()
    other_cookies = set(response.cookies) - {settings.CSRF_COOKIE_NAME}
    if (
        response.status_code == 200
        and not response.streaming
        and not other_cookies
        and response.get("Content-Type", "").startswith("text/html")
    ):
        content = _with_csrf_placeholder(response.content.decode(response.charset))
        if content is not None:
            cache.set(key, (content, response["Content-Type"]), CACHE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
    return response
