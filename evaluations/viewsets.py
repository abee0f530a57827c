"""Wagtail admin for survey templates and evaluation schedules.

Both need ``accounts.manage_offerings`` (administrators): planning evaluations is
part of planning offerings. Saving a template goes through ``survey_version_sync``,
so a version that has responses is never changed."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from accounts.models import User
from courses.models import ModulePage, Offering
from evaluations.models import Schedule, SurveyTemplate
from evaluations.services import survey_version_sync

MANAGE_EVALUATIONS = "accounts.manage_offerings"


class ManageEvaluationsPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    def __init__(self, model):
        super().__init__(model, auth_model=User)

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.has_perm(MANAGE_EVALUATIONS))

    def users_with_any_permission(self, actions):
        return self._get_users_with_any_permission_codenames({"manage_offerings"})


class SurveyTemplateForm(WagtailAdminModelForm):
    def save(self, commit=True):
        template = super().save(commit=commit)
        if commit:
            survey_version_sync(template=template)
        return template


class ScheduleForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "module" in self.fields:
            self.fields["module"].queryset = ModulePage.objects.order_by("title")
        if "offering" in self.fields:
            self.fields["offering"].queryset = Offering.objects.select_related(
                "module", "politikreds"
            ).order_by("-planned_start")

    def clean(self):
        cleaned_data = super().clean()
        if bool(cleaned_data.get("module")) == bool(cleaned_data.get("offering")):
            raise ValidationError(
                _("Choose either a module (all its offerings) or one offering.")
            )
        return cleaned_data


class SurveyTemplateViewSet(ModelViewSet):
    model = SurveyTemplate
    name = "evalueringsskabeloner"
    icon = "form"
    menu_label = _("Survey templates")
    add_to_admin_menu = False
    inspect_view_enabled = False
    copy_view_enabled = True
    search_fields = ["title"]
    list_display = ["title", "is_anonymous", "updated_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("intro"),
            FieldPanel("is_anonymous"),
            FieldPanel("questions"),
        ],
        base_form_class=SurveyTemplateForm,
    )

    def get_permissions_to_register(self):
        return []


class ScheduleIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Schedule]:
        # The list shows each row's template, module and offering (whose name
        # holds its module and district): one query for them all, not per row.
        return (
            super()
            .get_base_queryset()
            .select_related(
                "template", "module", "offering__module", "offering__politikreds"
            )
        )


class ScheduleViewSet(ModelViewSet):
    model = Schedule
    name = "evalueringsplaner"
    icon = "time"
    menu_label = _("Evaluation schedules")
    add_to_admin_menu = False
    inspect_view_enabled = False
    index_view_class = ScheduleIndexView
    list_display = ["template", "module", "offering", "trigger", "delay_days"]
    edit_handler = ObjectList(
        [
            FieldPanel("template"),
            FieldRowPanel([FieldPanel("module"), FieldPanel("offering")]),
            FieldRowPanel([FieldPanel("trigger"), FieldPanel("delay_days")]),
            FieldRowPanel(
                [
                    FieldPanel("open_days"),
                    FieldPanel("reminder_count"),
                    FieldPanel("reminder_interval_days"),
                ]
            ),
            FieldRowPanel([FieldPanel("active_from"), FieldPanel("is_active")]),
        ],
        base_form_class=ScheduleForm,
    )

    def get_permissions_to_register(self):
        return []


class EvaluationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Evaluations")
    menu_icon = "form"
    menu_order = 270
    items = (SurveyTemplateViewSet, ScheduleViewSet)
