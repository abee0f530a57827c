"""Survey templates and their frozen versions, schedules that say when a template is
sent to whom, the invitations that were sent, and the responses with their answers.

Responses carry the module, politikreds and year of the offering they are about, so
reports aggregate one join (answers → responses) in the database. A response to an
anonymous survey has no link to the person or the invitation; that the person has
answered is recorded only on the invitation (``responded_at``)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.fields import StreamField

from evaluations.blocks import SurveyStreamBlock


class QuestionKind(models.TextChoices):
    SECTION = "section", _("Section")
    LIKERT = "likert", _("Likert scale 1–5")
    SCALE = "scale", _("Scale 0–10")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    FREE_TEXT = "free_text", _("Free text")


TEXT_INDEX_PREFIX = 100

# Kinds whose answers are numbers a mean makes sense of.
NUMERIC_KINDS = (QuestionKind.LIKERT, QuestionKind.SCALE)
CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


class SurveyTemplate(models.Model):
    """A survey as administrators edit it. What participants answer is always a
    ``SurveyVersion``: saving the template updates its newest version while that has
    no responses, and otherwise starts a new version."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        max_length=1500,
        blank=True,
        help_text=_("Shown to participants above the questions."),
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Answers are stored without any link to the person. Reminders still "
            "reach only those who have not answered."
        ),
    )
    questions = StreamField(SurveyStreamBlock(), verbose_name=_("questions"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")

    def __str__(self) -> str:
        return self.title


class SurveyVersion(models.Model):
    """A frozen copy of a template's questions. Once a version has responses it is
    never changed again, so every answer can be read against the exact question it
    answered."""

    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    is_anonymous = models.BooleanField()
    # [{"id", "kind", "text", "required", "options": [...], "low", "high"}, ...]
    questions = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["template", "-number"]
        verbose_name = _("survey version")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="one_version_number_per_template"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} · version {self.number}"


class Trigger(models.TextChoices):
    AFTER_LAST_SESSION = "after_last_session", _("After the last session")
    AFTER_COMPLETION = "after_completion", _("After the participant's completion")
    AFTER_WEBINAR = "after_webinar", _("After each webinar session")


class Schedule(models.Model):
    """When a template is sent, and to whom: the confirmed participants of every
    offering of a module, or of one offering, some days after a trigger."""

    template = models.ForeignKey(
        SurveyTemplate,
        on_delete=models.PROTECT,
        related_name="schedules",
        verbose_name=_("survey template"),
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_schedules",
        verbose_name=_("module"),
        help_text=_("Every offering of this module. Leave empty to pick one offering."),
    )
    offering = models.ForeignKey(
        "courses.Offering",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_schedules",
        verbose_name=_("offering"),
    )
    trigger = models.CharField(
        _("trigger"),
        max_length=20,
        choices=Trigger.choices,
        default=Trigger.AFTER_LAST_SESSION,
    )
    delay_days = models.PositiveSmallIntegerField(
        _("days after the trigger"),
        default=1,
        validators=[MaxValueValidator(730)],
        help_text=_("For example 90 for a follow-up three months after completion."),
    )
    open_days = models.PositiveSmallIntegerField(
        _("days open for answers"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    reminder_count = models.PositiveSmallIntegerField(
        _("reminders at most"), default=2, validators=[MaxValueValidator(5)]
    )
    reminder_interval_days = models.PositiveSmallIntegerField(
        _("days between reminders"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    active_from = models.DateField(
        _("active from"),
        default=timezone.localdate,
        help_text=_("Only triggers on or after this day send invitations."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["template", "trigger"]
        verbose_name = _("evaluation schedule")
        verbose_name_plural = _("evaluation schedules")
        constraints = [
            models.CheckConstraint(
                name="schedule_module_or_offering",
                condition=(
                    Q(module__isnull=False, offering__isnull=True)
                    | Q(module__isnull=True, offering__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        target = self.module or self.offering
        return f"{self.template} · {target} · {self.get_trigger_display()}"


class Invitation(models.Model):
    """One person invited to answer one survey about one offering (or one webinar
    session), or about a module they completed on their own (self-paced: ``module``
    set, no offering). The unique constraints make a second invitation impossible,
    however often the periodic job runs."""

    schedule = models.ForeignKey(
        Schedule, on_delete=models.PROTECT, related_name="invitations"
    )
    version = models.ForeignKey(
        SurveyVersion, on_delete=models.PROTECT, related_name="invitations"
    )
    offering = models.ForeignKey(
        "courses.Offering",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Only for a self-paced completion (no offering, no sessions).
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    session = models.ForeignKey(
        "courses.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="evaluation_invitations",
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField()
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_contacted_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("evaluation invitation")
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "offering", "user"],
                condition=Q(session__isnull=True),
                name="one_invitation_per_schedule_offering_person",
            ),
            models.UniqueConstraint(
                fields=["schedule", "session", "user"],
                condition=Q(session__isnull=False),
                name="one_invitation_per_schedule_session_person",
            ),
            models.UniqueConstraint(
                fields=["schedule", "module", "user"],
                condition=Q(module__isnull=False),
                name="one_self_paced_invitation_per_schedule_module_person",
            ),
            models.CheckConstraint(
                name="invitation_offering_or_self_paced_module",
                condition=(
                    Q(offering__isnull=False, module__isnull=True)
                    | Q(offering__isnull=True, module__isnull=False, session=None)
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["responded_at", "sent_at"], name="invitation_pending_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.user_id}"

    @property
    def is_self_paced(self) -> bool:
        return self.offering_id is None

    @property
    def run_module(self):
        """The module the invitation is about (its offering's, or its own)."""
        return self.module if self.offering_id is None else self.offering.module


class Response(models.Model):
    """One completed questionnaire. The random primary key, and no date on anonymous
    responses, keep them from being matched to invitations by order or time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(
        SurveyVersion, on_delete=models.PROTECT, related_name="responses"
    )
    schedule = models.ForeignKey(
        Schedule, on_delete=models.PROTECT, related_name="responses"
    )
    # No offering and no district for a module completed on one's own (self-paced);
    # its year is the year its invitation was created.
    offering = models.ForeignKey(
        "courses.Offering",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.PROTECT, related_name="+"
    )
    politikreds = models.ForeignKey(
        "accounts.Politikreds",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField()
    # The day, for named surveys only: with a date, an anonymous response could be
    # matched to the one invitation answered that day.
    submitted_on = models.DateField(null=True, blank=True)
    # Only for surveys that are not anonymous; one response per invitation.
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
    )

    class Meta:
        verbose_name = _("evaluation response")
        indexes = [
            models.Index(fields=["version", "year"], name="response_version_year_idx")
        ]
        constraints = [
            models.CheckConstraint(
                name="response_district_only_with_offering",
                condition=Q(offering__isnull=False, politikreds__isnull=False)
                | Q(offering__isnull=True, politikreds__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.submitted_on}"


class Answer(models.Model):
    """One answer to one question. Numbers (scale points, chosen option's index) go in
    ``value`` so the database can count and average them; a multiple-choice answer is
    one row per chosen option."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(max_length=64)
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=4000)

    class Meta:
        verbose_name = _("evaluation answer")
        indexes = [
            models.Index(fields=["response", "question_id"]),
            # A report lists the first free-text answers of a question in order
            # without reading them all: by a prefix (a whole text may be too long
            # for an index entry), then by the random response id, never by time.
            models.Index(
                "question_id",
                Substr("text", 1, TEXT_INDEX_PREFIX),
                "response_id",
                name="answer_free_text_idx",
                condition=Q(value__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value if self.value is not None else '…'}"


# ``ReportTally.question_id`` of the row that counts the responses themselves, and
# ``ReportTally.value`` of the row that counts respondents (of a question, or the
# responses when ``question_id`` is RESPONSES).
RESPONSES = ""
RESPONDENTS = -1
# ``ReportTally.value`` of the row (with ``question_id = RESPONSES``) that counts the
# invitations of a run, so the response rate costs no count over invitations.
INVITED = -2


class ReportTally(models.Model):
    """A running count per survey version, offering (run), question and value, so
    reports cost what the number of cells costs, not the number of answers.

    Per run there is one row with ``question_id = RESPONSES, value = RESPONDENTS``
    (its responses), one with ``value = INVITED`` (its invitations), per question
    one with ``value = RESPONDENTS`` (how many answered it), and per question and
    answered value one with the number of answers with that value. Free text has
    only the respondents row; the texts stay in ``Answer``. Kept up to date in the
    transaction that stores a response (and after invitations are created), and
    rebuilt from the answers by ``report_tallies_rebuild``.

    Self-paced answers (no offering) are one run per module and year, with no
    offering and no district."""

    version = models.ForeignKey(
        SurveyVersion, on_delete=models.CASCADE, related_name="tallies"
    )
    offering = models.ForeignKey(
        "courses.Offering",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="+"
    )
    politikreds = models.ForeignKey(
        "accounts.Politikreds",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField()
    question_id = models.CharField(max_length=64, blank=True)
    value = models.SmallIntegerField()
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("evaluation report tally")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "offering", "question_id", "value"],
                name="one_tally_per_version_offering_question_value",
            ),
            models.UniqueConstraint(
                fields=["version", "module", "year", "question_id", "value"],
                condition=Q(offering__isnull=True),
                name="one_self_paced_tally_per_version_module_year_question_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id} · {self.offering_id} · {self.question_id}"
