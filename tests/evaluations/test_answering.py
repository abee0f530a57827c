"""Participants answer by the signed link in their e-mail, without logging in; one
response per person; anonymous answers keep no link to the person; bad input is
refused in Danish and changes nothing."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from evaluations.models import Answer, Invitation, Response
from evaluations.services import invitation_token
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory
from tests.evaluations.factories import (
    invitation_create,
    question_ids,
    schedule_create,
    template_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation():
    offering = OfferingFactory()
    schedule = schedule_create(module=offering.module)
    return invitation_create(schedule=schedule, offering=offering, user=UserFactory())


def _url(invitation):
    return reverse("evaluations:answer", args=[invitation_token(invitation=invitation)])


def _valid(invitation, **overrides):
    ids = question_ids(invitation.version)
    data = {
        f"q-{ids['likert']}": "5",
        f"q-{ids['scale']}": "9",
        f"q-{ids['single_choice']}": "1",
        f"q-{ids['multiple_choice']}": ["0", "2"],
        f"q-{ids['free_text']}": "Mere tid til cases.",
    }
    data.update({f"q-{ids[kind]}": value for kind, value in overrides.items()})
    return data


def test_the_link_opens_the_survey_without_login(client, invitation):
    response = client.get(_url(invitation))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Modulet var relevant for mit arbejde" in content
    assert "Evalueringen er anonym" in content
    assert invitation.user.email not in content
    assert invitation.user.last_name not in content
    assert response["Cache-Control"] == "private, no-store"


def test_an_anonymous_answer_is_stored_without_the_person(client, invitation):
    response = client.post(_url(invitation), _valid(invitation))
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluations:thanks")
    stored = Response.objects.get()
    assert stored.invitation is None
    assert stored.submitted_on is None
    assert stored.offering == invitation.offering
    assert stored.politikreds_id == invitation.offering.politikreds_id
    assert stored.year == invitation.offering.planned_start.year
    ids = question_ids(invitation.version)
    assert sorted(stored.answers.values_list("question_id", "value", "text")) == sorted(
        [
            (ids["likert"], 5, ""),
            (ids["scale"], 9, ""),
            (ids["single_choice"], 1, ""),
            (ids["multiple_choice"], 0, ""),
            (ids["multiple_choice"], 2, ""),
            (ids["free_text"], None, "Mere tid til cases."),
        ]
    )
    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    # Nothing on the response side points back at an invitation or a user.
    assert not Response.objects.filter(invitation__isnull=False).exists()


def test_a_second_answer_is_refused_and_changes_nothing(client, invitation):
    client.post(_url(invitation), _valid(invitation))
    before = list(Answer.objects.values_list("pk", "value", "text"))
    response = client.post(_url(invitation), _valid(invitation, likert="1"))
    assert response.status_code == 409
    assert "Du har allerede besvaret denne evaluering" in response.content.decode()
    assert Response.objects.count() == 1
    assert list(Answer.objects.values_list("pk", "value", "text")) == before


def test_a_named_survey_links_the_response_and_the_database_allows_only_one():
    template = template_create(anonymous=False, title="Opfølgning")
    offering = OfferingFactory()
    schedule = schedule_create(template=template, module=offering.module)
    invitation = invitation_create(
        schedule=schedule, offering=offering, user=UserFactory()
    )
    from evaluations.services import response_submit

    response = response_submit(
        invitation_id=invitation.pk,
        data={
            key: value if isinstance(value, list) else [value]
            for key, value in _valid(invitation).items()
        },
    )
    assert response.invitation == invitation
    assert response.submitted_on is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            version=response.version,
            schedule=schedule,
            offering=offering,
            module_id=offering.module_id,
            politikreds_id=offering.politikreds_id,
            year=2026,
            invitation=invitation,
        )


@pytest.mark.parametrize(
    ("token", "status", "message"),
    [
        ("tampered", 404, "Linket til evalueringen er ikke gyldigt"),
        ("not-a-token", 404, "Linket til evalueringen er ikke gyldigt"),
        ("closed", 410, "Evalueringen lukkede den"),
    ],
)
def test_a_bad_or_expired_link_gets_a_clear_danish_error(
    client, invitation, token, status, message
):
    if token == "tampered":
        url = _url(invitation).replace(
            invitation_token(invitation=invitation),
            invitation_token(invitation=invitation)[:-2] + "xx",
        )
    elif token == "closed":
        Invitation.objects.filter(pk=invitation.pk).update(
            closes_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        url = _url(invitation)
    else:
        url = reverse("evaluations:answer", args=["abc:def"])
    for response in (client.get(url), client.post(url, _valid(invitation))):
        assert response.status_code == status
        assert message in response.content.decode()
    assert not Response.objects.exists()


def test_another_persons_invitation_cannot_be_guessed(client, invitation):
    other = Invitation.objects.create(
        schedule=invitation.schedule,
        version=invitation.version,
        offering=OfferingFactory(module=invitation.offering.module),
        user=UserFactory(),
        closes_at=invitation.closes_at,
    )
    # Another invitation's id with this invitation's timestamp and signature.
    own = invitation_token(invitation=invitation).split(":")
    other_payload = invitation_token(invitation=other).split(":")[0]
    assert other_payload != own[0]
    forged = ":".join([other_payload, *own[1:]])
    response = client.get(reverse("evaluations:answer", args=[forged]))
    assert response.status_code == 404
    assert "Linket til evalueringen er ikke gyldigt" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"likert": ""}, "Besvar venligst dette spørgsmål."),
        ({"likert": "6"}, "Vælg en af de viste svarmuligheder."),
        ({"scale": ["3", "4"]}, "Vælg en af de viste svarmuligheder."),
        ({"single_choice": "7"}, "Vælg en af de viste svarmuligheder."),
        ({"free_text": "Barnets cpr er 010203-1234"}, "CPR"),
    ],
)
def test_invalid_answers_are_refused_and_nothing_is_stored(
    client, invitation, overrides, message
):
    response = client.post(_url(invitation), _valid(invitation, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Response.objects.exists()
    assert not Answer.objects.exists()
    invitation.refresh_from_db()
    assert invitation.responded_at is None
    # What was typed is kept in the form.
    assert "Mere tid til cases." in response.content.decode() or (
        "free_text" in overrides
    )


def test_optional_questions_may_be_left_out(client, invitation):
    ids = question_ids(invitation.version)
    response = client.post(
        _url(invitation), {f"q-{ids['likert']}": "3", f"q-{ids['scale']}": "0"}
    )
    assert response.status_code == 302
    assert Answer.objects.count() == 2


def test_a_possibly_identifying_answer_is_questioned_once_not_refused(
    client, invitation
):
    text = "Peter på 14 år fra 7.b var svær at hjælpe."
    data = _valid(invitation, free_text=text)
    response = client.post(_url(invitation), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Tjek venligst dine skriftlige svar" in content
    assert "Peter" in content  # the text is kept for editing
    assert 'name="hints_seen" value="1"' in content
    assert not Response.objects.exists()

    response = client.post(_url(invitation), {**data, "hints_seen": "1"})
    assert response.status_code == 302
    assert Answer.objects.filter(text=text).count() == 1
