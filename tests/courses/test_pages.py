"""Course page types: where each may live, and the catalogue's fixed query count."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from core.models import HomePage, StandardPage
from courses.models import CourseIndexPage, LessonPage, ModuleKind, ModulePage
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory, catalogue, module_create

pytestmark = pytest.mark.django_db


def test_pages_can_only_be_created_where_they_belong():
    index = catalogue()
    home = index.get_parent().specific
    module = module_create(lessons=1)
    lesson = module.get_children().first().specific
    root = Page.get_first_root_node()

    assert CourseIndexPage.can_create_at(home) is False  # one catalogue only
    assert ModulePage.can_create_at(index)
    assert not ModulePage.can_create_at(home)
    assert not ModulePage.can_create_at(module)
    assert LessonPage.can_create_at(module)
    assert not LessonPage.can_create_at(index)
    assert not LessonPage.can_create_at(home)
    assert not LessonPage.can_create_at(lesson)
    assert StandardPage.can_create_at(home)
    assert not StandardPage.can_create_at(index)
    assert not HomePage.can_create_at(root)  # the site has its home page
    assert set(index.specific_class.allowed_subpage_models()) == {ModulePage}
    assert set(ModulePage.allowed_subpage_models()) == {LessonPage}
    assert LessonPage.allowed_subpage_models() == []


def _catalogue_queries(client, count: int) -> tuple[int, str]:
    for number in range(count):
        module = module_create(
            title=f"Tilvalgsmodul {number}", kind=ModuleKind.ELECTIVE, lessons=2
        )
        OfferingFactory(module=module)
    # The same cache state for every measurement (Wagtail caches the site's root
    # paths and drops them when pages are added).
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/moduler/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_catalogue_runs_a_fixed_number_of_queries_at_1_10_and_50_modules(client):
    catalogue()
    # Logged in: the anonymous page cache must not hide the rendering's queries.
    client.force_login(UserFactory())
    counts = []
    total = 0
    for step in (1, 9, 40):  # 1, 10 and 50 modules in all
        total += step
        queries, html = _catalogue_queries(client, step)
        assert html.count('class="card-heading') == total
        counts.append(queries)
    assert counts[0] == counts[1] == counts[2], counts
