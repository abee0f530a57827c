"""What a participant has done: lessons completed, private reflections, quiz attempts,
attendance, and completed modules."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson completion")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"], name="lesson_completed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.lesson_id}"


class ReflectionAnswer(models.Model):
    """The learner's private answer to a reflection block. Nobody else reads it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    text = models.TextField(max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reflection answer")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id"], name="one_reflection_per_block"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.lesson_id} · {self.block_id}"


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    answers = models.JSONField(default=list)
    score = models.PositiveSmallIntegerField()
    max_score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quiz attempt")
        indexes = [models.Index(fields=["user", "lesson", "block_id"])]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.score}/{self.max_score}"


class AttendanceSource(models.TextChoices):
    WEBINAR = "webinar", _("Webinar room")
    CHECKIN = "checkin", _("Check-in list")


class SessionAttendance(models.Model):
    """Whether a participant attended a session: from the webinar room, or ticked off
    on the check-in list by a presenter or administrator."""

    session = models.ForeignKey(
        "courses.Session", on_delete=models.CASCADE, related_name="attendance"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    present = models.BooleanField(default=True)
    minutes_present = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    source = models.CharField(max_length=10, choices=AttendanceSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="one_attendance_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.session_id}"


class ModuleCompletion(models.Model):
    """A participant has completed a module: required lessons done and attendance at
    or above the offering's threshold."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="module_completions",
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.PROTECT, related_name="completions"
    )
    offering = models.ForeignKey(
        "courses.Offering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completions",
    )
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("module completion")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module"], name="module_completed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.module_id}"
