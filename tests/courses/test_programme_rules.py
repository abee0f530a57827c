"""Programme rules (CertificateSettings): which modules count towards the programme
certificate, whether a module completed on one's own counts and what it needs, and
the certificate saying what it is based on."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

import pytest

from courses.models import (
    CertificateSettings,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModuleKind,
    QuizAttempt,
    SelfPacedRule,
)
from courses.selectors.certificates import programme_progress
from courses.services.certificates import certificate_issue_programme
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory, module_create
from tests.courses.test_learning import block_id, lesson_with_blocks

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    return UserFactory(first_name="Mette", last_name="Sørensen")


@pytest.fixture
def base_and_one_elective(participant):
    """The grundmodul on an offering, one elective needed."""
    rules = CertificateSettings.load()
    rules.required_electives = 1
    rules.save()
    grundmodul = module_create(title="Grundmodul", kind=ModuleKind.BASE)
    ModuleCompletion.objects.create(
        user=participant, module=grundmodul, offering=OfferingFactory(module=grundmodul)
    )
    return grundmodul


def _self_paced(participant, *, spread: datetime.timedelta, quiz_passed: bool):
    """An elective of four lessons (one with a quiz) completed on one's own, the
    lessons ``spread`` apart from first to last."""
    elective = module_create(
        title="Digital kriminalitet", kind=ModuleKind.ELECTIVE, lessons=4
    )
    quiz_lesson = lesson_with_blocks(elective)
    start = timezone.now() - spread
    lessons = list(LessonPage.objects.child_of(elective).order_by("path"))
    for index, lesson in enumerate(lessons):
        LessonCompletion.objects.create(
            user=participant,
            lesson=lesson,
            completed_at=start + spread * index / (len(lessons) - 1),
        )
    QuizAttempt.objects.create(
        user=participant,
        lesson=quiz_lesson,
        block_id=block_id(quiz_lesson, "quiz"),
        answers=[[0], [0]],
        score=2 if quiz_passed else 0,
        max_score=2,
        passed=quiz_passed,
    )
    ModuleCompletion.objects.create(user=participant, module=elective)
    return elective


def test_four_lessons_clicked_through_in_seconds_do_not_earn_the_programme(
    participant, base_and_one_elective
):
    _self_paced(participant, spread=datetime.timedelta(seconds=20), quiz_passed=True)
    with translation.override("da"):
        progress = programme_progress(user=participant)
        assert not progress.is_complete
        assert any("på egen hånd" in line for line in progress.missing)
        with pytest.raises(ValidationError):
            certificate_issue_programme(user=participant)


def test_a_self_paced_module_needs_its_quiz_passed(participant, base_and_one_elective):
    _self_paced(participant, spread=datetime.timedelta(hours=2), quiz_passed=False)
    assert not programme_progress(user=participant).is_complete


def test_a_self_paced_module_taken_properly_counts_and_the_certificate_says_so(
    participant, base_and_one_elective
):
    _self_paced(participant, spread=datetime.timedelta(hours=2), quiz_passed=True)
    assert programme_progress(user=participant).is_complete
    certificate = certificate_issue_programme(user=participant)
    assert "Grundmodul (hold i Fyns Politi, med fremmøde)" in certificate.basis
    assert "Digital kriminalitet (på egen hånd" in certificate.basis
    assert "mindst 60 minutter" in certificate.basis


def test_the_setting_can_make_only_offerings_count(participant, base_and_one_elective):
    _self_paced(participant, spread=datetime.timedelta(hours=2), quiz_passed=True)
    rules = CertificateSettings.load()
    rules.self_paced_rule = SelfPacedRule.OFFERING_ONLY
    rules.save()
    with translation.override("da"):
        progress = programme_progress(user=participant)
    assert not progress.is_complete
    assert any("kun et gennemført hold" in line for line in progress.missing)


def test_the_setting_chooses_which_electives_count(participant, base_and_one_elective):
    counted = module_create(title="Bander", kind=ModuleKind.ELECTIVE)
    other = module_create(title="Lovgivning", kind=ModuleKind.ELECTIVE)
    ModuleCompletion.objects.create(
        user=participant, module=other, offering=OfferingFactory(module=other)
    )
    rules = CertificateSettings.load()
    rules.counted_electives.set([counted])
    assert not programme_progress(user=participant).is_complete
    rules.counted_electives.set([counted, other])
    assert programme_progress(user=participant).is_complete
