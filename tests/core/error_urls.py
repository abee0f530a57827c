"""The site's URLs plus views that fail on purpose, so every error handler of
``lms.urls`` can be reached through the real middleware stack."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from lms.urls import (  # noqa: F401  (Django looks the handlers up on this module)
    handler400,
    handler403,
    handler404,
    handler429,
    handler500,
)
from lms.urls import urlpatterns as site_urlpatterns


def _bad_request(request):
    raise BadRequest("malformed on purpose")


def _denied_with_reason(request):
    raise PermissionDenied("Kun kontaktpersoner kan indstille deltagere.")


def _denied(request):
    raise PermissionDenied


def _crash(request):
    raise RuntimeError("a bug on purpose")


urlpatterns = [
    path("test-fejl/400/", _bad_request),
    path("test-fejl/403-grund/", _denied_with_reason),
    path("test-fejl/403/", _denied),
    path("test-fejl/500/", _crash),
    *site_urlpatterns,
]
