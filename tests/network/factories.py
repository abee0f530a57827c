"""Helpers for network tests: people in given municipalities or districts, and
threads written through the services."""

from django.contrib.auth.models import Group

from accounts.models import Organisation
from accounts.roles import ROLE_GROUPS, Role
from network.models import Network, NetworkKind, Post, Thread
from network.services import networks_sync, post_create, thread_create
from tests.accounts.factories import UserFactory

AARHUS = "0751"  # Østjyllands Politi (1461)
RANDERS = "0730"  # Østjyllands Politi (1461)
ODENSE = "0461"  # Fyns Politi (1465)


def person(kommune_code: str = AARHUS, *, roles=(Role.PARTICIPANT,), **fields):
    """An active, verified person working in the municipality ``kommune_code``."""
    return UserFactory(
        organisation=Organisation.objects.get(kommune__code=kommune_code),
        roles=roles,
        **fields,
    )


def moderator(**fields):
    return UserFactory(
        organisation=Organisation.objects.get(name="Socialstyrelsen"),
        roles=(Role.PRESENTER,),
        **fields,
    )


def theme_network(slug: str = "digital-dannelse") -> Network:
    return Network.objects.get(slug=slug, kind=NetworkKind.THEME)


def district_network(code: str) -> Network:
    networks_sync()
    return Network.objects.get(politikreds_id=code)


def thread_with_replies(
    *, network: Network, author, repliers=(), title: str = "Et spørgsmål"
) -> Thread:
    thread = thread_create(
        user=author, network=network, title=title, body="Hvad gør I med **det**?"
    )
    for number, replier in enumerate(repliers, start=1):
        post_create(user=replier, thread=thread, body=f"Svar nummer {number}")
    return thread


def first_post(thread: Thread) -> Post:
    return thread.posts.order_by("created_at", "pk").first()


def role_group(role: Role) -> Group:
    return Group.objects.get(name=ROLE_GROUPS[role].group_name)
