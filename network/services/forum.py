"""Writes for networks, threads and posts: Markdown stored sanitised, edit
history, quotes, useful marks and accepted answers. Every text goes through
``core.text_guard.validate_no_cpr`` before anything is written."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Politikreds, User
from core.markdown import markdown_render
from core.text_guard import validate_no_cpr
from courses.models import (
    Offering,
    OfferingStatus,
)
from network.models import (
    Follow,
    ModerationAction,
    Network,
    NetworkKind,
    NotificationKind,
    Post,
    PostRevision,
    PostUseful,
    Thread,
)
from network.selectors import (
    network_user_can_read,
    user_can_moderate,
)

from .moderation import moderation_log_add
from .notifications import notification_create, post_notify

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10000
DANISH_LETTERS = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)


# Networks -------------------------------------------------------------------------


def networks_sync() -> int:
    """Make sure there is one network per politikreds and one per offering that is
    not cancelled. Membership itself is computed when read (see
    ``selectors.networks_visible``), so it is always in sync with people's
    organisations and enrolments. Idempotent; returns how many networks it created."""
    created = 0
    for district in Politikreds.objects.filter(network__isnull=True):
        Network.objects.create(
            kind=NetworkKind.POLICE_DISTRICT,
            politikreds=district,
            name=district.name,
            slug=slugify(f"kreds-{district.name}".translate(DANISH_LETTERS))[:80],
            description=_("For the municipalities and the police of %(district)s.")
            % {"district": district.name},
        )
        created += 1
    offerings = (
        Offering.objects.filter(network__isnull=True)
        .exclude(status=OfferingStatus.CANCELLED)
        .select_related("module", "politikreds")
    )
    for offering in offerings:
        Network.objects.create(
            kind=NetworkKind.OFFERING,
            offering=offering,
            name=f"{offering.module.title} · {offering.politikreds.name} "
            f"{offering.planned_start:%Y}",
            slug=f"hold-{offering.pk}",
            description=_("For the participants and teachers of this offering."),
        )
        created += 1
    return created


def _check_admin(user: User) -> None:
    if not (user.is_active and user.has_perm("accounts.manage_offerings")):
        raise PermissionDenied(_("Only administrators can create and close networks."))


def network_theme_create(*, by: User, name: str, description: str = "") -> Network:
    """An administrator creates a national theme network (open to everyone logged
    in). Raises ValidationError for an empty or taken name."""
    _check_admin(by)
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the network a name."))
    slug = slugify(name.translate(DANISH_LETTERS))[:80]
    if not slug or Network.objects.filter(slug=slug).exists():
        raise ValidationError(_("A network with that name already exists."))
    return Network.objects.create(
        kind=NetworkKind.THEME, name=name, slug=slug, description=description
    )


def network_close(*, by: User, network: Network, closed: bool = True) -> Network:
    """An administrator closes (read-only) or reopens a network. Idempotent."""
    _check_admin(by)
    Network.objects.filter(pk=network.pk).update(is_closed=closed)
    network.is_closed = closed
    return network


# Threads and posts ----------------------------------------------------------------


def _check_can_write(*, user: User, thread: Thread | None, network: Network) -> None:
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to write in the networks."))
    if not network_user_can_read(user=user, network=network):
        raise PermissionDenied(_("You are not a member of this network."))
    if network.is_closed:
        raise ValidationError(_("The network is closed, so nothing new can be added."))
    if thread is not None and thread.is_locked and not user_can_moderate(user):
        raise ValidationError(_("The thread is locked by a moderator."))


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a text."))
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            _("The text may be at most %(max)d characters.") % {"max": BODY_MAX_LENGTH}
        )
    validate_no_cpr(body)
    return body


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the thread a title."))
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            _("The title may be at most %(max)d characters.")
            % {"max": TITLE_MAX_LENGTH}
        )
    validate_no_cpr(title)
    return title


def thread_follow_ensure(*, user: User, thread: Thread) -> None:
    """``user`` follows ``thread`` (writers follow what they write in). Idempotent."""
    Follow.objects.get_or_create(user=user, thread=thread, network=None)


def thread_create(*, user: User, network: Network, title: str, body: str) -> Thread:
    """Start a thread in ``network`` with ``body`` as its first post. The writer
    follows the thread; followers of the network and people mentioned are notified.

    Raises PermissionDenied when ``user`` is not in the network and ValidationError
    (Danish) for an empty or too long text, a closed network or a CPR number; nothing
    is stored then."""
    _check_can_write(user=user, thread=None, network=network)
    title = _clean_title(title)
    body = _clean_body(body)
    with transaction.atomic():
        thread = Thread.objects.create(
            network=network,
            title=title,
            author=user,
            last_activity_at=timezone.now(),
        )
        post = Post.objects.create(
            thread=thread, author=user, body=body, body_html=markdown_render(body)
        )
        thread_follow_ensure(user=user, thread=thread)
        post_notify(post=post)
    return thread


def post_create(
    *, user: User, thread: Thread, body: str, quoted_post: Post | None = None
) -> Post:
    """Reply in ``thread``, optionally quoting one of its posts. The writer follows
    the thread; followers of the thread or network and people @mentioned who can
    read the network are notified (in the site, and by e-mail as each prefers).

    Raises PermissionDenied / ValidationError (Danish) when the person is not in the
    network, the thread is locked, the network closed, the text empty, too long or
    holding a CPR number; nothing is stored then."""
    _check_can_write(user=user, thread=thread, network=thread.network)
    body = _clean_body(body)
    if quoted_post is not None and (
        quoted_post.thread_id != thread.pk or quoted_post.is_hidden
    ):
        raise ValidationError(_("You can only quote a visible post in the thread."))
    with transaction.atomic():
        post = Post.objects.create(
            thread=thread,
            author=user,
            body=body,
            body_html=markdown_render(body),
            quoted_post=quoted_post,
        )
        Thread.objects.filter(pk=thread.pk).update(last_activity_at=post.created_at)
        thread_follow_ensure(user=user, thread=thread)
        post_notify(post=post)
    return post


def post_edit(*, user: User, post: Post, body: str, reason: str = "") -> Post:
    """Change the text of ``post``; the previous text is kept as a PostRevision so
    the history can be read. The author may edit their own post while the thread is
    open; a moderator may edit any post and must give a reason, which is logged.

    Raises PermissionDenied / ValidationError (Danish); nothing changes then."""
    thread = post.thread
    is_author = post.author_id == user.pk
    is_moderator = user_can_moderate(user)
    if not network_user_can_read(user=user, network=thread.network):
        raise PermissionDenied(_("You are not a member of this network."))
    if not is_author and not is_moderator:
        raise PermissionDenied(_("You can only edit your own posts."))
    if is_author and not is_moderator and (thread.is_locked or post.is_hidden):
        raise ValidationError(_("The post can no longer be edited."))
    body = _clean_body(body)
    reason = (reason or "").strip()
    if not is_author and not reason:
        raise ValidationError(_("Give a reason for the moderator edit."))
    validate_no_cpr(reason)
    if body == post.body:
        return post
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        PostRevision.objects.create(post=locked, body=locked.body, edited_by=user)
        locked.body = body
        locked.body_html = markdown_render(body)
        locked.edited_at = timezone.now()
        locked.save(update_fields=["body", "body_html", "edited_at"])
        if not is_author:
            moderation_log_add(
                moderator=user,
                action=ModerationAction.EDIT,
                thread=thread,
                post=locked,
                reason=reason,
            )
    return locked


def post_useful_toggle(*, user: User, post: Post) -> bool:
    """Mark ``post`` as useful, or take the mark back. Returns whether it is marked
    now. One mark per person and post (a unique constraint)."""
    if not network_user_can_read(user=user, network=post.thread.network):
        raise PermissionDenied(_("You are not a member of this network."))
    if post.author_id == user.pk:
        raise ValidationError(_("You cannot mark your own post as useful."))
    deleted, _details = PostUseful.objects.filter(post=post, user=user).delete()
    if deleted:
        return False
    PostUseful.objects.get_or_create(post=post, user=user)
    return True


def thread_accept_answer(*, user: User, thread: Thread, post: Post | None) -> Thread:
    """The thread's starter or a moderator marks ``post`` as the accepted answer
    (``None`` takes it back). The answer's author is notified. Raises
    PermissionDenied for anyone else, ValidationError for a post of another thread,
    the opening post or a hidden post."""
    if not network_user_can_read(user=user, network=thread.network):
        raise PermissionDenied(_("You are not a member of this network."))
    if thread.author_id != user.pk and not user_can_moderate(user):
        raise PermissionDenied(
            _("Only the person who started the thread or a moderator can do that.")
        )
    if post is not None:
        first_post = (
            Post.objects.filter(thread=thread).order_by("created_at", "pk").first()
        )
        first_post_id = first_post.pk if first_post is not None else None
        if post.thread_id != thread.pk or post.is_hidden or post.pk == first_post_id:
            raise ValidationError(_("Choose a reply in this thread."))
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(accepted_post=post)
        thread.accepted_post = post
        if post is not None and post.author is not None and post.author_id != user.pk:
            notification_create(
                recipient=post.author, post=post, kind=NotificationKind.ACCEPTED
            )
    return thread
