"""Reads for offerings (hold): the planning matrix for administrators, the public list
of upcoming offerings and the sessions that go into calendars.

Every selector here runs a fixed number of queries, however many offerings,
sessions or districts there are.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Politikreds, User
from courses.models import (
    CalendarFeed,
    EnrolmentStatus,
    ModuleKind,
    ModulePage,
    Offering,
    OfferingStatus,
    Session,
)

# Statuses that count as planned (not yet held) in the planning overview.
PLANNED_STATUSES = (
    OfferingStatus.PLANNED,
    OfferingStatus.OPEN,
    OfferingStatus.CONFIRMED,
)


class CellState:
    HELD = "held"
    PLANNED = "planned"
    MISSING = "missing"


@dataclass(frozen=True)
class PlanningEntry:
    """One (not cancelled) offering of a module in a district in the year."""

    offering_id: int
    status: str
    status_label: str
    dates: tuple[datetime.date, ...]


@dataclass(frozen=True)
class PlanningCell:
    module: ModulePage
    state: str
    entries: tuple[PlanningEntry, ...]


@dataclass(frozen=True)
class PlanningRow:
    politikreds: Politikreds
    cells: tuple[PlanningCell, ...]


@dataclass(frozen=True)
class PlanningMatrix:
    year: int
    modules: tuple[ModulePage, ...]
    rows: tuple[PlanningRow, ...]
    districts_without_grundmodul: tuple[Politikreds, ...]
    years: tuple[int, ...] = field(default_factory=tuple)


def _entry_dates(offering: Offering) -> tuple[datetime.date, ...]:
    # The prefetched sessions are the ones not cancelled, ordered by start.
    dates = sorted(
        {timezone.localtime(s.starts_at).date() for s in offering.sessions.all()}
    )
    return tuple(dates) if dates else (offering.planned_start,)


def planning_years(*, around: int) -> tuple[int, ...]:
    """The years the planning overview offers: every year with an offering plus two
    years either side of ``around``. One query; no side effects."""
    years = {d.year for d in Offering.objects.dates("planned_start", "year")}
    years.update(range(around - 2, around + 3))
    return tuple(sorted(years))


def planning_matrix(*, year: int) -> PlanningMatrix:
    """The district × module matrix for ``year``.

    Rows are the 12 police districts, columns the published modules (grundmodul
    first). A cell is *held* when an offering in the year has status ``afholdt``,
    *planned* when there is one planned, open or confirmed, and *missing* otherwise;
    cancelled offerings and cancelled sessions are not counted. Also lists the
    districts that have never had the grundmodul held or planned in any year.

    Six queries whatever the amount of data; no side effects.
    """
    modules = tuple(ModulePage.objects.live().order_by("kind", "title"))
    districts = tuple(Politikreds.objects.order_by("code"))
    offerings = (
        Offering.objects.filter(planned_start__year=year)
        .exclude(status=OfferingStatus.CANCELLED)
        .order_by("planned_start", "pk")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.filter(is_cancelled=False).order_by(
                    "starts_at"
                ),
            )
        )
    )
    by_cell: dict[tuple[str, int], list[PlanningEntry]] = {}
    for offering in offerings:
        by_cell.setdefault((offering.politikreds_id, offering.module_id), []).append(
            PlanningEntry(
                offering_id=offering.pk,
                status=offering.status,
                status_label=offering.get_status_display(),
                dates=_entry_dates(offering),
            )
        )
    rows = []
    for district in districts:
        cells = []
        for module in modules:
            entries = tuple(by_cell.get((district.code, module.pk), ()))
            if any(e.status == OfferingStatus.HELD for e in entries):
                state = CellState.HELD
            elif entries:
                state = CellState.PLANNED
            else:
                state = CellState.MISSING
            cells.append(PlanningCell(module=module, state=state, entries=entries))
        rows.append(PlanningRow(politikreds=district, cells=tuple(cells)))
    with_grundmodul = (
        Offering.objects.filter(module__kind=ModuleKind.BASE)
        .exclude(status=OfferingStatus.CANCELLED)
        .values("politikreds_id")
    )
    without = tuple(
        Politikreds.objects.exclude(code__in=with_grundmodul).order_by("code")
    )
    return PlanningMatrix(
        year=year,
        modules=modules,
        rows=tuple(rows),
        districts_without_grundmodul=without,
        years=planning_years(around=year),
    )


def _sessions_prefetch() -> Prefetch:
    return Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))


def offerings_upcoming(
    *,
    politikreds_code: str | None = None,
    module: ModulePage | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Offering]:
    """Offerings people can still be nominated for or take part in: not held, of a
    published module, starting today or later or with a session still to come.
    Cancelled ones stay listed until their dates have passed, shown as cancelled,
    so nobody who saw them plans to come. Optionally only one district's or one
    module's.

    Two queries when evaluated (offerings, sessions); no side effects.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    future_session = Session.objects.filter(
        offering=OuterRef("pk"), starts_at__gte=now, is_cancelled=False
    )
    queryset = (
        Offering.objects.filter(module__live=True)
        .exclude(status=OfferingStatus.HELD)
        .filter(Q(planned_start__gte=today) | Q(Exists(future_session)))
        .select_related("module", "politikreds")
        .prefetch_related(_sessions_prefetch())
        .order_by("politikreds_id", "planned_start", "pk")
    )
    if politikreds_code is not None:
        queryset = queryset.filter(politikreds_id=politikreds_code)
    if module is not None:
        queryset = queryset.filter(module=module)
    return queryset


@dataclass(frozen=True)
class DistrictOfferings:
    politikreds: Politikreds
    offerings: tuple[Offering, ...]


def offerings_upcoming_by_district(
    *, politikreds_code: str | None = None
) -> list[DistrictOfferings]:
    """``offerings_upcoming`` grouped by police district, districts in code order;
    districts without upcoming offerings are left out. Two queries; no side
    effects."""
    groups: dict[str, list[Offering]] = {}
    for offering in offerings_upcoming(politikreds_code=politikreds_code):
        # Offerings come ordered by district, so dict order is district order.
        groups.setdefault(offering.politikreds_id, []).append(offering)
    return [
        DistrictOfferings(politikreds=group[0].politikreds, offerings=tuple(group))
        for group in groups.values()
    ]


def politikredse_all() -> list[Politikreds]:
    """The 12 police districts in code order. One query; no side effects."""
    return list(Politikreds.objects.order_by("code"))


def offering_for_calendar(*, pk: int) -> Offering | None:
    """An offering with its module, district and every session (cancelled ones
    too, so calendars can mark them cancelled). Two queries; no side effects."""
    return (
        Offering.objects.select_related("module", "politikreds")
        .prefetch_related(_sessions_prefetch())
        .filter(pk=pk)
        .first()
    )


def calendar_sessions_for_user(*, user: User) -> QuerySet[Session]:
    """Every session of the offerings where ``user`` has a confirmed place,
    including cancelled sessions and sessions of cancelled offerings (a calendar
    must hear about a cancellation). One query; no side effects."""
    return (
        Session.objects.filter(
            offering__enrolments__user=user,
            offering__enrolments__status=EnrolmentStatus.CONFIRMED,
        )
        .select_related("offering__module", "offering__politikreds")
        .order_by("starts_at", "pk")
    )


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    """The feed with this secret token, if its owner is active. One query; no side
    effects."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
