"""Reads for moderators: the queue of reported posts, the hidden posts and the log."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from network.models import ModerationLogEntry, Post, Report


def moderation_queue() -> QuerySet[Post]:
    """Posts with open reports, oldest report first, with the reports (two
    queries)."""
    open_reports = Report.objects.filter(resolved_at__isnull=True)
    return (
        Post.objects.filter(Exists(open_reports.filter(post_id=OuterRef("pk"))))
        .select_related("thread__network", "author__organisation")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=open_reports.select_related("reporter").order_by("created_at"),
                to_attr="open_reports",
            )
        )
        .order_by("pk")
    )


def moderation_log() -> QuerySet[ModerationLogEntry]:
    return ModerationLogEntry.objects.select_related(
        "moderator", "thread", "post__thread", "practice_example"
    ).order_by("-created_at", "-pk")


def hidden_post_list(*, limit: int = 50) -> QuerySet[Post]:
    """The ``limit`` most recently written hidden posts with thread and author (one
    query), so a moderator can restore one."""
    return (
        Post.objects.filter(is_hidden=True)
        .select_related("thread", "author")
        .order_by("-pk")[:limit]
    )
