"""Kursusbeviser: one per completed module, and one for the whole programme."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class CertificateKind(models.TextChoices):
    MODULE = "modul", _("Module certificate")
    PROGRAMME = "program", _("Programme certificate")


class Certificate(models.Model):
    """Issued once; the holder's name and the title are copied at issue so the
    certificate says what it said on the day. ``code`` is what the public verification
    page looks up."""

    kind = models.CharField(max_length=10, choices=CertificateKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    code = models.CharField(max_length=20, unique=True)
    holder_name = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    #: What the certificate is based on, in Danish, as it was when issued.
    basis = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module"],
                condition=Q(kind="modul"),
                name="one_certificate_per_module",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(kind="program"),
                name="one_programme_certificate",
            ),
            models.CheckConstraint(
                name="certificate_module_matches_kind",
                condition=Q(kind="modul", module__isnull=False)
                | Q(kind="program", module__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.holder_name}"


class SelfPacedRule(models.TextChoices):
    """Whether a module completed without an offering (self-paced, no sessions)
    counts towards the programme certificate, and what it then requires."""

    LESSONS_QUIZZES_TIME = (
        "lessons_quizzes_time",
        _("Counts with every lesson done, every quiz passed and a minimum time"),
    )
    OFFERING_ONLY = (
        "offering_only",
        _("Does not count: only a completed offering with attendance counts"),
    )


@register_setting(icon="doc-full")
class CertificateSettings(BaseGenericSetting):
    required_electives = models.PositiveSmallIntegerField(
        _("elective modules required for the programme certificate"),
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
        help_text=_("In addition to the base module."),
    )

    counted_electives = models.ManyToManyField(
        "courses.ModulePage",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "tilvalgsmodul"},
        verbose_name=_("elective modules that count"),
        help_text=_(
            "The elective modules that count towards the programme certificate. "
            "Leave empty to let every elective module count."
        ),
    )
    self_paced_rule = models.CharField(
        _("modules completed on one's own"),
        max_length=20,
        choices=SelfPacedRule.choices,
        default=SelfPacedRule.LESSONS_QUIZZES_TIME,
    )
    self_paced_minimum_minutes = models.PositiveSmallIntegerField(
        _("minimum time for a module completed on one's own (minutes)"),
        default=60,
        validators=[MaxValueValidator(6000)],
        help_text=_(
            "From the first to the last completed lesson of the module. Only used "
            "when modules completed on one's own count."
        ),
    )

    panels = [
        FieldPanel("required_electives"),
        FieldPanel("counted_electives", widget=forms.CheckboxSelectMultiple),
        FieldPanel("self_paced_rule", widget=forms.RadioSelect),
        FieldPanel("self_paced_minimum_minutes"),
    ]

    class Meta:
        verbose_name = _("certificate settings")
