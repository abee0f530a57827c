"""Writes for networks: threads and posts (with edit history, quotes, mentions,
useful marks and accepted answers), following and notifications, moderation, the
practice bank and the member directory.

Every service that stores text a person typed runs it through
``core.text_guard.validate_no_cpr`` before writing anything, so a CPR number is
refused with a Danish explanation and nothing of the text is stored, whichever form,
API or script calls the service.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Kommune, Politikreds, User
from core.mail import absolute_url, email_schedule
from core.markdown import markdown_render
from core.text_guard import validate_no_cpr
from courses.models import (
    Enrolment,
    EnrolmentStatus,
    Offering,
    OfferingStatus,
    PreventionLevel,
)

from .models import (
    EmailFrequency,
    EvidenceLevel,
    Follow,
    MemberProfile,
    ModerationAction,
    ModerationLogEntry,
    Network,
    NetworkKind,
    Notification,
    NotificationKind,
    NotificationPreference,
    Post,
    PostRevision,
    PostUseful,
    PracticeExample,
    Report,
    Thread,
)
from .selectors import (
    MODERATE_PERMISSION,
    PRACTICE_NETWORK_SLUG,
    network_user_can_read,
    networks_visible,
    user_can_moderate,
    users_by_mention_handle,
)

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10000
REASON_MAX_LENGTH = 500
DANISH_LETTERS = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)
MENTION_PATTERN = re.compile(r"(?<![\w.])@([\w][\w.\-]*[\w])", re.UNICODE)


# Networks -------------------------------------------------------------------------


def networks_sync() -> int:
    """Make sure there is one network per politikreds and one per offering that is
    not cancelled. Membership itself is computed when read (see
    ``selectors.networks_visible``), so it is always in sync with people's
    organisations and enrolments. Idempotent; returns how many networks it created."""
    created = 0
    for district in Politikreds.objects.filter(network__isnull=True):
        Network.objects.create(
            kind=NetworkKind.POLITIKREDS,
            politikreds=district,
            name=district.name,
            slug=slugify(f"kreds-{district.name}".translate(DANISH_LETTERS))[:80],
            description=_("For the municipalities and the police of %(district)s.")
            % {"district": district.name},
        )
        created += 1
    offerings = (
        Offering.objects.filter(network__isnull=True)
        .exclude(status=OfferingStatus.AFLYST)
        .select_related("module", "politikreds")
    )
    for offering in offerings:
        Network.objects.create(
            kind=NetworkKind.HOLD,
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
        kind=NetworkKind.TEMA, name=name, slug=slug, description=description
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


def _follow_ensure(*, user: User, thread: Thread) -> None:
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
        _follow_ensure(user=user, thread=thread)
        _notify_about_post(post=post)
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
        _follow_ensure(user=user, thread=thread)
        _notify_about_post(post=post)
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
            _log(
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
        first_post_id = (
            Post.objects.filter(thread=thread).order_by("created_at", "pk").first().pk
        )
        if post.thread_id != thread.pk or post.is_hidden or post.pk == first_post_id:
            raise ValidationError(_("Choose a reply in this thread."))
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(accepted_post=post)
        thread.accepted_post = post
        if post is not None and post.author_id and post.author_id != user.pk:
            _notification_create(
                recipient=post.author, post=post, kind=NotificationKind.ACCEPTED
            )
    return thread


# Following and notifications -----------------------------------------------------


def follow_toggle(
    *, user: User, network: Network | None = None, thread: Thread | None = None
) -> bool:
    """Follow a network or a thread, or stop following it. Returns whether the
    person follows it now."""
    target_network = network if network is not None else thread.network
    if not network_user_can_read(user=user, network=target_network):
        raise PermissionDenied(_("You are not a member of this network."))
    lookup = {"user": user, "network": network, "thread": thread}
    deleted, _details = Follow.objects.filter(**lookup).delete()
    if deleted:
        return False
    Follow.objects.get_or_create(**lookup)
    return True


def notification_preference_set(*, user: User, email_frequency: str) -> None:
    """Choose e-mail about followed threads: immediately, a daily or weekly digest,
    or none. Idempotent."""
    if email_frequency not in EmailFrequency.values:
        raise ValidationError(_("Choose how often you want e-mail."))
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_frequency": email_frequency}
    )


def notifications_mark_read(*, user: User) -> int:
    """Mark all the person's notifications as read. Returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _readers_among(*, network: Network, user_ids: set[int]):
    """Of ``user_ids``, the active people who can read ``network`` (one query)."""
    people = User.objects.filter(pk__in=user_ids, is_active=True)
    if network.kind == NetworkKind.TEMA:
        return people
    app_label, codename = MODERATE_PERMISSION.split(".")
    moderator = (
        Q(is_superuser=True)
        | Q(
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label=app_label,
        )
        | Q(
            user_permissions__codename=codename,
            user_permissions__content_type__app_label=app_label,
        )
    )
    if network.kind == NetworkKind.POLITIKREDS:
        member = Q(organisation__kommune__politikreds_id=network.politikreds_id) | Q(
            organisation__politikreds_id=network.politikreds_id
        )
    else:
        member = Q(
            Exists(
                Enrolment.objects.filter(
                    offering_id=network.offering_id,
                    user_id=OuterRef("pk"),
                    status=EnrolmentStatus.BEKRAEFTET,
                )
            )
        ) | Q(responsible_offerings=network.offering_id)
    return User.objects.filter(pk__in=people.filter(member | moderator).values("pk"))


def _email_frequency(user: User) -> str:
    preference = getattr(user, "network_preference", None)
    return preference.email_frequency if preference else EmailFrequency.DAILY


def _notification_create(
    *, recipient: User, post: Post, kind: str
) -> Notification | None:
    """One in-site notification; e-mailed at once to people who want that. People
    who want digests get it in their next digest; others are marked handled."""
    notification, created = Notification.objects.get_or_create(
        recipient=recipient, post=post, defaults={"kind": kind}
    )
    if not created:
        return None
    frequency = _email_frequency(recipient)
    if frequency in (EmailFrequency.IMMEDIATE, EmailFrequency.NEVER):
        Notification.objects.filter(pk=notification.pk).update(
            digested_at=timezone.now()
        )
    if frequency == EmailFrequency.IMMEDIATE:
        thread = post.thread
        email_schedule(
            key=f"network-notification:{notification.pk}",
            to=recipient.email,
            template="network/email/notification",
            context={
                "kind": notification.get_kind_display(),
                "thread_title": thread.title,
                "network_name": thread.network.name,
                "url": absolute_url(
                    reverse("network:thread", args=[thread.pk]) + f"#post-{post.pk}"
                ),
                "preferences_url": absolute_url(reverse("network:notifications")),
            },
            user=recipient,
        )
    return notification


def _notify_about_post(*, post: Post) -> int:
    """Notify followers of the thread and the network, and people @mentioned, who
    can read the network; never the writer. Returns how many were notified."""
    thread = post.thread
    network = thread.network
    handles = {
        handle.lower() for handle in MENTION_PATTERN.findall(post.body) if handle
    }
    mentioned_ids = (
        set(users_by_mention_handle(handles=handles).values_list("pk", flat=True))
        if handles
        else set()
    )
    follower_ids = set(
        Follow.objects.filter(Q(thread=thread) | Q(network=network)).values_list(
            "user_id", flat=True
        )
    )
    candidate_ids = (mentioned_ids | follower_ids) - {post.author_id}
    if not candidate_ids:
        return 0
    readers = _readers_among(network=network, user_ids=candidate_ids).select_related(
        "network_preference"
    )
    count = 0
    for reader in readers:
        kind = (
            NotificationKind.MENTION
            if reader.pk in mentioned_ids
            else NotificationKind.REPLY
        )
        count += (
            _notification_create(recipient=reader, post=post, kind=kind) is not None
        )
    return count


def notification_digests_send(*, frequency: str) -> int:
    """Send the daily or weekly digest: for each person who chose ``frequency``, one
    e-mail listing the threads with new posts since their last digest that they may
    still read. Each notification is claimed (``digested_at``) in the same
    transaction that schedules the e-mail, under a row lock, so it is in one digest
    only, even when runs overlap or a task is retried; the e-mail key is unique per
    claimed set. Returns how many e-mails were scheduled."""
    if frequency not in (EmailFrequency.DAILY, EmailFrequency.WEEKLY):
        raise ValueError(frequency)
    wants = Q(recipient__network_preference__email_frequency=frequency)
    if frequency == EmailFrequency.DAILY:
        wants |= Q(recipient__network_preference__isnull=True)
    recipient_ids = (
        Notification.objects.filter(wants, digested_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    scheduled = 0
    for recipient in User.objects.filter(pk__in=list(recipient_ids), is_active=True):
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(recipient=recipient, digested_at__isnull=True)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if not pending:
                continue
            now = timezone.now()
            Notification.objects.filter(pk__in=pending).update(digested_at=now)
            visible = (
                Notification.objects.filter(
                    pk__in=pending,
                    read_at__isnull=True,
                    post__is_hidden=False,
                    post__thread__network__in=networks_visible(user=recipient),
                )
                .select_related("post__thread__network")
                .order_by("post__thread__title", "pk")
            )
            threads: dict[int, dict] = {}
            for notification in visible:
                thread = notification.post.thread
                entry = threads.setdefault(
                    thread.pk,
                    {
                        "title": thread.title,
                        "network_name": thread.network.name,
                        "url": absolute_url(
                            reverse("network:thread", args=[thread.pk])
                        ),
                        "count": 0,
                    },
                )
                entry["count"] += 1
            if not threads:
                continue
            email = email_schedule(
                key=f"network-digest:{recipient.pk}:{pending[0]}",
                to=recipient.email,
                template="network/email/digest",
                context={
                    "weekly": frequency == EmailFrequency.WEEKLY,
                    "threads": list(threads.values()),
                    "preferences_url": absolute_url(reverse("network:notifications")),
                },
                user=recipient,
            )
            scheduled += email is not None
    return scheduled


# Moderation -----------------------------------------------------------------------


def _check_moderator(user: User) -> None:
    if not user_can_moderate(user):
        raise PermissionDenied(_("Only moderators can do that."))


def _clean_reason(reason: str) -> str:
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


def _log(
    *,
    moderator: User,
    action: str,
    reason: str,
    thread: Thread | None = None,
    post: Post | None = None,
    practice_example: PracticeExample | None = None,
) -> ModerationLogEntry:
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
    reason = _clean_reason(reason)
    return Report.objects.create(post=post, reporter=user, reason=reason)


def _reports_resolve(*, moderator: User, post: Post) -> None:
    Report.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )


def post_hide(*, moderator: User, post: Post, reason: str) -> Post:
    """Hide a post from everyone but moderators, resolve its reports and log it."""
    _check_moderator(moderator)
    reason = _clean_reason(reason)
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(is_hidden=True, hidden_reason=reason)
        post.is_hidden, post.hidden_reason = True, reason
        _reports_resolve(moderator=moderator, post=post)
        if post.thread.accepted_post_id == post.pk:
            Thread.objects.filter(pk=post.thread_id).update(accepted_post=None)
        _log(
            moderator=moderator,
            action=ModerationAction.HIDE,
            thread=post.thread,
            post=post,
            reason=reason,
        )
    return post


def post_restore(*, moderator: User, post: Post, reason: str) -> Post:
    """Show a hidden post again and log it."""
    _check_moderator(moderator)
    reason = _clean_reason(reason)
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(is_hidden=False, hidden_reason="")
        post.is_hidden, post.hidden_reason = False, ""
        _log(
            moderator=moderator,
            action=ModerationAction.RESTORE,
            thread=post.thread,
            post=post,
            reason=reason,
        )
    return post


def reports_dismiss(*, moderator: User, post: Post, reason: str) -> None:
    """Close a post's open reports without hiding it, and log it."""
    _check_moderator(moderator)
    reason = _clean_reason(reason)
    with transaction.atomic():
        _reports_resolve(moderator=moderator, post=post)
        _log(
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
    _check_moderator(moderator)
    reason = _clean_reason(reason)
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
        thread.is_locked = locked
        _log(
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
    _check_moderator(moderator)
    reason = _clean_reason(reason)
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
        _log(
            moderator=moderator,
            action=ModerationAction.MOVE,
            thread=thread,
            reason=reason,
        )
    return thread


# Practice bank --------------------------------------------------------------------


def practice_network() -> Network:
    """The theme network that holds the practice examples' discussions."""
    network, _created = Network.objects.get_or_create(
        slug=PRACTICE_NETWORK_SLUG,
        defaults={
            "kind": NetworkKind.TEMA,
            "name": "Praksisbanken",
            "order": 99,
            "description": _("Discussions of the practice examples."),
        },
    )
    return network


PRACTICE_TEXT_FIELDS = (
    "title",
    "target_group",
    "problem",
    "what_was_done",
    "partners",
    "results",
)


def practice_example_create(
    *,
    user: User,
    title: str,
    kommune: Kommune,
    target_group: str,
    problem: str,
    what_was_done: str,
    prevention_level: PreventionLevel,
    evidence_level: str,
    partners: str = "",
    results: str = "",
    material_url: str = "",
    themes: list[Network] | tuple = (),
    contact: User | None = None,
) -> PracticeExample:
    """Add a practice example to the bank, with its own discussion thread. The
    evidence level is shown as self-assessed until a moderator reviews it.

    Raises ValidationError (Danish) for a missing required field, an unknown
    evidence level or a CPR number in any text; nothing is stored then."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to share a practice example."))
    values = {
        "title": (title or "").strip(),
        "target_group": (target_group or "").strip(),
        "problem": (problem or "").strip(),
        "what_was_done": (what_was_done or "").strip(),
        "partners": (partners or "").strip(),
        "results": (results or "").strip(),
    }
    for field in ("title", "target_group", "problem", "what_was_done"):
        if not values[field]:
            raise ValidationError(
                _("Fill in title, target group, problem and what was done.")
            )
    for field in PRACTICE_TEXT_FIELDS:
        validate_no_cpr(values[field])
    if evidence_level not in EvidenceLevel.values:
        raise ValidationError(_("Choose an evidence level."))
    if any(theme.kind != NetworkKind.TEMA for theme in themes):
        raise ValidationError(_("Choose themes among the theme networks."))
    example = PracticeExample(
        **values,
        kommune=kommune,
        prevention_level=prevention_level,
        evidence_level=evidence_level,
        material_url=material_url or "",
        contact=contact,
        author=user,
    )
    example.full_clean(exclude=["thread", "author", "contact"])
    with transaction.atomic():
        example.thread = Thread.objects.create(
            network=practice_network(),
            title=values["title"],
            author=user,
            last_activity_at=timezone.now(),
        )
        example.save()
        example.themes.set(themes)
        _follow_ensure(user=user, thread=example.thread)
    return example


def practice_example_review(
    *, moderator: User, example: PracticeExample, evidence_level: str, reason: str
) -> PracticeExample:
    """A moderator or administrator reviews the evidence level (keeping or changing
    it); from then on it is shown as reviewed. Logged with the reason."""
    _check_moderator(moderator)
    if evidence_level not in EvidenceLevel.values:
        raise ValidationError(_("Choose an evidence level."))
    reason = _clean_reason(reason)
    with transaction.atomic():
        example.evidence_level = evidence_level
        example.evidence_reviewed_at = timezone.now()
        example.evidence_reviewed_by = moderator
        example.save(
            update_fields=[
                "evidence_level",
                "evidence_reviewed_at",
                "evidence_reviewed_by",
            ]
        )
        _log(
            moderator=moderator,
            action=ModerationAction.REVIEW,
            thread=example.thread,
            practice_example=example,
            reason=reason,
        )
    return example


# Member directory -----------------------------------------------------------------


def member_profile_save(
    *,
    user: User,
    is_listed: bool,
    show_organisation: bool,
    show_sector: bool,
    job_title: str = "",
    bio: str = "",
    themes: list[Network] | tuple = (),
) -> MemberProfile:
    """Save the person's own directory entry. Nobody is listed unless they tick
    ``is_listed``. Raises ValidationError (Danish) for a CPR number or too long
    text; nothing changes then."""
    job_title = (job_title or "").strip()
    bio = (bio or "").strip()
    if len(job_title) > 120 or len(bio) > 600:
        raise ValidationError(
            _("The job may be at most 120 and the introduction 600 characters.")
        )
    validate_no_cpr(job_title)
    validate_no_cpr(bio)
    if any(theme.kind != NetworkKind.TEMA for theme in themes):
        raise ValidationError(_("Choose themes among the theme networks."))
    with transaction.atomic():
        profile, _created = MemberProfile.objects.update_or_create(
            user=user,
            defaults={
                "is_listed": is_listed,
                "show_organisation": show_organisation,
                "show_sector": show_sector,
                "job_title": job_title,
                "bio": bio,
            },
        )
        profile.themes.set(themes)
    return profile
