"""Demo offerings for the demo site: the grundmodul in Fyn and Østjylland, two
electives in other districts and one cancelled run, with confirmed places for the
demo participants."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import Politikreds, User
from courses.models import (
    Enrolment,
    EnrolmentStatus,
    ModulePage,
    Offering,
    OfferingFormat,
    OfferingStatus,
    Session,
)
from courses.services.offerings import offering_save, session_save

RESPONSIBLE_EMAIL = "admin@demo.ssp.test"


@dataclass(frozen=True)
class DemoSession:
    title: str
    day: int  # days from today (negative: in the past)
    starts: datetime.time
    ends: datetime.time
    venue: str


@dataclass(frozen=True)
class DemoOffering:
    module_slug: str
    politikreds: str
    format: str
    status: str
    start_day: int  # planned start, days from today
    deadline_days_before: int
    seats: int
    sessions: tuple[DemoSession, ...]
    participants: tuple[str, ...] = ()
    note: str = ""


NINE, THREE_PM = datetime.time(9, 0), datetime.time(15, 0)
FYN_VENUE = "Odense Rådhus, Flakhaven 2, 5000 Odense C"
AARHUS_VENUE = "Dokk1, Hack Kampmanns Plads 2, 8000 Aarhus C"
KBH_VENUE = "Kulturhuset Islands Brygge, Islands Brygge 18, 2300 København S"
ONLINE = "Online (webinar)"

DEMO_OFFERINGS: tuple[DemoOffering, ...] = (
    DemoOffering(
        "grundmodul",
        "1465",
        OfferingFormat.IN_PERSON,
        OfferingStatus.HELD,
        start_day=-60,
        deadline_days_before=21,
        seats=30,
        sessions=(
            DemoSession("Dag 1: SSP-samarbejdet", -60, NINE, THREE_PM, FYN_VENUE),
            DemoSession(
                "Dag 2: Forebyggelsespyramiden", -53, NINE, THREE_PM, FYN_VENUE
            ),
        ),
        participants=("deltager.odense@demo.ssp.test",),
        note="Afholdt for kommunerne på Fyn og Øerne.",
    ),
    DemoOffering(
        "grundmodul",
        "1461",
        OfferingFormat.HYBRID,
        OfferingStatus.OPEN,
        start_day=35,
        deadline_days_before=14,
        seats=40,
        sessions=(
            DemoSession("Dag 1: SSP-samarbejdet", 35, NINE, THREE_PM, AARHUS_VENUE),
            DemoSession("Dag 2: Forebyggelsespyramiden", 42, NINE, THREE_PM, ONLINE),
            DemoSession(
                "Dag 3: Fra viden til praksis", 49, NINE, THREE_PM, AARHUS_VENUE
            ),
        ),
        participants=("deltager.aarhus@demo.ssp.test",),
    ),
    DemoOffering(
        "lovgivning-og-informationsudveksling",
        "1460",
        OfferingFormat.WEBINAR,
        OfferingStatus.OPEN,
        start_day=28,
        deadline_days_before=10,
        seats=120,
        sessions=(
            DemoSession(
                "Webinar: Tavshedspligt og SSP-informationsudveksling",
                28,
                datetime.time(13, 0),
                datetime.time(15, 30),
                ONLINE,
            ),
        ),
    ),
    DemoOffering(
        "digital-kriminalitet-blandt-unge",
        "1470",
        OfferingFormat.IN_PERSON,
        OfferingStatus.CONFIRMED,
        start_day=56,
        deadline_days_before=21,
        seats=35,
        sessions=(
            DemoSession("Unges digitale liv", 56, NINE, THREE_PM, KBH_VENUE),
            DemoSession(
                "Digitale krænkelser og svindel", 63, NINE, THREE_PM, KBH_VENUE
            ),
        ),
    ),
    DemoOffering(
        "digital-kriminalitet-blandt-unge",
        "1465",
        OfferingFormat.WEBINAR,
        OfferingStatus.PLANNED,
        start_day=70,
        deadline_days_before=21,
        seats=40,
        sessions=(
            DemoSession("Unges digitale liv", 70, NINE, THREE_PM, ONLINE),
            DemoSession("Digitale krænkelser og svindel", 77, NINE, THREE_PM, ONLINE),
        ),
        note="Invitationerne sendes med demo-data, så Fyns kontaktpersoner kan "
        "indstille.",
    ),
    DemoOffering(
        "grundmodul",
        "1462",
        OfferingFormat.IN_PERSON,
        OfferingStatus.PLANNED,
        start_day=90,
        deadline_days_before=28,
        seats=36,
        sessions=(
            DemoSession("Dag 1: SSP-samarbejdet", 90, NINE, THREE_PM, "Herning"),
            DemoSession("Dag 2: Forebyggelsespyramiden", 97, NINE, THREE_PM, ONLINE),
        ),
        note="Planlagt: klar til at invitere kommunerne og politiet.",
    ),
    DemoOffering(
        "bander-og-rekruttering-af-unge",
        "1464",
        OfferingFormat.WEBINAR,
        OfferingStatus.CANCELLED,
        start_day=21,
        deadline_days_before=7,
        seats=60,
        sessions=(
            DemoSession(
                "Webinar: Rekruttering til bander",
                21,
                datetime.time(13, 0),
                datetime.time(15, 0),
                ONLINE,
            ),
        ),
        note="Aflyst: for få indstillede deltagere. Udbydes igen næste år.",
    ),
)


def _at(today: datetime.date, day: int, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=day), time)
    )


@transaction.atomic
def demo_offerings_seed() -> None:
    """Create the demo offerings, their sessions and the demo participants'
    confirmed places, with dates relative to today.

    Idempotent: a module that already has an offering in the district is left as it
    is, and an existing enrolment is not touched. Does nothing for a module,
    district or person that does not exist (the demo seed creates them first).
    """
    today = timezone.localdate()
    responsible = User.objects.filter(email=RESPONSIBLE_EMAIL).first()
    modules = {
        module.slug: module
        for module in ModulePage.objects.filter(
            slug__in={demo.module_slug for demo in DEMO_OFFERINGS}
        )
    }
    districts = {district.code: district for district in Politikreds.objects.all()}
    for demo in DEMO_OFFERINGS:
        module = modules.get(demo.module_slug)
        district = districts.get(demo.politikreds)
        if module is None or district is None:
            continue
        offering = Offering.objects.filter(module=module, politikreds=district).first()
        if offering is None:
            start = today + datetime.timedelta(days=demo.start_day)
            offering = offering_save(
                offering=Offering(
                    module=module,
                    politikreds=district,
                    format=demo.format,
                    status=demo.status,
                    planned_start=start,
                    enrolment_deadline=start
                    - datetime.timedelta(days=demo.deadline_days_before),
                    seats=demo.seats,
                    note=demo.note,
                ),
                responsible=[responsible] if responsible else [],
            )
            for session in demo.sessions:
                session_save(
                    session=Session(
                        offering=offering,
                        title=session.title,
                        starts_at=_at(today, session.day, session.starts),
                        ends_at=_at(today, session.day, session.ends),
                        venue=session.venue,
                    )
                )
        for email in demo.participants:
            user = User.objects.filter(email=email).first()
            if user is not None:
                Enrolment.objects.get_or_create(
                    offering=offering,
                    user=user,
                    defaults={"status": EnrolmentStatus.CONFIRMED},
                )
