"""Creating the invitations that are due: per schedule, for the sessions and
offerings it covers and for modules completed on one's own (self-paced). Due
dates are rows, never Celery ETAs: the periodic job ``evaluations_send_due_task``
asks the database what is due."""

import datetime

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

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
from evaluations.models import (
    Invitation,
    Schedule,
    SurveyVersion,
    Trigger,
)
from evaluations.services.sending import invitation_send
from evaluations.services.versions import survey_version_sync
from evaluations.tallies import (
    report_invited_recount,
    report_self_paced_invited_recount,
)

# Schedules whose trigger a self-paced completion has: the end of a run and the
# participant's completion are both the moment the module came to count.
SELF_PACED_TRIGGERS = (Trigger.AFTER_LAST_SESSION, Trigger.AFTER_COMPLETION)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _scope_offerings(schedule: Schedule):
    offerings = Offering.objects.exclude(status=OfferingStatus.CANCELLED)
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
        status=EnrolmentStatus.CONFIRMED, user__is_active=True
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
