"""Views for the practice bank: list with filters, sharing, detail and review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.feedback import error_to_form
from network import selectors, services
from network.forms import (
    PracticeExampleForm,
    PracticeFilterForm,
    ReviewForm,
)
from network.models import EvidenceLevel, PracticeExample

from .common import (
    PAGE_SIZE,
    place_and_theme_filter_options,
    render_with_hints,
)


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
            **place_and_theme_filter_options(),
            "prevention_levels": selectors.prevention_level_list(),
            "evidence_levels": EvidenceLevel.choices,
        },
    )


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation
    initial = {"kommune": organisation.kommune_id} if organisation else {}
    form = PracticeExampleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.needs_confirmation:
            return render_with_hints(request, "network/practice_form.html", {}, form)
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
            error_to_form(form, error)
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
                review_form.add_error("reason", error)
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
            "reply_count": example.reply_count,
        },
    )
