"""Writes for learning: completing lessons, private reflections, quiz attempts,
attendance at sessions and module completion.

Every write here is keyed by a unique constraint (one completion per lesson, one
reflection per block, one attendance per session, one module completion per module),
so calling a service twice leaves the same state as calling it once. Quiz attempts are
the exception on purpose: every submission is kept as a new attempt.
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.models import User
from core.text_guard import validate_no_cpr
from courses.hooks import self_paced_completion_callbacks
from courses.models import (
    AttendanceSource,
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModulePage,
    Offering,
    QuizAttempt,
    ReflectionAnswer,
    Session,
    SessionAttendance,
)
from courses.selectors.learning import lesson_block_get, quiz_grade

REFLECTION_MAX_LENGTH = 5000


def _lesson_check_readable(*, user: User, lesson: LessonPage) -> None:
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to take part in the lesson."))
    if not lesson.live:
        raise ValidationError(_("The lesson is not published."))


def lesson_complete(*, user: User, lesson: LessonPage) -> LessonCompletion:
    """Mark ``lesson`` as completed by ``user``, then evaluate whether the module is now
    completed (see ``module_completion_evaluate``).

    Side effects: creates at most one LessonCompletion (and possibly a
    ModuleCompletion); for a module completed on one's own, queues the evaluation
    invitation task after commit. Idempotent: a second call returns the existing
    completion and keeps its original date.
    """
    _lesson_check_readable(user=user, lesson=lesson)
    with transaction.atomic():
        completion, _created = LessonCompletion.objects.get_or_create(
            user=user, lesson=lesson
        )
        module = lesson.get_parent().specific
        if isinstance(module, ModulePage):
            module_completion = module_completion_evaluate(user=user, module=module)
            if module_completion is not None and module_completion.offering_id is None:
                _self_paced_evaluation_queue(user=user, module=module)
    return completion


def _self_paced_evaluation_queue(*, user: User, module: ModulePage) -> None:
    """After commit, tell the apps that registered with ``courses.hooks`` that
    ``user`` completed ``module`` on their own: evaluations then has the worker
    invite them to the module's evaluation, should it count now by the programme
    rules (its task decides, and does nothing twice)."""
    user_id, module_id = user.pk, module.pk
    for callback in self_paced_completion_callbacks():
        transaction.on_commit(
            lambda callback=callback: callback(user_id, module_id)  # type: ignore[misc]
        )


def reflection_save(
    *, user: User, lesson: LessonPage, block_id: str, text: str
) -> ReflectionAnswer:
    """Save the learner's private answer to the reflection block ``block_id`` of
    ``lesson``. Only the learner can read it.

    Raises ValidationError (Danish) for an unknown block, an empty answer, one longer
    than 5,000 characters or one holding a CPR number; nothing is stored then. Side
    effects: creates or replaces the one ReflectionAnswer per (user, lesson, block).
    Idempotent.
    """
    _lesson_check_readable(user=user, lesson=lesson)
    if (
        lesson_block_get(lesson=lesson, block_id=block_id, block_type="reflection")
        is None
    ):
        raise ValidationError(_("The reflection question was not found in the lesson."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write an answer before you save."))
    if len(text) > REFLECTION_MAX_LENGTH:
        raise ValidationError(
            _("The answer can be at most %(limit)s characters long.")
            % {"limit": number_format(REFLECTION_MAX_LENGTH, force_grouping=True)}
        )
    # Reflections are about practice; a case with a CPR number must not be stored.
    validate_no_cpr(text)
    answer, _created = ReflectionAnswer.objects.update_or_create(
        user=user, lesson=lesson, block_id=block_id, defaults={"text": text}
    )
    return answer


def quiz_submit(
    *,
    user: User,
    lesson: LessonPage,
    block_id: str,
    answers: Sequence[Iterable[int]],
) -> QuizAttempt:
    """Grade the learner's answers to the quiz block ``block_id`` and store the attempt.

    ``answers`` holds, per question in order, the indexes of the chosen answers. The
    score is computed here from the block as published; nothing the browser sends
    about right or wrong is trusted. A question counts as right when exactly the
    correct answers are chosen.

    Raises ValidationError (Danish) for an unknown block, a missing answer, an index
    that is not one of the question's answers, or several answers where one is
    expected; nothing is stored then. Side effects: creates a QuizAttempt (a passed
    one in a module completed on one's own queues the evaluation task). Not
    idempotent on purpose: every submission is a new attempt.
    """
    _lesson_check_readable(user=user, lesson=lesson)
    block = lesson_block_get(lesson=lesson, block_id=block_id, block_type="quiz")
    if block is None:
        raise ValidationError(_("The quiz was not found in the lesson."))
    questions = list(block.value["questions"])
    chosen_per_question = [sorted(set(chosen)) for chosen in answers]
    if len(chosen_per_question) != len(questions):
        raise ValidationError(_("Answer every question in the quiz."))
    for number, (question, chosen) in enumerate(
        zip(questions, chosen_per_question, strict=True), start=1
    ):
        choices = list(question["choices"])
        if not chosen:
            raise ValidationError(_("Answer question %(number)s.") % {"number": number})
        if any(
            not isinstance(index, int) or index < 0 or index >= len(choices)
            for index in chosen
        ):
            raise ValidationError(
                _("The answer to question %(number)s is not one of the options.")
                % {"number": number}
            )
        correct_count = sum(1 for choice in choices if choice["correct"])
        if correct_count == 1 and len(chosen) > 1:
            raise ValidationError(
                _("Choose only one answer to question %(number)s.") % {"number": number}
            )
    grade = quiz_grade(value=block.value, answers=chosen_per_question)
    with transaction.atomic():
        attempt = QuizAttempt.objects.create(
            user=user,
            lesson=lesson,
            block_id=block_id,
            answers=chosen_per_question,
            score=grade.score,
            max_score=grade.max_score,
            passed=grade.passed,
        )
        # A passed quiz may be what makes a module completed on one's own count.
        module = lesson.get_parent().specific
        if (
            grade.passed
            and isinstance(module, ModulePage)
            and ModuleCompletion.objects.filter(
                user=user, module=module, offering__isnull=True
            ).exists()
        ):
            _self_paced_evaluation_queue(user=user, module=module)
    return attempt


def attendance_record(
    *,
    session: Session,
    user: User,
    present: bool,
    minutes_present: int | None = None,
    source: str,
    recorded_by: User | None = None,
) -> SessionAttendance:
    """Record whether ``user`` attended ``session`` (from the webinar room with
    source "webinar", or the check-in list with source "checkin"), then evaluate
    whether the module is now completed.

    Raises ValidationError (Danish) for an unknown source, minutes outside 0-1440 or a
    cancelled session. Side effects: creates or updates the one SessionAttendance per
    (session, user); may create a ModuleCompletion. Idempotent upsert: the same call
    twice leaves one row with the same values.
    """
    if source not in AttendanceSource.values:
        raise ValidationError(_("Unknown source of attendance."))
    if minutes_present is not None and not 0 <= minutes_present <= 24 * 60:
        raise ValidationError(_("Minutes present must be between 0 and 1440."))
    if session.is_cancelled:
        raise ValidationError(
            _("The session is cancelled, so attendance cannot be recorded.")
        )
    with transaction.atomic():
        attendance, _created = SessionAttendance.objects.update_or_create(
            session=session,
            user=user,
            defaults={
                "present": present,
                "minutes_present": minutes_present,
                "source": source,
                "recorded_by": recorded_by,
                "recorded_at": timezone.now(),
            },
        )
        module_completion_evaluate(user=user, module=session.offering.module)
    return attendance


def session_checkin_record(
    *, session: Session, recorded_by: User, present_user_ids: Iterable[int]
) -> int:
    """Save the check-in list of ``session``: every confirmed participant of the
    offering is recorded present if their id is in ``present_user_ids``, otherwise
    absent (source "checkin", recorded by ``recorded_by``).

    Raises PermissionDenied unless ``recorded_by`` runs webinars or manages offerings,
    and ValidationError (Danish) for an id that is not a confirmed participant or a
    cancelled session; nothing is stored then. Side effects: one attendance upsert per
    participant, in one transaction; module completions may follow. Idempotent.
    Returns the number of participants recorded present.
    """
    if not (
        recorded_by.has_perm("accounts.run_webinars")
        or recorded_by.has_perm("accounts.manage_offerings")
    ):
        raise PermissionDenied(_("You cannot keep the check-in list."))
    if session.is_cancelled:
        raise ValidationError(
            _("The session is cancelled, so attendance cannot be recorded.")
        )
    participants = list(
        User.objects.filter(
            enrolments__offering_id=session.offering_id,
            enrolments__status=EnrolmentStatus.CONFIRMED,
        )
    )
    present_ids = set(present_user_ids)
    if not present_ids <= {participant.pk for participant in participants}:
        raise ValidationError(
            _("The list contains someone who is not a confirmed participant.")
        )
    with transaction.atomic():
        for participant in participants:
            attendance_record(
                session=session,
                user=participant,
                present=participant.pk in present_ids,
                source=AttendanceSource.CHECKIN,
                recorded_by=recorded_by,
            )
    return len(present_ids)


def _offering_attendance_met(*, user: User, offering: Offering) -> bool | None:
    """Whether ``user`` met the offering's attendance threshold; None when the
    offering has no sessions that count (all cancelled, or none planned)."""
    counts = Session.objects.filter(offering=offering, is_cancelled=False).aggregate(
        sessions=Count("pk", distinct=True),
        present=Count(
            "attendance",
            filter=Q(attendance__user=user, attendance__present=True),
            distinct=True,
        ),
    )
    if not counts["sessions"]:
        return None
    return counts["present"] * 100 >= offering.attendance_threshold * counts["sessions"]


def module_completion_evaluate(
    *, user: User, module: ModulePage
) -> ModuleCompletion | None:
    """Create the user's ModuleCompletion for ``module`` once the conditions hold:

    - every required, published lesson of the module is completed, and
    - if the user has a confirmed enrolment in an offering of the module that has
      (non-cancelled) sessions, their attendance (present sessions / non-cancelled
      sessions) is at or above that offering's ``attendance_threshold``. With several
      such offerings, meeting the threshold in one is enough. Without such an offering
      the lessons alone decide.

    A module with no required lessons and no sessions to attend is never completed:
    there is nothing to have done.

    Side effects: creates at most one ModuleCompletion (unique per user and module),
    linked to the offering the user was enrolled in. Idempotent: returns the existing
    completion if there is one, and never removes one. Returns None when not (yet)
    completed.
    """
    existing = ModuleCompletion.objects.filter(user=user, module=module).first()
    if existing is not None:
        return existing
    required = LessonPage.objects.live().child_of(module).filter(is_required=True)
    required_count = required.count()
    done_count = LessonCompletion.objects.filter(
        user=user, lesson__in=required.values("pk")
    ).count()
    if done_count < required_count:
        return None
    enrolments = (
        Enrolment.objects.filter(
            user=user, offering__module=module, status=EnrolmentStatus.CONFIRMED
        )
        .select_related("offering")
        .order_by("-offering__planned_start")
    )
    offering_for_completion: Offering | None = None
    has_sessions_to_attend = False
    attendance_met = False
    for enrolment in enrolments:
        met = _offering_attendance_met(user=user, offering=enrolment.offering)
        if met is None:
            offering_for_completion = offering_for_completion or enrolment.offering
            continue
        has_sessions_to_attend = True
        if met:
            offering_for_completion = enrolment.offering
            attendance_met = True
            break
    if has_sessions_to_attend and not attendance_met:
        return None
    if required_count == 0 and not attendance_met:
        return None
    completion, _created = ModuleCompletion.objects.get_or_create(
        user=user, module=module, defaults={"offering": offering_for_completion}
    )
    return completion
