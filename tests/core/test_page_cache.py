"""The anonymous page cache in front of routing (core.page_cache)."""

from django.test import Client

from wagtail.models import Site

import pytest

from courses.models import CourseIndexPage, ModuleKind, ModulePage
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    OfferingFactory,
    SessionFactory,
    catalogue,
    module_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    page = catalogue()
    site = Site.objects.get(is_default_site=True)
    site.root_page = page.get_parent()
    site.save()
    page.save_revision().publish()
    module_create(title="Grundmodul", kind=ModuleKind.BASE, lessons=1)
    page = CourseIndexPage.objects.get(pk=page.pk)
    assert page.url == "/moduler/"
    return page


def get(client, page, **extra):
    response = client.get(page.url, **extra)
    assert response.status_code == 200
    return response


def test_second_anonymous_request_is_served_without_touching_the_database(
    client, index, django_assert_num_queries
):
    first = get(client, index)
    assert first["X-Page-Cache"] == "miss"
    assert "Grundmodul" in first.content.decode()

    # A change that bypasses publishing is not seen: the page comes from the cache.
    CourseIndexPage.objects.filter(pk=index.pk).update(intro="Ikke udgivet tekst")
    with django_assert_num_queries(0):
        second = get(client, index)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The security headers are still set on the way out.
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_cached_public_pages_carry_no_csrf_token_or_cookie(client, index):
    response = get(client, index)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_a_visitor_with_a_pending_message_gets_a_fresh_page(client, index):
    get(Client(), index)
    user = UserFactory()
    client.force_login(user)
    client.post("/konto/logout/")  # leaves "Du er logget ud" for the next page
    response = get(client, index)
    assert "X-Page-Cache" not in response
    assert "logget ud" in response.content.decode()


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
    module = module_create(title="Forebyggelse online", kind=ModuleKind.ELECTIVE)
    assert "Forebyggelse online" in get(client, index).content.decode()
    module.title = "Forebyggelse på nettet"
    module.save_revision().publish()
    assert "Forebyggelse på nettet" in get(client, index).content.decode()
    module.unpublish()
    assert "Forebyggelse på nettet" not in get(client, index).content.decode()


def test_module_page_is_cached_and_follows_its_offerings(client, index):
    module = ModulePage.objects.get(kind=ModuleKind.BASE)
    assert get(client, module)["X-Page-Cache"] == "miss"
    assert get(client, module)["X-Page-Cache"] == "hit"
    OfferingFactory(module=module)
    assert get(client, module)["X-Page-Cache"] == "miss"


def test_query_string_and_language_get_their_own_entries(client, index):
    get(client, index)
    response = client.get(index.url, {"utm_source": "nyhedsbrev"})
    assert response["X-Page-Cache"] == "miss"
    assert "utm_source%3Dnyhedsbrev" in response.content.decode()
    client.cookies["django_language"] = "en"
    english = get(client, index)
    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()


def test_saving_or_deleting_a_session_changes_the_module_page(client, index):
    module = ModulePage.objects.get(kind=ModuleKind.BASE)
    offering = OfferingFactory(module=module)
    get(client, module)
    assert get(client, module)["X-Page-Cache"] == "hit"
    session = SessionFactory(offering=offering)
    assert get(client, module)["X-Page-Cache"] == "miss"
    assert get(client, module)["X-Page-Cache"] == "hit"
    session.delete()
    assert get(client, module)["X-Page-Cache"] == "miss"


def test_lessons_and_private_pages_are_never_cached(client, index):
    from tests.accounts.factories import UserFactory as Factory

    lesson = ModulePage.objects.get(kind=ModuleKind.BASE).get_children().first()
    assert client.get(lesson.url).status_code == 302
    assert "X-Page-Cache" not in client.get(lesson.url)
    client.force_login(Factory())
    assert "X-Page-Cache" not in client.get("/mine-forloeb/")


def test_a_cache_outage_neither_breaks_views_nor_blocks_publishing(
    client, index, settings
):
    # A cache server nobody listens on: every cache call fails to connect. (Wagtail's
    # page routing needs the cache itself; other views and all writes must go on.)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    response = client.get("/hold/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    index.intro = "Skrevet mens cachen var nede"
    index.save_revision().publish()
    index.refresh_from_db()
    assert index.intro == "Skrevet mens cachen var nede"
