from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.page_cache import anonymous_cacheable
from courses.blocks import LessonStreamBlock


class ModuleKind(models.TextChoices):
    BASE = "grundmodul", _("Base module")
    ELECTIVE = "tilvalgsmodul", _("Elective module")


class PreventionLevel(models.Model):
    """One of the three levels of the prevention pyramid (generel, specifik,
    individorienteret); loaded by a data migration."""

    slug = models.SlugField(_("key"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("prevention level")
        verbose_name_plural = _("prevention levels")

    def __str__(self) -> str:
        return self.name


class CourseIndexPage(Page):
    """The public catalogue of modules."""

    intro = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["courses.ModulePage"]
    max_count = 1

    class Meta:
        verbose_name = _("module catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        modules = ModulePage.objects.child_of(self).live().order_by("kind", "title")
        context["modules"] = modules
        return context

    def serve(self, request, *args, **kwargs):
        return anonymous_cacheable(super().serve(request, *args, **kwargs))


class ModulePage(Page):
    """A module of SSP-uddannelsen: the grundmodul or a tilvalgsmodul."""

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ModuleKind.choices,
        default=ModuleKind.ELECTIVE,
    )
    summary = models.TextField(_("summary"), max_length=800)
    learning_goals = StreamField(
        [("goal", blocks.CharBlock(label=_("Learning goal"), max_length=300))],
        blank=True,
        verbose_name=_("learning goals"),
    )
    target_groups = models.TextField(_("target groups"), max_length=600, blank=True)
    prevention_levels = ParentalManyToManyField(
        PreventionLevel,
        blank=True,
        related_name="modules",
        verbose_name=_("prevention levels"),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisites"),
        help_text=_("Modules a participant should have completed first."),
    )
    expected_hours = models.PositiveSmallIntegerField(
        _("expected hours"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("description"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("learning_goals"),
        MultiFieldPanel(
            [
                FieldPanel("target_groups"),
                FieldPanel("prevention_levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
                FieldPanel("expected_hours"),
            ],
            heading=_("Who and how"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = LessonPage.objects.child_of(self).live()
        # Imported here: the selectors module imports these models.
        from courses.selectors.offerings import offerings_upcoming

        context["upcoming_offerings"] = offerings_upcoming(module=self)
        return context

    def serve(self, request, *args, **kwargs):
        return anonymous_cacheable(super().serve(request, *args, **kwargs))


class LessonPage(Page):
    """A lesson in a module. Lessons are for logged-in users only."""

    summary = models.TextField(_("summary"), max_length=600, blank=True)
    is_required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("The module is completed when every required lesson is done."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("is_required"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.learning import lesson_learning_context

        context = super().get_context(request, *args, **kwargs)
        context["module"] = self.get_parent()
        if request.user.is_authenticated:
            # A refused form submission (see courses.views.learning) is shown again.
            context.update(
                lesson_learning_context(
                    lesson=self,
                    user=request.user,
                    form_state=getattr(request, "learning_form_state", None),
                )
            )
        return context
