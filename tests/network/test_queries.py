"""The list pages run a fixed number of queries whatever their size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.models import Kommune
from courses.models import PreventionLevel
from network.models import (
    EvidenceLevel,
    Network,
    Post,
    PostUseful,
    PracticeExample,
    Thread,
)
from network.services import (
    member_profile_save,
    networks_sync,
    practice_network,
)
from tests.network.factories import ODENSE, moderator, person, theme_network

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def threads_add(network: Network, count: int, author) -> None:
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(network=network, title=f"Tråd {n}", author=author, last_activity_at=now)
        for n in range(count)
    )
    Post.objects.bulk_create(
        Post(thread=thread, author=author, body="Hej", body_html="<p>Hej</p>")
        for thread in threads
    )


def replies_add(thread: Thread, count: int) -> None:
    writers = [person(), person(ODENSE)]
    posts = Post.objects.bulk_create(
        Post(
            thread=thread,
            author=writers[n % 2],
            body=f"Svar {n}",
            body_html=f"<p>Svar {n}</p>",
        )
        for n in range(count)
    )
    first = posts[0]
    Post.objects.filter(pk__in=[p.pk for p in posts[1::3]]).update(quoted_post=first)
    PostUseful.objects.bulk_create(
        PostUseful(post=post, user=writers[0]) for post in posts[1::4]
    )


@pytest.fixture
def reader(client):
    user = moderator()  # sees the moderator tools too: the heaviest page
    client.force_login(user)
    return user


def test_index_is_fixed(client, reader):
    networks_sync()
    small = queries_for(client, reverse("network:index"))
    threads_add(theme_network(), 30, reader)
    threads_add(theme_network("rusmidler"), 30, reader)
    assert queries_for(client, reverse("network:index")) == small


def test_network_page_is_fixed(client, reader):
    network = theme_network()
    threads_add(network, 2, person())
    url = reverse("network:network", args=[network.slug])
    small = queries_for(client, url)
    threads_add(network, 23, person(ODENSE))
    assert queries_for(client, url) == small


def test_a_thread_with_200_replies_is_fixed(client, reader):
    thread = Thread.objects.create(
        network=theme_network(),
        title="Stor tråd",
        author=reader,
        last_activity_at=timezone.now(),
    )
    replies_add(thread, 5)
    url = reverse("network:thread", args=[thread.pk])
    small = queries_for(client, url)
    replies_add(thread, 195)
    assert Post.objects.filter(thread=thread).count() == 200
    assert queries_for(client, url) == small


def test_practice_bank_is_fixed(client, reader):
    def examples_add(count):
        kommune = Kommune.objects.get(code="0751")
        level = PreventionLevel.objects.first()
        for n in range(count):
            thread = Thread.objects.create(
                network=practice_network(),
                title=f"Eksempel {n}",
                last_activity_at=timezone.now(),
            )
            example = PracticeExample.objects.create(
                title=f"Eksempel {n}",
                kommune=kommune,
                target_group="Unge",
                problem="P",
                what_was_done="G",
                prevention_level=level,
                evidence_level=EvidenceLevel.IDEA,
                thread=thread,
            )
            example.themes.set([theme_network(), theme_network("rusmidler")])

    examples_add(2)
    url = reverse("network:practice_list")
    small = queries_for(client, url)
    examples_add(15)
    assert queries_for(client, url) == small


def test_directory_is_fixed(client, reader):
    def profiles_add(count):
        for n in range(count):
            member_profile_save(
                user=person(ODENSE if n % 2 else "0751"),
                is_listed=True,
                show_organisation=True,
                show_sector=True,
                job_title="SSP-konsulent",
                themes=[theme_network()],
            )

    profiles_add(2)
    url = reverse("network:directory")
    small = queries_for(client, url)
    profiles_add(12)
    assert queries_for(client, url) == small


def test_notifications_and_moderation_are_fixed(client, reader):
    from network.services import post_create, post_report, thread_create

    author = person()

    def activity(count):
        thread = thread_create(
            user=reader, network=theme_network(), title="Aktivitet", body="Start"
        )
        for n in range(count):
            post = post_create(user=author, thread=thread, body=f"Svar {n}")
            post_report(user=person(), post=post, reason="Tjek venligst")

    activity(2)
    small = (
        queries_for(client, reverse("network:notifications")),
        queries_for(client, reverse("network:moderation")),
    )
    activity(10)
    assert (
        queries_for(client, reverse("network:notifications")),
        queries_for(client, reverse("network:moderation")),
    ) == small
