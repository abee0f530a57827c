"""Reports, the moderation queue, hide/restore/lock/move with a reason, and the log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import Role
from network.models import ModerationAction, ModerationLogEntry, Network, Report
from network.selectors import moderation_queue, post_list, search
from network.services import (
    post_create,
    post_edit,
    post_hide,
    post_report,
    post_restore,
    reports_dismiss,
    thread_lock,
    thread_move,
)
from tests.network.factories import (
    ODENSE,
    first_post,
    moderator,
    person,
    theme_network,
    thread_with_replies,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported():
    author = person()
    thread = thread_with_replies(
        network=theme_network(), author=author, repliers=[person(ODENSE)]
    )
    post = thread.posts.exclude(author=author).get()
    post_report(user=author, post=post, reason="Nævner en elev ved navn")
    return post


def test_a_report_needs_a_reason_without_cpr(reported):
    with pytest.raises(ValidationError):
        post_report(user=person(), post=reported, reason="  ")
    with pytest.raises(ValidationError):
        post_report(user=person(), post=reported, reason="Se 010203-1234")
    assert Report.objects.count() == 1
    assert list(moderation_queue()) == [reported]
    assert [r.reason for r in moderation_queue()[0].open_reports] == [
        "Nævner en elev ved navn"
    ]


def test_hide_resolves_reports_hides_everywhere_and_is_logged(reported):
    the_moderator = moderator()
    reader = person()
    with pytest.raises(PermissionDenied):
        post_hide(moderator=reader, post=reported, reason="Nej")
    with pytest.raises(ValidationError):
        post_hide(moderator=the_moderator, post=reported, reason="")
    reported.refresh_from_db()
    assert reported.is_hidden is False
    post_hide(moderator=the_moderator, post=reported, reason="Personhenførbart")
    assert list(moderation_queue()) == []
    assert reported not in post_list(user=reader, thread=reported.thread)
    assert reported in post_list(user=the_moderator, thread=reported.thread)
    assert search(user=reader, query="Svar")["posts"] == []
    # The author can no longer edit a hidden post; a reply cannot quote it.
    with pytest.raises(ValidationError):
        post_edit(user=reported.author, post=reported, body="Ny")
    with pytest.raises(ValidationError):
        post_create(
            user=reader, thread=reported.thread, body="Ja", quoted_post=reported
        )
    post_restore(moderator=the_moderator, post=reported, reason="Rettet af skribent")
    assert reported in post_list(user=reader, thread=reported.thread)
    assert list(
        ModerationLogEntry.objects.order_by("pk").values_list("action", "reason")
    ) == [
        (ModerationAction.HIDE, "Personhenførbart"),
        (ModerationAction.RESTORE, "Rettet af skribent"),
    ]


def test_dismiss_closes_reports_and_keeps_the_post(reported):
    reports_dismiss(moderator=moderator(), post=reported, reason="Ikke et problem")
    reported.refresh_from_db()
    assert reported.is_hidden is False
    assert list(moderation_queue()) == []
    assert ModerationLogEntry.objects.get().action == ModerationAction.DISMISS


def test_lock_stops_replies_but_not_moderators(reported):
    thread = reported.thread
    the_moderator = moderator()
    thread_lock(moderator=the_moderator, thread=thread, locked=True, reason="Afsluttet")
    with pytest.raises(ValidationError):
        post_create(user=person(), thread=thread, body="Et svar mere")
    with pytest.raises(ValidationError):
        post_edit(user=thread.author, post=first_post(thread), body="Ændret")
    post_create(user=the_moderator, thread=thread, body="Tråden er låst.")
    thread_lock(moderator=the_moderator, thread=thread, locked=False, reason="Genåbnet")
    post_create(user=person(), thread=thread, body="Et svar mere")
    assert thread.posts.count() == 4


def test_move_to_another_network_is_logged(reported):
    thread = reported.thread
    target = theme_network("rusmidler")
    with pytest.raises(ValidationError):
        thread_move(moderator=moderator(), thread=thread, network=target, reason="")
    thread_move(moderator=moderator(), thread=thread, network=target, reason="Emne")
    thread.refresh_from_db()
    assert thread.network == target
    assert ModerationLogEntry.objects.get().action == ModerationAction.MOVE


def test_queue_and_log_pages(client, reported):
    client.force_login(moderator())
    response = client.get(reverse("network:moderation"))
    assert "Nævner en elev ved navn" in response.content.decode()
    response = client.post(
        reverse("network:moderation_post", args=[reported.pk]),
        {"action": "hide", "reason": "Personhenførbart", "next": "queue"},
    )
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.is_hidden is True
    log = client.get(reverse("network:moderation_log")).content.decode()
    assert "Personhenførbart" in log


def test_administrators_create_and_close_networks(client):
    client.force_login(person())
    assert client.get(reverse("network:network_admin")).status_code == 403
    admin = person(roles=(Role.ADMINISTRATOR,))
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPTESTTEST")  # staff must use 2FA
    client.force_login(admin)
    url = reverse("network:network_admin")
    assert client.post(url, {"name": ""}).status_code == 400
    response = client.post(url, {"name": "Skolefravær", "description": "Om fravær"})
    network = Network.objects.get(slug="skolefravaer")
    assert response["Location"] == reverse("network:network", args=["skolefravaer"])
    assert client.post(url, {"name": "Skolefravær"}).status_code == 400
    assert Network.objects.filter(name="Skolefravær").count() == 1
    client.post(
        reverse("network:network_admin_close", args=[network.slug]), {"closed": "1"}
    )
    network.refresh_from_db()
    assert network.is_closed is True


def test_an_unknown_moderation_action_answers_404_and_changes_nothing(client, reported):
    client.force_login(moderator())
    response = client.post(
        reverse("network:moderation_post", args=[reported.pk]),
        {"action": "delete", "reason": "Personhenførbart"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("network:moderation_thread", args=[reported.thread_id]),
        {"action": "delete", "reason": "Personhenførbart"},
    )
    assert response.status_code == 404
    reported.refresh_from_db()
    reported.thread.refresh_from_db()
    assert reported.is_hidden is False
    assert reported.thread.is_locked is False
    assert not ModerationLogEntry.objects.exists()


def test_administrators_reopen_a_closed_network(client):
    admin = person(roles=(Role.ADMINISTRATOR,))
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPTESTTEST")  # staff must use 2FA
    client.force_login(admin)
    network = theme_network()
    url = reverse("network:network_admin_close", args=[network.slug])
    client.post(url, {"closed": "1"})
    network.refresh_from_db()
    assert network.is_closed is True
    client.post(url, {"closed": "0"})
    network.refresh_from_db()
    assert network.is_closed is False
