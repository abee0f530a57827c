"""Services and selectors of the webinar rooms: sequence numbers under real
concurrency, slides, attendance and who may enter."""

import datetime
import threading

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

import pytest

from accounts.roles import Role
from courses.models import EnrolmentStatus, ModuleCompletion, SessionAttendance
from courses.services.learning import lesson_complete
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory
from tests.webinars.factories import room_create
from tests.webinars.pdfs import slides_pdf
from webinars import services
from webinars.models import PollVote, Presence, Room, RoomEvent
from webinars.selectors import room_access, room_attendance

# A real two-page PDF (a hand-written one lacked the page size and the
# cross-reference table every viewer needs).
PDF_TWO_PAGES = slides_pdf(("Første slide", "Anden slide"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_appends_never_share_a_sequence_number(services_mode):
    room, _host, people = room_create(participants=4)
    errors = []

    def post(person):
        try:
            for number in range(5):
                services.chat_send(room=room, user=person, text=f"besked {number}")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    seqs = list(RoomEvent.objects.filter(room=room).values_list("seq", flat=True))
    assert sorted(seqs) == list(range(1, 21))
    assert Room.objects.get(pk=room.pk).last_seq == 20


@pytest.mark.django_db
def test_who_may_enter_and_moderate():
    room, host, (anna,) = room_create(participants=1)
    presenter_elsewhere = UserFactory(roles=[Role.PRESENTER])
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    declined = EnrolmentFactory(
        offering=room.session.offering, status=EnrolmentStatus.DECLINED
    ).user
    responsible_contact = UserFactory(roles=[Role.MUNICIPAL_CONTACT])
    room.session.offering.responsible.add(responsible_contact)

    def access(user):
        result = room_access(room=room, user=user)
        return (result.can_enter, result.is_moderator)

    assert access(host) == (True, True)
    assert access(administrator) == (True, True)
    assert access(anna) == (True, False)
    assert access(responsible_contact) == (True, False)
    assert access(presenter_elsewhere) == (False, False)
    assert access(declined) == (False, False)


@pytest.mark.django_db
def test_slides_must_be_a_pdf_and_only_moderators_upload():
    room, host, (anna,) = room_create(participants=1)
    fake = SimpleUploadedFile("slides.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError):
        services.slides_upload(room=room, user=host, file=fake)
    with pytest.raises(PermissionDenied):
        services.slides_upload(
            room=room, user=anna, file=SimpleUploadedFile("s.pdf", PDF_TWO_PAGES)
        )
    room.refresh_from_db()
    assert (room.slide_pages, bool(room.slides), RoomEvent.objects.count()) == (
        0,
        False,
        0,
    )

    services.slides_upload(
        room=room, user=host, file=SimpleUploadedFile("s.pdf", PDF_TWO_PAGES)
    )
    room.refresh_from_db()
    assert (room.slide_pages, room.slide_page) == (2, 1)
    services.slide_set(room=room, user=host, page=2)
    with pytest.raises(ValidationError):
        services.slide_set(room=room, user=host, page=3)
    assert list(RoomEvent.objects.values_list("kind", "payload__page")) == [
        ("slides.uploaded", 1),
        ("slide.changed", 2),
    ]


@pytest.mark.django_db
def test_attendance_merges_tabs_and_feeds_module_completion():
    room, host, (anna, bo) = room_create(participants=2)
    session = room.session
    start = session.starts_at
    # Anna: two overlapping tabs 0-200 and 100-250 min, then 300-330: 280 minutes.
    for joined, left in ((0, 200), (100, 250), (300, 330)):
        Presence.objects.create(
            room=room,
            user=anna,
            joined_at=start + datetime.timedelta(minutes=joined),
            left_at=start + datetime.timedelta(minutes=left),
        )
    # Bo: 60 minutes, less than half of the six-hour session.
    Presence.objects.create(
        room=room,
        user=bo,
        joined_at=start,
        left_at=start + datetime.timedelta(minutes=60),
    )
    rows = {row.user.pk: row for row in room_attendance(room=room)}
    assert (rows[anna.pk].minutes, rows[anna.pk].visits) == (280, 3)
    assert rows[bo.pk].minutes == 60

    for lesson in session.offering.module.get_children().specific():
        lesson_complete(user=anna, lesson=lesson)
        lesson_complete(user=bo, lesson=lesson)
    assert ModuleCompletion.objects.count() == 0

    assert services.room_attendance_feed(room=room) == 1
    assert sorted(
        SessionAttendance.objects.values_list("user_id", "present", "minutes_present")
    ) == sorted([(anna.pk, True, 280), (bo.pk, False, 60)])
    # Lessons done and the offering's only session attended: Anna has completed.
    assert list(ModuleCompletion.objects.values_list("user_id", flat=True)) == [anna.pk]
    # Idempotent.
    services.room_attendance_feed(room=room)
    assert SessionAttendance.objects.count() == 2


@pytest.mark.django_db
def test_room_create_is_for_responsible_presenters_and_idempotent():
    room, host, (anna,) = room_create(participants=1)
    session = room.session
    with pytest.raises(PermissionDenied):
        services.room_create(session=session, created_by=anna)
    assert services.room_create(session=session, created_by=host) == room
    assert Room.objects.count() == 1


@pytest.mark.django_db
def test_presence_leave_is_idempotent():
    room, _host, (anna,) = room_create(participants=1)
    presence = services.presence_join(room=room, user=anna)
    services.presence_leave(presence_id=presence.pk)
    left = Presence.objects.get().left_at
    services.presence_leave(presence_id=presence.pk)
    assert Presence.objects.get().left_at == left
    assert left <= timezone.now()


@pytest.mark.django_db
def test_periodic_job_closes_due_breakouts_and_ends_finished_rooms():
    from webinars.models import Breakout

    room, host, (anna, bo) = room_create(participants=2)
    for person in (anna, bo):
        services.presence_join(room=room, user=person)
    services.breakout_open(room=room, user=host, groups=2, minutes=10)
    assert services.rooms_close_due() == (0, 0)  # not due yet

    Breakout.objects.update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    assert services.rooms_close_due() == (1, 0)
    assert not Breakout.objects.filter(closed_at__isnull=True).exists()

    session = room.session
    session.starts_at = timezone.now() - datetime.timedelta(hours=5)
    session.ends_at = timezone.now() - datetime.timedelta(hours=2)
    session.save()
    assert services.rooms_close_due() == (0, 1)
    room.refresh_from_db()
    assert room.state == "afsluttet"
    assert sorted(
        SessionAttendance.objects.values_list("user_id", "present")
    ) == sorted([(anna.pk, False), (bo.pk, False)])
    assert list(
        RoomEvent.objects.filter(breakout=None).values_list("kind", flat=True)
    ) == ["breakout.opened", "breakout.closed", "room.ended"]
    assert services.rooms_close_due() == (0, 0)  # idempotent


def _split_room():
    """A room with five participants present: two in Aarhus and one in Randers
    (both Østjyllands Politi), one in the Copenhagen police, one without an
    organisation; sectors school, school, social, police, other."""
    from accounts.models import Kommune, Organisation, User

    room, host, _people = room_create(participants=0)

    def person(name, organisation, sector):
        user = UserFactory(
            first_name=name, organisation=organisation, sector=sector, roles=[]
        )
        EnrolmentFactory(
            offering=room.session.offering,
            user=user,
            status=EnrolmentStatus.CONFIRMED,
        )
        services.presence_join(room=room, user=user)
        return user

    aarhus = Organisation.objects.get(kommune__code="0751")
    randers = Organisation.objects.get(kommune__code="0730")
    copenhagen = Kommune.objects.get(code="0101")
    police = Organisation.objects.get(kind="politi", politikreds=copenhagen.politikreds)
    people = {
        "anna": person("Anna", aarhus, User.Sector.SCHOOL),
        "bo": person("Bo", aarhus, User.Sector.SCHOOL),
        "cai": person("Cai", randers, User.Sector.SOCIAL),
        "dan": person("Dan", police, User.Sector.POLICE),
        "eva": person("Eva", None, User.Sector.OTHER),
    }
    services.presence_join(room=room, user=host)  # moderators are not split
    return room, host, people, police.politikreds.name


def _groups(breakouts):
    return [
        (breakout.label, sorted(m.first_name for m in breakout.members.all()))
        for breakout in breakouts
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "politikreds",
            [
                ("{police}", ["Dan"]),
                ("Østjyllands Politi", ["Anna", "Bo", "Cai"]),
                ("Ingen politikreds", ["Eva"]),
            ],
        ),
        (
            "kommune",
            [
                ("Aarhus", ["Anna", "Bo"]),
                ("Randers", ["Cai"]),
                ("Ingen kommune", ["Dan", "Eva"]),
            ],
        ),
        (
            "sector",
            [
                ("Andet", ["Eva"]),
                ("Politi", ["Dan"]),
                ("Skole", ["Anna", "Bo"]),
                ("Socialforvaltning", ["Cai"]),
            ],
        ),
    ],
)
def test_breakouts_split_by_district_municipality_or_sector(by, expected):
    room, host, _people, police_district = _split_room()
    breakouts = services.breakout_open(room=room, user=host, minutes=10, by=by)
    expected = [
        (label.format(police=police_district), names) for label, names in expected
    ]
    assert _groups(breakouts) == expected
    event = RoomEvent.objects.get(kind="breakout.opened")
    assert event.payload["by"] == by
    assert [group["label"] for group in event.payload["groups"]] == [
        label for label, _names in expected
    ]


@pytest.mark.django_db
def test_breakouts_at_random_make_even_groups_of_everyone():
    room, host, people, _police = _split_room()
    breakouts = services.breakout_open(room=room, user=host, minutes=10, groups=2)
    sizes = sorted(breakout.members.count() for breakout in breakouts)
    assert sizes == [2, 3]
    members = {m.pk for breakout in breakouts for m in breakout.members.all()}
    assert members == {person.pk for person in people.values()}


@pytest.mark.django_db
def test_breakouts_refuse_an_unknown_split_and_store_nothing():
    room, host, _people, _police = _split_room()
    for kwargs in ({"by": "alder"}, {"by": "random", "groups": 9}, {"by": "random"}):
        with pytest.raises(ValidationError):
            services.breakout_open(room=room, user=host, minutes=10, **kwargs)
    assert not RoomEvent.objects.exists()
    assert not room.breakouts.exists()


@pytest.mark.django_db
def test_administrators_name_hosts_and_moderators():
    room, host, (anna,) = room_create(participants=1)
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    presenter = UserFactory(roles=[Role.PRESENTER])
    assert room_access(room=room, user=presenter).can_enter is False

    with pytest.raises(PermissionDenied):
        services.room_settings_set(
            room=room,
            user=host,
            hosts=[host],
            moderators=[presenter],
            questions_need_approval=False,
        )
    with pytest.raises(ValidationError):  # a participant cannot be named
        services.room_settings_set(
            room=room,
            user=administrator,
            hosts=[host],
            moderators=[anna],
            questions_need_approval=True,
        )
    assert list(room.moderators.all()) == []
    assert not RoomEvent.objects.exists()

    services.room_settings_set(
        room=room,
        user=administrator,
        hosts=[host],
        moderators=[presenter],
        questions_need_approval=True,
    )
    assert room_access(room=room, user=presenter).is_moderator is True
    room.refresh_from_db()
    assert room.questions_need_approval is True
    assert list(RoomEvent.objects.values_list("kind", "payload")) == [
        ("questions.approval", {"required": True})
    ]


@pytest.mark.django_db
def test_standalone_webinar_is_created_by_administrators_only():
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    presenter = UserFactory(roles=[Role.PRESENTER])
    now = timezone.now()
    times = {"starts_at": now, "ends_at": now + datetime.timedelta(hours=1)}
    with pytest.raises(PermissionDenied):
        services.room_standalone_create(user=presenter, title="Nationalt", **times)
    with pytest.raises(ValidationError):
        services.room_standalone_create(
            user=administrator,
            title="Nationalt",
            starts_at=times["ends_at"],
            ends_at=times["starts_at"],
        )
    with pytest.raises(ValidationError):
        services.room_standalone_create(user=administrator, title="  ", **times)
    assert not Room.objects.exists()
    room = services.room_standalone_create(
        user=administrator, title="Nationalt", **times
    )
    assert (room.session, room.state, room.title_display) == (
        None,
        "planlagt",
        "Nationalt",
    )


@pytest.mark.django_db
def test_invitations_decide_who_enters_a_standalone_webinar():
    from core.models import ScheduledEmail
    from tests.webinars.factories import standalone_room_create
    from webinars.models import WebinarInvitation

    room, host, (invited, _other) = standalone_room_create(invited=2)
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    newcomer = UserFactory(email="ny@kommune.test")
    enrolled_elsewhere = room_create(participants=1)[2][0]
    assert room_access(room=room, user=invited).can_enter is True
    assert room_access(room=room, user=host).is_moderator is True
    assert room_access(room=room, user=newcomer).can_enter is False
    assert room_access(room=room, user=enrolled_elsewhere).can_enter is False

    with pytest.raises(PermissionDenied):
        services.room_invite(room=room, user=host, emails="ny@kommune.test")
    with pytest.raises(ValidationError) as refused:
        services.room_invite(
            room=room, user=administrator, emails="NY@kommune.test\nukendt@x.test"
        )
    assert "ukendt@x.test" in refused.value.messages[0]
    assert WebinarInvitation.objects.filter(room=room).count() == 2

    added = services.room_invite(
        room=room,
        user=administrator,
        emails=f"NY@kommune.test, {invited.email}",
    )
    assert added == 1
    assert room_access(room=room, user=newcomer).can_enter is True
    assert list(ScheduledEmail.objects.values_list("key", flat=True)) == [
        f"webinar-invitation:{room.pk}:{newcomer.pk}"
    ]
    services.room_uninvite(room=room, user=administrator, target_user_id=newcomer.pk)
    assert room_access(room=room, user=newcomer).can_enter is False
    with pytest.raises(ValidationError):  # a session's room has no invitation list
        services.room_invite(
            room=room_create(participants=0)[0],
            user=administrator,
            emails=invited.email,
        )


@pytest.mark.django_db
def test_standalone_attendance_is_reported_but_feeds_no_completion():
    from tests.webinars.factories import standalone_room_create

    room, host, (anna, bo) = standalone_room_create(invited=2)
    Presence.objects.create(
        room=room,
        user=anna,
        joined_at=timezone.now() - datetime.timedelta(minutes=30),
        left_at=timezone.now(),
    )
    services.room_end(room=room, user=host)
    rows = {
        row.user: (row.minutes, row.confirmed) for row in room_attendance(room=room)
    }
    assert rows == {anna: (30, True), bo: (0, True)}
    assert not SessionAttendance.objects.exists()
    # The periodic job ends standalone webinars after their own end time, too.
    other, _host, _people = standalone_room_create(invited=0)
    Room.objects.filter(pk=other.pk).update(
        ends_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert services.rooms_close_due() == (0, 1)


@pytest.mark.django_db
def test_chat_to_an_ended_webinar_is_refused_and_stores_nothing():
    room, host, (anna,) = room_create(participants=1)
    services.chat_send(room=room, user=anna, text="Før slut")
    services.room_end(room=room, user=host)
    room = Room.objects.get(pk=room.pk)
    before = list(RoomEvent.objects.values_list("kind", flat=True))
    assert before == ["chat.message", "room.ended"]
    # Moderators may write while the chat is paused; not after the end either.
    for person in (anna, host):
        with pytest.raises(ValidationError) as refusal:
            services.chat_send(room=room, user=person, text="Efter slut")
        assert refusal.value.messages == ["Webinaret er afsluttet."]
    assert list(RoomEvent.objects.values_list("kind", flat=True)) == before
    assert Room.objects.get(pk=room.pk).last_seq == 2


@pytest.mark.django_db
def test_a_vote_in_a_closed_poll_is_refused_and_stores_nothing():
    room, host, (anna, bo) = room_create(participants=2)
    poll = services.poll_open(
        room=room, user=host, question="Hvilken dag?", options=["Man", "Tirs"]
    )
    services.poll_vote(room=room, user=anna, poll_id=poll.pk, option=0)
    services.poll_close(room=room, user=host, poll_id=poll.pk)
    with pytest.raises(ValidationError) as refusal:
        services.poll_vote(room=room, user=bo, poll_id=poll.pk, option=1)
    assert refusal.value.messages == ["Afstemningen er lukket."]
    assert list(PollVote.objects.values_list("user_id", "option")) == [(anna.pk, 0)]
    assert list(RoomEvent.objects.values_list("kind", flat=True)) == [
        "poll.opened",
        "poll.results",
        "poll.closed",
    ]
