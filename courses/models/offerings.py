"""Offerings (hold): one run of a module for one politikreds, with its sessions and the
people enrolled in it."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Politikreds


class OfferingFormat(models.TextChoices):
    IN_PERSON = "fysisk", _("In person")
    WEBINAR = "webinar", _("Webinar")
    HYBRID = "hybrid", _("Hybrid")


class OfferingStatus(models.TextChoices):
    PLANNED = "planlagt", _("Planned")
    OPEN = "aaben", _("Open for nominations")
    CONFIRMED = "bekraeftet", _("Confirmed")
    HELD = "afholdt", _("Held")
    CANCELLED = "aflyst", _("Cancelled")


class Offering(models.Model):
    """A module run for one police district. ``planned_start`` anchors it in the
    planning year before sessions are dated; ``uid`` and ``ical_sequence`` keep calendar
    entries stable across edits."""

    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.PROTECT,
        related_name="offerings",
        verbose_name=_("module"),
    )
    politikreds = models.ForeignKey(
        Politikreds,
        on_delete=models.PROTECT,
        related_name="offerings",
        verbose_name=_("police district"),
    )
    format = models.CharField(
        _("format"),
        max_length=10,
        choices=OfferingFormat.choices,
        default=OfferingFormat.WEBINAR,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=OfferingStatus.choices,
        default=OfferingStatus.PLANNED,
    )
    planned_start = models.DateField(_("planned start"))
    enrolment_deadline = models.DateField(_("nomination deadline"))
    seats = models.PositiveIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(3000)]
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance required (percent)"),
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the sessions a participant must attend to complete."),
    )
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="responsible_offerings",
        verbose_name=_("responsible staff"),
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["planned_start", "politikreds_id"]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        indexes = [models.Index(fields=["politikreds", "planned_start"])]
        constraints = [
            models.CheckConstraint(
                name="offering_deadline_not_after_start",
                condition=Q(enrolment_deadline__lte=F("planned_start")),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.module.title} · {self.politikreds.name} · {self.planned_start:%Y}"
        )

    @property
    def year(self) -> int:
        return self.planned_start.year


class Session(models.Model):
    """One dated meeting of an offering, in a venue or in a webinar room."""

    offering = models.ForeignKey(
        Offering,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("offering"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                name="session_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.offering} · {self.starts_at:%d.%m.%Y}"


class EnrolmentStatus(models.TextChoices):
    CONFIRMED = "bekraeftet", _("Confirmed")
    OFFERED = "tilbudt", _("Offered a seat")
    WAITLISTED = "venteliste", _("Waiting list")
    DECLINED = "afvist", _("Declined")
    CANCELLED = "afmeldt", _("Place cancelled")


#: The statuses that hold one of the offering's seats. A seat offered to the first on
#: the waiting list is held for them until they answer, so nobody can jump the queue.
SEAT_HOLDING_STATUSES = (EnrolmentStatus.CONFIRMED, EnrolmentStatus.OFFERED)


class Enrolment(models.Model):
    """A person's place in an offering, decided by Socialstyrelsen after a
    nomination. Confirmed and offered enrolments hold a seat; the waiting list is
    ordered by ``waitlisted_at``."""

    offering = models.ForeignKey(
        Offering,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("offering"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("participant"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.CONFIRMED,
    )
    nomination = models.OneToOneField(
        "courses.Nomination",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolment",
        verbose_name=_("nomination"),
    )
    waitlisted_at = models.DateTimeField(_("put on the waiting list"), null=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["offering", "user"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "user"], name="one_enrolment_per_person"
            ),
            models.CheckConstraint(
                name="enrolment_offer_has_deadline",
                condition=~Q(status="tilbudt") | Q(offer_expires_at__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["offering", "status", "waitlisted_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.offering}"
