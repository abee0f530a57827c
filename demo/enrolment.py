"""Demo data for enrolment by dialogue, so `make run` shows the whole dialogue:

* Østjylland's grundmodul is open for nominations: invitations to the district,
  Aarhus's nominations in priority order (one confirmed, two awaiting a decision)
  and a thread between Aarhus's contact person and Socialstyrelsen.
* Fyn's webinar on digital crime has just been opened: Fyn's contact persons have an
  invitation (and its e-mail in the local outbox) and can nominate at once.
* Midt- og Vestjylland's grundmodul is planned, for the administrator to invite.
"""

from django.db import transaction

from accounts.models import User
from courses.models import (
    Enrolment,
    EnrolmentEvent,
    EnrolmentEventKind,
    Invitation,
    Nomination,
    NominationStatus,
    Offering,
    OfferingStatus,
)
from courses.selectors.enrolment import fair_seat_shares
from courses.services.enrolment import (
    dialogue_message_post,
    nomination_add,
    offering_open_for_nominations,
)

ADMIN_EMAIL = "admin@demo.ssp.test"
AARHUS_CONTACT_EMAIL = "kontakt.aarhus@demo.ssp.test"
AARHUS_PARTICIPANT_EMAIL = "deltager.aarhus@demo.ssp.test"

AARHUS_NOMINEES = (
    ("Jonas", "Kristensen", "jonas.kristensen@demo.ssp.test", "Klubmedarbejder"),
    ("Amira", "Haddad", "amira.haddad@demo.ssp.test", "Skolesocialrådgiver"),
)


def _east_jutland_dialogue(admin: User) -> None:
    offering = (
        Offering.objects.filter(
            politikreds_id="1461",
            module__slug="grundmodul",
            status=OfferingStatus.OPEN,
        )
        .select_related("politikreds")
        .first()
    )
    contact = User.objects.filter(email=AARHUS_CONTACT_EMAIL).first()
    if offering is None or contact is None or offering.invitations.exists():
        return
    # The offering was opened before invitations existed in the demo: invite the
    # district as the administrator would have.
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                offering=offering, organisation=organisation, suggested_seats=share
            )
            for organisation, share in fair_seat_shares(offering=offering)
        ]
    )
    for invitation in invitations:
        EnrolmentEvent.objects.create(
            offering=offering,
            organisation=invitation.organisation,
            kind=EnrolmentEventKind.INVITED,
            actor=admin,
        )
    invitation = next(
        (i for i in invitations if i.organisation_id == contact.organisation_id), None
    )
    if invitation is None:
        return
    participant = User.objects.filter(email=AARHUS_PARTICIPANT_EMAIL).first()
    if participant is not None:
        nomination = Nomination.objects.create(
            invitation=invitation,
            priority=1,
            first_name=participant.first_name,
            last_name=participant.last_name,
            email=participant.email,
            job_title="SSP-konsulent",
            sector=participant.sector,
            ssp_main_job=True,
            user=participant,
            nominated_by=contact,
            status=NominationStatus.DECIDED,
        )
        Enrolment.objects.filter(offering=offering, user=participant).update(
            nomination=nomination
        )
    for first_name, last_name, email, job in AARHUS_NOMINEES:
        nomination_add(
            invitation=invitation,
            actor=contact,
            first_name=first_name,
            last_name=last_name,
            email=email,
            job_title=job,
            sector=User.Sector.SOCIAL,
            ssp_main_job=False,
        )
    dialogue_message_post(
        invitation=invitation,
        actor=contact,
        body="Vi har tre kolleger, der gerne vil med. Kan vi få en plads mere end "
        "de foreslåede, hvis nogen andre kommuner ikke bruger deres?",
    )
    dialogue_message_post(
        invitation=invitation,
        actor=admin,
        body="Tak for jeres indstillinger. Indstil gerne alle tre i prioriteret "
        "rækkefølge; vi fordeler de ledige pladser efter fristen.",
    )


def _fyn_invitations(admin: User) -> None:
    offering = Offering.objects.filter(
        politikreds_id="1465",
        module__slug="digital-kriminalitet-blandt-unge",
        status=OfferingStatus.PLANNED,
    ).first()
    if offering is not None and not offering.invitations.exists():
        offering_open_for_nominations(offering=offering, actor=admin)


@transaction.atomic
def demo_enrolment_seed() -> None:
    """Create the demo dialogue described in the module docstring. Idempotent: an
    offering that already has invitations is left as it is. Does nothing when the
    demo administrator or offerings are missing."""
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    if admin is None:
        return
    _east_jutland_dialogue(admin)
    _fyn_invitations(admin)
