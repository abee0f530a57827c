"""Template helpers for the networks."""

from django import template

from network.selectors import mention_handle

register = template.Library()


@register.filter
def handle(user) -> str:
    """The person's @handle for mentions ("ditte.deltager")."""
    return mention_handle(user) if user else ""
