"""Who may read and moderate what. ``networks_visible`` is the one gate: every read
that shows forum content starts from it, so no page, search, notification or e-mail
shows a network the person is not in."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from courses.models import Enrolment, EnrolmentStatus, Offering
from network.models import Network, NetworkKind

MODERATE_PERMISSION = "accounts.moderate_network"
PRACTICE_NETWORK_SLUG = "praksisbank"


def user_can_moderate(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.has_perm(MODERATE_PERMISSION)
    )


def user_district_code(user) -> str | None:
    """The politikreds of the person's organisation (municipality or police)."""
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        return None
    if organisation.kommune_id:
        return organisation.kommune.politikreds_id
    return organisation.politikreds_id


def networks_visible(*, user) -> QuerySet[Network]:
    """The networks ``user`` may read: every theme network; the network of the
    district their organisation is in now; the networks of offerings they are a
    confirmed participant of or responsible for now. Moderators read all (they
    moderate them). Anonymous or inactive people read none."""
    if not user.is_authenticated or not user.is_active:
        return Network.objects.none()
    queryset = Network.objects.all()
    if user_can_moderate(user):
        return queryset
    confirmed = Enrolment.objects.filter(
        offering_id=OuterRef("offering_id"),
        user=user,
        status=EnrolmentStatus.CONFIRMED,
    )
    responsible = Offering.responsible.through.objects.filter(
        offering_id=OuterRef("offering_id"), user_id=user.pk
    )
    condition = Q(kind=NetworkKind.THEME) | (
        Q(kind=NetworkKind.OFFERING) & (Exists(confirmed) | Exists(responsible))
    )
    district = user_district_code(user)
    if district:
        condition |= Q(kind=NetworkKind.POLICE_DISTRICT, politikreds_id=district)
    return queryset.filter(condition)


def network_user_can_read(*, user, network: Network) -> bool:
    return networks_visible(user=user).filter(pk=network.pk).exists()
