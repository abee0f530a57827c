"""Shared set-up for the enrolment-by-dialogue tests: an offering in Østjyllands
Politi (seven municipalities and the police), an administrator and contact persons."""

import datetime

from django.db.models import Q
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import Role
from core.models import ScheduledEmail
from courses.models import Invitation, OfferingStatus
from courses.services.enrolment import nomination_add, offering_open_for_nominations
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory, SessionFactory

DISTRICT = "1461"  # Østjyllands Politi


def organisation(name: str) -> Organisation:
    """An organisation by its name or its municipality's name ("Aarhus")."""
    return Organisation.objects.get(Q(name=name) | Q(kommune__name=name))


def administrator(**kwargs):
    return UserFactory(
        roles=[Role.ADMINISTRATOR],
        is_staff=True,
        organisation=organisation("Socialstyrelsen"),
        first_name="Sofie",
        **kwargs,
    )


def contact(name: str = "Aarhus", **kwargs):
    org = organisation(name)
    role = (
        Role.POLICE_CONTACT
        if org.kind == Organisation.Kind.POLICE
        else Role.MUNICIPAL_CONTACT
    )
    return UserFactory(roles=[role], organisation=org, **kwargs)


def planned_offering(*, seats: int = 10, sessions: int = 1, **kwargs):
    offering = OfferingFactory(
        politikreds_id=DISTRICT,
        status=OfferingStatus.PLANNED,
        seats=seats,
        planned_start=timezone.localdate() + datetime.timedelta(days=40),
        enrolment_deadline=timezone.localdate() + datetime.timedelta(days=10),
        **kwargs,
    )
    for _ in range(sessions):
        SessionFactory(offering=offering)
    return offering


def open_offering(admin, **kwargs):
    offering = planned_offering(**kwargs)
    offering_open_for_nominations(offering=offering, actor=admin)
    offering.refresh_from_db()
    return offering


def nominate(invitation, actor, number: int, **overrides):
    data = {
        "first_name": "Person",
        "last_name": f"Nummer{number}",
        "email": f"person{number}@{invitation.organisation.pk}.kommune.test",
        "job_title": "SSP-konsulent",
        "sector": "social",
        "ssp_main_job": True,
    }
    data.update(overrides)
    return nomination_add(invitation=invitation, actor=actor, **data)


def emails_to(address: str) -> list[ScheduledEmail]:
    return list(ScheduledEmail.objects.filter(to_address=address).order_by("pk"))


def invitation_of(offering, name="Aarhus") -> Invitation:
    return Invitation.objects.get(offering=offering, organisation=organisation(name))
