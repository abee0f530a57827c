from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def site_navigation(request: HttpRequest) -> dict:
    """The main navigation, with entries for the roles the person has."""
    user = request.user
    items = [
        {"label": _("Home"), "url": "/"},
        {"label": _("Modules"), "url": "/moduler/"},
        {"label": _("Offerings"), "url": reverse("courses:offerings")},
    ]
    if user.is_authenticated:
        items.append({"label": _("My courses"), "url": reverse("courses:dashboard")})
        items.append({"label": _("Networks"), "url": reverse("network:index")})
        items.append({"label": _("Webinars"), "url": reverse("webinars:room_list")})
        if user.has_perm("accounts.manage_offerings"):
            items.append({"label": _("Planning"), "url": reverse("courses:planning")})
        if user.has_perm("accounts.nominate_participants"):
            items.append(
                {"label": _("Enrolment"), "url": reverse("courses:invitations")}
            )
        if user.has_perm("accounts.manage_offerings") or user.has_perm(
            "accounts.nominate_participants"
        ):
            items.append(
                {
                    "label": _("Completion"),
                    "url": reverse("courses:completion_overview"),
                }
            )
        if user.has_perm("accounts.view_evaluation_reports"):
            items.append(
                {"label": _("Evaluations"), "url": reverse("evaluations:reports")}
            )
        items.append({"label": _("My account"), "url": reverse("accounts:profile")})
    current = request.path
    for item in items:
        item["active"] = item["url"] == current or (
            item["url"] != "/" and current.startswith(item["url"])
        )
    return {"main_navigation": items}
