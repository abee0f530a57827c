"""Demo data for learning: a case, a reflection question and a quiz in the grundmodul,
and some progress for the demo participant in Aarhus.

Run after the demo site and the other demo content exist (``demo_learning_seed``).
"""

from django.db import transaction

from accounts.models import User
from courses.models import LessonPage, ModulePage, ReflectionAnswer
from courses.services.learning import lesson_complete, reflection_save

DEMO_PARTICIPANT = "deltager.aarhus@demo.ssp.test"

CASE = {
    "title": "Mikkel på 14 og de ældre venner",
    "text": (
        "<p>Mikkel (opdigtet navn) går i 8. klasse. Hans klasselærer har bemærket, at "
        "han er begyndt at komme for sent og ofte virker træt. I klubben fortæller "
        "en medarbejder, at Mikkel den seneste måned er blevet set sammen med en "
        "gruppe ældre unge ved stationen om aftenen, og at han pludselig har dyrt "
        "tøj og en ny telefon.</p>"
        "<ul><li>Hvem har hvilke oplysninger om Mikkel?</li>"
        "<li>Hvad kan skolen, klubben, socialforvaltningen og politiet hver især "
        "bidrage med?</li>"
        "<li>Hvornår og hvordan bør forældrene inddrages?</li></ul>"
    ),
}

REFLECTION = {
    "question": (
        "Tænk på en indsats i din egen kommune. Hvilket niveau i "
        "forebyggelsespyramiden hører den til, og hvorfor?"
    ),
    "guidance": (
        "Beskriv indsatsen med dine egne ord, og overvej, om den når de børn og unge, "
        "den er tænkt til. Skriv ikke navne eller oplysninger om enkeltpersoner."
    ),
}

QUIZ = {
    "title": "Test din viden om forebyggelsespyramiden",
    "pass_percent": 67,
    "questions": [
        {
            "question": (
                "En skole holder et undervisningsforløb om digital dannelse for alle "
                "elever i 7. klasse. Hvilket niveau er det?"
            ),
            "choices": [
                {"text": "Generel forebyggelse", "correct": True},
                {"text": "Specifik forebyggelse", "correct": False},
                {"text": "Individorienteret forebyggelse", "correct": False},
            ],
            "explanation": (
                "Forløbet er for alle elever på årgangen, uanset om der er en konkret "
                "bekymring. Derfor er det generel forebyggelse."
            ),
        },
        {
            "question": (
                "Gadeplansmedarbejdere tager kontakt til en gruppe unge, der samles "
                "ved indkøbscentret om aftenen. Hvilket niveau er det?"
            ),
            "choices": [
                {"text": "Generel forebyggelse", "correct": False},
                {"text": "Specifik forebyggelse", "correct": True},
                {"text": "Individorienteret forebyggelse", "correct": False},
            ],
            "explanation": (
                "Indsatsen retter sig mod en bestemt gruppe i øget risiko. Det er "
                "specifik forebyggelse."
            ),
        },
        {
            "question": (
                "Hvad kendetegner den individorienterede forebyggelse? Vælg alle "
                "rigtige svar."
            ),
            "choices": [
                {
                    "text": "Den tilrettelægges efter den enkelte unges situation",
                    "correct": True,
                },
                {
                    "text": "Den sker ofte i tæt samarbejde mellem skole, "
                    "socialforvaltning og politi",
                    "correct": True,
                },
                {"text": "Den henvender sig til alle børn og unge", "correct": False},
            ],
            "explanation": (
                "Den individorienterede forebyggelse retter sig mod det enkelte barn "
                "eller den unge i høj risiko og kræver ofte koordinering på tværs – og "
                "kendskab til reglerne for udveksling af oplysninger."
            ),
        },
    ],
}

REFLECTION_ANSWER = (
    "Vores lektiecafé i klubben er generel forebyggelse: den er åben for alle og "
    "styrker fællesskabet. Jeg vil tale med SSP-konsulenten om, hvordan vi også når "
    "de unge, der ikke kommer af sig selv."
)


def _block_types(lesson: LessonPage) -> set[str]:
    return {block.block_type for block in lesson.body}


def _lesson_blocks_ensure(lesson: LessonPage, new_blocks: list[tuple], before=None):
    """Add the blocks whose type the lesson lacks, as a new published revision.
    ``before`` names a heading text to insert in front of, else they go at the end."""
    missing = [item for item in new_blocks if item[0] not in _block_types(lesson)]
    if not missing:
        return
    position = len(lesson.body)
    if before is not None:
        for index, block in enumerate(lesson.body):
            if block.block_type == "heading" and block.value["text"] == before:
                position = index
                break
    for offset, item in enumerate(missing):
        lesson.body.insert(position + offset, item)
    lesson.save_revision().publish()


@transaction.atomic
def demo_learning_seed() -> None:
    """Add a case to the lesson "hvad-er-ssp-samarbejdet" and a reflection question
    and a quiz about the prevention levels to "forebyggelsespyramiden" (each as a new
    published revision), then mark the first two lessons of the grundmodul completed
    for the demo participant in Aarhus and save a reflection answer where the lesson
    has a reflection question.

    Idempotent: blocks are only added when the lesson has no block of that type, and
    completions and answers are upserts (an existing answer is left as it is).
    """
    module = ModulePage.objects.filter(slug="grundmodul").first()
    if module is None:
        return
    lessons = {
        lesson.slug: lesson
        for lesson in LessonPage.objects.child_of(module).live().order_by("path")
    }
    if "hvad-er-ssp-samarbejdet" in lessons:
        _lesson_blocks_ensure(
            lessons["hvad-er-ssp-samarbejdet"],
            [("case", CASE)],
            before="Refleksion",
        )
    if "forebyggelsespyramiden" in lessons:
        _lesson_blocks_ensure(
            lessons["forebyggelsespyramiden"],
            [("reflection", REFLECTION), ("quiz", QUIZ)],
        )

    participant = User.objects.filter(email=DEMO_PARTICIPANT).first()
    if participant is None:
        return
    first_two = list(LessonPage.objects.child_of(module).live().order_by("path")[:2])
    for lesson in first_two:
        lesson_complete(user=participant, lesson=lesson)
        for block in lesson.body:
            if block.block_type != "reflection":
                continue
            if ReflectionAnswer.objects.filter(
                user=participant, lesson=lesson, block_id=block.id
            ).exists():
                continue
            reflection_save(
                user=participant,
                lesson=lesson,
                block_id=block.id,
                text=REFLECTION_ANSWER,
            )
