"""Reads for the forums: networks, threads, posts, @mentions, search and
notifications. Querysets come with their joins and prefetches, so pages run a fixed
number of queries whatever their size."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower, Replace

from accounts.models import User
from network.models import (
    Follow,
    Network,
    NetworkKind,
    Notification,
    Post,
    PostUseful,
    PracticeExample,
    Thread,
)

from .access import PRACTICE_NETWORK_SLUG, networks_visible, user_can_moderate


def network_list(*, user) -> QuerySet[Network]:
    """The index: visible networks with their thread counts (one query)."""
    return (
        networks_visible(user=user)
        .exclude(slug=PRACTICE_NETWORK_SLUG)
        .select_related("politikreds", "offering")
        .annotate(thread_count=Count("threads"))
        .order_by("kind", "order", "name")
    )


def network_get(*, user, slug: str) -> Network:
    """The visible network with ``slug``; raises Network.DoesNotExist otherwise (a
    private network someone is not in looks exactly like one that does not exist)."""
    return networks_visible(user=user).get(slug=slug)


def _posts_visible_to(user) -> Q:
    """Hidden posts are shown to moderators only."""
    return Q() if user_can_moderate(user) else Q(is_hidden=False)


def thread_list(*, user, network: Network) -> QuerySet[Thread]:
    """A network's threads, newest activity first, with author, reply count and
    whether an answer was accepted (one query; page it)."""
    return (
        Thread.objects.filter(network=network)
        .select_related("author__organisation")
        .annotate(
            post_count=Count("posts", filter=Q(posts__is_hidden=False)),
        )
        .order_by("-last_activity_at", "-pk")
    )


def thread_get(*, user, thread_id: int) -> Thread:
    """The thread if ``user`` may read its network; Thread.DoesNotExist otherwise."""
    return Thread.objects.select_related("network", "author", "accepted_post").get(
        pk=thread_id, network__in=networks_visible(user=user)
    )


def post_list(*, user, thread: Thread) -> QuerySet[Post]:
    """The posts of a thread in order, with authors, organisations, the quoted post,
    useful counts and whether ``user`` marked each one (a fixed number of queries:
    one for the posts; nothing per post)."""
    return (
        Post.objects.filter(thread=thread)
        .filter(_posts_visible_to(user))
        .select_related("author__organisation", "quoted_post__author", "thread")
        .annotate(
            useful_count=Count("useful_marks", distinct=True),
            marked_useful=Exists(
                PostUseful.objects.filter(post_id=OuterRef("pk"), user_id=user.pk)
            ),
            revision_count=Count("revisions", distinct=True),
        )
        .order_by("created_at", "pk")
    )


@dataclass
class NetworkPage:
    """What a network's page shows besides the network: its threads (a queryset
    to page) and whether the person follows it."""

    threads: QuerySet[Thread]
    follows: bool


def network_page(*, user, network: Network) -> NetworkPage:
    """A network's threads (``thread_list``, not yet run) and whether ``user``
    follows the network (one query)."""
    return NetworkPage(
        threads=thread_list(user=user, network=network),
        follows=Follow.objects.filter(user=user, network=network).exists(),
    )


@dataclass
class ThreadPage:
    """What a thread's page shows besides the thread."""

    posts: list[Post]
    can_moderate: bool
    follows: bool
    my_handle: str
    practice_example: PracticeExample | None
    # The networks a moderator may move the thread to; None for everyone else.
    move_networks: QuerySet[Network] | None


def thread_page(*, user, thread: Thread) -> ThreadPage:
    """The posts of a thread as ``user`` sees them (``post_list``), whether they
    may moderate and follow it, their mention handle, the practice example the
    thread belongs to, and for moderators the networks to move it to. A fixed
    number of queries whatever the number of posts."""
    can_moderate = user_can_moderate(user)
    return ThreadPage(
        posts=list(post_list(user=user, thread=thread)),
        can_moderate=can_moderate,
        follows=Follow.objects.filter(user=user, thread=thread).exists(),
        my_handle=mention_handle(user),
        practice_example=PracticeExample.objects.filter(thread=thread)
        .only("pk")
        .first(),
        move_networks=networks_visible(user=user).exclude(pk=thread.network_id)
        if can_moderate
        else None,
    )


def post_for_quote(
    *, thread: Thread, post_id: int, include_hidden: bool = False
) -> Post | None:
    """A post of ``thread`` to quote in a reply, or None when there is none (or it
    is hidden, unless ``include_hidden``)."""
    posts = Post.objects.filter(pk=post_id, thread=thread).select_related("author")
    if not include_hidden:
        posts = posts.filter(is_hidden=False)
    return posts.first()


def post_get(*, user, post_id: int) -> Post:
    """A post in a network ``user`` may read (hidden ones only for moderators)."""
    return (
        Post.objects.select_related("thread__network", "author")
        .filter(_posts_visible_to(user))
        .get(pk=post_id, thread__network__in=networks_visible(user=user))
    )


def post_revisions(*, post: Post):
    return post.revisions.select_related("edited_by")


def mention_handle(user: User) -> str:
    """The @handle of a person: first and last name joined by dots, lower case
    ("@ditte.deltager")."""
    return f"{user.first_name}.{user.last_name}".replace(" ", ".").lower()


def users_by_mention_handle(*, handles: set[str]) -> QuerySet[User]:
    """Active people whose @handle is in ``handles`` (one query)."""
    return (
        User.objects.filter(is_active=True)
        .annotate(
            handle=Lower(
                Replace(
                    Concat("first_name", Value("."), "last_name"),
                    Value(" "),
                    Value("."),
                )
            )
        )
        .filter(handle__in=handles)
    )


def search(*, user, query: str, limit: int = 50) -> dict:
    """Posts (with their threads) and practice examples matching ``query`` that
    ``user`` may read. PostgreSQL full-text search (Danish stemming) in services
    mode; a word-by-word ``icontains`` match on SQLite. Never returns hidden posts to
    non-moderators nor anything from a network the person is not in."""
    query = (query or "").strip()
    if not query:
        return {"posts": [], "examples": []}
    posts = Post.objects.filter(
        thread__network__in=networks_visible(user=user), is_hidden=False
    ).select_related("thread__network", "author__organisation")
    examples = PracticeExample.objects.filter(
        thread__network__in=networks_visible(user=user)
    ).select_related("kommune", "prevention_level")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
        )

        search_query = SearchQuery(query, config="danish", search_type="websearch")
        post_vector = SearchVector("thread__title", weight="A", config="danish") + (
            SearchVector("body", weight="B", config="danish")
        )
        posts = (
            posts.annotate(rank=SearchRank(post_vector, search_query))
            .filter(rank__gt=0)
            .order_by("-rank", "-created_at")
        )
        example_vector = SearchVector(
            "title", weight="A", config="danish"
        ) + SearchVector(
            "target_group", "problem", "what_was_done", "results", config="danish"
        )
        examples = (
            examples.annotate(rank=SearchRank(example_vector, search_query))
            .filter(rank__gt=0)
            .order_by("-rank", "-created_at")
        )
    else:
        for word in query.split():
            posts = posts.filter(
                Q(body__icontains=word) | Q(thread__title__icontains=word)
            )
            examples = examples.filter(
                Q(title__icontains=word)
                | Q(problem__icontains=word)
                | Q(what_was_done__icontains=word)
                | Q(target_group__icontains=word)
            )
        posts = posts.order_by("-created_at")
    return {"posts": list(posts[:limit]), "examples": list(examples[:limit])}


def theme_networks() -> QuerySet[Network]:
    return Network.objects.filter(kind=NetworkKind.THEME).exclude(
        slug=PRACTICE_NETWORK_SLUG
    )


def notification_list(*, user) -> QuerySet[Notification]:
    """The person's notifications about posts they may still read, newest first."""
    return (
        Notification.objects.filter(
            recipient=user,
            post__thread__network__in=networks_visible(user=user),
            post__is_hidden=False,
        )
        .select_related("post__thread__network", "post__author__organisation")
        .order_by("-created_at", "-pk")
    )


def notification_unread_count(*, user) -> int:
    return notification_list(user=user).filter(read_at__isnull=True).count()


def site_email_frequency(user) -> str:
    from network.models import EmailFrequency, NotificationPreference

    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email_frequency if preference else EmailFrequency.DAILY
