"""Wagtail admin wiring for accounts: administrators keep the organisations' CVR
numbers, which decide who may log in with MitID Erhverv."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_admin_menu = True
    menu_order = 900
    # Organisations come from the register (migrations); here only the CVR number is
    # edited.
    form_fields = ["cvr"]
    list_display = ["name", "kind", "cvr"]
    list_filter = ["kind"]
    search_fields = ["name", "cvr"]
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("organisations")
