"""Erasing a person removes only what is theirs, for every declared model.

A row can name two people: a nomination names the nominee and the contact person
who nominated them, an attendance record the participant and who recorded it. For
every model that points at people, a row is made (with model_bakery, which fills any
model's required fields) that belongs to someone else while the person to be erased
appears in every other role. After the erasure the row is still there and still
theirs; only the erased person's links are gone.
"""

from django.apps import apps
from django.db import models, transaction

import pytest
from model_bakery import baker

from accounts.models import User
from core.personal_data import (
    REGISTRY,
    Erasure,
    owner_field,
    personal_data_erase,
    user_relations,
)
from courses.models import Nomination
from demo.seed import demo_seed

pytestmark = pytest.mark.django_db

LABELS = sorted(user_relations())


#: Fields model_bakery cannot guess: Wagtail validates log actions, and a
#: programme certificate is the kind that names no module.
EXTRA = {
    "courses.Certificate": {"kind": "program"},
    "wagtailcore.ModelLogEntry": {"action": "wagtail.create"},
    "wagtailcore.PageLogEntry": {"action": "wagtail.create"},
}


def make(model, **values):
    """A new row made by model_bakery, its required relations taken from existing
    rows (the seeded demo) or made the same way, so check constraints that tie
    relations together hold."""
    for field in model._meta.concrete_fields:
        if field.many_to_one and not field.null and field.name not in values:
            related = field.related_model
            values[field.name] = related._base_manager.order_by("pk").first() or make(
                related
            )
    return baker.make(model, **{**EXTRA.get(model._meta.label, {}), **values})


def person(name):
    return baker.make(User, email=f"{name}@kommune.test", first_name=name)


def make_row(label, *, owner, other):
    """A row of ``label`` whose owner field is ``owner`` and whose every other
    link to a person is ``other``: a seeded row when there is one, else a new one
    made by model_bakery with existing rows for its other required relations."""
    model = apps.get_model(label)
    owner_name = owner_field(label)
    values = {}
    many = []
    for field in user_relations()[label]:
        if isinstance(field, models.ManyToManyField):
            many.append(field)
        else:
            values[field.name] = owner if field.name == owner_name else other
    row = model._base_manager.order_by("pk").first()
    if row is not None:
        model._base_manager.filter(pk=row.pk).update(**values)
        row.refresh_from_db()
    else:
        row = make(model, **values)
    for field in many:
        getattr(row, field.name).set([owner, other])
    return row


def assert_erasure_keeps_others(label, owner, erased, row):
    model = apps.get_model(label)
    owner_name = owner_field(label)
    kept = model._base_manager.get(pk=row.pk)
    for field in user_relations()[label]:
        if isinstance(field, models.ManyToManyField):
            assert list(getattr(kept, field.name).all()) == [owner], field.name
        elif field.name == owner_name:
            assert getattr(kept, field.attname) == owner.pk
        elif field.null and REGISTRY[label].erasure is not Erasure.KEEP:
            assert getattr(kept, field.attname) is None, field.name
        else:  # kept, pointing at the anonymised account
            assert getattr(kept, field.attname) == erased.pk


@pytest.fixture
def seeded():
    baker.generators.add("wagtail.fields.StreamField", lambda: [])
    demo_seed()


def test_erasing_the_other_party_leaves_the_record_intact(seeded, subtests):
    """For every declared model (each one a subtest), one row that is not the
    erased person's survives their erasure, and only their links to it go."""
    assert len(LABELS) >= 50
    for label in LABELS:
        with subtests.test(model=label), transaction.atomic():
            owner = person("ejer")
            erased = person("slettes")
            row = make_row(label, owner=owner, other=erased)
            personal_data_erase(user=erased)
            assert_erasure_keeps_others(label, owner, erased, row)
            transaction.set_rollback(True)


def test_erasing_the_owner_removes_their_row(seeded, subtests):
    for label in [label for label in LABELS if owner_field(label) is not None]:
        with subtests.test(model=label), transaction.atomic():
            erased = person("slettes")
            row = make_row(label, owner=erased, other=person("anden"))
            personal_data_erase(user=erased)
            model = apps.get_model(label)
            assert not model._base_manager.filter(pk=row.pk).exists()
            transaction.set_rollback(True)


def test_erasing_a_contact_person_keeps_the_nomination_they_made(seeded):
    contact = person("kontakt")
    nomination = Nomination.objects.filter(user__isnull=False).first()
    nominee = nomination.user
    Nomination.objects.filter(pk=nomination.pk).update(nominated_by=contact)

    personal_data_erase(user=contact)

    nomination.refresh_from_db()
    assert nomination.user == nominee
    assert nomination.nominated_by is None
    assert Nomination.objects.filter(user=nominee).count() == 1
