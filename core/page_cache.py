"""Whole-page cache for anonymous visitors, in front of Wagtail's routing.

Most visitors of the public pages (home, catalogue, module pages, the offerings list)
are not logged in, and those pages change only when an editor publishes or an offering
or session is saved. The middleware answers an anonymous GET from the cache before any
URL routing or database work; a view opts in by marking its response with
``anonymous_cacheable(response)``.

Invalidation is a version number in the cache: saving (publishing), unpublishing,
moving or deleting a page and saving or deleting a row an app registers (courses: an
offering or session, ``page_cache_invalidate_on_change``) bump it, which makes every
cached page stale at once. The key also holds the date (module pages list
*upcoming* offerings) and the language; entries expire after ``CACHE_TIMEOUT``.

A cached page must be the same for every anonymous visitor: it may not set cookies (no
CSRF token, no messages), so the language switch is plain links.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CACHE_TIMEOUT = 10 * 60
VERSION_KEY = "page-cache:version"
_MAX_QUERY_STRING = 200


def anonymous_cacheable(response: HttpResponse) -> HttpResponse:
    """Mark a response as the same for every anonymous visitor."""
    response.anonymous_cacheable = True
    return response


def page_cache_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def page_cache_invalidate(**kwargs) -> None:
    """Make every cached page stale. Safe to call often; usable as a signal receiver.
    An unreachable cache is logged, never raised: the write that triggered this must
    not fail because of the cache (entries expire after ``CACHE_TIMEOUT`` anyway)."""
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, timeout=None)
    except Exception:  # noqa: BLE001 - any cache failure
        logger.warning("Page cache not invalidated: cache unreachable", exc_info=True)


def _is_anonymous_without_messages(request: HttpRequest) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        # No session: anonymous, and messages can only be in their own cookie.
        return "messages" not in request.COOKIES
    # len() looks at the messages without marking them as shown.
    return not request.user.is_authenticated and not len(get_messages(request))


class AnonymousPageCacheMiddleware:
    """Serve marked pages to anonymous visitors from the cache. Must come after the
    session, authentication, message and language middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method not in ("GET", "HEAD")
            or len(request.META.get("QUERY_STRING", "")) > _MAX_QUERY_STRING
            or not _is_anonymous_without_messages(request)
        ):
            return self.get_response(request)
        try:
            key = ":".join(
                [
                    "page-cache",
                    str(page_cache_version()),
                    timezone.localdate().isoformat(),
                    get_language() or "",
                    request.get_host(),
                    request.get_full_path(),
                ]
            )
            cached = cache.get(key)
        except Exception:  # noqa: BLE001 - a cache outage must not take pages down
            logger.warning("Page cache unreachable; serving uncached", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            getattr(response, "anonymous_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and request.method == "GET"
        ):
            try:
                cache.set(
                    key, (response.content, response["Content-Type"]), CACHE_TIMEOUT
                )
            except Exception:  # noqa: BLE001
                logger.warning("Page cache unreachable; not stored", exc_info=True)
            else:
                response["X-Page-Cache"] = "miss"
        return response


def _invalidate_on_page_change(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    # Any page (of any type) saved or deleted. Page subclasses send these signals
    # with their own class as sender, hence the isinstance check.
    if isinstance(instance, Page):
        page_cache_invalidate()


def page_cache_invalidate_on_change(*models: type) -> None:
    """Bump the version whenever a row of one of ``models`` is saved or deleted.
    For an app whose models anonymous pages show: it calls this from its
    ``AppConfig.ready()`` (courses: offerings and sessions), so core imports no app."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        label = model._meta.label_lower
        post_save.connect(
            page_cache_invalidate,
            sender=model,
            dispatch_uid=f"page-cache-saved:{label}",
        )
        post_delete.connect(
            page_cache_invalidate,
            sender=model,
            dispatch_uid=f"page-cache-deleted:{label}",
        )


def connect_invalidation() -> None:
    """Bump the version whenever a page changes: cache invalidation, not domain
    logic, so signals are the right tool here. Apps add their own models with
    ``page_cache_invalidate_on_change``."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_unpublished, post_page_move

    post_save.connect(_invalidate_on_page_change, dispatch_uid="page-cache-saved")
    post_delete.connect(_invalidate_on_page_change, dispatch_uid="page-cache-deleted")
    page_unpublished.connect(page_cache_invalidate, dispatch_uid="page-cache-unpub")
    post_page_move.connect(page_cache_invalidate, dispatch_uid="page-cache-moved")
