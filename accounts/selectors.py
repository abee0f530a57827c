"""Reads for accounts and organisations."""

from django.db.models import Count, QuerySet

from .models import Kommune, Organisation, Politikreds


def politikreds_list() -> QuerySet[Politikreds]:
    """All 12 districts with how many municipalities each has (one query)."""
    return Politikreds.objects.annotate(kommune_count=Count("kommuner")).order_by(
        "code"
    )


def kommune_list(*, politikreds_code: str | None = None) -> QuerySet[Kommune]:
    """Municipalities, optionally of one district, with their district joined."""
    queryset = Kommune.objects.select_related("politikreds")
    if politikreds_code:
        queryset = queryset.filter(politikreds_id=politikreds_code)
    return queryset.order_by("name")


def organisation_list(*, politikreds_code: str | None = None) -> QuerySet[Organisation]:
    """Organisations, optionally of one district (its police and municipalities)."""
    queryset = Organisation.objects.select_related(
        "kommune__politikreds", "politikreds"
    )
    if politikreds_code:
        queryset = queryset.in_politikreds(politikreds_code)
    return queryset.order_by("kind", "name")
