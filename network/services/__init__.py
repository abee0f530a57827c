"""Writes for networks, one module per area: forum (networks, threads, posts),
notifications (follows, notifications, digests), moderation, practice (the practice
bank) and directory (the opt-in member directory).

Every service that stores text a person typed runs it through
``core.text_guard.validate_no_cpr`` before writing anything, so a CPR number is
refused with a Danish explanation and nothing of the text is stored, whichever form,
API or script calls the service.
"""

from .directory import member_profile_save
from .forum import (
    network_close,
    network_theme_create,
    networks_sync,
    post_create,
    post_edit,
    post_useful_toggle,
    thread_accept_answer,
    thread_create,
    thread_follow_ensure,
)
from .moderation import (
    moderation_log_add,
    post_hide,
    post_report,
    post_restore,
    reports_dismiss,
    thread_lock,
    thread_move,
)
from .notifications import (
    follow_toggle,
    notification_create,
    notification_digests_send,
    notification_preference_set,
    notifications_mark_read,
    post_notify,
)
from .practice import (
    practice_example_create,
    practice_example_review,
    practice_network,
)

__all__ = [
    "follow_toggle",
    "member_profile_save",
    "moderation_log_add",
    "network_close",
    "network_theme_create",
    "networks_sync",
    "notification_create",
    "notification_digests_send",
    "notification_preference_set",
    "notifications_mark_read",
    "post_create",
    "post_edit",
    "post_hide",
    "post_notify",
    "post_report",
    "post_restore",
    "post_useful_toggle",
    "practice_example_create",
    "practice_example_review",
    "practice_network",
    "reports_dismiss",
    "thread_accept_answer",
    "thread_create",
    "thread_follow_ensure",
    "thread_lock",
    "thread_move",
]
