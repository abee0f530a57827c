"""The room page, slides, the attendance report and its CSV."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory
from tests.webinars.factories import room_create
from tests.webinars.test_services import PDF_TWO_PAGES
from webinars.models import Presence

pytestmark = pytest.mark.django_db


def test_room_page_only_for_those_who_may_enter(client):
    room, host, (anna,) = room_create(participants=1)
    url = f"/webinar/{room.pk}/"
    assert client.get(url).status_code == 302  # to login
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(anna)
    response = client.get(url)
    assert response.status_code == 200
    assert b'data-moderator="false"' in response.content
    assert "Moderation" not in response.content.decode()
    assert client.get(f"/webinar/{room.pk}/rapport/").status_code == 403
    client.force_login(host)
    assert b'data-moderator="true"' in client.get(url).content
    assert "Værter og moderatorer: Ulla Underviser" in response.content.decode()


def test_room_list_shows_own_rooms(client):
    room, _host, (anna,) = room_create(participants=1)
    room_create(participants=0)  # someone else's
    client.force_login(anna)
    response = client.get("/webinar/")
    assert list(response.context["rooms"]) == [room]


def test_slides_upload_refuses_non_pdf_and_serves_the_pdf(client):
    room, host, (anna,) = room_create(participants=1)
    client.force_login(host)
    client.post(
        f"/webinar/{room.pk}/slides/",
        {"slides": SimpleUploadedFile("x.pdf", b"GIF89a")},
    )
    room.refresh_from_db()
    assert room.slide_pages == 0
    client.post(
        f"/webinar/{room.pk}/slides/",
        {"slides": SimpleUploadedFile("x.pdf", PDF_TWO_PAGES)},
    )
    room.refresh_from_db()
    assert room.slide_pages == 2
    client.force_login(anna)
    response = client.get(f"/webinar/{room.pk}/slides.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_TWO_PAGES
    client.force_login(UserFactory())
    assert client.get(f"/webinar/{room.pk}/slides.pdf").status_code == 403


@pytest.mark.parametrize("participants", [2, 12])
def test_report_lists_attendance_in_fixed_queries(
    client, django_assert_num_queries, participants
):
    room, host, people = room_create(participants=participants)
    start = room.session.starts_at
    for person in people:
        Presence.objects.create(
            room=room,
            user=person,
            joined_at=start,
            left_at=start + datetime.timedelta(minutes=45),
        )
    client.force_login(host)
    client.get(f"/webinar/{room.pk}/rapport/")  # warm caches (permissions)
    with django_assert_num_queries(7):
        response = client.get(f"/webinar/{room.pk}/rapport/?format=csv")
    assert response.content.startswith("\ufeff".encode())  # Excel reads UTF-8
    lines = response.content.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0].split(";") == [
        "Navn",
        "Første indgang",
        "Sidst forladt",
        "Minutter til stede",
        "Besøg",
        "Bekræftet deltager",
    ]
    assert len(lines) == participants + 1
    assert lines[1].split(";")[3:] == ["45", "1", "ja"]


def test_outsider_enrolled_elsewhere_gets_no_report(client):
    room, _host, _people = room_create(participants=1)
    other = EnrolmentFactory().user
    client.force_login(other)
    assert client.get(f"/webinar/{room.pk}/rapport/").status_code == 403


def test_moderators_set_the_video_and_recording_links(client):
    room, host, (anna,) = room_create(participants=1)
    client.force_login(anna)
    assert (
        client.post(
            f"/webinar/{room.pk}/links/", {"video_url": "https://video.example/x"}
        ).status_code
        == 403
    )
    client.force_login(host)
    client.post(f"/webinar/{room.pk}/links/", {"video_url": "javascript:alert(1)"})
    room.refresh_from_db()
    assert room.video_url == ""
    client.post(
        f"/webinar/{room.pk}/links/",
        {"video_url": "https://video.example/live", "recording_url": ""},
    )
    room.refresh_from_db()
    assert room.video_url == "https://video.example/live"


def test_a_planned_room_tells_participants_it_is_not_open(client):
    from webinars.services import room_create as room_open

    room, host, (anna,) = room_create(participants=1)
    room.delete()
    room = room_open(session=room.session, created_by=host)
    assert room.state == "planlagt"
    client.force_login(anna)
    page = client.get(f"/webinar/{room.pk}/").content.decode()
    assert "Webinarets status:" in page
    assert "Webinaret er ikke åbnet endnu." in page
    client.force_login(host)
    page = client.get(f"/webinar/{room.pk}/").content.decode()
    assert "Webinaret er ikke åbnet endnu." not in page
    assert 'id="state-aaben">' in page


def test_administrators_edit_hosts_and_moderators_on_the_settings_page(client):
    from accounts.roles import Role

    room, host, (anna,) = room_create(participants=1)
    url = f"/webinar/{room.pk}/indstillinger/"
    client.force_login(host)
    assert client.get(url).status_code == 403
    presenter = UserFactory(roles=[Role.PRESENTER], first_name="Per")
    from allauth.mfa.totp.internal.auth import TOTP

    administrator = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(administrator, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(administrator)
    response = client.get(url)
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "Per " in page and "Deltager" not in page  # only presenters offered
    response = client.post(
        url,
        {"hosts": [host.pk], "moderators": [presenter.pk, anna.pk]},
    )
    assert response.status_code == 200  # anna is no presenter: refused
    assert list(room.moderators.all()) == []
    response = client.post(
        url,
        {
            "hosts": [host.pk],
            "moderators": [presenter.pk],
            "questions_need_approval": "on",
        },
    )
    assert response.status_code == 302
    assert list(room.moderators.all()) == [presenter]
    room.refresh_from_db()
    assert room.questions_need_approval is True


def _administrator(client):
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.roles import Role

    administrator = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(administrator, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(administrator)
    return administrator


def test_administrators_create_a_national_webinar_and_invite_people(client):
    from webinars.models import Room

    newcomer = UserFactory(email="ny@kommune.test", first_name="Nina")
    client.force_login(newcomer)
    assert client.get("/webinar/ny/").status_code == 403
    _administrator(client)
    assert "Opret et nationalt webinar" in client.get("/webinar/").content.decode()
    response = client.post(
        "/webinar/ny/",
        {
            "title": "Unges onlinekriminalitet",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T09:00",
        },
    )
    assert response.status_code == 200 and not Room.objects.exists()
    response = client.post(
        "/webinar/ny/",
        {
            "title": "Unges onlinekriminalitet",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T12:00",
        },
    )
    room = Room.objects.get()
    assert response.url == f"/webinar/{room.pk}/indstillinger/"
    client.post(f"/webinar/{room.pk}/invitationer/", {"emails": "ukendt@x.test"})
    assert not room.invitations.exists()
    client.post(f"/webinar/{room.pk}/invitationer/", {"emails": "ny@kommune.test"})
    page = client.get(f"/webinar/{room.pk}/indstillinger/").content.decode()
    assert "1 person inviteret" in page and "ny@kommune.test" in page
    report = client.get(f"/webinar/{room.pk}/rapport/").content.decode()
    assert "Inviteret" in report and "Nina" in report
    client.post(f"/webinar/{room.pk}/invitationer/{newcomer.pk}/fjern/")
    assert not room.invitations.exists()


@pytest.mark.parametrize("invited", [1, 6])
def test_settings_page_of_a_national_webinar_has_fixed_queries(
    client, django_assert_num_queries, invited
):
    from tests.webinars.factories import standalone_room_create

    room, _host, _people = standalone_room_create(invited=invited)
    _administrator(client)
    # 13: one of them reads the captioners' addresses.
    with django_assert_num_queries(13):
        response = client.get(f"/webinar/{room.pk}/indstillinger/")
    assert response.content.decode().count("Træk invitationen til") == invited
