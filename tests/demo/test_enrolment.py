"""The demo seed shows the enrolment dialogue from the first `make run`."""

import io

from django.core.management import call_command

import pytest

from accounts.models import User
from core.models import ScheduledEmail
from courses.models import DialogueMessage, Invitation, Nomination
from courses.selectors.enrolment import invitations_for_contact, unread_dialogue_count

pytestmark = pytest.mark.django_db


def test_the_demo_contacts_meet_invitations_nominations_and_a_thread():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (
        Invitation.objects.count(),
        Nomination.objects.count(),
        DialogueMessage.objects.count(),
        ScheduledEmail.objects.count(),
    )

    aarhus = User.objects.get(email="kontakt.aarhus@demo.ssp.test")
    [invitation] = invitations_for_contact(user=aarhus)
    assert invitation.nominated == 3
    assert invitation.unread == 1  # Socialstyrelsen's answer
    odense = User.objects.get(email="kontakt.odense@demo.ssp.test")
    assert [i.offering.module.slug for i in invitations_for_contact(user=odense)] == [
        "digital-kriminalitet-blandt-unge"
    ]
    assert ScheduledEmail.objects.filter(
        to_address="kontakt.odense@demo.ssp.test", key__startswith="invitation:"
    ).exists()
    admin = User.objects.get(email="admin@demo.ssp.test")
    assert unread_dialogue_count(user=admin) == 0  # they wrote the last message

    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    assert counts == (
        Invitation.objects.count(),
        Nomination.objects.count(),
        DialogueMessage.objects.count(),
        ScheduledEmail.objects.count(),
    )
