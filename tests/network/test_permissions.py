"""Nobody reads a private network they are not in: not through pages, search,
notifications or e-mail. Membership follows people's organisation and enrolments."""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse

import pytest

from accounts.models import Organisation
from core.models import ScheduledEmail
from courses.models import EnrolmentStatus, OfferingStatus
from network.models import EmailFrequency, Network, NetworkKind, Notification
from network.selectors import networks_visible, notification_list, search
from network.services import (
    follow_toggle,
    networks_sync,
    notification_digests_send,
    notification_preference_set,
    post_create,
)
from network.tasks import networks_sync_task
from tests.courses.factories import EnrolmentFactory, OfferingFactory
from tests.network.factories import (
    AARHUS,
    ODENSE,
    RANDERS,
    district_network,
    moderator,
    person,
    thread_with_replies,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_thread():
    """A thread in Østjyllands Politi's network (Aarhus and Randers are in it)."""
    network = district_network("1461")
    return thread_with_replies(
        network=network, author=person(AARHUS), title="Hemmelig kredsplan"
    )


def test_every_district_has_one_network_and_sync_is_idempotent():
    networks_sync()
    assert Network.objects.filter(kind=NetworkKind.POLICE_DISTRICT).count() == 12
    assert networks_sync() == 0


def test_outsiders_get_404_on_every_page_of_a_private_network(client, private_thread):
    client.force_login(person(ODENSE))
    post = private_thread.posts.get()
    for url in (
        reverse("network:network", args=[private_thread.network.slug]),
        reverse("network:thread_create", args=[private_thread.network.slug]),
        reverse("network:thread", args=[private_thread.pk]),
        reverse("network:post_history", args=[post.pk]),
        reverse("network:post_report", args=[post.pk]),
        reverse("network:post_edit", args=[post.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("network:post_create", args=[private_thread.pk]), {"body": "Hej"}
    )
    assert response.status_code == 404
    assert private_thread.posts.count() == 1
    index = client.get(reverse("network:index"))
    assert "Østjyllands Politi" not in index.content.decode()
    assert "Fyns Politi" in index.content.decode()


def test_members_of_the_district_read_it(client, private_thread):
    client.force_login(person(RANDERS))
    response = client.get(reverse("network:thread", args=[private_thread.pk]))
    assert response.status_code == 200
    assert "Hemmelig kredsplan" in response.content.decode()


def test_nothing_is_visible_without_login(client, private_thread):
    for url in (
        reverse("network:index"),
        reverse("network:thread", args=[private_thread.pk]),
        reverse("network:search") + "?q=kredsplan",
        reverse("network:practice_list"),
        reverse("network:directory"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login"))


def test_search_never_shows_a_private_network_to_outsiders(client, private_thread):
    outsider = person(ODENSE)
    assert search(user=outsider, query="kredsplan") == {"posts": [], "examples": []}
    assert [
        p.thread for p in search(user=person(RANDERS), query="kredsplan")["posts"]
    ] == [private_thread]
    client.force_login(outsider)
    response = client.get(reverse("network:search"), {"q": "kredsplan"})
    assert "Hemmelig kredsplan" not in response.content.decode()


def test_membership_follows_a_change_of_municipality(private_thread):
    mover = person(RANDERS)
    assert private_thread.network in networks_visible(user=mover)
    mover.organisation = Organisation.objects.get(kommune__code=ODENSE)
    mover.save()
    assert private_thread.network not in networks_visible(user=mover)
    assert search(user=mover, query="kredsplan")["posts"] == []


def test_notifications_and_digests_stop_when_someone_leaves_the_district(
    private_thread,
):
    mover = person(RANDERS)
    follow_toggle(user=mover, thread=private_thread)
    post_create(user=private_thread.author, thread=private_thread, body="Nyt punkt")
    assert notification_list(user=mover).count() == 1
    mover.organisation = Organisation.objects.get(kommune__code=ODENSE)
    mover.save()
    assert notification_list(user=mover).count() == 0
    assert notification_digests_send(frequency=EmailFrequency.DAILY) == 0
    assert not ScheduledEmail.objects.filter(to_address=mover.email).exists()
    assert Notification.objects.get(recipient=mover).digested_at is not None


def test_outsiders_following_cannot_be_notified(private_thread):
    outsider = person(ODENSE)
    notification_preference_set(user=outsider, email_frequency=EmailFrequency.IMMEDIATE)
    with pytest.raises(PermissionDenied):
        follow_toggle(user=outsider, thread=private_thread)
    post_create(
        user=private_thread.author, thread=private_thread, body="Hej @x.y og alle"
    )
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert not ScheduledEmail.objects.filter(to_address=outsider.email).exists()


def test_offering_network_is_for_confirmed_participants_and_staff(client):
    offering = OfferingFactory()
    participant = person(AARHUS)
    waiting = person(AARHUS)
    teacher = person(ODENSE)
    EnrolmentFactory(offering=offering, user=participant)
    EnrolmentFactory(offering=offering, user=waiting, status=EnrolmentStatus.WAITLISTED)
    offering.responsible.add(teacher)
    networks_sync()
    network = Network.objects.get(offering=offering)
    assert network in networks_visible(user=participant)
    assert network in networks_visible(user=teacher)
    assert network not in networks_visible(user=waiting)
    assert network not in networks_visible(user=person(AARHUS))
    assert network in networks_visible(user=moderator())
    client.force_login(waiting)
    url = reverse("network:network", args=[network.slug])
    assert client.get(url).status_code == 404
    client.force_login(participant)
    assert client.get(url).status_code == 200


def test_moderation_pages_refuse_non_moderators(client, private_thread):
    client.force_login(person(AARHUS))
    post = private_thread.posts.get()
    assert client.get(reverse("network:moderation")).status_code == 403
    assert client.get(reverse("network:moderation_log")).status_code == 403
    response = client.post(
        reverse("network:moderation_post", args=[post.pk]),
        {"action": "hide", "reason": "Test"},
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.is_hidden is False


def test_the_embedded_search_fallback_respects_permissions_too(
    monkeypatch, private_thread
):
    """SQLite has no full-text search; the word-by-word fallback starts from the
    same visible networks."""
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert search(user=person(ODENSE), query="hemmelig kredsplan")["posts"] == []
    found = search(user=person(RANDERS), query="hemmelig kredsplan")["posts"]
    assert [post.thread for post in found] == [private_thread]


def test_sync_task_creates_one_network_per_offering_except_cancelled():
    running = OfferingFactory()
    OfferingFactory(status=OfferingStatus.CANCELLED)
    networks_sync_task()
    assert list(Network.objects.filter(kind=NetworkKind.OFFERING)) == [running.network]
    assert networks_sync_task() == 0
