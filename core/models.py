from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
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
        # What the front page shows from other apps (courses: the catalogue and its
        # modules) comes from their "home_page_context" hooks, so core imports no app.
        for hook in hooks.get_hooks("home_page_context"):
            context.update(hook(self, request))
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


class ScheduledEmail(models.Model):
    """One e-mail to one address, rendered when it was scheduled and sent once.

    Due dates live here rather than as Celery ETAs (Celery on Redis redelivers tasks
    whose ETA is far away). ``key`` is unique, so scheduling the same e-mail twice is
    a no-op, and ``sent_at`` is claimed before sending, so a retried task never sends
    it again.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scheduled_emails",
    )
    to_address = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"))
    # [{"filename": ..., "content": text, "mimetype": ...}], e.g. a calendar invitation.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    due_at = models.DateTimeField(_("due"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-due_at", "-pk"]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(sent_at__isnull=True),
                name="core_email_unsent_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_address}"


class ErasureRequest(models.Model):
    """A decision to erase a person, carried out by a periodic job when due.

    With ``archive`` the person's data export is handed to the archive folder first
    (arkivering before sletning); the erasure only runs once that file is written.
    The row stays as the record that the erasure happened; it names the person only
    by a label chosen when it was requested.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="erasure_requests",
        verbose_name=_("person"),
    )
    label = models.CharField(_("label"), max_length=100)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    reason = models.CharField(_("reason"), max_length=300)
    archive = models.BooleanField(_("hand to the archive first"), default=True)
    due_at = models.DateTimeField(_("due"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    archive_file = models.CharField(_("archive file"), max_length=300, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-due_at"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{self.label} · {self.due_at:%d.%m.%Y}"
