"""Self-paced completions get the module's evaluation like any offering: one
invitation once the module counts by the programme rules, one Danish e-mail sent by
the worker after commit, answered by the same link, counted in the reports under the
module as "selvstændigt forløb" with the same protection of small groups."""

import datetime
import re

from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import Role
from core.personal_data import personal_data_erase
from courses.models import (
    CertificateSettings,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModuleKind,
    SelfPacedRule,
)
from courses.services.learning import lesson_complete, quiz_submit
from evaluations.models import Invitation, ReportTally, Response, Trigger
from evaluations.selectors import SMALL, ReportFilters, report_build
from evaluations.services import (
    invitations_create_due,
    invitations_send_due,
    response_submit,
    self_paced_invitations_create,
)
from evaluations.tallies import report_tallies_compute
from evaluations.tasks import evaluations_send_due_task
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory, module_create
from tests.courses.test_learning import block_id, lesson_with_blocks
from tests.evaluations.factories import (
    invitation_create,
    question_ids,
    responses_create,
    schedule_create,
    self_paced_invitation_create,
)

pytestmark = pytest.mark.django_db

CORRECT = [[0], [0, 1]]  # the right answers to tests.courses.test_learning.QUIZ


@pytest.fixture(autouse=True)
def _eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def elective():
    """A tilvalgsmodul of three lessons, the first with a quiz, and its after-run
    evaluation sent at once."""
    module = module_create(
        title="Digital kriminalitet", kind=ModuleKind.ELECTIVE, lessons=3
    )
    lesson_with_blocks(module)
    schedule_create(module=module, delay_days=0, reminder_count=0)
    return module


def _lessons(module) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(module).order_by("path"))


def _take(user, module, *, hours: float = 2, quiz: bool = True, last: bool = True):
    """The user takes the module on their own: the first lessons ``hours`` ago (as
    rows), the quiz through the service, and the last lesson through the service
    (the moment the module comes to count), unless ``last`` is False."""
    lessons = _lessons(module)
    for lesson in lessons[:-1]:
        LessonCompletion.objects.create(
            user=user,
            lesson=lesson,
            completed_at=timezone.now() - datetime.timedelta(hours=hours),
        )
    if quiz:
        quiz_submit(
            user=user,
            lesson=lessons[0],
            block_id=block_id(lessons[0], "quiz"),
            answers=CORRECT,
        )
    if last:
        lesson_complete(user=user, lesson=lessons[-1])


def _link(message) -> str:
    return re.search(r"/evaluering/svar/\S+/", message.body).group(0)


def test_completing_a_self_paced_module_invites_once_with_one_danish_email(
    elective, django_capture_on_commit_callbacks
):
    learner = UserFactory(first_name="Mette")
    with django_capture_on_commit_callbacks(execute=True):
        _take(learner, elective)

    invitation = Invitation.objects.get()
    assert (invitation.user, invitation.module, invitation.offering) == (
        learner,
        elective,
        None,
    )
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert message.subject == "Evaluering: Evaluering af modul"
    assert "Kære Mette" in message.body
    assert (
        "Fortæl os venligst, hvad du synes om Digital kriminalitet "
        "(selvstændigt forløb)." in message.body
    )
    assert "/evaluering/svar/" in message.body

    # Completing again, the task rerun and the periodic job create and send nothing.
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=learner, lesson=_lessons(elective)[-1])
        lesson_complete(user=learner, lesson=_lessons(elective)[0])
        assert (
            self_paced_invitations_create(user_id=learner.pk, module_id=elective.pk)
            == 0
        )
        evaluations_send_due_task.apply()
        evaluations_send_due_task.apply()
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1
    tally = ReportTally.objects.get(value=-2)
    assert (tally.offering_id, tally.module_id, tally.count) == (None, elective.pk, 1)


def test_the_passed_quiz_that_makes_the_module_count_sends_the_invitation(
    elective, django_capture_on_commit_callbacks
):
    """All lessons done first (the module is completed), the quiz passed last: the
    module counts only from the quiz on, and the invitation comes then."""
    learner = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _take(learner, elective, quiz=False)
    assert ModuleCompletion.objects.filter(user=learner, offering=None).exists()
    assert not Invitation.objects.exists()
    lesson = _lessons(elective)[0]
    with django_capture_on_commit_callbacks(execute=True):
        quiz_submit(
            user=learner,
            lesson=lesson,
            block_id=block_id(lesson, "quiz"),
            answers=CORRECT,
        )
    assert Invitation.objects.get().user == learner
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "reason", ["lessons_left", "quiz_failed", "too_fast", "offering_only", "offering"]
)
def test_a_participant_whose_module_does_not_count_gets_no_invitation(
    elective, django_capture_on_commit_callbacks, reason
):
    learner = UserFactory()
    if reason == "offering_only":
        rules = CertificateSettings.load()
        rules.self_paced_rule = SelfPacedRule.OFFERING_ONLY
        rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        if reason == "lessons_left":
            _take(learner, elective, last=False)
        elif reason == "quiz_failed":
            _take(learner, elective, quiz=False)
            lesson = _lessons(elective)[0]
            quiz_submit(
                user=learner,
                lesson=lesson,
                block_id=block_id(lesson, "quiz"),
                answers=[[1], [2]],
            )
        elif reason == "too_fast":
            _take(learner, elective, hours=0.1)
        elif reason == "offering":
            # Completed on an offering: that is the offering's evaluation.
            ModuleCompletion.objects.create(
                user=learner,
                module=elective,
                offering=OfferingFactory(module=elective),
            )
            _take(learner, elective)
        else:
            _take(learner, elective)
        evaluations_send_due_task.apply()
    assert not Invitation.objects.filter(module__isnull=False).exists()
    assert mail.outbox == []


def test_a_delayed_evaluation_comes_from_the_periodic_job_and_only_module_schedules(
    django_capture_on_commit_callbacks,
):
    module = module_create(title="Radikalisering", kind=ModuleKind.ELECTIVE)
    lesson_with_blocks(module)
    follow_up = schedule_create(
        module=module, trigger=Trigger.AFTER_COMPLETION, delay_days=90
    )
    # Neither a schedule of one offering nor one after webinars is about a
    # self-paced completion.
    schedule_create(offering=OfferingFactory(module=module), delay_days=0)
    schedule_create(module=module, trigger=Trigger.AFTER_WEBINAR, delay_days=0)
    learner = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _take(learner, module)
    assert not Invitation.objects.exists()

    counted_at = LessonCompletion.objects.filter(user=learner).latest("completed_at")
    day_89 = counted_at.completed_at + datetime.timedelta(days=89)
    day_90 = counted_at.completed_at + datetime.timedelta(days=90, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create_due(now=day_89)
    assert not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create_due(now=day_90)
        invitations_send_due(now=day_90)
        invitations_create_due(now=day_90)
    invitation = Invitation.objects.get()
    assert (invitation.schedule, invitation.module, invitation.user) == (
        follow_up,
        module,
        learner,
    )
    assert len(mail.outbox) == 1


def test_the_answer_page_takes_a_self_paced_answer(
    elective, client, django_capture_on_commit_callbacks
):
    learner = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _take(learner, elective)
    link = _link(mail.outbox[0])
    invitation = Invitation.objects.get()

    page = client.get(link)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Digital kriminalitet · Selvstændigt forløb" in content
    assert "Modulet var relevant for mit arbejde" in content
    assert learner.email not in content

    ids = question_ids(invitation.version)
    response = client.post(link, {f"q-{ids['likert']}": "4", f"q-{ids['scale']}": "7"})
    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.offering, stored.politikreds, stored.module) == (
        None,
        None,
        elective,
    )
    assert stored.year == timezone.localtime(invitation.created_at).year
    assert stored.invitation is None  # anonymous, as for offerings
    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    assert client.post(link, {f"q-{ids['likert']}": "1"}).status_code == 409
    assert Response.objects.count() == 1


def _answer_self_paced(schedule, module, count: int, likert: int = 3) -> None:
    """``count`` people invited after completing ``module`` on their own, who all
    answer through the service."""
    for _number in range(count):
        invitation = self_paced_invitation_create(
            schedule=schedule, module=module, user=UserFactory()
        )
        ids = question_ids(invitation.version)
        response_submit(
            invitation_id=invitation.pk,
            data={
                f"q-{ids['likert']}": [str(likert)],
                f"q-{ids['scale']}": ["6"],
                f"q-{ids['free_text']}": ["Mere om apps"],
            },
        )


@pytest.fixture
def reader(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(user)
    return client


def test_reports_show_self_paced_answers_under_their_module(reader):
    module = module_create(title="Digital kriminalitet", kind=ModuleKind.ELECTIVE)
    schedule = schedule_create(module=module)
    year = timezone.localdate().year
    offering = OfferingFactory(module=module, planned_start=datetime.date(year, 3, 1))
    responses_create(schedule=schedule, offering=offering, count=6, likert=5)
    invitation_create(schedule=schedule, offering=offering, user=UserFactory())
    _answer_self_paced(schedule, module, 5, likert=2)
    self_paced_invitation_create(schedule=schedule, module=module, user=UserFactory())
    version = schedule.template.versions.get()

    # The tallies kept while answering are what a recount gives.
    def row(tally):
        return (
            tally["offering_id"],
            tally["module_id"],
            tally["politikreds_id"],
            tally["year"],
            tally["question_id"],
            tally["value"],
            tally["count"],
        )

    stored = ReportTally.objects.filter(version=version).values(
        "offering_id",
        "module_id",
        "politikreds_id",
        "year",
        "question_id",
        "value",
        "count",
    )
    assert sorted(map(row, stored), key=str) == sorted(
        map(row, report_tallies_compute(version_id=version.pk)), key=str
    )

    report = report_build(version=version, filters=ReportFilters())
    # Six self-paced invitations and one of the offering (its six answers were
    # stored without invitations).
    assert (report.responses, report.invited) == (11, 7)
    assert report.questions[0].mean == round((6 * 5 + 5 * 2) / 11, 2)
    offerings = {row.label: row for row in report.breakdowns[2].rows}
    label = f"Digital kriminalitet, selvstændigt forløb, {year}"
    assert (offerings[label].responses.n, offerings[label].cells[0].mean) == (5, 2.0)
    districts = {row.label: row for row in report.breakdowns[0].rows}
    assert districts["Selvstændigt forløb"].responses.n == 5
    assert districts["Fyns Politi"].responses.n == 6
    assert "Mere om apps" in report.questions[-1].texts

    # A module's report holds them; a district's does not.
    by_module = report_build(
        version=version, filters=ReportFilters(module_id=module.pk)
    )
    assert by_module.responses == 11
    by_district = report_build(
        version=version, filters=ReportFilters(politikreds_code="1465")
    )
    assert by_district.responses == 6

    content = reader.get(
        reverse("evaluations:report", args=[version.pk])
    ).content.decode()
    assert label in content
    assert "Selvstændigt forløb" in content
    assert 'href="?hold=-' not in content  # no offering to narrow the report to
    assert f'href="?hold={offering.pk}"' in content
    csv = reader.get(
        reverse("evaluations:report", args=[version.pk]), {"format": "csv"}
    ).content.decode("utf-8-sig")
    assert f"{label};5;5;2,00" in csv


def test_a_small_self_paced_group_is_never_shown_alone(reader):
    """Three self-paced answers are published only together with the offering of
    the same module and year; neither shows on its own, nor does the year's total
    minus the offering give the three away."""
    module = module_create(title="Digital kriminalitet", kind=ModuleKind.ELECTIVE)
    schedule = schedule_create(module=module)
    year = timezone.localdate().year
    offering = OfferingFactory(module=module, planned_start=datetime.date(year, 3, 1))
    responses_create(schedule=schedule, offering=offering, count=6, likert=5)
    _answer_self_paced(schedule, module, 3, likert=1)
    version = schedule.template.versions.get()

    report = report_build(version=version, filters=ReportFilters())
    assert report.responses == 9
    offerings = {row.label: row for row in report.breakdowns[2].rows}
    self_paced = offerings[f"Digital kriminalitet, selvstændigt forløb, {year}"]
    assert self_paced.responses.hidden == SMALL
    assert self_paced.cells[0].mean is None
    assert all(row.responses.suppressed for row in offerings.values())
    districts = {row.label: row for row in report.breakdowns[0].rows}
    assert districts["Selvstændigt forløb"].responses.hidden == SMALL
    assert districts["Fyns Politi"].responses.suppressed
    # Fyn alone leaves its offering out: it is published with the self-paced run.
    fyn = report_build(version=version, filters=ReportFilters(politikreds_code="1465"))
    assert fyn.suppressed and fyn.omitted
    content = reader.get(
        reverse("evaluations:report", args=[version.pk])
    ).content.decode()
    assert "færre end 5 svar" in content
    assert "Mere om apps" not in content


def test_the_database_wants_exactly_one_of_offering_and_module():
    module = module_create()
    offering = OfferingFactory(module=module)
    schedule = schedule_create(module=module)
    version = schedule.template.versions.get()
    user = UserFactory()
    closes_at = timezone.now() + datetime.timedelta(days=21)
    for fields in ({"offering": offering, "module": module}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Invitation.objects.create(
                schedule=schedule,
                version=version,
                user=user,
                closes_at=closes_at,
                **fields,
            )
    Invitation.objects.create(
        schedule=schedule,
        version=version,
        user=user,
        closes_at=closes_at,
        module=module,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            schedule=schedule,
            version=version,
            user=user,
            closes_at=closes_at,
            module=module,
        )
    # A self-paced response has no district; an offering's always has one.
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            version=version,
            schedule=schedule,
            module=module,
            politikreds_id="1465",
            year=2026,
        )
    assert Invitation.objects.count() == 1
    assert not Response.objects.exists()


def test_erasing_a_person_deletes_their_self_paced_invitation_like_any_other():
    module = module_create()
    schedule = schedule_create(module=module)
    invitation = self_paced_invitation_create(
        schedule=schedule, module=module, user=UserFactory()
    )
    ids = question_ids(invitation.version)
    response_submit(
        invitation_id=invitation.pk,
        data={f"q-{ids['likert']}": ["4"], f"q-{ids['scale']}": ["5"]},
    )
    personal_data_erase(user=invitation.user)
    assert not Invitation.objects.exists()
    # The anonymous answer stays: it never pointed at the person.
    assert Response.objects.get().module == module


def test_a_report_with_self_paced_answers_costs_one_query_more_at_any_size(
    django_assert_num_queries,
):
    """Tallies, offering labels, the module titles of the self-paced runs, and the
    free-text question, whether five or fifteen answered on their own."""
    module = module_create(title="Digital kriminalitet", kind=ModuleKind.ELECTIVE)
    schedule = schedule_create(module=module)
    offering = OfferingFactory(module=module)
    responses_create(schedule=schedule, offering=offering, count=6, text="Godt")
    version = schedule.template.versions.get()
    for year in (2025, 2026):
        responses_create(
            schedule=schedule,
            offering=None,
            module=module,
            year=year,
            count=5,
            text="Mere om apps",
        )
    with django_assert_num_queries(4):
        report_build(version=version, filters=ReportFilters())
    responses_create(
        schedule=schedule, offering=None, module=module, year=2024, count=10
    )
    with django_assert_num_queries(4):
        report = report_build(version=version, filters=ReportFilters())
    assert report.responses == 26
    assert (
        len([row for row in report.breakdowns[2].rows if "selvstændigt" in row.label])
        == 3
    )
