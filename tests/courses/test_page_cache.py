"""The anonymous page cache of the catalogue and the module pages."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from courses.models import CourseIndexPage, ModuleKind, ModulePage
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory, catalogue, module_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    page = catalogue()
    site = Site.objects.get(is_default_site=True)
    site.root_page = page.get_parent()
    site.save()
    page.save_revision().publish()
    module_create(title="Grundmodul", kind=ModuleKind.GRUNDMODUL, lessons=1)
    page = CourseIndexPage.objects.get(pk=page.pk)
    assert page.url == "/moduler/"
    return page


def get(client, page, **extra):
    response = client.get(page.url, **extra)
    assert response.status_code == 200
    return response


def test_second_anonymous_request_is_served_from_cache(client, index):
    with CaptureQueriesContext(connection) as rendered:
        first = get(client, index)
    assert first["X-Page-Cache"] == "miss"
    assert "Grundmodul" in first.content.decode()

    # A change that bypasses publishing is not seen: the page comes from the cache.
    CourseIndexPage.objects.filter(pk=index.pk).update(intro="Ikke udgivet tekst")
    with CaptureQueriesContext(connection) as cached:
        second = get(client, index)
    assert second["X-Page-Cache"] == "hit"
    assert "Ikke udgivet tekst" not in second.content.decode()
    assert "Grundmodul" in second.content.decode()
    # What is left is Wagtail's routing (site, pages on the path, view restrictions)
    # and the key's one query on the child pages; no module list, nothing rendered.
    assert len(cached) < len(rendered)
    tables = {
        re.search(r'FROM "(\w+)"', query["sql"]).group(1)
        for query in cached.captured_queries
    }
    assert tables == {
        "wagtailcore_site",
        "wagtailcore_page",
        "core_homepage",  # routing loads each page on the path ...
        "courses_courseindexpage",
        "wagtailcore_pageviewrestriction",  # ... and checks its restrictions
    }


def test_each_visitor_gets_their_own_working_csrf_token(index):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    get(first, index)
    cached = get(second, index)
    assert cached["X-Page-Cache"] == "hit"
    html = cached.content.decode()
    assert "__page_cache_csrf_token__" not in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert len(token) == 64
    switched = second.post(
        "/i18n/setlang/",
        {"csrfmiddlewaretoken": token, "language": "en", "next": index.url},
    )
    assert switched.status_code == 302
    english = get(second, index)
    assert '<html lang="en">' in english.content.decode()
    assert english["X-Page-Cache"] == "miss"


def test_logged_in_users_never_get_a_cached_page(client, index):
    get(Client(), index)
    user = UserFactory(first_name="Karen", last_name="Blixen")
    client.force_login(user)
    response = get(client, index)
    assert "X-Page-Cache" not in response
    assert "Karen Blixen" in response.content.decode()
    # ... and what they saw is never stored for anonymous visitors.
    anonymous = get(Client(), index)
    assert anonymous["X-Page-Cache"] == "hit"
    assert "Karen Blixen" not in anonymous.content.decode()
    assert "Log ind" in anonymous.content.decode()


def test_publishing_a_new_revision_changes_the_page_served(client, index):
    get(client, index)
    assert get(client, index)["X-Page-Cache"] == "hit"
    index.intro = "Nye moduler i 2027"
    index.save_revision().publish()
    response = get(client, index)
    assert response["X-Page-Cache"] == "miss"
    assert "Nye moduler i 2027" in response.content.decode()


def test_publishing_or_unpublishing_a_module_changes_the_catalogue(client, index):
    assert "Forebyggelse online" not in get(client, index).content.decode()
    module = module_create(title="Forebyggelse online", kind=ModuleKind.TILVALGSMODUL)
    assert "Forebyggelse online" in get(client, index).content.decode()
    module.title = "Forebyggelse på nettet"
    module.save_revision().publish()
    assert "Forebyggelse på nettet" in get(client, index).content.decode()
    module.unpublish()
    assert "Forebyggelse på nettet" not in get(client, index).content.decode()


def test_module_page_is_cached_and_follows_its_offerings(client, index):
    module = ModulePage.objects.get(kind=ModuleKind.GRUNDMODUL)
    assert get(client, module)["X-Page-Cache"] == "miss"
    assert get(client, module)["X-Page-Cache"] == "hit"
    OfferingFactory(module=module)
    assert get(client, module)["X-Page-Cache"] == "miss"


def test_query_string_and_language_get_their_own_entries(client, index):
    get(client, index)
    response = client.get(index.url, {"utm_source": "nyhedsbrev"})
    assert response["X-Page-Cache"] == "miss"
    assert "utm_source=nyhedsbrev" in response.content.decode()
