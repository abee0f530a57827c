"""The learner's state on a lesson page: quiz attempts and reflection answers,
only ever read for the learner who owns them."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Exists,
    OuterRef,
)
from django.urls import reverse

from wagtail.blocks import StreamValue

from accounts.models import User
from courses.models import (
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    QuizAttempt,
    ReflectionAnswer,
)
from courses.selectors.learning._paths import STEPLEN, _percent


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
