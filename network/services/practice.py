"""The practice bank: structured practice examples with their own discussion,
and the review of their evidence level."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Kommune, User
from core.text_guard import validate_no_cpr
from courses.models import (
    PreventionLevel,
)
from network.models import (
    EvidenceLevel,
    ModerationAction,
    Network,
    NetworkKind,
    PracticeExample,
    Thread,
)
from network.selectors import (
    PRACTICE_NETWORK_SLUG,
)

from .forum import thread_follow_ensure
from .moderation import moderation_log_add, moderator_check, reason_clean

# Practice bank --------------------------------------------------------------------


def practice_network() -> Network:
    """The theme network that holds the practice examples' discussions."""
    network, _created = Network.objects.get_or_create(
        slug=PRACTICE_NETWORK_SLUG,
        defaults={
            "kind": NetworkKind.THEME,
            "name": "Praksisbanken",
            "order": 99,
            "description": _("Discussions of the practice examples."),
        },
    )
    return network


PRACTICE_TEXT_FIELDS = (
    "title",
    "target_group",
    "problem",
    "what_was_done",
    "partners",
    "results",
)


def practice_example_create(
    *,
    user: User,
    title: str,
    kommune: Kommune,
    target_group: str,
    problem: str,
    what_was_done: str,
    prevention_level: PreventionLevel,
    evidence_level: str,
    partners: str = "",
    results: str = "",
    material_url: str = "",
    themes: list[Network] | tuple = (),
    contact: User | None = None,
) -> PracticeExample:
    """Add a practice example to the bank, with its own discussion thread. The
    evidence level is shown as self-assessed until a moderator reviews it.

    Raises ValidationError (Danish) for a missing required field, an unknown
    evidence level or a CPR number in any text; nothing is stored then."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to share a practice example."))
    values = {
        "title": (title or "").strip(),
        "target_group": (target_group or "").strip(),
        "problem": (problem or "").strip(),
        "what_was_done": (what_was_done or "").strip(),
        "partners": (partners or "").strip(),
        "results": (results or "").strip(),
    }
    for field in ("title", "target_group", "problem", "what_was_done"):
        if not values[field]:
            raise ValidationError(
                _("Fill in title, target group, problem and what was done.")
            )
    for field in PRACTICE_TEXT_FIELDS:
        validate_no_cpr(values[field])
    if evidence_level not in EvidenceLevel.values:
        raise ValidationError(_("Choose an evidence level."))
    if any(theme.kind != NetworkKind.THEME for theme in themes):
        raise ValidationError(_("Choose themes among the theme networks."))
    example = PracticeExample(
        **values,
        kommune=kommune,
        prevention_level=prevention_level,
        evidence_level=evidence_level,
        material_url=material_url or "",
        contact=contact,
        author=user,
    )
    example.full_clean(exclude=["thread", "author", "contact"])
    with transaction.atomic():
        example.thread = Thread.objects.create(
            network=practice_network(),
            title=values["title"],
            author=user,
            last_activity_at=timezone.now(),
        )
        example.save()
        example.themes.set(themes)
        thread_follow_ensure(user=user, thread=example.thread)
    return example


def practice_example_review(
    *, moderator: User, example: PracticeExample, evidence_level: str, reason: str
) -> PracticeExample:
    """A moderator or administrator reviews the evidence level (keeping or changing
    it); from then on it is shown as reviewed. Logged with the reason."""
    moderator_check(moderator)
    if evidence_level not in EvidenceLevel.values:
        raise ValidationError(_("Choose an evidence level."))
    reason = reason_clean(reason)
    with transaction.atomic():
        example.evidence_level = evidence_level
        example.evidence_reviewed_at = timezone.now()
        example.evidence_reviewed_by = moderator
        example.save(
            update_fields=[
                "evidence_level",
                "evidence_reviewed_at",
                "evidence_reviewed_by",
            ]
        )
        moderation_log_add(
            moderator=moderator,
            action=ModerationAction.REVIEW,
            thread=example.thread,
            practice_example=example,
            reason=reason,
        )
    return example
