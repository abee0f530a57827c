"""Following, notifications and e-mail about them: immediately, or in a daily or
weekly digest that claims each notification before its e-mail is scheduled."""

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.mail import absolute_url, email_schedule
from courses.models import (
    Enrolment,
    EnrolmentStatus,
)
from network.models import (
    EmailFrequency,
    Follow,
    Network,
    NetworkKind,
    Notification,
    NotificationKind,
    NotificationPreference,
    Post,
    Thread,
)
from network.selectors import (
    MODERATE_PERMISSION,
    network_user_can_read,
    networks_visible,
    users_by_mention_handle,
)

MENTION_PATTERN = re.compile(r"(?<![\w.])@([\w][\w.\-]*[\w])", re.UNICODE)


# Following and notifications -----------------------------------------------------


def follow_toggle(
    *, user: User, network: Network | None = None, thread: Thread | None = None
) -> bool:
    """Follow a network or a thread, or stop following it. Returns whether the
    person follows it now."""
    if network is None and thread is None:
        raise ValueError("follow_toggle needs a network or a thread")
    target_network = network if network is not None else thread.network  # type: ignore[union-attr]
    if not network_user_can_read(user=user, network=target_network):
        raise PermissionDenied(_("You are not a member of this network."))
    lookup: dict[str, Any] = {"user": user, "network": network, "thread": thread}
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
    if network.kind == NetworkKind.THEME:
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
    if network.kind == NetworkKind.POLICE_DISTRICT:
        member = Q(organisation__kommune__politikreds_id=network.politikreds_id) | Q(
            organisation__politikreds_id=network.politikreds_id
        )
    else:
        member = Q(
            Exists(
                Enrolment.objects.filter(
                    offering_id=network.offering_id,  # type: ignore[misc]
                    user_id=OuterRef("pk"),
                    status=EnrolmentStatus.CONFIRMED,
                )
            )
        ) | Q(responsible_offerings=network.offering_id)
    return User.objects.filter(pk__in=people.filter(member | moderator).values("pk"))


def _email_frequency(user: User) -> str:
    preference = getattr(user, "network_preference", None)
    return preference.email_frequency if preference else EmailFrequency.DAILY


def notification_create(
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


def post_notify(*, post: Post) -> int:
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
        count += notification_create(recipient=reader, post=post, kind=kind) is not None
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
