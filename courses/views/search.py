from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from courses.models import LessonPage
from courses.selectors.search import course_pages_search

MAX_QUERY_LENGTH = 200


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search modules and lessons (``?q=``). Lessons are listed for everyone but open
    only after login."""
    query = request.GET.get("q", "").strip()
    error = ""
    results = []
    if len(query) > MAX_QUERY_LENGTH:
        error = _("The search can be at most %(limit)s characters.") % {
            "limit": MAX_QUERY_LENGTH
        }
    elif query:
        results = [
            {"page": page, "is_lesson": isinstance(page, LessonPage)}
            for page in course_pages_search(query=query)
        ]
    return render(
        request,
        "courses/search.html",
        {"query": query[:MAX_QUERY_LENGTH], "results": results, "error": error},
        status=400 if error else 200,
    )
