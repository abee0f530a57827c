"""Reads for the practice bank: the filtered list, one example, and the prevention
levels to filter by."""

from django.db.models import Count, Prefetch, Q, QuerySet

from courses.models import PreventionLevel
from network.models import Network, PracticeExample


def practice_example_list(
    *,
    user,
    politikreds_code: str = "",
    kommune_code: str = "",
    prevention_level_slug: str = "",
    evidence_level: str = "",
    theme_slug: str = "",
    target_group: str = "",
) -> QuerySet[PracticeExample]:
    """Practice examples, filtered, with municipality, district, level and themes
    (two queries whatever the number). Every logged-in person may read them."""
    if not user.is_authenticated:
        return PracticeExample.objects.none()
    queryset = PracticeExample.objects.select_related(
        "kommune__politikreds", "prevention_level"
    ).prefetch_related(
        Prefetch("themes", queryset=Network.objects.order_by("order", "name"))
    )
    if politikreds_code:
        queryset = queryset.filter(kommune__politikreds_id=politikreds_code)
    if kommune_code:
        queryset = queryset.filter(kommune_id=kommune_code)
    if prevention_level_slug:
        queryset = queryset.filter(prevention_level__slug=prevention_level_slug)
    if evidence_level:
        queryset = queryset.filter(evidence_level=evidence_level)
    if theme_slug:
        queryset = queryset.filter(themes__slug=theme_slug)
    if target_group:
        queryset = queryset.filter(target_group__icontains=target_group)
    return queryset.order_by("-created_at", "-pk")


def practice_example_get(*, user, example_id: int) -> PracticeExample:
    """One example with its places, level, contact and reviewer, and the number of
    visible replies in its discussion (``reply_count``), in one query; raises
    PracticeExample.DoesNotExist for anonymous people."""
    if not user.is_authenticated:
        raise PracticeExample.DoesNotExist
    return (
        PracticeExample.objects.select_related(
            "kommune__politikreds",
            "prevention_level",
            "contact__organisation",
            "evidence_reviewed_by",
            "thread",
        )
        .annotate(
            reply_count=Count("thread__posts", filter=Q(thread__posts__is_hidden=False))
        )
        .get(pk=example_id)
    )


def prevention_level_list() -> QuerySet[PreventionLevel]:
    """The prevention levels to filter the practice bank by, in their order."""
    return PreventionLevel.objects.order_by("order")
