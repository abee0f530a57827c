"""Someone who may not enter a webinar room gets a page in the site's layout that
says why and what to do next (403), and nothing about anyone else; a room that is
not open yet or has ended is the room page itself, saying so (200). Also the
Danish texts the room shows with a count."""

import datetime
import zoneinfo

from django.utils import timezone

import pytest

from courses.models import EnrolmentStatus
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory
from tests.webinars.factories import room_create, standalone_room_create
from webinars.models import Removal, Room, RoomState

pytestmark = pytest.mark.django_db

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")


def _refusal(client, room, user, others):
    client.force_login(user)
    response = client.get(f"/webinar/{room.pk}/")
    assert response.status_code == 403
    assert response.templates[0].name == "webinars/room_refused.html"
    text = response.content.decode()
    # The site's layout, the general heading and the room it is about.
    assert '<html lang="da"' in text
    assert "Du kan ikke komme ind i dette webinar" in text
    assert room.title_display in text
    # Nothing about the hosts or the other participants.
    for other in others:
        assert other.get_full_name() not in text
        assert other.email not in text
    assert 'id="webinar-room"' not in text
    return text


@pytest.mark.parametrize(
    ("status", "reason", "next_step"),
    [
        (
            EnrolmentStatus.WAITLISTED,
            "Din plads er på ventelisten.",
            "Hvis en plads bliver ledig, får du den tilbudt på e-mail",
        ),
        (
            EnrolmentStatus.OFFERED,
            "Du har fået tilbudt en plads, som du endnu ikke har takket ja til.",
            "Tag imod pladsen under Mine forløb",
        ),
        (
            EnrolmentStatus.CANCELLED,
            "Webinaret er for kursets bekræftede deltagere, og det er du ikke.",
            "bed din SSP-kontaktperson om at indstille dig til kurset",
        ),
        (
            None,
            "Webinaret er for kursets bekræftede deltagere, og det er du ikke.",
            "bed din SSP-kontaktperson om at indstille dig til kurset",
        ),
    ],
    ids=["waitlisted", "offered", "cancelled", "not-enrolled"],
)
def test_a_person_without_a_confirmed_seat_reads_why_and_what_to_do(
    client, status, reason, next_step
):
    room, host, people = room_create(participants=2)
    person = UserFactory(first_name="Vera", last_name="Venteliste")
    if status is not None:
        EnrolmentFactory(
            offering=room.session.offering,
            user=person,
            status=status,
            offer_expires_at=timezone.now() + datetime.timedelta(days=2),
        )
    text = _refusal(client, room, person, [host, *people])
    assert reason in text
    assert next_step in text
    my_courses = 'href="/mine-forloeb/">Gå til Mine forløb</a>' in text
    assert my_courses == (
        status in (EnrolmentStatus.WAITLISTED, EnrolmentStatus.OFFERED)
    )


def test_someone_not_invited_to_a_national_webinar_is_told_to_ask_their_contact(
    client,
):
    room, host, people = standalone_room_create(invited=1)
    text = _refusal(client, room, UserFactory(), [host, *people])
    assert (
        "Webinaret er for dem, der er inviteret til det, og du er ikke inviteret."
        in text
    )
    assert "bed din SSP-kontaktperson" in text


def test_a_removed_participant_reads_that_a_moderator_removed_them(client):
    room, host, (anna, bo) = room_create(participants=2)
    Removal.objects.create(room=room, user=anna)
    text = _refusal(client, room, anna, [host, bo])
    assert "En moderator har fjernet dig fra dette webinar." in text
    assert "Du kan ikke komme ind igen." in text


def test_a_room_not_open_yet_is_the_room_page_with_its_start_time(client):
    room, _host, (anna,) = room_create(participants=1)
    starts = datetime.datetime(2027, 3, 9, 13, 30, tzinfo=datetime.UTC)
    session = room.session
    session.starts_at = starts
    session.ends_at = starts + datetime.timedelta(hours=2)
    session.save()
    Room.objects.filter(pk=room.pk).update(state=RoomState.PLANNED)
    client.force_login(anna)
    response = client.get(f"/webinar/{room.pk}/")
    # 200, not a refusal: the page waits and lets her in when the hosts open it.
    assert response.status_code == 200
    text = response.content.decode()
    assert "Webinaret er ikke åbnet endnu." in text
    # 13:30 UTC is 14:30 in Copenhagen in March (winter time).
    assert starts.astimezone(COPENHAGEN).strftime("%H:%M") == "14:30"
    assert "Webinaret begynder tirsdag 9. marts kl. 14:30 (dansk tid)" in text


def test_an_ended_room_is_the_room_page_with_the_recording(client):
    room, _host, (anna,) = room_create(participants=1)
    Room.objects.filter(pk=room.pk).update(
        state=RoomState.ENDED,
        ended_at=timezone.now(),
        recording_url="https://video.example.dk/optagelse",
    )
    client.force_login(anna)
    response = client.get(f"/webinar/{room.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Webinaret er afsluttet." in text
    assert 'href="https://video.example.dk/optagelse"' in text


def test_vote_counts_are_singular_for_one_and_plural_otherwise_in_danish():
    from django.utils import translation
    from django.utils.translation import ngettext

    from webinars.views import _room_strings

    with translation.override("da"):
        strings = _room_strings()
        # room.js picks vote_one for 1 and votes for every other count.
        assert strings["vote_one"].format(count=1) == "1 stemme"
        assert strings["votes"].format(count=2) == "2 stemmer"
        assert strings["votes"].format(count=0) == "0 stemmer"
        assert strings["slide_label"].format(page=2, pages=3) == "Slide 2 af 3"
        for count, text in ((1, "1 stemme"), (2, "2 stemmer")):
            assert (
                ngettext("%(counter)s upvote", "%(counter)s upvotes", count)
                % {"counter": count}
                == text
            )
