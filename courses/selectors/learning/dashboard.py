"""The "Mine forløb" dashboard: a learner's offerings and module progress."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import User
from courses.models import (
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModulePage,
    Offering,
    OfferingStatus,
    Session,
    SessionAttendance,
)
from courses.selectors.learning._paths import STEPLEN, _parent_path_expression, _percent


@dataclass
class ModuleProgress:
    module: ModulePage
    required_total: int = 0
    required_done: int = 0
    resume_lesson: LessonPage | None = None
    completion: ModuleCompletion | None = None

    @property
    def percent(self) -> int:
        if self.completion is not None and not self.required_total:
            return 100
        return _percent(self.required_done, self.required_total)


@dataclass
class DashboardOffering:
    enrolment: Enrolment
    progress: ModuleProgress
    next_session: Session | None
    sessions_total: int
    sessions_held: int
    sessions_attended: int

    @property
    def offering(self) -> Offering:
        return self.enrolment.offering

    @property
    def is_waitlisted(self) -> bool:
        return self.enrolment.status == EnrolmentStatus.WAITLISTED

    @property
    def is_offered(self) -> bool:
        return self.enrolment.status == EnrolmentStatus.OFFERED

    @property
    def is_cancelled(self) -> bool:
        return self.offering.status == OfferingStatus.CANCELLED

    @property
    def may_cancel(self) -> bool:
        return self.offering.status not in (
            OfferingStatus.HELD,
            OfferingStatus.CANCELLED,
        )

    @property
    def attendance_percent(self) -> int:
        return _percent(self.sessions_attended, self.sessions_held)


@dataclass
class Dashboard:
    offerings: list[DashboardOffering] = field(default_factory=list)
    started_modules: list[ModuleProgress] = field(default_factory=list)
    completions: list[ModuleCompletion] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.offerings or self.started_modules or self.completions)


def _lessons_of_modules(module_paths: set[str]) -> dict[str, list[LessonPage]]:
    """Published lessons of the modules with these tree paths, in tree order, keyed
    by module path. One query."""
    if not module_paths:
        return {}
    lessons = (
        LessonPage.objects.live()
        .defer_streamfields()
        .annotate(parent_path=_parent_path_expression())
        .filter(parent_path__in=module_paths)
        .order_by("path")
    )
    by_module: dict[str, list[LessonPage]] = defaultdict(list)
    for lesson in lessons:
        by_module[lesson.path[:-STEPLEN]].append(lesson)
    return by_module


def _module_progress(
    module: ModulePage,
    lessons: list[LessonPage],
    done_ids: set[int],
    completion: ModuleCompletion | None,
) -> ModuleProgress:
    required = [lesson for lesson in lessons if lesson.is_required]
    return ModuleProgress(
        module=module,
        required_total=len(required),
        required_done=sum(1 for lesson in required if lesson.pk in done_ids),
        resume_lesson=next(
            (lesson for lesson in required if lesson.pk not in done_ids), None
        ),
        completion=completion,
    )


def dashboard_get(*, user: User) -> Dashboard:
    """The participant's "Mine forløb": confirmed, offered and wait-listed offerings
    with the module, district, next session, attendance so far and lesson progress;
    modules the participant has started on their own; and completed modules with the
    date.

    Queries: a fixed number (enrolments; their sessions; the user's attendance; lesson
    completions; module completions; started modules; lessons), whatever the number of
    enrolments. Read-only.
    """
    now = timezone.now()
    enrolments = list(
        Enrolment.objects.filter(
            user=user,
            status__in=[
                EnrolmentStatus.CONFIRMED,
                EnrolmentStatus.OFFERED,
                EnrolmentStatus.WAITLISTED,
            ],
        )
        .select_related("offering__module", "offering__politikreds")
        .prefetch_related(
            Prefetch(
                "offering__sessions",
                queryset=Session.objects.filter(is_cancelled=False)
                .order_by("starts_at")
                .prefetch_related(
                    Prefetch(
                        "attendance",
                        queryset=SessionAttendance.objects.filter(user=user),
                        to_attr="user_attendance",
                    )
                ),
                to_attr="active_sessions",
            )
        )
        # The dashboard shows module titles, not their bodies: skip parsing them.
        .defer("offering__module__body", "offering__module__learning_goals")
        .order_by("-offering__planned_start", "offering__module__title")
    )
    completed_lessons = list(
        LessonCompletion.objects.filter(user=user, lesson__live=True).values_list(
            "lesson_id", "lesson__path"
        )
    )
    done_ids = {lesson_id for lesson_id, _path in completed_lessons}
    completions = list(
        ModuleCompletion.objects.filter(user=user)
        .select_related("module", "offering__politikreds")
        .defer("module__body", "module__learning_goals")
        .order_by("-completed_at")
    )
    completion_by_module = {
        completion.module_id: completion for completion in completions
    }
    enrolled_module_ids = {enrolment.offering.module_id for enrolment in enrolments}
    started_paths = {path[:-STEPLEN] for _lesson_id, path in completed_lessons}
    started_modules = (
        list(
            ModulePage.objects.live()
            .defer_streamfields()
            .filter(path__in=started_paths)
            .exclude(pk__in=enrolled_module_ids)
            .order_by("title")
        )
        if started_paths
        else []
    )
    lessons_by_module = _lessons_of_modules(
        {enrolment.offering.module.path for enrolment in enrolments}
        | {module.path for module in started_modules}
    )

    dashboard = Dashboard(completions=completions)
    for enrolment in enrolments:
        module = enrolment.offering.module
        sessions = enrolment.offering.active_sessions  # type: ignore[attr-defined]
        held = [session for session in sessions if session.starts_at <= now]
        dashboard.offerings.append(
            DashboardOffering(
                enrolment=enrolment,
                progress=_module_progress(
                    module,
                    lessons_by_module.get(module.path, []),
                    done_ids,
                    completion_by_module.get(module.pk),
                ),
                next_session=next(
                    (session for session in sessions if session.ends_at > now), None
                ),
                sessions_total=len(sessions),
                sessions_held=len(held),
                sessions_attended=sum(
                    1
                    for session in held
                    if any(row.present for row in session.user_attendance)
                ),
            )
        )
    for module in started_modules:
        progress = _module_progress(
            module,
            lessons_by_module.get(module.path, []),
            done_ids,
            completion_by_module.get(module.pk),
        )
        if progress.completion is None:
            dashboard.started_modules.append(progress)
    return dashboard
