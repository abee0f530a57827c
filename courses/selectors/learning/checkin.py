"""The check-in list of a session."""

from django.db.models import (
    OuterRef,
    Subquery,
)

from accounts.models import User
from courses.models import (
    EnrolmentStatus,
    Session,
    SessionAttendance,
)


def session_checkin_list(*, session: Session) -> list[User]:
    """The confirmed participants of the session's offering, by name, each with
    ``present`` set to True/False as recorded for this session, or None when nothing
    is recorded yet. One query. Read-only."""
    return list(
        User.objects.filter(
            enrolments__offering_id=session.offering_id,
            enrolments__status=EnrolmentStatus.CONFIRMED,
        )
        .select_related("organisation")
        .annotate(
            present=Subquery(
                SessionAttendance.objects.filter(
                    session=session, user=OuterRef("pk")
                ).values("present")[:1]
            )
        )
        .order_by("last_name", "first_name", "pk")
    )
