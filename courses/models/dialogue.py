"""Enrolment by dialogue: invitations to the organisations of a district, their
nominations, the message thread per (offering, organisation), and the audit trail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User


class Invitation(models.Model):
    """An offering's invitation to one organisation of its district (a municipality
    or the district's police) to nominate participants, with a suggested number of
    seats. It is also the (offering, organisation) pair the message thread hangs on."""

    offering = models.ForeignKey(
        "courses.Offering",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("offering"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    suggested_seats = models.PositiveIntegerField(_("suggested seats"))
    #: Set by an administrator by hand: kept when the other shares are recomputed.
    seats_set_manually = models.BooleanField(_("set manually"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["offering", "organisation__name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "organisation"], name="one_invitation_per_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offering} · {self.organisation}"


class NominationStatus(models.TextChoices):
    NOMINATED = "indstillet", _("Nominated")
    DECIDED = "afgjort", _("Decided")
    WITHDRAWN = "trukket", _("Withdrawn")


class Nomination(models.Model):
    """A contact person's nomination of a named colleague, in priority order.

    Holds only what the decision needs: name, work e-mail, job, sector and whether
    SSP is most of the job. The decision itself is the ``Enrolment`` it leads to.
    """

    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("invitation"),
    )
    priority = models.PositiveIntegerField(_("priority"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("work e-mail"))
    job_title = models.CharField(_("job"), max_length=150)
    sector = models.CharField(_("sector"), max_length=10, choices=User.Sector.choices)
    ssp_main_job = models.BooleanField(_("SSP is most of the job"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("participant"),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="nominations_made",
        verbose_name=_("nominated by"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["invitation", "priority"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            # One live nomination per person and invitation; a withdrawn one may be
            # followed by a new one.
            models.UniqueConstraint(
                "invitation",
                models.functions.Lower("email"),
                condition=~Q(status="trukket"),
                name="one_live_nomination_per_email",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class DialogueMessage(models.Model):
    """One message in the thread between an organisation's contact persons and
    Socialstyrelsen about an offering."""

    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("invitation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="dialogue_messages",
        verbose_name=_("author"),
    )
    from_socialstyrelsen = models.BooleanField(_("from Socialstyrelsen"))
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.invitation} · {self.created_at:%d.%m.%Y %H:%M}"


class DialogueReadMark(models.Model):
    """How far a person has read a thread: messages after ``read_at`` are unread."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="read_marks"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "user"], name="one_read_mark_per_thread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation} · {self.read_at:%d.%m.%Y %H:%M}"


class EnrolmentEventKind(models.TextChoices):
    INVITED = "inviteret", _("Organisation invited")
    NOMINATED = "indstillet", _("Person nominated")
    NOMINATION_WITHDRAWN = "trukket", _("Nomination withdrawn")
    REORDERED = "prioriteret", _("Priority changed")
    CONFIRMED = "bekraeftet", _("Confirmed")
    WAITLISTED = "venteliste", _("Wait-listed")
    DECLINED = "afvist", _("Declined")
    CANCELLED = "afmeldt", _("Place cancelled")
    OFFERED = "tilbudt", _("Offered a seat from the waiting list")
    OFFER_ACCEPTED = "accepteret", _("Accepted the offered seat")
    OFFER_EXPIRED = "udloebet", _("Offer expired")
    MESSAGE = "besked", _("Message")
    SEATS_CHANGED = "pladser", _("Suggested seats changed")


class EnrolmentEvent(models.Model):
    """The audit trail of an offering: every invitation, nomination, decision and
    message, who did it and when. ``detail`` never holds the message text itself."""

    offering = models.ForeignKey(
        "courses.Offering",
        on_delete=models.CASCADE,
        related_name="enrolment_events",
        verbose_name=_("offering"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("event"), max_length=12, choices=EnrolmentEventKind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("nomination"),
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("enrolment event")
        verbose_name_plural = _("enrolment events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%d.%m.%Y %H:%M}"
