"""Writes for evaluations: freezing template versions, creating and sending the
invitations that are due, reminding those who have not answered, and storing a
response.

Due dates are rows, never Celery ETAs: the periodic job ``evaluations_send_due_task``
asks the database what is due. Every e-mail is claimed on its row first and then
handed to ``core.mail.email_schedule`` with a unique key, so a retried or doubled run
sends nothing twice."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.mail import absolute_url, email_schedule
from core.text_guard import validate_no_cpr
from courses.models import (
    Enrolment,
    EnrolmentStatus,
    ModuleCompletion,
    Offering,
    OfferingFormat,
    OfferingStatus,
    Session,
)
from courses.selectors.certificates import self_paced_counted_at
from evaluations.blocks import LIKERT_LABEL_SETS
from evaluations.models import (
    Answer,
    Invitation,
    QuestionKind,
    Response,
    Schedule,
    SurveyTemplate,
    SurveyVersion,
    Trigger,
)
from evaluations.tallies import (
    report_invited_recount,
    report_self_paced_invited_recount,
    report_tallies_add,
)

TOKEN_SALT = "evaluations.invitation"  # noqa: S105 - a namespace, not a secret
FREE_TEXT_MAX_LENGTH = 4000
FIELD_PREFIX = "q-"
# Schedules whose trigger a self-paced completion has: the end of a run and the
# participant's completion are both the moment the module came to count.
SELF_PACED_TRIGGERS = (Trigger.AFTER_LAST_SESSION, Trigger.AFTER_COMPLETION)
#: In brackets after the module's name, where an offering shows its district.
SELF_PACED_LABEL = gettext_lazy("self-paced")


# Templates and versions ----------------------------------------------------------


def survey_questions_freeze(*, template: SurveyTemplate) -> list[dict]:
    """The template's questions as plain data (the form a version stores): id, kind,
    text, whether an answer is required and the labels of the options."""
    frozen: list[dict] = []
    for block in template.questions:
        value = block.value
        item: dict = {"id": block.id, "kind": block.block_type}
        if block.block_type == QuestionKind.SECTION:
            item.update(text=value["heading"], intro=value.get("intro") or "")
        else:
            item.update(text=value["text"], required=bool(value.get("required")))
        if block.block_type == QuestionKind.LIKERT:
            item["options"] = list(LIKERT_LABEL_SETS[value["labels"]])
        elif block.block_type == QuestionKind.SCALE:
            item.update(low=value["low_label"], high=value["high_label"])
        elif block.block_type in (
            QuestionKind.SINGLE_CHOICE,
            QuestionKind.MULTIPLE_CHOICE,
        ):
            item["options"] = [str(choice) for choice in value["choices"]]
        frozen.append(item)
    return frozen


@transaction.atomic
def survey_version_sync(*, template: SurveyTemplate) -> SurveyVersion:
    """Bring the template's newest version in line with the template after an edit.

    Nothing changes when the content is the same. A version without responses is
    updated in place; a version that has responses is frozen, so the edit becomes a
    new version and reports keep the old answers with the old questions. Idempotent.
    """
    snapshot = {
        "title": template.title,
        "intro": template.intro,
        "is_anonymous": template.is_anonymous,
        "questions": survey_questions_freeze(template=template),
    }
    latest = (
        SurveyVersion.objects.select_for_update()
        .filter(template=template)
        .order_by("-number")
        .first()
    )
    if latest is not None:
        current = {
            "title": latest.title,
            "intro": latest.intro,
            "is_anonymous": latest.is_anonymous,
            "questions": latest.questions,
        }
        if current == snapshot:
            return latest
        if not latest.responses.exists():
            SurveyVersion.objects.filter(pk=latest.pk).update(**snapshot)
            latest.refresh_from_db()
            return latest
    return SurveyVersion.objects.create(
        template=template,
        number=(latest.number + 1) if latest else 1,
        **snapshot,
    )


# Invitations ---------------------------------------------------------------------


def invitation_token(*, invitation: Invitation) -> str:
    """The signed token in the participant's personal link (no login needed)."""
    return signing.dumps(invitation.pk, salt=TOKEN_SALT)


def invitation_url(*, invitation: Invitation) -> str:
    """The absolute personal link to the survey, for the e-mails."""
    return absolute_url(
        reverse("evaluations:answer", args=[invitation_token(invitation=invitation)])
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _scope_offerings(schedule: Schedule):
    offerings = Offering.objects.exclude(status=OfferingStatus.AFLYST)
    if schedule.offering_id:
        return offerings.filter(pk=schedule.offering_id)
    return offerings.filter(module_id=schedule.module_id)


def _due_targets(
    *, schedule: Schedule, now: datetime.datetime
) -> list[tuple[int, int | None, int]]:
    """(offering, session or None, user) for every invitation the schedule wants by
    ``now`` that does not exist yet. Three queries at most, whatever the numbers."""
    latest_trigger = now - datetime.timedelta(days=schedule.delay_days)
    earliest_trigger = _start_of(schedule.active_from)
    existing = Invitation.objects.filter(schedule=schedule, user=OuterRef("user_id"))
    if schedule.trigger == Trigger.AFTER_COMPLETION:
        completions = ModuleCompletion.objects.filter(
            offering__isnull=False,
            offering__in=_scope_offerings(schedule),
            completed_at__lte=latest_trigger,
            completed_at__gte=earliest_trigger,
            user__is_active=True,
        ).filter(
            ~Exists(existing.filter(offering=OuterRef("offering_id"), session=None))
        )
        return [
            (offering_id, None, user_id)
            for offering_id, user_id in completions.values_list(
                "offering_id", "user_id"
            )
        ]
    confirmed = Enrolment.objects.filter(
        status=EnrolmentStatus.BEKRAEFTET, user__is_active=True
    )
    if schedule.trigger == Trigger.AFTER_WEBINAR:
        sessions = Session.objects.filter(
            offering__in=_scope_offerings(schedule).filter(
                format=OfferingFormat.WEBINAR
            ),
            is_cancelled=False,
            ends_at__lte=latest_trigger,
            ends_at__gte=earliest_trigger,
        )
        session_ids = dict(sessions.values_list("pk", "offering_id"))
        if not session_ids:
            return []
        pairs = confirmed.filter(offering_id__in=set(session_ids.values())).values_list(
            "offering_id", "user_id"
        )
        taken = set(
            Invitation.objects.filter(
                schedule=schedule, session_id__in=session_ids
            ).values_list("session_id", "user_id")
        )
        by_offering: dict[int, list[int]] = {}
        for offering_id, user_id in pairs:
            by_offering.setdefault(offering_id, []).append(user_id)
        return [
            (offering_id, session_id, user_id)
            for session_id, offering_id in session_ids.items()
            for user_id in by_offering.get(offering_id, [])
            if (session_id, user_id) not in taken
        ]
    ended = (
        _scope_offerings(schedule)
        .annotate(
            last_end=Max("sessions__ends_at", filter=Q(sessions__is_cancelled=False))
        )
        .filter(last_end__lte=latest_trigger, last_end__gte=earliest_trigger)
    )
    due = confirmed.filter(offering__in=ended.values("pk")).filter(
        ~Exists(existing.filter(offering=OuterRef("offering_id"), session=None))
    )
    return [
        (offering_id, None, user_id)
        for offering_id, user_id in due.values_list("offering_id", "user_id")
    ]


def invitations_create_due(*, now: datetime.datetime | None = None) -> int:
    """Create the invitation rows every active schedule wants by ``now``, with the
    template's current version and a closing date. Sends nothing.

    Idempotent: rows that exist are skipped, and the unique constraints drop a row
    another run created at the same moment. Returns how many rows were attempted."""
    now = now or timezone.now()
    created = 0
    schedules = Schedule.objects.filter(
        is_active=True, active_from__lte=timezone.localdate(now)
    ).select_related("template", "module")
    for schedule in schedules:
        targets = _due_targets(schedule=schedule, now=now)
        self_paced = _self_paced_due(schedule=schedule, now=now)
        if not targets and not self_paced:
            continue
        version = survey_version_sync(template=schedule.template)
        closes_at = now + datetime.timedelta(days=schedule.open_days)
        Invitation.objects.bulk_create(
            [
                Invitation(
                    schedule=schedule,
                    version=version,
                    offering_id=offering_id,
                    session_id=session_id,
                    user_id=user_id,
                    created_at=now,
                    closes_at=closes_at,
                )
                for offering_id, session_id, user_id in targets
            ],
            ignore_conflicts=True,
        )
        report_invited_recount(
            version_id=version.pk,
            offering_ids={offering_id for offering_id, _session, _user in targets},
        )
        _self_paced_insert(
            schedule=schedule, version=version, user_ids=self_paced, now=now
        )
        created += len(targets) + len(self_paced)
    return created


# Self-paced completions ----------------------------------------------------------


def _self_paced_due(
    *, schedule: Schedule, now: datetime.datetime, user_ids: list[int] | None = None
) -> list[int]:
    """The people (of ``user_ids``, or all) whose completion of the schedule's
    module on their own (a ``ModuleCompletion`` without an offering) counts by the
    programme rules, came to count between ``active_from`` and ``now`` minus the
    schedule's delay, and who have no invitation from this schedule for it yet.

    Only schedules of a whole module apply (a schedule of one offering is about
    that offering), with the triggers a self-paced completion has (the end of the
    run, the participant's completion): the moment the module came to count is both.
    Four queries at most, however many people."""
    module = schedule.module
    if module is None or schedule.trigger not in SELF_PACED_TRIGGERS:
        return []
    latest_trigger = now - datetime.timedelta(days=schedule.delay_days)
    earliest_trigger = _start_of(schedule.active_from)
    completions = ModuleCompletion.objects.filter(
        module_id=schedule.module_id,
        offering__isnull=True,
        user__is_active=True,
        completed_at__lte=latest_trigger,
    ).filter(
        ~Exists(
            Invitation.objects.filter(
                schedule=schedule,
                module_id=schedule.module_id,
                user=OuterRef("user_id"),
            )
        )
    )
    if user_ids is not None:
        completions = completions.filter(user_id__in=user_ids)
    completed = dict(completions.values_list("user_id", "completed_at"))
    if not completed:
        return []
    counted = self_paced_counted_at(module=module, user_ids=completed)
    return sorted(
        user_id
        for user_id, counted_at in counted.items()
        if earliest_trigger <= max(counted_at, completed[user_id]) <= latest_trigger
    )


def _self_paced_insert(
    *,
    schedule: Schedule,
    version: SurveyVersion,
    user_ids: list[int],
    now: datetime.datetime,
) -> None:
    """Create the self-paced invitations of ``user_ids`` (skipping any that exist:
    the unique constraint per schedule, module and person) and recount the
    module's invited tallies."""
    module_id = schedule.module_id
    if not user_ids or module_id is None:
        return
    Invitation.objects.bulk_create(
        [
            Invitation(
                schedule=schedule,
                version=version,
                module_id=module_id,
                user_id=user_id,
                created_at=now,
                closes_at=now + datetime.timedelta(days=schedule.open_days),
            )
            for user_id in user_ids
        ],
        ignore_conflicts=True,
    )
    report_self_paced_invited_recount(version_id=version.pk, module_ids={module_id})


def self_paced_invitations_create(
    *, user_id: int, module_id: int, now: datetime.datetime | None = None
) -> int:
    """Invite one person who completed a module on their own to every evaluation
    of the module that is due for them by ``now`` (see ``_self_paced_due``), and
    send their unsent invitations of the module the way every invitation is sent
    (``invitation_send``: claimed on its row, e-mailed once in Danish).

    Run by ``self_paced_invitations_create_task``, queued after the lesson or quiz
    that may have made the module count; nothing happens when it does not count
    (yet), or when the module has no evaluation schedule (as for offerings). An
    evaluation with a delay is created later by the periodic job. Idempotent: a
    second run creates and sends nothing. Returns how many invitations were
    created."""
    now = now or timezone.now()
    created = 0
    schedules = Schedule.objects.filter(
        is_active=True,
        active_from__lte=timezone.localdate(now),
        module_id=module_id,
        trigger__in=SELF_PACED_TRIGGERS,
    ).select_related("template", "module")
    for schedule in schedules:
        due = _self_paced_due(schedule=schedule, now=now, user_ids=[user_id])
        if not due:
            continue
        version = survey_version_sync(template=schedule.template)
        _self_paced_insert(schedule=schedule, version=version, user_ids=due, now=now)
        created += len(due)
    pending = Invitation.objects.filter(
        module_id=module_id,
        user_id=user_id,
        user__is_active=True,
        sent_at__isnull=True,
        closes_at__gt=now,
    ).values_list("pk", flat=True)
    for invitation_id in list(pending):
        invitation_send(invitation_id=invitation_id, now=now)
    return created


def _invitation_email_schedule(*, invitation_id: int, key: str, template: str) -> None:
    """Schedule an e-mail about an invitation (invitation or reminder) to its person."""
    invitation = Invitation.objects.select_related(
        "user", "version", "module", "offering__module", "offering__politikreds"
    ).get(pk=invitation_id)
    offering = invitation.offering
    email_schedule(
        key=key,
        to=invitation.user.email,
        template=template,
        context={
            "first_name": invitation.user.first_name,
            "survey_title": invitation.version.title,
            "module_title": invitation.run_module.title,
            "politikreds": (
                SELF_PACED_LABEL if offering is None else offering.politikreds.name
            ),
            "url": invitation_url(invitation=invitation),
            "closes_at": timezone.localtime(invitation.closes_at),
            "is_anonymous": invitation.version.is_anonymous,
        },
        user=invitation.user,
    )


def invitation_send(
    *, invitation_id: int, now: datetime.datetime | None = None
) -> bool:
    """Claim the invitation (``sent_at``) and schedule its e-mail, in one transaction.

    Returns False, and sends nothing, when another run claimed it first, the row is
    gone, or the survey has closed. The e-mail key ``evaluation-invitation:<id>`` is
    unique in core.mail, so even a claim that is lost cannot send twice."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation_id, sent_at__isnull=True, closes_at__gt=now
        ).update(sent_at=now, last_contacted_at=now)
        if claimed != 1:
            return False
        _invitation_email_schedule(
            invitation_id=invitation_id,
            key=f"evaluation-invitation:{invitation_id}",
            template="evaluations/email/invitation",
        )
    return True


def invitations_send_due(*, now: datetime.datetime | None = None) -> int:
    """Send every created invitation that has not been sent and is still open.
    Returns how many this run sent. Safe to run twice at once."""
    now = now or timezone.now()
    pending = Invitation.objects.filter(
        sent_at__isnull=True, closes_at__gt=now, user__is_active=True
    ).values_list("pk", flat=True)
    return sum(
        invitation_send(invitation_id=invitation_id, now=now)
        for invitation_id in list(pending)
    )


def reminder_send(
    *, invitation_id: int, number: int, now: datetime.datetime | None = None
) -> bool:
    """Claim reminder ``number`` (1, 2, …) of an invitation and schedule its e-mail.
    Returns False when it was claimed already or the person has answered meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation_id,
            reminders_sent=number - 1,
            responded_at__isnull=True,
            closes_at__gt=now,
        ).update(reminders_sent=number, last_contacted_at=now)
        if claimed != 1:
            return False
        _invitation_email_schedule(
            invitation_id=invitation_id,
            key=f"evaluation-reminder:{invitation_id}:{number}",
            template="evaluations/email/reminder",
        )
    return True


def reminders_send_due(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone who has not answered, whose survey is open, who has had fewer
    reminders than the schedule allows and was last contacted at least the
    schedule's interval ago. One query per active schedule to find them."""
    now = now or timezone.now()
    sent = 0
    for schedule in Schedule.objects.filter(is_active=True, reminder_count__gt=0):
        due = Invitation.objects.filter(
            schedule=schedule,
            sent_at__isnull=False,
            responded_at__isnull=True,
            closes_at__gt=now,
            user__is_active=True,
            reminders_sent__lt=schedule.reminder_count,
            last_contacted_at__lte=now
            - datetime.timedelta(days=schedule.reminder_interval_days),
        ).values_list("pk", "reminders_sent")
        for invitation_id, reminders_sent in list(due):
            sent += reminder_send(
                invitation_id=invitation_id, number=reminders_sent + 1, now=now
            )
    return sent


# Responses -----------------------------------------------------------------------


def already_answered_message() -> str:
    """The Danish refusal of a second response (translated when used)."""
    return _(
        "You have already answered this evaluation. Thank you! Each person can "
        "answer once, so your answers were not changed."
    )


def _int_in(raw: str, low: int, high: int) -> int | None:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def response_answers_clean(
    *, questions: Sequence[dict], data: Mapping[str, Sequence[str]]
) -> list[tuple[str, int | None, str]]:
    """Check submitted answers against a version's questions. ``data`` maps field
    names (``q-<question id>``) to the submitted strings. Returns (question id, value,
    text) rows to store, or raises a ValidationError with a Danish message per field.
    Free text passes the personal-data guard (no CPR numbers)."""
    rows: list[tuple[str, int | None, str]] = []
    errors: dict[str, list] = {}
    for question in questions:
        kind = question["kind"]
        if kind == QuestionKind.SECTION:
            continue
        name = FIELD_PREFIX + question["id"]
        submitted = [item for item in data.get(name, []) if str(item).strip()]
        if not submitted:
            if question.get("required"):
                errors[name] = [_("Please answer this question.")]
            continue
        if kind == QuestionKind.FREE_TEXT:
            text = str(submitted[0]).strip()
            if len(text) > FREE_TEXT_MAX_LENGTH:
                errors[name] = [
                    _("Please keep the answer under %(count)s characters.")
                    % {"count": FREE_TEXT_MAX_LENGTH}
                ]
                continue
            try:
                validate_no_cpr(text)
            except ValidationError as error:
                errors[name] = error.messages
                continue
            rows.append((question["id"], None, text))
            continue
        if kind == QuestionKind.LIKERT:
            low, high = 1, 5
        elif kind == QuestionKind.SCALE:
            low, high = 0, 10
        else:
            low, high = 0, len(question.get("options", [])) - 1
        values = [_int_in(item, low, high) for item in submitted]
        if None in values or (
            kind != QuestionKind.MULTIPLE_CHOICE and len(values) != 1
        ):
            errors[name] = [_("Choose one of the options shown.")]
            continue
        rows.extend(
            (question["id"], value, "")
            for value in sorted({value for value in values if value is not None})
        )
    if errors:
        raise ValidationError(errors)
    return rows


def response_submit(
    *,
    invitation_id: int,
    data: Mapping[str, Sequence[str]],
    now: datetime.datetime | None = None,
) -> Response:
    """Store a participant's answers to their invitation.

    Validates first (Danish messages per question; nothing is stored on an error),
    then locks the invitation and refuses a second response, or one after the
    closing date, with a Danish ValidationError. For an anonymous survey the response
    keeps no link to the invitation or the person: only ``responded_at`` on the
    invitation records that the person answered (so they are not reminded and cannot
    answer twice). The report tallies are counted up in the same transaction. Not
    idempotent: a second call is refused."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_related("version").get(pk=invitation_id)
    rows = response_answers_clean(questions=invitation.version.questions, data=data)
    with transaction.atomic():
        invitation = (
            # Only the invitation's row: its offering is an outer join now that
            # self-paced invitations have none.
            Invitation.objects.select_for_update(of=("self",))
            .select_related("version", "offering")
            .get(pk=invitation_id)
        )
        if invitation.responded_at is not None:
            raise ValidationError(already_answered_message(), code="answered")
        if invitation.closes_at <= now:
            raise ValidationError(
                _("The evaluation has closed, so it can no longer be answered."),
                code="closed",
            )
        offering = invitation.offering
        anonymous = invitation.version.is_anonymous
        run: dict[str, Any]
        if offering is None:
            # Self-paced: the module's run of the year the invitation was made.
            run = {
                "module_id": invitation.module_id,
                "politikreds_id": None,
                "year": timezone.localtime(invitation.created_at).year,
            }
        else:
            run = {
                "module_id": offering.module_id,
                "politikreds_id": offering.politikreds_id,
                "year": offering.planned_start.year,
            }
        response = Response.objects.create(
            version=invitation.version,
            schedule_id=invitation.schedule_id,
            offering=offering,
            **run,
            submitted_on=None if anonymous else timezone.localdate(now),
            invitation=None if anonymous else invitation,
        )
        Answer.objects.bulk_create(
            Answer(response=response, question_id=question_id, value=value, text=text)
            for question_id, value, text in rows
        )
        report_tallies_add(
            response=response,
            answers=[(question_id, value) for question_id, value, _text in rows],
        )
        Invitation.objects.filter(pk=invitation.pk).update(responded_at=now)
    return response
