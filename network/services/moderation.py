"""Moderation: reports, hide/restore, dismiss, lock and move, each logged with
its reason in ModerationLogEntry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.text_guard import validate_no_cpr
from network.models import (
    ModerationAction,
    ModerationLogEntry,
    Network,
    Post,
    PracticeExample,
    Report,
    Thread,
)
from network.selectors import (
    PRACTICE_NETWORK_SLUG,
    network_user_can_read,
    user_can_moderate,
)

REASON_MAX_LENGTH = 500


# Moderation -----------------------------------------------------------------------


def moderator_check(user: User) -> None:
    """Raise PermissionDenied unless ``user`` may moderate the networks."""
    if not user_can_moderate(user):
        raise PermissionDenied(_("Only moderators can do that."))


def reason_clean(reason: str) -> str:
    """The stripped reason; ValidationError (Danish) when empty, too long or holding
    a CPR number."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("The reason may be at most %(max)d characters.")
            % {"max": REASON_MAX_LENGTH}
        )
    validate_no_cpr(reason)
    return reason


def moderation_log_add(
    *,
    moderator: User,
    action: str,
    reason: str,
    thread: Thread | None = None,
    post: Post | None = None,
    practice_example: PracticeExample | None = None,
) -> ModerationLogEntry:
    """Record a moderator action with its reason (the moderation log)."""
    return ModerationLogEntry.objects.create(
        moderator=moderator,
        action=action,
        thread=thread,
        post=post,
        practice_example=practice_example,
        reason=reason,
    )


def post_report(*, user: User, post: Post, reason: str) -> Report:
    """Anyone who can read the post flags it for the moderators with a reason.
    Raises ValidationError (Danish) for an empty reason or one with a CPR number."""
    if not network_user_can_read(user=user, network=post.thread.network):
        raise PermissionDenied(_("You are not a member of this network."))
    reason = reason_clean(reason)
    return Report.objects.create(post=post, reporter=user, reason=reason)


def _reports_resolve(*, moderator: User, post: Post) -> None:
    Report.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )


def post_hide(*, moderator: User, post: Post, reason: str) -> Post:
    """Hide a post from everyone but moderators, resolve its reports and log it."""
    moderator_check(moderator)
    reason = reason_clean(reason)
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(is_hidden=True, hidden_reason=reason)
        post.is_hidden, post.hidden_reason = True, reason
        _reports_resolve(moderator=moderator, post=post)
        if post.thread.accepted_post_id == post.pk:
            Thread.objects.filter(pk=post.thread_id).update(accepted_post=None)
        moderation_log_add(
            moderator=moderator,
            action=ModerationAction.HIDE,
            thread=post.thread,
            post=post,
            reason=reason,
        )
    return post


def post_restore(*, moderator: User, post: Post, reason: str) -> Post:
    """Show a hidden post again and log it."""
    moderator_check(moderator)
    reason = reason_clean(reason)
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(is_hidden=False, hidden_reason="")
        post.is_hidden, post.hidden_reason = False, ""
        moderation_log_add(
            moderator=moderator,
            action=ModerationAction.RESTORE,
            thread=post.thread,
            post=post,
            reason=reason,
        )
    return post


def reports_dismiss(*, moderator: User, post: Post, reason: str) -> None:
    """Close a post's open reports without hiding it, and log it."""
    moderator_check(moderator)
    reason = reason_clean(reason)
    with transaction.atomic():
        _reports_resolve(moderator=moderator, post=post)
        moderation_log_add(
            moderator=moderator,
            action=ModerationAction.DISMISS,
            thread=post.thread,
            post=post,
            reason=reason,
        )


def thread_lock(
    *, moderator: User, thread: Thread, locked: bool, reason: str
) -> Thread:
    """Lock (no new replies or edits) or unlock a thread, and log it."""
    moderator_check(moderator)
    reason = reason_clean(reason)
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
        thread.is_locked = locked
        moderation_log_add(
            moderator=moderator,
            action=ModerationAction.LOCK if locked else ModerationAction.UNLOCK,
            thread=thread,
            reason=reason,
        )
    return thread


def thread_move(
    *, moderator: User, thread: Thread, network: Network, reason: str
) -> Thread:
    """Move a thread to another network, and log it. A practice example's
    discussion stays in the practice bank."""
    moderator_check(moderator)
    reason = reason_clean(reason)
    if network.slug == PRACTICE_NETWORK_SLUG or thread.network.slug == (
        PRACTICE_NETWORK_SLUG
    ):
        raise ValidationError(_("Practice example discussions cannot be moved."))
    if network.pk == thread.network_id:
        raise ValidationError(_("The thread is already in that network."))
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(network=network)
        # Following the old network says nothing about the new one.
        thread.network = network
        moderation_log_add(
            moderator=moderator,
            action=ModerationAction.MOVE,
            thread=thread,
            reason=reason,
        )
    return thread
