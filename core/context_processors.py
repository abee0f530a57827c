from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def site_navigation(request: HttpRequest) -> dict:
    """The main navigation. Entries are added here as the capabilities arrive."""
    items = [
        {"label": _("Home"), "url": "/"},
        {"label": _("Modules"), "url": "/moduler/"},
    ]
    if request.user.is_authenticated:
        items.append({"label": _("My account"), "url": reverse("accounts:profile")})
    current = request.path
    for item in items:
        item["active"] = item["url"] == current or (
            item["url"] != "/" and current.startswith(item["url"])
        )
    return {"main_navigation": items}
