"""The practice bank: structured examples, self-assessed until reviewed, filters."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from accounts.models import Kommune
from courses.models import PreventionLevel
from network.models import EvidenceLevel, PracticeExample, Thread
from network.selectors import practice_example_list
from network.services import practice_example_create, practice_example_review
from tests.network.factories import ODENSE, moderator, person, theme_network

pytestmark = pytest.mark.django_db


def example_create(user, **overrides):
    values = {
        "title": "Lektiecafé i klubben",
        "kommune": Kommune.objects.get(code="0751"),
        "target_group": "Unge 13-17 år",
        "problem": "Unge uden et sted at være efter skole.",
        "what_was_done": "Klubben åbnede en lektiecafé med frivillige.",
        "prevention_level": PreventionLevel.objects.get(slug="generel"),
        "evidence_level": EvidenceLevel.EXPERIENCE_BASED,
        "themes": [theme_network("rusmidler")],
    }
    values.update(overrides)
    return practice_example_create(user=user, **values)


def test_an_example_gets_a_discussion_and_is_self_assessed():
    example = example_create(person())
    assert example.thread.title == "Lektiecafé i klubben"
    assert example.thread.network.slug == "praksisbank"
    assert example.evidence_is_reviewed is False


@pytest.mark.parametrize("field", ["title", "problem", "what_was_done", "results"])
def test_a_cpr_number_in_any_text_is_refused(field):
    with pytest.raises(ValidationError):
        example_create(person(), **{field: "Pigen 120508-4321 blev hjulpet"})
    assert PracticeExample.objects.count() == 0
    assert Thread.objects.count() == 0


def test_missing_fields_and_unknown_levels_are_refused():
    with pytest.raises(ValidationError):
        example_create(person(), problem="")
    with pytest.raises(ValidationError):
        example_create(person(), evidence_level="bedst")
    assert PracticeExample.objects.count() == 0


def test_review_by_a_moderator_only_and_logged():
    example = example_create(person())
    with pytest.raises(PermissionDenied):
        practice_example_review(
            moderator=person(),
            example=example,
            evidence_level=EvidenceLevel.DOCUMENTED_EFFECT,
            reason="Vi mener det",
        )
    example.refresh_from_db()
    assert example.evidence_reviewed_at is None
    practice_example_review(
        moderator=moderator(),
        example=example,
        evidence_level=EvidenceLevel.PROMISING_PRACTICE,
        reason="Før- og eftermåling foreligger",
    )
    example.refresh_from_db()
    assert example.evidence_level == EvidenceLevel.PROMISING_PRACTICE
    assert example.evidence_is_reviewed is True


def test_filters():
    user = person()
    aarhus = example_create(user)
    odense = example_create(
        user,
        title="Forældrenetværk",
        kommune=Kommune.objects.get(code=ODENSE),
        prevention_level=PreventionLevel.objects.get(slug="specifik"),
        evidence_level=EvidenceLevel.IDEA,
        target_group="Forældre til elever i 7. klasse",
        themes=[theme_network("digital-dannelse")],
    )

    def titles(**filters):
        return [e.title for e in practice_example_list(user=user, **filters)]

    assert titles() == [odense.title, aarhus.title]
    assert titles(politikreds_code="1461") == [aarhus.title]
    assert titles(kommune_code=ODENSE) == [odense.title]
    assert titles(prevention_level_slug="specifik") == [odense.title]
    assert titles(evidence_level=EvidenceLevel.EXPERIENCE_BASED) == [aarhus.title]
    assert titles(theme_slug="digital-dannelse") == [odense.title]
    assert titles(target_group="forældre") == [odense.title]


def test_pages_show_self_assessed_and_reviewed(client):
    example = example_create(person())
    client.force_login(person())
    page = client.get(reverse("network:practice_detail", args=[example.pk]))
    assert "Erfaringsbaseret" in page.content.decode() or "Experience-based" in (
        page.content.decode()
    )
    listing = client.get(reverse("network:practice_list"), {"politikreds": "1465"})
    assert example.title not in listing.content.decode()
    # Only moderators may post a review.
    response = client.post(
        reverse("network:practice_detail", args=[example.pk]),
        {"evidence_level": "dokumenteret", "reason": "x"},
    )
    assert response.status_code == 403
