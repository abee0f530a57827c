"""Reads for networks, threads, the practice bank, the directory, notifications and
moderation, one module per flow (``access`` holds the gate the others share). Every
read that shows forum content starts from ``networks_visible`` so no page, search,
notification or e-mail shows a network the person is not in. Querysets come with
their joins and prefetches, so pages run a fixed number of queries whatever their
size."""

from .access import (
    MODERATE_PERMISSION,
    PRACTICE_NETWORK_SLUG,
    network_user_can_read,
    networks_visible,
    user_can_moderate,
    user_district_code,
)
from .directory import (
    DirectoryPage,
    directory_page,
    kommune_list,
    member_directory,
    member_profile_get,
    politikreds_list,
)
from .forum import (
    NetworkPage,
    ThreadPage,
    mention_handle,
    network_get,
    network_list,
    network_page,
    notification_list,
    notification_unread_count,
    post_for_quote,
    post_get,
    post_list,
    post_revisions,
    search,
    site_email_frequency,
    theme_networks,
    thread_get,
    thread_list,
    thread_page,
    users_by_mention_handle,
)
from .moderation import hidden_post_list, moderation_log, moderation_queue
from .practice import (
    practice_example_get,
    practice_example_list,
    prevention_level_list,
)

__all__ = [
    "MODERATE_PERMISSION",
    "PRACTICE_NETWORK_SLUG",
    "DirectoryPage",
    "NetworkPage",
    "ThreadPage",
    "directory_page",
    "hidden_post_list",
    "kommune_list",
    "member_directory",
    "member_profile_get",
    "mention_handle",
    "moderation_log",
    "moderation_queue",
    "network_get",
    "network_list",
    "network_page",
    "network_user_can_read",
    "networks_visible",
    "notification_list",
    "notification_unread_count",
    "politikreds_list",
    "post_for_quote",
    "post_get",
    "post_list",
    "post_revisions",
    "practice_example_get",
    "practice_example_list",
    "prevention_level_list",
    "search",
    "site_email_frequency",
    "theme_networks",
    "thread_get",
    "thread_list",
    "thread_page",
    "user_can_moderate",
    "user_district_code",
    "users_by_mention_handle",
]
