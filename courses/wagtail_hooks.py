"""Wagtail wiring for courses: the offerings and sessions admin, a link to the
planning overview, and the catalogue on the front page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from courses.models import CourseIndexPage, ModulePage, Offering, Session
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


@hooks.register("home_page_context")
def home_page_catalogue(home, request):
    """The front page (core.HomePage) lists the live modules of the catalogue below
    it: ``catalogue`` (or ``None``) and ``modules`` for its template."""
    catalogue = CourseIndexPage.objects.child_of(home).live().first()
    modules = (
        ModulePage.objects.child_of(catalogue).live().order_by("kind", "title")
        if catalogue
        else []
    )
    return {"catalogue": catalogue, "modules": modules}
