"""Helpers shared by the network views: lookups that answer 404 for what the
person may not read (exactly like what does not exist), and the form re-render with
the soft child-identification warning."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from network import selectors
from network.models import (
    Network,
    Post,
    Thread,
)

PAGE_SIZE = 25


def place_and_theme_filter_options() -> dict:
    """The choices for the filters the directory and the practice bank share
    (``network/_filter_place.html`` and ``network/_filter_theme.html``)."""
    return {
        "districts": selectors.politikreds_list(),
        "kommuner": selectors.kommune_list(),
        "themes": selectors.theme_networks(),
    }


def first_message(error: ValidationError) -> str:
    return error.messages[0] if error.messages else _("The input is not valid.")


def network_or_404(request: HttpRequest, slug: str) -> Network:
    try:
        return selectors.network_get(user=request.user, slug=slug)
    except Network.DoesNotExist:
        raise Http404 from None


def thread_or_404(request: HttpRequest, thread_id: int) -> Thread:
    try:
        return selectors.thread_get(user=request.user, thread_id=thread_id)
    except Thread.DoesNotExist:
        raise Http404 from None


def post_or_404(request: HttpRequest, post_id: int) -> Post:
    try:
        return selectors.post_get(user=request.user, post_id=post_id)
    except Post.DoesNotExist:
        raise Http404 from None


def require_moderator(request: HttpRequest) -> None:
    if not selectors.user_can_moderate(request.user):
        raise PermissionDenied


def thread_url(thread: Thread, post: Post | None = None) -> str:
    url = reverse("network:thread", args=[thread.pk])
    return f"{url}#post-{post.pk}" if post else url


def render_with_hints(request, template, context, form) -> HttpResponse:
    context = {**context, "form": form, "hints": form.child_hints()}
    return render(request, template, context)
