from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock
from .page_cache import anonymous_cacheable


class HomePage(Page):
    """The front page of the site."""

    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def serve(self, request, *args, **kwargs):
        return anonymous_cacheable(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The catalogue is a child page from the courses app; looked up by model so
        # that core does not import courses.
        catalogue_model = apps.get_model("courses", "CourseIndexPage")
        module_model = apps.get_model("courses", "ModulePage")
        catalogue = catalogue_model.objects.child_of(self).live().first()
        context["catalogue"] = catalogue
        context["modules"] = (
            module_model.objects.child_of(catalogue).live().order_by("kind", "title")
            if catalogue
            else []
        )
        return context


class StandardPage(Page):
    """A plain content page, e.g. the accessibility statement or 'about'."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def serve(self, request, *args, **kwargs):
        return anonymous_cacheable(super().serve(request, *args, **kwargs))
