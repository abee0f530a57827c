"""Reads for the opt-in member directory and one's own profile, and the places
(districts, municipalities) the directory and the practice bank filter by."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Kommune, Politikreds
from network.models import MemberProfile, Network


def member_directory(
    *,
    user,
    politikreds_code: str = "",
    kommune_code: str = "",
    sector: str = "",
    theme_slug: str = "",
) -> QuerySet[MemberProfile]:
    """People who opted in to the directory, filtered. A filter on a field someone
    chose not to show never finds them, so the filter cannot reveal it. Two queries
    whatever the number."""
    if not user.is_authenticated:
        return MemberProfile.objects.none()
    queryset = (
        MemberProfile.objects.filter(is_listed=True, user__is_active=True)
        .select_related("user__organisation__kommune__politikreds")
        .prefetch_related(
            Prefetch("themes", queryset=Network.objects.order_by("order", "name"))
        )
    )
    if politikreds_code:
        queryset = queryset.filter(show_organisation=True).filter(
            Q(user__organisation__kommune__politikreds_id=politikreds_code)
            | Q(user__organisation__politikreds_id=politikreds_code)
        )
    if kommune_code:
        queryset = queryset.filter(
            show_organisation=True, user__organisation__kommune_id=kommune_code
        )
    if sector:
        queryset = queryset.filter(show_sector=True, user__sector=sector)
    if theme_slug:
        queryset = queryset.filter(themes__slug=theme_slug)
    return queryset.order_by("user__first_name", "user__last_name", "pk")


def member_profile_get(*, user) -> MemberProfile | None:
    """The person's own directory profile with its themes (two queries), or None
    when they have not saved one."""
    return MemberProfile.objects.filter(user=user).prefetch_related("themes").first()


@dataclass
class DirectoryPage:
    """What the directory shows: the listed people (a queryset to page) and whether
    the person looking is listed themselves."""

    profiles: QuerySet[MemberProfile]
    is_listed: bool


def directory_page(
    *,
    user,
    politikreds_code: str = "",
    kommune_code: str = "",
    sector: str = "",
    theme_slug: str = "",
) -> DirectoryPage:
    """The filtered directory (``member_directory``, not yet run) and whether
    ``user`` is listed (one query)."""
    return DirectoryPage(
        profiles=member_directory(
            user=user,
            politikreds_code=politikreds_code,
            kommune_code=kommune_code,
            sector=sector,
            theme_slug=theme_slug,
        ),
        is_listed=MemberProfile.objects.filter(user=user, is_listed=True).exists(),
    )


def politikreds_list() -> QuerySet[Politikreds]:
    """The police districts by name, for the directory's and practice bank's
    filters."""
    return Politikreds.objects.order_by("name")


def kommune_list() -> QuerySet[Kommune]:
    """The municipalities by name, for the directory's and practice bank's
    filters."""
    return Kommune.objects.order_by("name")
