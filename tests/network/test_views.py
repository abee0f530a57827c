"""The forms: a CPR number is refused with the Danish explanation and nothing is
stored; a text that may identify a child asks the writer to edit or confirm."""

from django.urls import reverse

import pytest

from network.models import MemberProfile, Post, PracticeExample, Report, Thread
from tests.network.factories import (
    ODENSE,
    first_post,
    person,
    theme_network,
    thread_with_replies,
)

pytestmark = pytest.mark.django_db

CHILD_TEXT = "Vi har en dreng, Ahmed (14), der går i 7.b. Hvad gør vi?"


@pytest.fixture
def author(client):
    user = person()
    client.force_login(user)
    return user


def test_thread_with_cpr_is_refused_with_the_danish_explanation(client, author):
    network = theme_network()
    response = client.post(
        reverse("network:thread_create", args=[network.slug]),
        {"title": "Sag", "body": "Drengen med cpr 0102031234 har brug for hjælp"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "CPR-nummer" in page
    assert "Drengen med cpr" in page  # the writer keeps the text to anonymise it
    assert Thread.objects.count() == 0
    assert Post.objects.count() == 0


def test_child_hint_asks_for_confirmation_then_publishes(client, author):
    network = theme_network()
    url = reverse("network:thread_create", args=[network.slug])
    response = client.post(url, {"title": "Bekymring", "body": CHILD_TEXT})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kan et barn genkendes?" in page
    assert "Ahmed" in page
    assert Thread.objects.count() == 0
    response = client.post(
        url, {"title": "Bekymring", "body": CHILD_TEXT, "confirm_anonymous": "on"}
    )
    assert response.status_code == 302
    assert Thread.objects.get().title == "Bekymring"


def test_reply_quotes_and_refuses_cpr(client, author):
    thread = thread_with_replies(network=theme_network(), author=person(ODENSE))
    quoted = first_post(thread)
    page = client.get(
        reverse("network:thread", args=[thread.pk]), {"citer": quoted.pk}
    ).content.decode()
    assert "&gt; Hvad gør I med **det**?" in page
    assert f'name="quoted_post" value="{quoted.pk}"' in page
    url = reverse("network:post_create", args=[thread.pk])
    response = client.post(url, {"body": "Se 010203-1234", "quoted_post": quoted.pk})
    assert response.status_code == 400
    assert "CPR-nummer" in response.content.decode()
    assert thread.posts.count() == 1
    response = client.post(
        url, {"body": "> Hvad gør I\n\nVi", "quoted_post": quoted.pk}
    )
    assert response.status_code == 302
    assert thread.posts.latest("pk").quoted_post == quoted


def test_edit_and_history_pages(client, author):
    thread = thread_with_replies(network=theme_network(), author=author)
    post = first_post(thread)
    url = reverse("network:post_edit", args=[post.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "Ny **tekst**"})
    assert response.status_code == 302
    history = client.get(reverse("network:post_history", args=[post.pk]))
    page = history.content.decode()
    assert "<strong>tekst</strong>" in page
    assert "Hvad gør I med **det**?" in page
    client.force_login(person())
    assert client.get(url).status_code == 403


def test_useful_accept_follow_and_report(client, author):
    replier = person(ODENSE)
    thread = thread_with_replies(
        network=theme_network(), author=author, repliers=[replier]
    )
    reply = thread.posts.get(author=replier)
    assert (
        client.post(reverse("network:post_accept", args=[reply.pk])).status_code == 302
    )
    thread.refresh_from_db()
    assert thread.accepted_post == reply
    assert (
        client.post(reverse("network:post_useful", args=[reply.pk])).status_code == 302
    )
    assert reply.useful_marks.count() == 1
    client.post(reverse("network:thread_follow", args=[thread.pk]))
    page = client.get(reverse("network:thread", args=[thread.pk])).content.decode()
    assert "Følg tråden" in page  # the author followed; the toggle stopped it
    assert "Accepteret svar" in page
    response = client.post(
        reverse("network:post_report", args=[reply.pk]), {"reason": ""}
    )
    assert response.status_code == 400
    assert Report.objects.count() == 0
    client.post(reverse("network:post_report", args=[reply.pk]), {"reason": "Tjek"})
    assert Report.objects.get().reason == "Tjek"


def test_practice_example_form(client, author):
    from courses.models import PreventionLevel

    data = {
        "title": "Klubaftener",
        "kommune": "0751",
        "target_group": "Unge",
        "problem": "Uro",
        "what_was_done": "Åbent til kl. 23",
        "prevention_level": PreventionLevel.objects.get(slug="generel").pk,
        "evidence_level": "erfaring",
        "contact_is_me": "on",
    }
    response = client.post(
        reverse("network:practice_create"), {**data, "results": "Pigen 120508-4321"}
    )
    assert response.status_code == 400
    assert PracticeExample.objects.count() == 0
    response = client.post(reverse("network:practice_create"), data)
    example = PracticeExample.objects.get()
    assert response["Location"] == reverse("network:practice_detail", args=[example.pk])
    assert example.contact == author
    page = client.get(response["Location"]).content.decode()
    assert "Erfaringsbaseret" in page
    assert "selvvurderet" in page


def test_profile_with_cpr_is_refused(client, author):
    response = client.post(
        reverse("network:my_profile"), {"is_listed": "on", "bio": "Ring 0102031234"}
    )
    assert response.status_code == 400
    assert "CPR-nummer" in response.content.decode()
    assert not MemberProfile.objects.exists()
