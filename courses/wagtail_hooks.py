"""Wagtail admin wiring for courses: the offerings and sessions admin, and a link to
the planning overview."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from courses.models import Offering, Session
from courses.viewsets import (
    MANAGE_OFFERINGS,
    ManageOfferingsPermissionPolicy,
    OfferingViewSetGroup,
)

# Registered before the viewsets are, so Wagtail never creates its default
# add/change/delete policy for these models.
register_permission_policy(Offering, ManageOfferingsPermissionPolicy(Offering))
register_permission_policy(Session, ManageOfferingsPermissionPolicy(Session))


@hooks.register("register_admin_viewset")
def register_offering_viewsets():
    return OfferingViewSetGroup()


class PlanningMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_OFFERINGS)


@hooks.register("register_admin_menu_item")
def register_planning_menu_item():
    return PlanningMenuItem(
        _("Planning overview"),
        reverse("courses:planning"),
        name="planning",
        icon_name="table",
        order=260,
    )
