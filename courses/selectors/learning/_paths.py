"""Shared by the learning reads: Wagtail's tree paths, and percentages."""

from django.db.models import (
    CharField,
    F,
)
from django.db.models.functions import Substr

from courses.models import LessonPage

STEPLEN = LessonPage.steplen


def _percent(part: int, whole: int) -> int:
    return round(part * 100 / whole) if whole else 0


def _parent_path_expression():
    """SQL for the tree path of a page's parent (Wagtail's materialised path)."""
    return Substr("path", 1, (F("depth") - 1) * STEPLEN, output_field=CharField())
