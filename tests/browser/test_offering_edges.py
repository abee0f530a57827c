"""Offerings at the edges, in a real browser: the administrator cancels an offering
in the Wagtail admin and the participant, the contact person and a calendar all see
it; a freed seat goes to the organisation furthest below its share."""

import datetime
import re

from django.core.management import call_command
from django.utils import timezone

import pytest
from icalendar import Calendar

from accounts.models import Organisation, User
from core.models import ScheduledEmail
from courses.models import (
    Enrolment,
    EnrolmentStatus,
    Invitation,
    ModulePage,
    Offering,
    OfferingFormat,
    OfferingStatus,
    Session,
)
from courses.services.enrolment import (
    Decision,
    invitation_set_seats,
    nomination_add,
    nominations_decide,
    offering_open_for_nominations,
)
from tests.browser.conftest import assert_accessible
from tests.browser.test_enrolment import log_in

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MODULE = "Bander og rekruttering af unge"


@pytest.fixture
def fyn(transactional_db):
    """The demo, and an open offering of three seats in Fyns Politi."""
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    start = timezone.localdate() + datetime.timedelta(days=45)
    offering = Offering.objects.create(
        module=ModulePage.objects.get(slug="bander-og-rekruttering-af-unge"),
        politikreds_id="1465",
        format=OfferingFormat.IN_PERSON,
        status=OfferingStatus.PLANNED,
        planned_start=start,
        enrolment_deadline=start - datetime.timedelta(days=20),
        seats=3,
    )
    Session.objects.create(
        offering=offering,
        title="Dag 1",
        starts_at=timezone.now() + datetime.timedelta(days=45),
        ends_at=timezone.now() + datetime.timedelta(days=45, hours=6),
        venue="Odense Rådhus",
    )
    admin = User.objects.get(email="admin@demo.ssp.test")
    offering_open_for_nominations(offering=offering, actor=admin)
    return offering


def _invitation(offering, name):
    return Invitation.objects.get(
        offering=offering, organisation=Organisation.objects.get(name=name)
    )


def _nominate(offering, organisation, contact_email, first, last, email):
    return nomination_add(
        invitation=_invitation(offering, organisation),
        actor=User.objects.get(email=contact_email),
        first_name=first,
        last_name=last,
        email=email,
        job_title="SSP-medarbejder",
        sector="social",
        ssp_main_job=False,
    )


def _decide(offering, nominations, decision):
    for nomination in nominations:
        nominations_decide(
            offering=offering,
            nomination_ids=[nomination.pk],
            actor=User.objects.get(email="admin@demo.ssp.test"),
            decision=decision,
        )


def test_a_cancelled_offering_reaches_participant_contact_and_calendar(
    new_page, fyn, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the worker's part, in the server
    sofie = _nominate(
        fyn,
        "Odense Kommune",
        "kontakt.odense@demo.ssp.test",
        "Sofie",
        "Lund",
        "deltager.odense@demo.ssp.test",
    )
    _decide(fyn, [sofie], Decision.CONFIRM)

    participant = new_page()
    log_in(participant, "deltager.odense@demo.ssp.test")
    participant.goto("/mine-forloeb/")
    card = participant.locator(".dashboard-item").filter(has_text=MODULE)
    assert "Bekræftet" in card.inner_text()

    # The administrator cancels the offering where offerings are edited.
    admin = new_page()
    log_in(admin, "admin@demo.ssp.test", totp=True)
    admin.goto(f"/admin/udbud/edit/{fyn.pk}/")
    admin.locator("select[name=status]").select_option("aflyst")
    admin.locator("form:has(select[name=status]) button[type=submit]").first.click()
    admin.wait_for_url(re.compile(r".*/admin/udbud/.*"))
    fyn.refresh_from_db()
    assert fyn.status == OfferingStatus.CANCELLED

    participant.reload()
    card = participant.locator(".dashboard-item").filter(has_text=MODULE)
    text = card.inner_text()
    assert "Aflyst" in text
    assert "Socialstyrelsen har aflyst holdet" in text
    assert "Ingen: holdet er aflyst." in text
    assert "Bekræftet" not in text
    assert_accessible(participant)

    contact = new_page()
    log_in(contact, "kontakt.odense@demo.ssp.test")
    contact.goto(f"/tilmelding/{_invitation(fyn, 'Odense Kommune').pk}/")
    assert "Aflyst. Ingen af holdets sessioner bliver afholdt." in contact.inner_text(
        "main"
    )
    assert_accessible(contact)

    # Everyone got the e-mail with the calendar cancellation.
    told = set(
        ScheduledEmail.objects.filter(
            key__startswith="offering-cancelled:"
        ).values_list("to_address", flat=True)
    )
    assert {"deltager.odense@demo.ssp.test", "kontakt.odense@demo.ssp.test"} <= told
    assert "politi.fyn@demo.ssp.test" in told

    # A calendar fetching the public address (no login) hears of it.
    public = new_page()
    response = public.request.get(f"/hold/{fyn.pk}.ics")
    assert response.status == 200
    calendar = Calendar.from_ical(response.body())
    assert str(calendar["METHOD"]) == "CANCEL"
    [event] = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    public.goto("/hold/")
    assert "Aflyst. Ingen af holdets sessioner bliver afholdt." in public.inner_text(
        "main"
    )
    assert_accessible(public)


def test_a_freed_seat_goes_to_the_organisation_furthest_below_its_share(new_page, fyn):
    admin = User.objects.get(email="admin@demo.ssp.test")
    # Socialstyrelsen gives the police two of the three seats and Odense one.
    invitation_set_seats(
        invitation=_invitation(fyn, "Fyns Politi"), actor=admin, seats=2
    )
    invitation_set_seats(
        invitation=_invitation(fyn, "Odense Kommune"), actor=admin, seats=1
    )
    odense = "kontakt.odense@demo.ssp.test"
    sofie = _nominate(
        fyn, "Odense Kommune", odense, "Sofie", "Lund", "deltager.odense@demo.ssp.test"
    )
    ida = _nominate(fyn, "Odense Kommune", odense, "Ida", "Holm", "ida@odense.test")
    bo = _nominate(fyn, "Odense Kommune", odense, "Bo", "Juhl", "bo@odense.test")
    per = _nominate(
        fyn, "Fyns Politi", "politi.fyn@demo.ssp.test", "Per", "Bak", "per@politi.test"
    )
    _decide(fyn, [sofie, ida, bo], Decision.CONFIRM)  # Odense fills all three
    _decide(
        fyn,
        [_nominate(fyn, "Odense Kommune", odense, "Eva", "Dahl", "eva@o.test")],
        Decision.WAITLIST,
    )
    _decide(fyn, [per], Decision.WAITLIST)  # the police waited second

    # Sofie cancels; first-come-first-served would give the seat to Eva (Odense,
    # already above its share); the rule gives it to Per (police, 0 of 2).
    participant = new_page()
    log_in(participant, "deltager.odense@demo.ssp.test")
    participant.goto("/mine-forloeb/")
    participant.get_by_role("link", name=f"Afmeld din plads på {MODULE}").click()
    participant.wait_for_url("**/afmeld/")
    participant.get_by_role("button", name="Ja, afmeld pladsen").click()
    participant.wait_for_url("**/mine-forloeb/")

    assert Enrolment.objects.get(nomination=per).status == EnrolmentStatus.OFFERED
    eva = Enrolment.objects.get(user__email="eva@o.test")
    assert eva.status == EnrolmentStatus.WAITLISTED

    police = new_page()
    log_in(police, "politi.fyn@demo.ssp.test")
    police.goto(f"/tilmelding/{_invitation(fyn, 'Fyns Politi').pk}/")
    main = police.inner_text("main")
    assert "Sådan fordeles pladserne:" in main
    assert "(manuelt sat)" in main
    per_row = police.locator(".nomination").filter(has_text="Per Bak")
    assert "Tilbudt en plads" in per_row.inner_text()
    assert_accessible(police)

    office = new_page()
    log_in(office, "admin@demo.ssp.test", totp=True)
    office.goto(f"/planlaegning/hold/{fyn.pk}/tilmelding/")
    assert "manuelt sat" in office.inner_text("main")
    assert_accessible(office)
