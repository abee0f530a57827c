"""Views for the forums: the index, a network, threads, posts, follows, search and
notifications. Thin: parse, check permission, call one service or selector, then
redirect (PRG) or render. Everything needs login."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.feedback import error_messages, error_to_form
from core.markdown import markdown_quote
from network import selectors, services
from network.forms import (
    MoveForm,
    PostEditForm,
    PostForm,
    PreferenceForm,
    ReportForm,
    SearchForm,
    ThreadForm,
)
from network.models import Thread

from .common import (
    PAGE_SIZE,
    first_message,
    network_or_404,
    post_or_404,
    render_with_hints,
    thread_or_404,
    thread_url,
)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    networks = list(selectors.network_list(user=request.user))
    return render(
        request,
        "network/index.html",
        {
            "theme_networks": [n for n in networks if n.kind == "tema"],
            "district_networks": [n for n in networks if n.kind == "politikreds"],
            "offering_networks": [n for n in networks if n.kind == "hold"],
            "search_form": SearchForm(),
            "unread": selectors.notification_unread_count(user=request.user),
            "can_moderate": selectors.user_can_moderate(request.user),
        },
    )


@login_required
def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_or_404(request, slug)
    if network.slug == selectors.PRACTICE_NETWORK_SLUG:
        return redirect("network:practice_list")
    network_page = selectors.network_page(user=request.user, network=network)
    page = Paginator(network_page.threads, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "network/network_detail.html",
        {"network": network, "page_obj": page, "follows": network_page.follows},
    )


@login_required
def thread_create(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_or_404(request, slug)
    context = {"network": network}
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.needs_confirmation:
            return render_with_hints(request, "network/thread_form.html", context, form)
        try:
            thread = services.thread_create(
                user=request.user,
                network=network,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Your thread is published."))
            return redirect(thread_url(thread))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "network/thread_form.html", {**context, "form": form}, status=status
    )


def _thread_context(request: HttpRequest, thread: Thread, form: PostForm) -> dict:
    thread_page = selectors.thread_page(user=request.user, thread=thread)
    posts, can_moderate = thread_page.posts, thread_page.can_moderate
    return {
        "thread": thread,
        "network": thread.network,
        "posts": posts,
        "first_post_id": posts[0].pk if posts else None,
        "form": form,
        "hints": form.child_hints() if form.is_bound and form.is_valid() else [],
        "can_moderate": can_moderate,
        "can_accept": thread.author_id == request.user.pk or can_moderate,
        "can_reply": not thread.network.is_closed
        and (not thread.is_locked or can_moderate),
        "follows": thread_page.follows,
        "my_handle": thread_page.my_handle,
        "practice_example": thread_page.practice_example,
        "move_form": MoveForm(networks=thread_page.move_networks)
        if thread_page.move_networks is not None
        else None,
    }


@login_required
def thread_detail(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = thread_or_404(request, thread_id)
    initial = {}
    quote_id = request.GET.get("citer", "")
    if quote_id.isdecimal():
        quoted = selectors.post_for_quote(thread=thread, post_id=int(quote_id))
        if quoted is not None:
            # The quoted post is linked ("Replying to ..."), so the quote needs no
            # name in the text, where it could look like a child's name to the guard.
            initial = {
                "quoted_post": quoted.pk,
                "body": f"{markdown_quote(quoted.body)}\n\n",
            }
    form = PostForm(initial=initial)
    return render(
        request, "network/thread_detail.html", _thread_context(request, thread, form)
    )


@login_required
@require_POST
def post_create(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = thread_or_404(request, thread_id)
    form = PostForm(request.POST)
    if form.is_valid():
        if form.needs_confirmation:
            return render(
                request,
                "network/thread_detail.html",
                _thread_context(request, thread, form),
            )
        quoted = None
        if form.cleaned_data.get("quoted_post"):
            quoted = selectors.post_for_quote(
                thread=thread,
                post_id=form.cleaned_data["quoted_post"],
                include_hidden=True,
            )
        try:
            post = services.post_create(
                user=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                quoted_post=quoted,
            )
        except ValidationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Your reply is published."))
            return redirect(thread_url(thread, post))
    context = _thread_context(request, thread, form)
    context["hints"] = []
    return render(request, "network/thread_detail.html", context, status=400)


@login_required
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = post_or_404(request, post_id)
    is_moderator = selectors.user_can_moderate(request.user)
    if post.author_id != request.user.pk and not is_moderator:
        raise PermissionDenied
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    context = {"post": post, "thread": post.thread, "is_moderator": is_moderator}
    if request.method == "POST" and form.is_valid():
        if form.needs_confirmation:
            return render_with_hints(request, "network/post_edit.html", context, form)
        try:
            services.post_edit(
                user=request.user,
                post=post,
                body=form.cleaned_data["body"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("The post is updated."))
            return redirect(thread_url(post.thread, post))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "network/post_edit.html", {**context, "form": form}, status=status
    )


@login_required
def post_history(request: HttpRequest, post_id: int) -> HttpResponse:
    post = post_or_404(request, post_id)
    return render(
        request,
        "network/post_history.html",
        {
            "post": post,
            "thread": post.thread,
            "revisions": selectors.post_revisions(post=post),
        },
    )


def _post_action(request, post_id, action, success_message) -> HttpResponse:
    post = post_or_404(request, post_id)
    try:
        action(post)
    except ValidationError as error:
        error_messages(request, error)
    else:
        if success_message:
            messages.success(request, success_message)
    return redirect(thread_url(post.thread, post))


@login_required
@require_POST
def post_useful(request: HttpRequest, post_id: int) -> HttpResponse:
    return _post_action(
        request,
        post_id,
        lambda post: services.post_useful_toggle(user=request.user, post=post),
        "",
    )


@login_required
@require_POST
def post_accept(request: HttpRequest, post_id: int) -> HttpResponse:
    post = post_or_404(request, post_id)
    undo = post.thread.accepted_post_id == post.pk
    return _post_action(
        request,
        post_id,
        lambda post: services.thread_accept_answer(
            user=request.user, thread=post.thread, post=None if undo else post
        ),
        _("The answer is no longer marked as accepted.")
        if undo
        else _("The answer is marked as accepted."),
    )


@login_required
def post_report(request: HttpRequest, post_id: int) -> HttpResponse:
    post = post_or_404(request, post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(
                user=request.user, post=post, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", first_message(error))
        else:
            messages.success(
                request, _("Thank you. A moderator will look at the post.")
            )
            return redirect(thread_url(post.thread, post))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "network/post_report.html",
        {"post": post, "thread": post.thread, "form": form},
        status=status,
    )


@login_required
@require_POST
def thread_follow(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = thread_or_404(request, thread_id)
    follows = services.follow_toggle(user=request.user, thread=thread)
    messages.success(
        request,
        _("You follow the thread.")
        if follows
        else _("You no longer follow the thread."),
    )
    return redirect(thread_url(thread))


@login_required
@require_POST
def network_follow(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_or_404(request, slug)
    follows = services.follow_toggle(user=request.user, network=network)
    messages.success(
        request,
        _("You follow the network.")
        if follows
        else _("You no longer follow the network."),
    )
    return redirect("network:network", slug=network.slug)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = selectors.search(user=request.user, query=form.cleaned_data["q"])
    return render(request, "network/search.html", {"form": form, "results": results})


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if "mark_read" in request.POST:
            services.notifications_mark_read(user=request.user)
            messages.success(request, _("All notifications are marked as read."))
            return redirect("network:notifications")
        form = PreferenceForm(request.POST)
        if form.is_valid():
            services.notification_preference_set(
                user=request.user,
                email_frequency=form.cleaned_data["email_frequency"],
            )
            messages.success(request, _("Your choice is saved."))
            return redirect("network:notifications")
    else:
        form = PreferenceForm(
            initial={"email_frequency": selectors.site_email_frequency(request.user)}
        )
    page = Paginator(
        selectors.notification_list(user=request.user), PAGE_SIZE
    ).get_page(request.GET.get("side"))
    return render(
        request, "network/notifications.html", {"form": form, "page_obj": page}
    )
