"""URLconf for bench/pages.py: the site's own URLs plus a bare hello view, so the
baseline is served by the same server, middleware and settings as the pages."""

if __name__ == "__main__":  # `make bench` runs every bench/*.py; this one is a helper.
    print("bench/urls_bench.py is the URL configuration of bench/pages.py; run that.")
    raise SystemExit(0)

from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/hello/", hello),
    path("", include("lms.urls")),
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
