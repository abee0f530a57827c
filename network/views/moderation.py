"""Views for moderators: the queue, the log and the actions on posts and threads;
and for administrators, creating and closing networks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.feedback import error_messages
from network import selectors, services
from network.forms import (
    ActionForm,
    MoveForm,
    NetworkCloseForm,
    NetworkCreateForm,
    ReasonForm,
)

from .common import (
    network_or_404,
    post_or_404,
    require_moderator,
    thread_or_404,
    thread_url,
)


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    require_moderator(request)
    return render(
        request,
        "network/moderation_queue.html",
        {
            "posts": selectors.moderation_queue(),
            "hidden_posts": selectors.hidden_post_list(limit=50),
        },
    )


@login_required
def moderation_log(request: HttpRequest) -> HttpResponse:
    require_moderator(request)
    page = Paginator(selectors.moderation_log(), 50).get_page(request.GET.get("side"))
    return render(request, "network/moderation_log.html", {"page_obj": page})


@login_required
@require_POST
def moderation_post(request: HttpRequest, post_id: int) -> HttpResponse:
    require_moderator(request)
    post = post_or_404(request, post_id)
    form = ReasonForm(request.POST)
    actions = {
        "hide": (services.post_hide, _("The post is hidden.")),
        "restore": (services.post_restore, _("The post is shown again.")),
        "dismiss": (services.reports_dismiss, _("The reports are closed.")),
    }
    chosen = ActionForm(request.POST, actions=tuple(actions))
    if not chosen.is_valid():
        raise Http404
    action = actions[chosen.cleaned_data["action"]]
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
    else:
        try:
            action[0](
                moderator=request.user, post=post, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, action[1])
    if chosen.cleaned_data["next"] == "queue":
        return redirect("network:moderation")
    return redirect(thread_url(post.thread, post))


@login_required
@require_POST
def moderation_thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    require_moderator(request)
    thread = thread_or_404(request, thread_id)
    chosen = ActionForm(request.POST, actions=("lock", "unlock", "move"))
    if not chosen.is_valid():
        raise Http404
    action = chosen.cleaned_data["action"]
    try:
        if action in ("lock", "unlock"):
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give a reason."))
            services.thread_lock(
                moderator=request.user,
                thread=thread,
                locked=action == "lock",
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request,
                _("The thread is locked.")
                if action == "lock"
                else _("The thread is open again."),
            )
        else:
            form = MoveForm(
                request.POST, networks=selectors.networks_visible(user=request.user)
            )
            if not form.is_valid():
                raise ValidationError(_("Choose a network and give a reason."))
            services.thread_move(
                moderator=request.user,
                thread=thread,
                network=form.cleaned_data["network"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The thread is moved."))
    except ValidationError as error:
        error_messages(request, error)
    return redirect(thread_url(thread))


def _require_administrator(request: HttpRequest) -> None:
    if not request.user.has_perm("accounts.manage_offerings"):
        raise PermissionDenied


@login_required
def network_admin(request: HttpRequest) -> HttpResponse:
    """Administrators create theme networks and close or reopen any network."""
    _require_administrator(request)
    form = NetworkCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_theme_create(
                by=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The network is created."))
            return redirect("network:network", slug=network.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "network/network_admin.html",
        {"form": form, "networks": selectors.network_list(user=request.user)},
        status=status,
    )


@login_required
@require_POST
def network_admin_close(request: HttpRequest, slug: str) -> HttpResponse:
    _require_administrator(request)
    network = network_or_404(request, slug)
    form = NetworkCloseForm(request.POST)
    closed = form.is_valid() and form.cleaned_data["closed"]
    services.network_close(by=request.user, network=network, closed=closed)
    messages.success(
        request,
        _("The network is closed.") if closed else _("The network is open again."),
    )
    return redirect("network:network_admin")
