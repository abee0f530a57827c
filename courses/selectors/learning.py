"""Reads for learning: the learner's state on a lesson page, the "Mine forløb"
dashboard, the check-in list of a session and the completion overviews.

Every selector runs a fixed number of queries, whatever the number of enrolments,
lessons or participants. Reflection answers and quiz attempts are only ever read for
the learner who owns them.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone

from wagtail.blocks import StreamValue

from accounts.models import Organisation, User
from courses.models import (
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModulePage,
    Offering,
    OfferingStatus,
    QuizAttempt,
    ReflectionAnswer,
    Session,
    SessionAttendance,
)

STEPLEN = LessonPage.steplen


def _percent(part: int, whole: int) -> int:
    return round(part * 100 / whole) if whole else 0


def _parent_path_expression():
    """SQL for the tree path of a page's parent (Wagtail's materialised path)."""
    return Substr("path", 1, (F("depth") - 1) * STEPLEN, output_field=CharField())


# Lesson blocks ------------------------------------------------------------------------


def lesson_block_get(
    *, lesson: LessonPage, block_id: str, block_type: str
) -> StreamValue.StreamChild | None:
    """The block with ``block_id`` (the StreamField block id) and type ``block_type``
    in the lesson's published body, or None. No queries beyond the loaded page."""
    for block in lesson.body:
        if block.id == block_id and block.block_type == block_type:
            return block
    return None


@dataclass(frozen=True)
class QuizGrade:
    score: int
    max_score: int
    passed: bool
    correct: tuple[bool, ...]


def quiz_grade(*, value: Any, answers: Sequence[Sequence[int]]) -> QuizGrade:
    """Grade ``answers`` (chosen answer indexes per question) against a quiz block
    value. A question is right when exactly its correct answers are chosen. Pure
    function, no queries."""
    correct: list[bool] = []
    for position, question in enumerate(value["questions"]):
        right = {
            index
            for index, choice in enumerate(question["choices"])
            if choice["correct"]
        }
        chosen = set(answers[position]) if position < len(answers) else set()
        correct.append(bool(chosen) and chosen == right)
    score = sum(correct)
    max_score = len(correct)
    passed = max_score > 0 and score * 100 >= value["pass_percent"] * max_score
    return QuizGrade(
        score=score, max_score=max_score, passed=passed, correct=tuple(correct)
    )


def _quiz_state(
    *, lesson: LessonPage, block, attempt: QuizAttempt | None, form_state: dict | None
) -> dict:
    value = block.value
    submitted = form_state.get("answers") if form_state else None
    shown_answers = (
        submitted if submitted is not None else (attempt.answers if attempt else [])
    )
    attempt_answers = attempt.answers if attempt else []
    grade = quiz_grade(value=value, answers=attempt_answers) if attempt else None
    questions = []
    for position, question in enumerate(value["questions"]):
        choices = list(question["choices"])
        chosen = (
            set(shown_answers[position]) if position < len(shown_answers) else set()
        )
        number = position + 1
        result = None
        if grade is not None:
            attempt_chosen = (
                attempt_answers[position] if position < len(attempt_answers) else []
            )
            result = {
                "correct": grade.correct[position],
                "explanation": question["explanation"],
                "chosen": [
                    choices[index]["text"]
                    for index in attempt_chosen
                    if isinstance(index, int) and 0 <= index < len(choices)
                ],
            }
        questions.append(
            {
                "number": number,
                "name": f"q{number}",
                "text": question["question"],
                "multiple": sum(1 for choice in choices if choice["correct"]) > 1,
                "choices": [
                    {
                        "value": str(index),
                        "text": choice["text"],
                        "checked": index in chosen,
                        "id": f"quiz-{block.id}-q{number}-{index}",
                    }
                    for index, choice in enumerate(choices)
                ],
                "result": result,
            }
        )
    return {
        "kind": "quiz",
        "action": reverse(
            "courses:quiz_submit",
            kwargs={"lesson_id": lesson.pk, "block_id": block.id},
        ),
        "questions": questions,
        "attempt": attempt,
        "grade": grade,
        "error": form_state.get("error") if form_state else None,
    }


def _reflection_state(
    *, lesson: LessonPage, block, answer: ReflectionAnswer | None, form_state
) -> dict:
    text = answer.text if answer else ""
    if form_state is not None and "text" in form_state:
        text = form_state["text"]
    return {
        "kind": "reflection",
        "action": reverse(
            "courses:reflection_save",
            kwargs={"lesson_id": lesson.pk, "block_id": block.id},
        ),
        "text": text,
        "answer": answer,
        "field_id": f"reflection-{block.id}",
        "error": form_state.get("error") if form_state else None,
        "hints": form_state.get("hints", []) if form_state else [],
    }


def lesson_learning_context(
    *, lesson: LessonPage, user: User, form_state: dict | None = None
) -> dict:
    """Everything the lesson page shows about the learner: each body block with the
    learner's own saved reflection or latest quiz attempt, whether the lesson is
    completed, the previous and next lessons and the progress in the module.

    ``form_state`` (from a refused submission) maps a block id to the learner's
    unsaved input and the Danish error, so the page can show them again.

    Queries: at most four (sibling lessons with completion flags, the module
    completion, reflections and quiz attempts when the lesson has such blocks),
    whatever the number of blocks. Read-only.
    """
    form_state = form_state or {}
    siblings = list(
        LessonPage.objects.live()
        .sibling_of(lesson, inclusive=True)
        .defer_streamfields()
        .annotate(
            done=Exists(
                LessonCompletion.objects.filter(user=user.pk, lesson=OuterRef("pk"))
            )
        )
        .order_by("path")
    )
    reflections: dict[str, ReflectionAnswer] = {}
    attempts: dict[str, QuizAttempt] = {}
    block_types = {block.block_type for block in lesson.body}
    if "reflection" in block_types:
        reflections = {
            answer.block_id: answer
            for answer in ReflectionAnswer.objects.filter(user=user.pk, lesson=lesson)
        }
    if "quiz" in block_types:
        for attempt in QuizAttempt.objects.filter(user=user.pk, lesson=lesson).order_by(
            "-created_at", "-pk"
        ):
            attempts.setdefault(attempt.block_id, attempt)

    module_completion = (
        ModuleCompletion.objects.filter(
            user=user.pk, module__path=lesson.path[:-STEPLEN]
        )
        .only("completed_at")
        .first()
    )

    blocks = []
    for block in lesson.body:
        state = None
        if block.block_type == "reflection":
            state = _reflection_state(
                lesson=lesson,
                block=block,
                answer=reflections.get(block.id),
                form_state=form_state.get(block.id),
            )
        elif block.block_type == "quiz":
            state = _quiz_state(
                lesson=lesson,
                block=block,
                attempt=attempts.get(block.id),
                form_state=form_state.get(block.id),
            )
        blocks.append({"block": block, "state": state})

    position = next(
        (index for index, page in enumerate(siblings) if page.pk == lesson.pk), None
    )
    previous_lesson = next_lesson = None
    if position is not None:
        previous_lesson = siblings[position - 1] if position > 0 else None
        next_lesson = siblings[position + 1] if position + 1 < len(siblings) else None
    required = [page for page in siblings if page.is_required]
    done = sum(1 for page in required if page.done)
    lesson_done = any(page.done for page in siblings if page.pk == lesson.pk)
    return {
        "learning_blocks": blocks,
        "lesson_done": lesson_done,
        "module_completion": module_completion,
        "lesson_number": (position + 1) if position is not None else None,
        "lesson_count": len(siblings),
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
        "module_progress": {
            "done": done,
            "total": len(required),
            "percent": _percent(done, len(required)),
        },
    }


# Dashboard ----------------------------------------------------------------------------


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
        return self.enrolment.status == EnrolmentStatus.VENTELISTE

    @property
    def is_offered(self) -> bool:
        return self.enrolment.status == EnrolmentStatus.TILBUDT

    @property
    def is_cancelled(self) -> bool:
        return self.offering.status == OfferingStatus.AFLYST

    @property
    def may_cancel(self) -> bool:
        return self.offering.status not in (
            OfferingStatus.AFHOLDT,
            OfferingStatus.AFLYST,
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
                EnrolmentStatus.BEKRAEFTET,
                EnrolmentStatus.TILBUDT,
                EnrolmentStatus.VENTELISTE,
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


# Check-in ---------------------------------------------------------------------------


def session_checkin_list(*, session: Session) -> list[User]:
    """The confirmed participants of the session's offering, by name, each with
    ``present`` set to True/False as recorded for this session, or None when nothing
    is recorded yet. One query. Read-only."""
    return list(
        User.objects.filter(
            enrolments__offering_id=session.offering_id,
            enrolments__status=EnrolmentStatus.BEKRAEFTET,
        )
        .select_related("organisation")
        .annotate(
            present=Subquery(
                SessionAttendance.objects.filter(
                    session=session, user=OuterRef("pk")
                ).values("present")[:1]
            )
        )
        .order_by("last_name", "first_name", "pk")
    )


# Completion overviews ----------------------------------------------------------------


def completion_filter_options() -> dict:
    """The modules and years offerings exist for, for the overview filter. Two
    queries. Read-only."""
    return {
        "modules": list(
            ModulePage.objects.live()
            .defer_streamfields()
            .order_by("kind", "title")
            .values_list("pk", "title")
        ),
        "years": [
            day.year
            for day in Offering.objects.dates("planned_start", "year", order="DESC")
        ],
    }


def _confirmed_enrolments(*, module_id: int | None, year: int | None):
    enrolments = Enrolment.objects.filter(status=EnrolmentStatus.BEKRAEFTET)
    if module_id is not None:
        enrolments = enrolments.filter(offering__module_id=module_id)
    if year is not None:
        enrolments = enrolments.filter(offering__planned_start__year=year)
    return enrolments


def _completed_condition():
    return Exists(
        ModuleCompletion.objects.filter(
            user=OuterRef("user_id"), module=OuterRef("offering__module_id")
        )
    )


@dataclass
class CompletionRow:
    name: str
    module_title: str
    participants: int
    completed: int

    @property
    def percent(self) -> int:
        return _percent(self.completed, self.participants)


@dataclass
class ModuleOverview:
    module_id: int
    title: str
    districts: list[CompletionRow] = field(default_factory=list)
    municipalities: list[CompletionRow] = field(default_factory=list)

    @property
    def participants(self) -> int:
        return sum(row.participants for row in self.districts)

    @property
    def completed(self) -> int:
        return sum(row.completed for row in self.districts)

    @property
    def percent(self) -> int:
        return _percent(self.completed, self.participants)


def completion_overview_national(
    *, module_id: int | None = None, year: int | None = None
) -> list[ModuleOverview]:
    """For administrators: per module, the participants with confirmed enrolments and
    how many of them completed the module, per police district (of the offering) and
    per municipality (of the participant's organisation). Optionally only one module
    and/or the offerings planned in one year.

    Counted in the database (two grouped queries), whatever the number of people.
    Names of people are not part of it. Read-only.
    """
    enrolments = _confirmed_enrolments(module_id=module_id, year=year)
    completed = _completed_condition()
    district_rows = (
        enrolments.values(
            "offering__module_id",
            "offering__module__title",
            "offering__politikreds__name",
        )
        .annotate(
            participants=Count("user_id", distinct=True),
            completed=Count("user_id", distinct=True, filter=completed),
        )
        .order_by("offering__module__title", "offering__politikreds__name")
    )
    municipality_rows = (
        enrolments.filter(user__organisation__kind=Organisation.Kind.KOMMUNE)
        .values(
            "offering__module_id",
            "offering__module__title",
            "user__organisation__kommune__name",
        )
        .annotate(
            participants=Count("user_id", distinct=True),
            completed=Count("user_id", distinct=True, filter=completed),
        )
        .order_by("offering__module__title", "user__organisation__kommune__name")
    )
    modules: dict[int, ModuleOverview] = {}
    for rows, section, name_key in (
        (district_rows, "districts", "offering__politikreds__name"),
        (municipality_rows, "municipalities", "user__organisation__kommune__name"),
    ):
        for row in rows:
            overview = modules.setdefault(
                row["offering__module_id"],
                ModuleOverview(
                    row["offering__module_id"], row["offering__module__title"]
                ),
            )
            getattr(overview, section).append(
                CompletionRow(
                    name=row[name_key],
                    module_title=overview.title,
                    participants=row["participants"],
                    completed=row["completed"],
                )
            )
    return list(modules.values())


@dataclass
class PersonProgress:
    user: User
    module: ModulePage
    offering: Offering
    required_total: int
    required_done: int
    completed_at: datetime.datetime | None

    @property
    def percent(self) -> int:
        if self.completed_at is not None and not self.required_total:
            return 100
        return _percent(self.required_done, self.required_total)


def completion_overview_organisation(
    *,
    organisation: Organisation,
    module_id: int | None = None,
    year: int | None = None,
) -> list[PersonProgress]:
    """For a municipal or police contact person: the people of their own organisation
    with confirmed enrolments, by name, with their progress per module (required
    lessons done, completion date). Never reflections or quiz answers.

    Queries: four (enrolments; required lessons per module; lessons done per person
    and module; module completions), whatever the number of people. Read-only.
    """
    enrolments = list(
        _confirmed_enrolments(module_id=module_id, year=year)
        .filter(user__organisation=organisation)
        .select_related("user", "offering__module", "offering__politikreds")
        .order_by(
            "user__last_name",
            "user__first_name",
            "user_id",
            "offering__module__title",
            "-offering__planned_start",
        )
    )
    if not enrolments:
        return []
    module_paths = {enrolment.offering.module.path for enrolment in enrolments}
    required_counts = {
        row["parent_path"]: row["total"]
        for row in LessonPage.objects.live()
        .filter(is_required=True)
        .annotate(parent_path=_parent_path_expression())
        .filter(parent_path__in=module_paths)
        .values("parent_path")
        .annotate(total=Count("pk"))
        .order_by()
    }
    done_counts = {
        (row["user_id"], row["parent_path"]): row["done"]
        for row in LessonCompletion.objects.filter(
            user__organisation=organisation,
            lesson__live=True,
            lesson__is_required=True,
        )
        .annotate(
            parent_path=Substr(
                "lesson__path",
                1,
                (F("lesson__depth") - 1) * STEPLEN,
                output_field=CharField(),
            )
        )
        .filter(parent_path__in=module_paths)
        .values("user_id", "parent_path")
        .annotate(done=Count("pk"))
        .order_by()
    }
    completed_at = {
        (user_id, module_id): when
        for user_id, module_id, when in ModuleCompletion.objects.filter(
            user__organisation=organisation
        ).values_list("user_id", "module_id", "completed_at")
    }
    rows: list[PersonProgress] = []
    seen: set[tuple[int, int]] = set()
    for enrolment in enrolments:
        module = enrolment.offering.module
        key = (enrolment.user_id, module.pk)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            PersonProgress(
                user=enrolment.user,
                module=module,
                offering=enrolment.offering,
                required_total=required_counts.get(module.path, 0),
                required_done=done_counts.get((enrolment.user_id, module.path), 0),
                completed_at=completed_at.get(key),
            )
        )
    return rows
