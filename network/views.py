"""Views for the networks. Thin: parse, check permission, call one service or
selector, then redirect (PRG) or render. Everything needs login; a network, thread or
post the person may not read answers 404, exactly like one that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Kommune, Politikreds, User
from core.markdown import markdown_quote
from courses.models import PreventionLevel

from . import selectors, services
from .forms import (
    DirectoryFilterForm,
    MemberProfileForm,
    MoveForm,
    PostEditForm,
    PostForm,
    PracticeExampleForm,
    PracticeFilterForm,
    PreferenceForm,
    ReasonForm,
    ReportForm,
    ReviewForm,
    SearchForm,
    ThreadForm,
)
from .models import (
    EvidenceLevel,
    Follow,
    MemberProfile,
    Network,
    Post,
    PracticeExample,
    Thread,
)

PAGE_SIZE = 25


def _first_message(error: ValidationError) -> str:
    return error.messages[0] if error.messages else _("The input is not valid.")


def _network_or_404(request: HttpRequest, slug: str) -> Network:
    try:
        return selectors.network_get(user=request.user, slug=slug)
    except Network.DoesNotExist:
        raise Http404 from None


def _thread_or_404(request: HttpRequest, thread_id: int) -> Thread:
    try:
        return selectors.thread_get(user=request.user, thread_id=thread_id)
    except Thread.DoesNotExist:
        raise Http404 from None


def _post_or_404(request: HttpRequest, post_id: int) -> Post:
    try:
        return selectors.post_get(user=request.user, post_id=post_id)
    except Post.DoesNotExist:
        raise Http404 from None


def _require_moderator(request: HttpRequest) -> None:
    if not selectors.user_can_moderate(request.user):
        raise PermissionDenied


def _thread_url(thread: Thread, post: Post | None = None) -> str:
    url = reverse("network:thread", args=[thread.pk])
    return f"{url}#post-{post.pk}" if post else url


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
    network = _network_or_404(request, slug)
    if network.slug == selectors.PRACTICE_NETWORK_SLUG:
        return redirect("network:practice_list")
    page = Paginator(
        selectors.thread_list(user=request.user, network=network), PAGE_SIZE
    ).get_page(request.GET.get("side"))
    return render(
        request,
        "network/network_detail.html",
        {
            "network": network,
            "page_obj": page,
            "follows": Follow.objects.filter(
                user=request.user, network=network
            ).exists(),
        },
    )


def _render_with_hints(request, template, context, form) -> HttpResponse:
    context = {**context, "form": form, "hints": form.child_hints()}
    return render(request, template, context)


@login_required
def thread_create(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network_or_404(request, slug)
    context = {"network": network}
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.needs_confirmation:
            return _render_with_hints(
                request, "network/thread_form.html", context, form
            )
        try:
            thread = services.thread_create(
                user=request.user,
                network=network,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form.add_error(None, _first_message(error))
        else:
            messages.success(request, _("Your thread is published."))
            return redirect(_thread_url(thread))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "network/thread_form.html", {**context, "form": form}, status=status
    )


def _thread_context(request: HttpRequest, thread: Thread, form: PostForm) -> dict:
    posts = list(selectors.post_list(user=request.user, thread=thread))
    can_moderate = selectors.user_can_moderate(request.user)
    practice_example = PracticeExample.objects.filter(thread=thread).first()
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
        "follows": Follow.objects.filter(user=request.user, thread=thread).exists(),
        "my_handle": selectors.mention_handle(request.user),
        "practice_example": practice_example,
        "move_form": MoveForm(
            networks=selectors.networks_visible(user=request.user).exclude(
                pk=thread.network_id
            )
        )
        if can_moderate
        else None,
    }


@login_required
def thread_detail(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _thread_or_404(request, thread_id)
    initial = {}
    quote_id = request.GET.get("citer", "")
    if quote_id.isdigit():
        quoted = Post.objects.filter(
            pk=int(quote_id), thread=thread, is_hidden=False
        ).first()
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
    thread = _thread_or_404(request, thread_id)
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
            quoted = Post.objects.filter(
                pk=form.cleaned_data["quoted_post"], thread=thread
            ).first()
        try:
            post = services.post_create(
                user=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                quoted_post=quoted,
            )
        except ValidationError as error:
            form.add_error(None, _first_message(error))
        else:
            messages.success(request, _("Your reply is published."))
            return redirect(_thread_url(thread, post))
    context = _thread_context(request, thread, form)
    context["hints"] = []
    return render(request, "network/thread_detail.html", context, status=400)


@login_required
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_or_404(request, post_id)
    is_moderator = selectors.user_can_moderate(request.user)
    if post.author_id != request.user.pk and not is_moderator:
        raise PermissionDenied
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    context = {"post": post, "thread": post.thread, "is_moderator": is_moderator}
    if request.method == "POST" and form.is_valid():
        if form.needs_confirmation:
            return _render_with_hints(request, "network/post_edit.html", context, form)
        try:
            services.post_edit(
                user=request.user,
                post=post,
                body=form.cleaned_data["body"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, _first_message(error))
        else:
            messages.success(request, _("The post is updated."))
            return redirect(_thread_url(post.thread, post))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "network/post_edit.html", {**context, "form": form}, status=status
    )


@login_required
def post_history(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_or_404(request, post_id)
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
    post = _post_or_404(request, post_id)
    try:
        action(post)
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        if success_message:
            messages.success(request, success_message)
    return redirect(_thread_url(post.thread, post))


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
    post = _post_or_404(request, post_id)
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
    post = _post_or_404(request, post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(
                user=request.user, post=post, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", _first_message(error))
        else:
            messages.success(
                request, _("Thank you. A moderator will look at the post.")
            )
            return redirect(_thread_url(post.thread, post))
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
    thread = _thread_or_404(request, thread_id)
    follows = services.follow_toggle(user=request.user, thread=thread)
    messages.success(
        request,
        _("You follow the thread.")
        if follows
        else _("You no longer follow the thread."),
    )
    return redirect(_thread_url(thread))


@login_required
@require_POST
def network_follow(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network_or_404(request, slug)
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


# Moderation -----------------------------------------------------------------------


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    return render(
        request,
        "network/moderation_queue.html",
        {
            "posts": selectors.moderation_queue(),
            "hidden_posts": Post.objects.filter(is_hidden=True)
            .select_related("thread", "author")
            .order_by("-pk")[:50],
        },
    )


@login_required
def moderation_log(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    page = Paginator(selectors.moderation_log(), 50).get_page(request.GET.get("side"))
    return render(request, "network/moderation_log.html", {"page_obj": page})


@login_required
@require_POST
def moderation_post(request: HttpRequest, post_id: int) -> HttpResponse:
    _require_moderator(request)
    post = _post_or_404(request, post_id)
    form = ReasonForm(request.POST)
    actions = {
        "hide": (services.post_hide, _("The post is hidden.")),
        "restore": (services.post_restore, _("The post is shown again.")),
        "dismiss": (services.reports_dismiss, _("The reports are closed.")),
    }
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        raise Http404
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
    else:
        try:
            action[0](
                moderator=request.user, post=post, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, _first_message(error))
        else:
            messages.success(request, action[1])
    if request.POST.get("next") == "queue":
        return redirect("network:moderation")
    return redirect(_thread_url(post.thread, post))


@login_required
@require_POST
def moderation_thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    _require_moderator(request)
    thread = _thread_or_404(request, thread_id)
    action = request.POST.get("action", "")
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
        elif action == "move":
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
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, _first_message(error))
    return redirect(_thread_url(thread))


# Practice bank --------------------------------------------------------------------


@login_required
def practice_list(request: HttpRequest) -> HttpResponse:
    filters = PracticeFilterForm(request.GET)
    values = filters.cleaned_data if filters.is_valid() else {}
    examples = selectors.practice_example_list(
        user=request.user,
        politikreds_code=values.get("politikreds", ""),
        kommune_code=values.get("kommune", ""),
        prevention_level_slug=values.get("forebyggelsesniveau", ""),
        evidence_level=values.get("evidens", ""),
        theme_slug=values.get("tema", ""),
        target_group=values.get("maalgruppe", ""),
    )
    page = Paginator(examples, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "network/practice_list.html",
        {
            "page_obj": page,
            "chosen": values,
            "districts": Politikreds.objects.order_by("name"),
            "kommuner": Kommune.objects.order_by("name"),
            "prevention_levels": PreventionLevel.objects.order_by("order"),
            "evidence_levels": EvidenceLevel.choices,
            "themes": selectors.theme_networks(),
        },
    )


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation
    initial = {"kommune": organisation.kommune_id} if organisation else {}
    form = PracticeExampleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.needs_confirmation:
            return _render_with_hints(request, "network/practice_form.html", {}, form)
        data = form.cleaned_data
        try:
            example = services.practice_example_create(
                user=request.user,
                title=data["title"],
                kommune=data["kommune"],
                target_group=data["target_group"],
                problem=data["problem"],
                what_was_done=data["what_was_done"],
                prevention_level=data["prevention_level"],
                evidence_level=data["evidence_level"],
                partners=data["partners"],
                results=data["results"],
                material_url=data["material_url"],
                themes=list(data["themes"]),
                contact=request.user if data["contact_is_me"] else None,
            )
        except ValidationError as error:
            form.add_error(None, _first_message(error))
        else:
            messages.success(request, _("Thank you. The practice example is shared."))
            return redirect("network:practice_detail", example_id=example.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/practice_form.html", {"form": form}, status=status)


@login_required
def practice_detail(request: HttpRequest, example_id: int) -> HttpResponse:
    try:
        example = selectors.practice_example_get(
            user=request.user, example_id=example_id
        )
    except PracticeExample.DoesNotExist:
        raise Http404 from None
    can_moderate = selectors.user_can_moderate(request.user)
    review_form = None
    if can_moderate:
        review_form = ReviewForm(
            request.POST or None, initial={"evidence_level": example.evidence_level}
        )
        if request.method == "POST" and review_form.is_valid():
            try:
                services.practice_example_review(
                    moderator=request.user,
                    example=example,
                    evidence_level=review_form.cleaned_data["evidence_level"],
                    reason=review_form.cleaned_data["reason"],
                )
            except ValidationError as error:
                review_form.add_error("reason", _first_message(error))
            else:
                messages.success(request, _("The evidence level is reviewed."))
                return redirect("network:practice_detail", example_id=example.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "network/practice_detail.html",
        {
            "example": example,
            "review_form": review_form,
            "reply_count": Post.objects.filter(
                thread=example.thread, is_hidden=False
            ).count(),
        },
    )


# Member directory -----------------------------------------------------------------


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    filters = DirectoryFilterForm(request.GET)
    values = filters.cleaned_data if filters.is_valid() else {}
    profiles = selectors.member_directory(
        user=request.user,
        politikreds_code=values.get("politikreds", ""),
        kommune_code=values.get("kommune", ""),
        sector=values.get("sektor", ""),
        theme_slug=values.get("tema", ""),
    )
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "network/directory.html",
        {
            "page_obj": page,
            "chosen": values,
            "districts": Politikreds.objects.order_by("name"),
            "kommuner": Kommune.objects.order_by("name"),
            "sectors": User.Sector.choices,
            "themes": selectors.theme_networks(),
            "is_listed": MemberProfile.objects.filter(
                user=request.user, is_listed=True
            ).exists(),
        },
    )


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    profile = MemberProfile.objects.filter(user=request.user).first()
    initial = (
        {
            "is_listed": profile.is_listed,
            "show_organisation": profile.show_organisation,
            "show_sector": profile.show_sector,
            "job_title": profile.job_title,
            "bio": profile.bio,
            "themes": list(profile.themes.all()),
        }
        if profile
        else {"show_organisation": True, "show_sector": True}
    )
    form = MemberProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.member_profile_save(
                user=request.user,
                is_listed=data["is_listed"],
                show_organisation=data["show_organisation"],
                show_sector=data["show_sector"],
                job_title=data["job_title"],
                bio=data["bio"],
                themes=list(data["themes"]),
            )
        except ValidationError as error:
            form.add_error(None, _first_message(error))
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("network:directory")
    status = 400 if request.method == "POST" else 200
    return render(request, "network/my_profile.html", {"form": form}, status=status)
