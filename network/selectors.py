"""Reads for networks, threads, the practice bank, the directory, notifications and
moderation. Every read that shows forum content starts from ``networks_visible`` so
no page, search, notification or e-mail shows a network the person is not in.
Querysets come with their joins and prefetches, so pages run a fixed number of
queries whatever their size."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Concat, Lower, Replace

from accounts.models import User
from courses.models import Enrolment, EnrolmentStatus, Offering

from .models import (
    Follow,
    MemberProfile,
    ModerationLogEntry,
    Network,
    NetworkKind,
    Notification,
    Post,
    PostUseful,
    PracticeExample,
    Report,
    Thread,
)

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
        status=EnrolmentStatus.BEKRAEFTET,
    )
    responsible = Offering.responsible.through.objects.filter(
        offering_id=OuterRef("offering_id"), user_id=user.pk
    )
    condition = Q(kind=NetworkKind.TEMA) | (
        Q(kind=NetworkKind.HOLD) & (Exists(confirmed) | Exists(responsible))
    )
    district = user_district_code(user)
    if district:
        condition |= Q(kind=NetworkKind.POLITIKREDS, politikreds_id=district)
    return queryset.filter(condition)


def network_user_can_read(*, user, network: Network) -> bool:
    return networks_visible(user=user).filter(pk=network.pk).exists()


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
    if not user.is_authenticated:
        raise PracticeExample.DoesNotExist
    return PracticeExample.objects.select_related(
        "kommune__politikreds",
        "prevention_level",
        "contact__organisation",
        "evidence_reviewed_by",
        "thread",
    ).get(pk=example_id)


def theme_networks() -> QuerySet[Network]:
    return Network.objects.filter(kind=NetworkKind.TEMA).exclude(
        slug=PRACTICE_NETWORK_SLUG
    )


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


def site_email_frequency(user) -> str:
    from .models import EmailFrequency, NotificationPreference

    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email_frequency if preference else EmailFrequency.DAILY
