"""Views for the opt-in member directory and one's own profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import User
from core.feedback import error_to_form
from network import selectors, services
from network.forms import (
    DirectoryFilterForm,
    MemberProfileForm,
)

from .common import (
    PAGE_SIZE,
    place_and_theme_filter_options,
)


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    filters = DirectoryFilterForm(request.GET)
    values = filters.cleaned_data if filters.is_valid() else {}
    directory_page = selectors.directory_page(
        user=request.user,
        politikreds_code=values.get("politikreds", ""),
        kommune_code=values.get("kommune", ""),
        sector=values.get("sektor", ""),
        theme_slug=values.get("tema", ""),
    )
    page = Paginator(directory_page.profiles, PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    return render(
        request,
        "network/directory.html",
        {
            "page_obj": page,
            "chosen": values,
            **place_and_theme_filter_options(),
            "sectors": User.Sector.choices,
            "is_listed": directory_page.is_listed,
        },
    )


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    profile = selectors.member_profile_get(user=request.user)
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
            error_to_form(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("network:directory")
    status = 400 if request.method == "POST" else 200
    return render(request, "network/my_profile.html", {"form": form}, status=status)
