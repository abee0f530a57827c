"""Wagtail admin for survey templates and evaluation schedules.

Both need ``accounts.manage_offerings`` (administrators): planning evaluations is
part of planning offerings. Saving a template goes through ``survey_version_sync``,
so a version that has responses is never changed."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from accounts.models import User
from courses.models import ModulePage, Offering
from evaluations.models import Schedule, SurveyTemplate, SurveyVersion
from evaluations.services import survey_version_sync

MANAGE_EVALUATIONS = "accounts.manage_offerings"


class ManageEvaluationsPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    def __init__(self, model):
        super().__init__(model, auth_model=User)

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.has_perm(MANAGE_EVALUATIONS))

    def users_with_any_permission(self, actions):
        return self._get_users_with_any_permission_codenames({"manage_offerings"})


def _answered_version(template: SurveyTemplate) -> SurveyVersion | None:
    """The template's newest version if it has answers: an edit then starts a new
    version instead of changing it."""
    if template.pk is None:
        return None
    latest = template.versions.order_by("-number").first()
    return latest if latest is not None and latest.responses.exists() else None


class AnsweredVersionWarningPanel(HelpPanel):
    """A Danish warning above the survey builder when an edit will make a new
    version, so nobody is surprised that old answers keep the old questions."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            version = _answered_version(self.instance)
            self.content = (
                format_html(
                    '<div class="help-block help-warning" role="note"><p>{}</p></div>',
                    gettext(
                        "Version %(number)s of this survey has answers. If you save "
                        "changes, they become version %(next)s; the answers already "
                        "given stay with version %(number)s and its questions."
                    )
                    % {"number": version.number, "next": version.number + 1},
                )
                if version
                else ""
            )

        def is_shown(self):
            return bool(self.content)


class SurveyTemplateForm(WagtailAdminModelForm):
    #: The version this save started because the previous one had answers.
    new_version: SurveyVersion | None = None

    def save(self, commit=True):
        answered = _answered_version(self.instance)
        template = super().save(commit=commit)
        if commit:
            version = survey_version_sync(template=template)
            if answered is not None and version.number > answered.number:
                self.new_version = version
        return template


class SurveyTemplateEditView(generic.EditView):
    def get_success_message(self):
        version = getattr(self.form, "new_version", None)
        if version is None:
            return super().get_success_message()
        return gettext(
            "'%(object)s' is saved as version %(number)s, because version "
            "%(previous)s has answers."
        ) % {
            "object": self.object,
            "number": version.number,
            "previous": version.number - 1,
        }


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
    edit_view_class = SurveyTemplateEditView
    edit_handler = ObjectList(
        [
            AnsweredVersionWarningPanel(),
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
