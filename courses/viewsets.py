"""Wagtail admin for offerings (hold) and their sessions.

Offering is a plain model (not clusterable), so its sessions have a viewset of their
own, filtered by offering; the offering's edit page lists its sessions with links.
Both are open only to people with ``accounts.manage_offerings`` (administrators).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

import django_filters

from accounts.models import Politikreds, User
from accounts.roles import Role
from courses.models import ModulePage, Offering, OfferingStatus, Session
from courses.services.offerings import (
    SESSION_ENDS_BEFORE_START,
    offering_save,
    offering_validate,
    session_save,
)

MANAGE_OFFERINGS = "accounts.manage_offerings"


class ManageOfferingsPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Every action on offerings and sessions needs ``accounts.manage_offerings``:
    planning is one job, not separate add/change/delete rights."""

    def __init__(self, model):
        super().__init__(model, auth_model=User)

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.has_perm(MANAGE_OFFERINGS))

    def users_with_any_permission(self, actions):
        return self._get_users_with_any_permission_codenames({"manage_offerings"})


def _year_choices():
    current = timezone.localdate().year
    years = {d.year for d in Offering.objects.dates("planned_start", "year")}
    years.update(range(current - 1, current + 3))
    return [(year, str(year)) for year in sorted(years, reverse=True)]


class OfferingFilterSet(WagtailFilterSet):
    year = django_filters.TypedChoiceFilter(
        label=_("Year"),
        field_name="planned_start",
        lookup_expr="year",
        choices=_year_choices,
        coerce=int,
    )
    module = django_filters.ModelChoiceFilter(
        label=_("Module"),
        queryset=ModulePage.objects.order_by("kind", "title"),
    )
    politikreds = django_filters.ModelChoiceFilter(
        label=_("Police district"), queryset=Politikreds.objects.order_by("code")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OfferingStatus.choices
    )

    class Meta:
        model = Offering
        fields = ["year", "module", "politikreds", "status"]


class OfferingAdminForm(WagtailAdminModelForm):
    """Saves through ``offering_save``, so every edit raises the calendar sequence
    and the rules and their Danish messages live in one place."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "module" in self.fields:
            self.fields["module"].queryset = ModulePage.objects.order_by(
                "kind", "title"
            )
        if "responsible" in self.fields:
            self.fields["responsible"].queryset = (
                User.objects.filter(is_active=True)
                .filter(
                    Q(groups__name=Role.ADMINISTRATOR.group_name)
                    | Q(groups__name=Role.PRESENTER.group_name)
                    | Q(is_staff=True)
                )
                .distinct()
                .order_by("first_name", "last_name")
            )

    def clean(self):
        cleaned_data = super().clean()
        candidate = Offering(
            planned_start=cleaned_data.get("planned_start"),
            enrolment_deadline=cleaned_data.get("enrolment_deadline"),
            seats=cleaned_data.get("seats"),
        )
        try:
            offering_validate(offering=candidate)
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                for message in messages:
                    if (
                        field_name not in self.errors
                        or message not in (self.errors[field_name])
                    ):
                        self.add_error(field_name, message)
        return cleaned_data

    def save(self, commit=True):
        offering = super().save(commit=False)
        offering_save(
            offering=offering, responsible=self.cleaned_data.get("responsible")
        )
        return offering


class SessionAdminForm(WagtailAdminModelForm):
    """Saves through ``session_save`` (raises the calendar sequence)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "offering" in self.fields:
            self.fields["offering"].queryset = Offering.objects.select_related(
                "module", "politikreds"
            ).order_by("-planned_start", "politikreds_id")

    def clean(self):
        cleaned_data = super().clean()
        starts_at, ends_at = cleaned_data.get("starts_at"), cleaned_data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", SESSION_ENDS_BEFORE_START)
        return cleaned_data

    def save(self, commit=True):
        session = super().save(commit=False)
        return session_save(session=session)


class SessionsPanel(Panel):
    """Lists an offering's sessions on its edit page, with links to add and edit."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/offerings/admin/sessions_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            offering = self.instance
            saved = offering is not None and offering.pk is not None
            context["saved"] = saved
            context["sessions"] = list(offering.sessions.all()) if saved else []
            if saved:
                context["add_url"] = (
                    reverse("sessioner:add") + f"?offering={offering.pk}"
                )
            return context


class OfferingIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Offering]:
        return super().get_base_queryset().select_related("module", "politikreds")


class OfferingDeleteView(generic.DeleteView):
    """An offering with people enrolled is cancelled, never deleted: deleting it
    would silently remove their places and attendance."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.enrolments.exists():
            messages.error(
                request,
                _(
                    "The offering has enrolled participants and cannot be deleted. "
                    "Set its status to cancelled instead."
                ),
            )
            return redirect("udbud:edit", self.object.pk)
        return super().dispatch(request, *args, **kwargs)


class OfferingViewSet(ModelViewSet):
    model = Offering
    name = "udbud"
    icon = "date"
    menu_label = _("Offerings")
    add_to_admin_menu = False
    index_view_class = OfferingIndexView
    delete_view_class = OfferingDeleteView
    copy_view_enabled = True
    inspect_view_enabled = False
    filterset_class = OfferingFilterSet
    search_fields = ["module__title", "politikreds__name", "note"]
    ordering = ["-planned_start", "politikreds_id"]
    list_display = [
        "module",
        "politikreds",
        Column("year", label=_("Year"), accessor="year", sort_key="planned_start"),
        "format",
        "status",
        "seats",
        "planned_start",
    ]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("module"), FieldPanel("politikreds")]),
            FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
            FieldRowPanel(
                [FieldPanel("planned_start"), FieldPanel("enrolment_deadline")]
            ),
            FieldRowPanel([FieldPanel("seats"), FieldPanel("attendance_threshold")]),
            FieldPanel("responsible", widget=forms.CheckboxSelectMultiple),
            FieldPanel("note"),
            SessionsPanel(heading=_("Sessions")),
        ],
        base_form_class=OfferingAdminForm,
    )

    def get_permissions_to_register(self):
        # The Django add/change/delete permissions for offerings are not used;
        # accounts.manage_offerings governs the whole admin.
        return []


class SessionFilterSet(WagtailFilterSet):
    offering = django_filters.ModelChoiceFilter(
        label=_("Offering"),
        queryset=Offering.objects.select_related("module", "politikreds").order_by(
            "-planned_start", "politikreds_id"
        ),
    )

    class Meta:
        model = Session
        fields = ["offering", "is_cancelled"]


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Session]:
        return (
            super()
            .get_base_queryset()
            .select_related("offering__module", "offering__politikreds")
        )


class SessionCreateView(generic.CreateView):
    """Starts a new session on the offering named in ``?offering=``."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        raw = self.request.GET.get("offering", "")
        if raw.isdigit() and Offering.objects.filter(pk=int(raw)).exists():
            instance = instance or Session()
            instance.offering_id = int(raw)
        return instance

    def get_success_url(self):
        return reverse("udbud:edit", args=[self.object.offering_id])


class SessionEditView(generic.EditView):
    def get_success_url(self):
        return reverse("udbud:edit", args=[self.object.offering_id])


class SessionViewSet(ModelViewSet):
    model = Session
    name = "sessioner"
    icon = "time"
    menu_label = _("Sessions")
    add_to_admin_menu = False
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    copy_view_enabled = True
    filterset_class = SessionFilterSet
    search_fields = ["title", "venue", "offering__module__title"]
    ordering = ["-starts_at"]
    list_display = [
        "__str__",
        "offering",
        "starts_at",
        "ends_at",
        "venue",
        "is_cancelled",
    ]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldPanel("offering"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldPanel("venue"),
            FieldPanel("is_cancelled"),
        ],
        base_form_class=SessionAdminForm,
    )

    def get_permissions_to_register(self):
        return []


class OfferingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Offerings")
    menu_icon = "date"
    menu_order = 250
    items = (OfferingViewSet, SessionViewSet)
