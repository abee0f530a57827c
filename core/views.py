from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import run_checks


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


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
