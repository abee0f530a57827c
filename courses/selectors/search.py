"""Search over the published modules and lessons."""

from wagtail.models import Page
from wagtail.search.query import PlainText

from courses.models import LessonPage, ModulePage

MAX_RESULTS = 30


def course_pages_search(*, query: str) -> list[Page]:
    """Published modules and lessons matching ``query``, best first (PostgreSQL
    full-text search in services mode, the database backend's fallback in embedded
    mode). At most ``MAX_RESULTS``. Read-only."""
    results = (
        Page.objects.live()
        .type(ModulePage, LessonPage)
        .specific()
        .search(PlainText(query, operator="and"), order_by_relevance=True)
    )
    return list(results[:MAX_RESULTS])
