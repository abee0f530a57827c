"""Threads and posts: Markdown, the CPR guard, edit history, quotes, mentions,
useful marks, accepted answers and follows."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from accounts.roles import Role
from network.models import (
    Follow,
    Notification,
    NotificationKind,
    Post,
    PostRevision,
    PostUseful,
    Thread,
)
from network.services import (
    follow_toggle,
    network_close,
    post_create,
    post_edit,
    post_useful_toggle,
    thread_accept_answer,
    thread_create,
)
from tests.network.factories import (
    AARHUS,
    ODENSE,
    RANDERS,
    district_network,
    first_post,
    moderator,
    person,
    theme_network,
    thread_with_replies,
)

pytestmark = pytest.mark.django_db

CPR_TEXT = "Drengen har cpr 010203-1234, vi har talt med ham."


def test_thread_create_stores_sanitised_markdown_and_follows():
    author = person()
    thread = thread_create(
        user=author,
        network=theme_network(),
        title="Forældremøder",
        body="Hvad virker? <script>alert(1)</script> **Tak**",
    )
    post = first_post(thread)
    assert post.body == "Hvad virker? <script>alert(1)</script> **Tak**"
    assert post.body_html == (
        "<p>Hvad virker? &lt;script&gt;alert(1)&lt;/script&gt; <strong>Tak</strong></p>"
    )
    assert Follow.objects.filter(user=author, thread=thread).exists()


@pytest.mark.parametrize("field", ["title", "body"])
def test_a_cpr_number_is_refused_and_nothing_is_stored(field):
    values = {"title": "Et spørgsmål", "body": "Hvad gør I?"}
    values[field] = CPR_TEXT
    with pytest.raises(ValidationError) as error:
        thread_create(user=person(), network=theme_network(), **values)
    assert error.value.code == "cpr"
    assert "CPR" in error.value.messages[0] or "cpr" in error.value.messages[0]
    assert Thread.objects.count() == 0
    assert Post.objects.count() == 0


def test_a_reply_with_a_cpr_number_is_refused_and_nothing_changes():
    thread = thread_with_replies(network=theme_network(), author=person())
    before = thread.last_activity_at
    with pytest.raises(ValidationError):
        post_create(user=person(ODENSE), thread=thread, body="0102031234 er nævnt")
    thread.refresh_from_db()
    assert thread.posts.count() == 1
    assert thread.last_activity_at == before


def test_empty_and_too_long_replies_are_refused():
    thread = thread_with_replies(network=theme_network(), author=person())
    for body in ("   ", "x" * 10001):
        with pytest.raises(ValidationError):
            post_create(user=person(), thread=thread, body=body)
    assert thread.posts.count() == 1


def test_edit_keeps_the_history_and_guards_the_new_text():
    author = person()
    thread = thread_with_replies(network=theme_network(), author=author)
    post = first_post(thread)
    with pytest.raises(ValidationError):
        post_edit(user=author, post=post, body=CPR_TEXT)
    assert PostRevision.objects.count() == 0
    post_edit(user=author, post=post, body="Ny tekst")
    post_edit(user=author, post=post, body="Nyeste tekst")
    post.refresh_from_db()
    assert post.body == "Nyeste tekst"
    assert post.body_html == "<p>Nyeste tekst</p>"
    assert post.edited_at is not None
    assert [revision.body for revision in post.revisions.all()] == [
        "Ny tekst",
        "Hvad gør I med **det**?",
    ]


def test_only_the_author_or_a_moderator_with_a_reason_may_edit():
    author = person()
    thread = thread_with_replies(network=theme_network(), author=author)
    post = first_post(thread)
    with pytest.raises(PermissionDenied):
        post_edit(user=person(), post=post, body="Overtaget")
    the_moderator = moderator()
    with pytest.raises(ValidationError):
        post_edit(user=the_moderator, post=post, body="Rettet", reason="")
    post.refresh_from_db()
    assert post.body == "Hvad gør I med **det**?"
    post_edit(user=the_moderator, post=post, body="Rettet", reason="Navn fjernet")
    post.refresh_from_db()
    assert post.body == "Rettet"
    assert post.revisions.get().edited_by == the_moderator


def test_quote_must_be_a_visible_post_of_the_same_thread():
    author = person()
    thread = thread_with_replies(network=theme_network(), author=author)
    other = thread_with_replies(network=theme_network(), author=author, title="Andet")
    replier = person(ODENSE)
    with pytest.raises(ValidationError):
        post_create(
            user=replier, thread=thread, body="Ja", quoted_post=first_post(other)
        )
    reply = post_create(
        user=replier,
        thread=thread,
        body="> Hvad gør I\n\nVi gør sådan",
        quoted_post=first_post(thread),
    )
    assert reply.quoted_post == first_post(thread)
    assert "<blockquote>" in reply.body_html


def test_mentions_notify_members_who_can_read_the_network_only():
    author = person(AARHUS, first_name="Ditte", last_name="Deltager")
    colleague = person(RANDERS, first_name="Rasmus", last_name="Rask")
    outsider = person(ODENSE, first_name="Olga", last_name="Odense")
    network = district_network("1461")
    thread = thread_with_replies(network=network, author=author)
    post_create(
        user=author,
        thread=thread,
        body="Hvad siger @rasmus.rask og @olga.odense?",
    )
    assert list(Notification.objects.values_list("recipient__first_name", "kind")) == [
        ("Rasmus", NotificationKind.MENTION)
    ]
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert colleague.network_notifications.count() == 1


def test_followers_are_notified_of_replies_but_not_of_their_own():
    author = person()
    replier = person(ODENSE)
    thread = thread_with_replies(network=theme_network(), author=author)
    post_create(user=replier, thread=thread, body="Svar")
    post_create(user=author, thread=thread, body="Tak")
    assert list(
        Notification.objects.order_by("pk").values_list("recipient", "kind")
    ) == [(author.pk, NotificationKind.REPLY), (replier.pk, NotificationKind.REPLY)]


def test_network_followers_hear_about_new_threads():
    reader = person(ODENSE)
    network = theme_network()
    assert follow_toggle(user=reader, network=network) is True
    thread = thread_with_replies(network=network, author=person())
    assert Notification.objects.get().recipient == reader
    assert Notification.objects.get().post == first_post(thread)
    assert follow_toggle(user=reader, network=network) is False
    assert not Follow.objects.filter(user=reader, network=network).exists()


def test_useful_toggles_once_per_person_and_not_on_own_post():
    author = person()
    reader = person(ODENSE)
    thread = thread_with_replies(network=theme_network(), author=author)
    post = first_post(thread)
    with pytest.raises(ValidationError):
        post_useful_toggle(user=author, post=post)
    assert post_useful_toggle(user=reader, post=post) is True
    assert PostUseful.objects.filter(post=post).count() == 1
    assert post_useful_toggle(user=reader, post=post) is False
    assert PostUseful.objects.filter(post=post).count() == 0


def test_accepted_answer_by_the_starter_or_a_moderator_only():
    author = person()
    replier = person(ODENSE)
    thread = thread_with_replies(
        network=theme_network(), author=author, repliers=[replier]
    )
    reply = thread.posts.get(author=replier)
    with pytest.raises(PermissionDenied):
        thread_accept_answer(user=replier, thread=thread, post=reply)
    with pytest.raises(ValidationError):
        thread_accept_answer(user=author, thread=thread, post=first_post(thread))
    thread.refresh_from_db()
    assert thread.accepted_post is None
    thread_accept_answer(user=author, thread=thread, post=reply)
    thread.refresh_from_db()
    assert thread.accepted_post == reply
    assert Notification.objects.filter(
        recipient=replier, kind=NotificationKind.ACCEPTED
    ).exists()
    thread_accept_answer(user=moderator(), thread=thread, post=None)
    thread.refresh_from_db()
    assert thread.accepted_post is None


def test_closed_network_takes_no_new_threads():
    admin = person(roles=(Role.ADMINISTRATOR,))
    network = theme_network()
    network_close(by=admin, network=network)
    with pytest.raises(ValidationError):
        thread_create(user=person(), network=network, title="Hej", body="Hej")
    with pytest.raises(PermissionDenied):
        network_close(by=person(), network=network, closed=False)
    assert Thread.objects.count() == 0
