"""The lesson page's learning blocks: cases, private reflections, quizzes graded on the
server, and marking a lesson completed."""

from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import User
from accounts.roles import Role
from courses.models import (
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    QuizAttempt,
    ReflectionAnswer,
)
from courses.services.learning import quiz_submit
from tests.accounts.factories import UserFactory
from tests.courses.factories import module_create

pytestmark = pytest.mark.django_db

QUIZ = {
    "title": "Test din viden",
    "pass_percent": 75,
    "questions": [
        {
            "question": "Hvad står det første S i SSP for?",
            "choices": [
                {"text": "Skole", "correct": True},
                {"text": "Sundhed", "correct": False},
            ],
            "explanation": "SSP står for skole, socialforvaltning og politi.",
        },
        {
            "question": "Hvilke niveauer har forebyggelsespyramiden?",
            "choices": [
                {"text": "Generel", "correct": True},
                {"text": "Specifik", "correct": True},
                {"text": "Regional", "correct": False},
            ],
            "explanation": "Generel, specifik og individorienteret.",
        },
    ],
}


def lesson_with_blocks(module) -> LessonPage:
    lesson = LessonPage.objects.child_of(module).order_by("path").first()
    lesson.body = [
        ("paragraph", "<p>Indledning</p>"),
        ("case", {"title": "Sofie på 14", "text": "<p>Sofie pjækker.</p>"}),
        (
            "reflection",
            {"question": "Hvem er din nærmeste SSP-kontakt?", "guidance": "Tænk."},
        ),
        ("quiz", QUIZ),
    ]
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def block_id(lesson: LessonPage, block_type: str) -> str:
    return next(block.id for block in lesson.body if block.block_type == block_type)


@pytest.fixture
def module():
    return module_create(title="Grundmodul", lessons=3)


@pytest.fixture
def lesson(module):
    return lesson_with_blocks(module)


@pytest.fixture
def learner():
    return UserFactory(first_name="Lise", last_name="Lærer")


def post_quiz(client, lesson, data, block=None):
    return client.post(
        reverse(
            "courses:quiz_submit",
            kwargs={
                "lesson_id": lesson.pk,
                "block_id": block or block_id(lesson, "quiz"),
            },
        ),
        data,
    )


def post_reflection(client, lesson, text, block=None):
    return client.post(
        reverse(
            "courses:reflection_save",
            kwargs={
                "lesson_id": lesson.pk,
                "block_id": block or block_id(lesson, "reflection"),
            },
        ),
        {"text": text},
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The lesson page ----------------------------------------------------------------------


def test_lesson_shows_case_reflection_quiz_and_progress(client, lesson, learner):
    client.force_login(learner)
    response = client.get(lesson.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fiktiv case" in html
    assert "Sofie på 14" in html
    reflection = block_id(lesson, "reflection")
    assert f'action="/lektion/{lesson.pk}/refleksion/{reflection}/"' in html
    assert 'name="text" rows="6" maxlength="5000"' in html
    assert "Kun du kan se dit svar" in html
    quiz = block_id(lesson, "quiz")
    assert f'action="/lektion/{lesson.pk}/quiz/{quiz}/"' in html
    assert html.count('<fieldset class="form-group quiz-question">') == 2
    assert html.count('type="radio"') == 2
    assert html.count('type="checkbox"') == 3
    assert "vælg alle rigtige svar" in html
    assert "Markér lektionen som gennemført" in html
    assert "Lektion 1 af 3" in html
    assert '<progress id="module-progress" max="3" value="0">' in html
    assert "0 af 3 obligatoriske lektioner (0 %)" in html
    assert 'rel="next"' in html and 'rel="prev"' not in html
    # Breadcrumbs, heading and summary are kept.
    assert 'class="breadcrumbs"' in html
    assert f"<h1>{lesson.title}</h1>" in html


def test_lesson_needs_login(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")


def test_lesson_page_runs_a_fixed_number_of_queries(client, lesson, learner):
    client.force_login(learner)
    client.get(lesson.url)  # warm the site root cache
    with CaptureQueriesContext(connection) as before:
        client.get(lesson.url)
    post_reflection(client, lesson, "Mit svar")
    post_quiz(client, lesson, {"q1": "0", "q2": ["0", "1"]})
    post_quiz(client, lesson, {"q1": "1", "q2": ["0"]})
    with CaptureQueriesContext(connection) as after:
        client.get(lesson.url)
    assert len(after) == len(before)


# Reflections --------------------------------------------------------------------------


def test_reflection_is_saved_prefilled_and_private(client, lesson, learner):
    client.force_login(learner)
    response = post_reflection(client, lesson, "  Min SSP-kontakt er Hanne.  ")
    assert response.status_code == 302
    assert response.url == f"{lesson.url}#block-{block_id(lesson, 'reflection')}"
    assert messages_of(response) == ["Dit svar er gemt. Kun du kan se det."]
    answer = ReflectionAnswer.objects.get()
    assert (answer.user, answer.lesson_id, answer.text) == (
        learner,
        lesson.pk,
        "Min SSP-kontakt er Hanne.",
    )
    html = client.get(lesson.url).content.decode()
    assert ">Min SSP-kontakt er Hanne.</textarea>" in html
    assert "Dit svar blev gemt" in html
    assert "Opdatér svar" in html

    # Saving again replaces the answer (one per block).
    post_reflection(client, lesson, "Nyt svar")
    assert list(ReflectionAnswer.objects.values_list("text", flat=True)) == ["Nyt svar"]

    # Nobody else sees it, not even an administrator.
    other = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(other, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(other)
    html = client.get(lesson.url).content.decode()
    assert "Nyt svar" not in html
    assert "Dit svar blev gemt" not in html


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Skriv et svar, før du gemmer."),
        ("   \n ", "Skriv et svar, før du gemmer."),
        ("x" * 5001, "Svaret må højst være 5.000 tegn langt."),
        ("Sagen om 120408-4321 viste", "ser ud til at indeholde et CPR-nummer"),
    ],
)
def test_refused_reflection_shows_danish_error_and_stores_nothing(
    client, lesson, learner, text, error
):
    client.force_login(learner)
    response = post_reflection(client, lesson, text)
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count(error) == 2  # at the top and beside the field
    assert 'aria-invalid="true"' in html
    assert ReflectionAnswer.objects.count() == 0


def test_reflection_for_unknown_block_is_refused(client, lesson, learner):
    client.force_login(learner)
    quiz_block = block_id(lesson, "quiz")  # exists, but is not a reflection
    for unknown in ["findes-ikke", quiz_block]:
        response = post_reflection(client, lesson, "Svar", block=unknown)
        assert response.status_code == 400
        assert "Refleksionsspørgsmålet findes ikke i lektionen." in (
            response.content.decode()
        )
    assert ReflectionAnswer.objects.count() == 0


def test_posts_need_login_and_a_published_lesson(client, lesson, learner, module):
    response = post_reflection(client, lesson, "Svar")
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")
    assert client.post(
        reverse("courses:lesson_complete", kwargs={"lesson_id": lesson.pk})
    ).url.startswith("/konto/login/")

    client.force_login(learner)
    draft = LessonPage.objects.child_of(module).order_by("path").last()
    draft.unpublish()
    response = client.post(
        reverse("courses:lesson_complete", kwargs={"lesson_id": draft.pk})
    )
    assert response.status_code == 404
    assert (
        client.post(
            reverse("courses:lesson_complete", kwargs={"lesson_id": 999999})
        ).status_code
        == 404
    )
    assert LessonCompletion.objects.count() == 0


def test_get_on_a_form_address_goes_back_to_the_lesson(client, lesson, learner):
    client.force_login(learner)
    response = client.get(
        reverse("courses:lesson_complete", kwargs={"lesson_id": lesson.pk})
    )
    assert (response.status_code, response.url) == (302, lesson.url)
    assert LessonCompletion.objects.count() == 0


# Quizzes ------------------------------------------------------------------------------


def test_quiz_is_graded_on_the_server_with_feedback(client, lesson, learner):
    client.force_login(learner)
    # Question 1 right, question 2 only half right (counts as wrong); the client
    # sends a made-up score that must be ignored.
    response = post_quiz(
        client, lesson, {"q1": "0", "q2": ["0"], "score": "2", "passed": "1"}
    )
    assert response.status_code == 302
    assert response.url == f"{lesson.url}#block-{block_id(lesson, 'quiz')}"
    assert messages_of(response) == [
        "Du havde 1 af 2 rigtige og bestod ikke denne gang. Læs forklaringerne, "
        "og prøv igen."
    ]
    attempt = QuizAttempt.objects.get()
    assert (attempt.user, attempt.score, attempt.max_score, attempt.passed) == (
        learner,
        1,
        2,
        False,
    )
    assert attempt.answers == [[0], [0]]

    html = client.get(lesson.url).content.decode()
    assert "Ikke bestået" in html
    assert "1 af 2 rigtige" in html
    assert "Du skal have 75 % rigtige svar for at bestå." in html
    assert html.count("<strong>Korrekt.</strong>") == 1
    assert html.count("<strong>Forkert.</strong>") == 1
    assert "Du svarede: Skole" in html
    assert "Du svarede: Generel" in html
    assert "SSP står for skole, socialforvaltning og politi." in html
    assert "Generel, specifik og individorienteret." in html
    assert "Indsend svar igen" in html

    response = post_quiz(client, lesson, {"q1": "0", "q2": ["1", "0"]})
    assert messages_of(response) == ["Du har bestået quizzen med 2 af 2 rigtige."]
    assert QuizAttempt.objects.count() == 2
    latest = QuizAttempt.objects.order_by("-pk").first()
    assert (latest.score, latest.passed, latest.answers) == (2, True, [[0], [0, 1]])
    html = client.get(lesson.url).content.decode()
    assert "Bestået" in html and "2 af 2 rigtige" in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"q2": ["0"]}, "Besvar spørgsmål 1."),
        ({"q1": "0"}, "Besvar spørgsmål 2."),
        (
            {"q1": "7", "q2": ["0"]},
            "Svaret på spørgsmål 1 er ikke en af svarmulighederne.",
        ),
        (
            {"q1": "-1", "q2": ["0"]},
            "Svaret på spørgsmål 1 er ikke en af svarmulighederne.",
        ),
        (
            {"q1": "0", "q2": ["abc"]},
            "Svaret på spørgsmål 2 er ikke en af svarmulighederne.",
        ),
        ({"q1": ["0", "1"], "q2": ["0"]}, "Vælg kun ét svar på spørgsmål 1."),
    ],
)
def test_refused_quiz_answers_store_nothing(client, lesson, learner, data, error):
    client.force_login(learner)
    response = post_quiz(client, lesson, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert QuizAttempt.objects.count() == 0


def test_quiz_for_unknown_block_is_refused(client, lesson, learner):
    client.force_login(learner)
    response = post_quiz(client, lesson, {"q1": "0"}, block="findes-ikke")
    assert response.status_code == 400
    assert "Quizzen findes ikke i lektionen." in response.content.decode()
    assert QuizAttempt.objects.count() == 0


def test_quiz_service_refuses_wrong_shape(lesson, learner):
    quiz = block_id(lesson, "quiz")
    with pytest.raises(ValidationError) as error:
        quiz_submit(user=learner, lesson=lesson, block_id=quiz, answers=[[0]])
    assert error.value.messages == ["Besvar alle spørgsmål i quizzen."]
    with pytest.raises(ValidationError) as error:
        quiz_submit(user=learner, lesson=lesson, block_id=quiz, answers=[[0], [3]])
    assert error.value.messages == [
        "Svaret på spørgsmål 2 er ikke en af svarmulighederne."
    ]
    assert QuizAttempt.objects.count() == 0


def test_other_learners_quiz_results_are_not_shown(client, lesson, learner):
    client.force_login(learner)
    post_quiz(client, lesson, {"q1": "1", "q2": ["2"]})
    client.force_login(UserFactory())
    html = client.get(lesson.url).content.decode()
    assert "Ikke bestået" not in html
    assert "Du svarede" not in html
    assert "checked" not in html


# Completing lessons -------------------------------------------------------------------


def test_lesson_complete_is_idempotent_and_shows_progress(
    client, lesson, learner, module
):
    client.force_login(learner)
    url = reverse("courses:lesson_complete", kwargs={"lesson_id": lesson.pk})
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == f"{lesson.url}#lesson-progress"
    assert messages_of(response) == ["Lektionen er markeret som gennemført."]
    first = LessonCompletion.objects.get()
    client.post(url)
    assert list(LessonCompletion.objects.all()) == [first]
    assert LessonCompletion.objects.get().completed_at == first.completed_at

    html = client.get(lesson.url).content.decode()
    assert "Du har gennemført lektionen." in html
    assert "Markér lektionen som gennemført" not in html
    assert '<progress id="module-progress" max="3" value="1">' in html
    assert "1 af 3 obligatoriske lektioner (33 %)" in html

    for other in LessonPage.objects.child_of(module).exclude(pk=lesson.pk):
        client.post(reverse("courses:lesson_complete", kwargs={"lesson_id": other.pk}))
    completion = ModuleCompletion.objects.get()
    assert (completion.user, completion.module_id, completion.offering) == (
        learner,
        module.pk,
        None,
    )
    html = client.get(lesson.url).content.decode()
    assert "3 af 3 obligatoriske lektioner (100 %)" in html
    assert "Du gennemførte modulet den" in html


# Demo data ----------------------------------------------------------------------------


def test_demo_learning_seed_is_idempotent(client):
    from django.core.management import call_command

    from demo.learning import demo_learning_seed

    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    demo_learning_seed()
    pyramid = LessonPage.objects.get(slug="forebyggelsespyramiden")
    intro = LessonPage.objects.get(slug="hvad-er-ssp-samarbejdet")
    revisions = (pyramid.revisions.count(), intro.revisions.count())
    demo_learning_seed()
    pyramid.refresh_from_db()
    intro.refresh_from_db()
    assert (pyramid.revisions.count(), intro.revisions.count()) == revisions
    assert not pyramid.has_unpublished_changes
    types = [block.block_type for block in pyramid.body]
    assert types.count("reflection") == 1 and types.count("quiz") == 1
    quiz = next(block.value for block in pyramid.body if block.block_type == "quiz")
    assert len(quiz["questions"]) == 3
    intro_types = [block.block_type for block in intro.body]
    assert intro_types.count("case") == 1
    # The case goes in front of the closing "Refleksion" heading.
    case_position = intro_types.index("case")
    assert intro.body[case_position + 1].value["text"] == "Refleksion"

    participant = User.objects.get(email="deltager.aarhus@demo.ssp.test")
    done = LessonCompletion.objects.filter(user=participant)
    assert sorted(done.values_list("lesson__slug", flat=True)) == [
        "hvad-er-ssp-samarbejdet",
        "ssp-organisationens-niveauer",
    ]
    # Neither of the first two lessons has a reflection question in the demo.
    assert ReflectionAnswer.objects.filter(user=participant).count() == 0

    client.force_login(participant)
    html = client.get(pyramid.url).content.decode()
    assert "Test din viden om forebyggelsespyramiden" in html
    assert "Fiktiv case" in client.get(intro.url).content.decode()


def test_download_block_shows_title_type_size_and_link(client, module, learner):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Handleplan-skabelon", file=ContentFile(b"x" * 2048, name="plan.pdf")
    )
    lesson = LessonPage.objects.child_of(module).order_by("path").first()
    lesson.body = [
        ("download", {"document": document, "description": "Til brug i SSP-regi"})
    ]
    lesson.save_revision().publish()
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert f'<a href="{document.url}" class="download-link" download>' in html
    assert "Handleplan-skabelon</a>" in html
    assert "(PDF, 2,0\xa0KB)" in html
    assert "Til brug i SSP-regi" in html
