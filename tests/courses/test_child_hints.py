"""The soft child-identification warning wherever free text about cases is written
over a form in courses: dialogue messages and course reflections. Text that may
identify a child is not stored until the writer confirms that it is anonymous (or
edits it); anonymous text is stored at once."""

import pytest

from courses.models import DialogueMessage, ReflectionAnswer
from tests.accounts.factories import UserFactory
from tests.courses.enrolment_helpers import administrator, contact, open_offering
from tests.courses.factories import module_create
from tests.courses.test_enrolment_views import invitation_of
from tests.courses.test_learning import lesson_with_blocks, post_reflection

pytestmark = pytest.mark.django_db

CHILD_TEXT = "Vi har en dreng, Ahmed (14), der går i 7.b. Hvad gør vi?"
ANONYMOUS_TEXT = "En dreng på 14 år i vores kommune. Hvad gør vi?"
CONFIRM = "Jeg har tjekket, at intet barn kan genkendes ud fra teksten"


@pytest.fixture
def lesson():
    return lesson_with_blocks(module_create(title="Grundmodul", lessons=1))


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture
def invitation():
    return invitation_of(open_offering(administrator(), seats=4))


def test_a_dialogue_message_that_may_identify_a_child_asks_first(client, invitation):
    client.force_login(contact("Aarhus"))
    url = f"/tilmelding/{invitation.pk}/besked/"

    response = client.post(url, {"body": CHILD_TEXT})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kan et barn genkendes?" in html
    assert CONFIRM in html
    assert DialogueMessage.objects.count() == 0

    response = client.post(url, {"body": CHILD_TEXT, "confirm_anonymous": "on"})
    assert response.status_code == 302
    assert list(DialogueMessage.objects.values_list("body", flat=True)) == [CHILD_TEXT]


def test_an_anonymous_dialogue_message_is_sent_at_once(client, invitation):
    client.force_login(contact("Aarhus"))
    response = client.post(
        f"/tilmelding/{invitation.pk}/besked/", {"body": ANONYMOUS_TEXT}
    )
    assert response.status_code == 302
    assert DialogueMessage.objects.count() == 1
    page = client.get(f"/tilmelding/{invitation.pk}/").content.decode()
    assert CONFIRM not in page


def test_a_reflection_that_may_identify_a_child_asks_first(client, lesson, learner):
    client.force_login(learner)

    response = post_reflection(client, lesson, CHILD_TEXT)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kan et barn genkendes?" in html
    assert CONFIRM in html
    assert CHILD_TEXT.replace(",", "") in html.replace(",", "")  # kept in the form
    assert ReflectionAnswer.objects.count() == 0

    url = response.wsgi_request.path
    response = client.post(url, {"text": CHILD_TEXT, "confirm_anonymous": "on"})
    assert response.status_code == 302
    assert ReflectionAnswer.objects.get().text == CHILD_TEXT


def test_an_anonymous_reflection_is_saved_at_once(client, lesson, learner):
    client.force_login(learner)
    assert post_reflection(client, lesson, ANONYMOUS_TEXT).status_code == 302
    assert ReflectionAnswer.objects.get().text == ANONYMOUS_TEXT
