"""Wagtail admin wiring for evaluations: templates and schedules, and a link to the
reports."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from evaluations.models import Schedule, SurveyTemplate
from evaluations.viewsets import (
    EvaluationViewSetGroup,
    ManageEvaluationsPermissionPolicy,
)

register_permission_policy(
    SurveyTemplate, ManageEvaluationsPermissionPolicy(SurveyTemplate)
)
register_permission_policy(Schedule, ManageEvaluationsPermissionPolicy(Schedule))


@hooks.register("register_admin_viewset")
def register_evaluation_viewsets():
    return EvaluationViewSetGroup()


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.view_evaluation_reports")


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Evaluation reports"),
        reverse("evaluations:reports"),
        name="evaluation-reports",
        icon_name="table",
        order=280,
    )
