"""Views for the networks, one module per area. Every view needs login; a network,
thread or post the person may not read answers 404, exactly like one that does not
exist."""

from .directory import directory, my_profile
from .forum import (
    index,
    network_detail,
    network_follow,
    notifications,
    post_accept,
    post_create,
    post_edit,
    post_history,
    post_report,
    post_useful,
    search,
    thread_create,
    thread_detail,
    thread_follow,
)
from .moderation import (
    moderation_log,
    moderation_post,
    moderation_queue,
    moderation_thread,
    network_admin,
    network_admin_close,
)
from .practice import practice_create, practice_detail, practice_list

__all__ = [
    "directory",
    "index",
    "moderation_log",
    "moderation_post",
    "moderation_queue",
    "moderation_thread",
    "my_profile",
    "network_admin",
    "network_admin_close",
    "network_detail",
    "network_follow",
    "notifications",
    "post_accept",
    "post_create",
    "post_edit",
    "post_history",
    "post_report",
    "post_useful",
    "practice_create",
    "practice_detail",
    "practice_list",
    "search",
    "thread_create",
    "thread_detail",
    "thread_follow",
]
