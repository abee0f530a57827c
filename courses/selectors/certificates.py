"""Reads for kursusbeviser: what a participant has completed, what the programme
certificate still needs, and the public look-up by verification code."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import (
    Certificate,
    CertificateKind,
    CertificateSettings,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModuleKind,
    ModulePage,
    QuizAttempt,
    SelfPacedRule,
)

# Verification codes use no characters that are easy to confuse when read aloud or
# typed from paper: no 0/O, no 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
CODE_GROUP = 4
_CODE_SEPARATORS = re.compile(r"[\s\-_.]+")


def certificate_code_format(raw: str) -> str:
    """``ABCDEFGHJKMN`` → ``ABCD-EFGH-JKMN``. Pure function."""
    return "-".join(
        raw[start : start + CODE_GROUP] for start in range(0, len(raw), CODE_GROUP)
    )


def certificate_code_normalise(code: str) -> str | None:
    """The canonical form of a code as a person typed it (lower case, spaces or
    missing dashes accepted), or None when it cannot be a code. Pure function."""
    compact = _CODE_SEPARATORS.sub("", code or "").upper()
    if len(compact) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in compact):
        return None
    return certificate_code_format(compact)


@dataclass(frozen=True)
class ProgrammeProgress:
    """How far a participant is towards the programme certificate, by the rules in
    ``CertificateSettings``: which completions count, and why the others do not."""

    has_grundmodul: bool
    electives_completed: int
    electives_required: int
    missing: list[str] = field(default_factory=list)
    #: The completions that count, grundmodul first.
    counted: list[ModuleCompletion] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def basis(self) -> str:
        """What a programme certificate issued now is based on, in the active
        language: each counted module and how it was completed."""
        parts = []
        for completion in self.counted:
            if completion.offering is not None:
                parts.append(
                    _("%(module)s (offering in %(district)s, with attendance)")
                    % {
                        "module": completion.module.title,
                        "district": completion.offering.politikreds.name,
                    }
                )
            else:
                parts.append(
                    _(
                        "%(module)s (on one's own: every lesson, every quiz passed, "
                        "over at least %(minutes)d minutes)"
                    )
                    % {"module": completion.module.title, "minutes": self.minimum}
                )
        return "; ".join(parts)

    minimum: int = 0


def _self_paced_qualifies(*, user, module: ModulePage, minimum_minutes: int) -> bool:
    """A module completed on one's own counts when every published lesson is done,
    every quiz in them has a passed attempt, and at least ``minimum_minutes`` lie
    between the first and the last completed lesson (clicking "done" through the
    lessons in seconds is not taking the module). Three queries."""
    return user.pk in self_paced_counted_at(
        module=module, user_ids=[user.pk], minimum_minutes=minimum_minutes
    )


def self_paced_counted_at(
    *,
    module: ModulePage,
    user_ids: Iterable[int],
    minimum_minutes: int | None = None,
) -> dict[int, datetime.datetime]:
    """For each of ``user_ids`` whose completion of ``module`` on their own counts
    by the programme rules, the moment it came to count: the last of their last
    completed lesson and the first passed attempt of each quiz. Users whose
    completion does not count (yet) are left out; so is everyone when the rules let
    only offerings count. ``minimum_minutes`` given means the caller has read the
    rules and they let self-paced modules count. Does not look at
    ``ModuleCompletion``. Three queries (four when it reads the rules), however many
    users; no side effects."""
    if minimum_minutes is None:
        rules = CertificateSettings.load()
        if rules.self_paced_rule == SelfPacedRule.OFFERING_ONLY:
            return {}
        minimum_minutes = rules.self_paced_minimum_minutes
    user_ids = list(user_ids)
    lessons = list(LessonPage.objects.live().child_of(module))
    if not lessons or not user_ids:
        return {}
    done: dict[int, list[datetime.datetime]] = {}
    for user_id, completed_at in LessonCompletion.objects.filter(
        user_id__in=user_ids, lesson__in=lessons
    ).values_list("user_id", "completed_at"):
        done.setdefault(user_id, []).append(completed_at)
    quizzes = {
        (lesson.pk, block.id)
        for lesson in lessons
        for block in lesson.body
        if block.block_type == "quiz"
    }
    passed: dict[int, dict[tuple[int, str], datetime.datetime]] = {}
    for user_id, lesson_id, block_id, first in (
        QuizAttempt.objects.filter(user_id__in=done, lesson__in=lessons, passed=True)
        .values_list("user_id", "lesson_id", "block_id")
        .annotate(first=Min("created_at"))
        .order_by()
    ):
        passed.setdefault(user_id, {})[(lesson_id, block_id)] = first
    counted: dict[int, datetime.datetime] = {}
    minimum = datetime.timedelta(minutes=minimum_minutes)
    for user_id, times in done.items():
        if len(times) < len(lessons) or max(times) - min(times) < minimum:
            continue
        quiz_times = passed.get(user_id, {})
        if not quizzes <= set(quiz_times):
            continue
        counted[user_id] = max([max(times), *(quiz_times[quiz] for quiz in quizzes)])
    return counted


def programme_progress(*, user) -> ProgrammeProgress:
    """The grundmodul and the number of tilvalgsmoduler the user has completed that
    count by ``CertificateSettings``: the elective modules that count (all when none
    is chosen), and whether a module completed on one's own (no offering) counts and
    what it then requires (``_self_paced_qualifies``). With a Danish sentence for
    each thing still missing. A few queries (more per self-paced completion); no
    side effects."""
    rules = CertificateSettings.load()
    required = rules.required_electives
    counted_electives = set(rules.counted_electives.values_list("pk", flat=True))
    completions = list(
        ModuleCompletion.objects.filter(user=user)
        .select_related("module", "offering__politikreds")
        .order_by("completed_at")
    )
    counted = []
    missing = []
    #: Per line in ``missing``: whether it is about the grundmodul.
    not_counted: list[bool] = []
    for completion in completions:
        module = completion.module
        if (
            module.kind == ModuleKind.ELECTIVE
            and counted_electives
            and module.pk not in counted_electives
        ):
            continue
        if completion.offering_id is None:
            if rules.self_paced_rule == SelfPacedRule.OFFERING_ONLY:
                missing.append(
                    _(
                        "%(module)s was completed on your own; only a completed "
                        "offering with attendance counts."
                    )
                    % {"module": module.title}
                )
                not_counted.append(module.kind == ModuleKind.BASE)
                continue
            if not _self_paced_qualifies(
                user=user,
                module=module,
                minimum_minutes=rules.self_paced_minimum_minutes,
            ):
                missing.append(
                    _(
                        "%(module)s was completed on your own but does not count yet: "
                        "every lesson must be done and every quiz passed, over at "
                        "least %(minutes)d minutes."
                    )
                    % {
                        "module": module.title,
                        "minutes": rules.self_paced_minimum_minutes,
                    }
                )
                not_counted.append(module.kind == ModuleKind.BASE)
                continue
        counted.append(completion)
    counted.sort(key=lambda c: c.module.kind != ModuleKind.BASE)
    kinds = [completion.module.kind for completion in counted]
    has_grundmodul = ModuleKind.BASE in kinds
    electives = sum(1 for kind in kinds if kind == ModuleKind.ELECTIVE)
    if electives >= required:
        # Enough electives count: the ones that do not are no longer missing.
        missing = [
            line
            for line, about_grundmodul in zip(missing, not_counted, strict=True)
            if about_grundmodul
        ]
    if not has_grundmodul:
        missing.insert(0, _("The base module (grundmodul) is not completed."))
    if electives < required:
        lacking = required - electives
        missing.append(
            ngettext(
                "%(count)d more elective module is needed (%(done)d of %(required)d "
                "completed).",
                "%(count)d more elective modules are needed (%(done)d of "
                "%(required)d completed).",
                lacking,
            )
            % {"count": lacking, "done": electives, "required": required}
        )
    return ProgrammeProgress(
        has_grundmodul=has_grundmodul,
        electives_completed=electives,
        electives_required=required,
        missing=missing,
        counted=counted,
        minimum=rules.self_paced_minimum_minutes,
    )


@dataclass(frozen=True)
class CompletedModule:
    completion: ModuleCompletion
    certificate: Certificate | None


@dataclass(frozen=True)
class CertificateOverview:
    completed_modules: list[CompletedModule]
    programme: ProgrammeProgress
    programme_certificate: Certificate | None


def certificate_overview(*, user) -> CertificateOverview:
    """Everything the "Mine kursusbeviser" page shows: the user's completed modules with
    their certificate (if issued), the programme progress and the programme
    certificate. A fixed number of queries; no side effects."""
    completions = list(
        ModuleCompletion.objects.filter(user=user)
        .select_related("module")
        .order_by("module__kind", "completed_at")
    )
    certificates = list(Certificate.objects.filter(user=user))
    by_module = {
        c.module_id: c for c in certificates if c.kind == CertificateKind.MODULE
    }
    programme_certificate = next(
        (c for c in certificates if c.kind == CertificateKind.PROGRAMME), None
    )
    return CertificateOverview(
        completed_modules=[
            CompletedModule(completion=c, certificate=by_module.get(c.module_id))
            for c in completions
        ],
        programme=programme_progress(user=user),
        programme_certificate=programme_certificate,
    )


def certificate_get_by_code(*, code: str) -> Certificate | None:
    """The certificate with this verification code (any spelling accepted by
    ``certificate_code_normalise``), revoked ones included, or None."""
    canonical = certificate_code_normalise(code)
    if canonical is None:
        return None
    return Certificate.objects.filter(code=canonical).first()


def certificate_completed_on(*, certificate: Certificate) -> datetime.date:
    """The date the certificate states (local time): for a module, the day the module
    was completed; for the programme, the day of the last module completed before the
    certificate was issued. Falls back to the issue date if the completion rows are
    gone. One query; no side effects."""
    completions = ModuleCompletion.objects.filter(user_id=certificate.user_id)
    if certificate.kind == CertificateKind.MODULE:
        completions = completions.filter(module_id=certificate.module_id)
    else:
        completions = completions.filter(completed_at__lte=certificate.issued_at)
    completed_at = completions.aggregate(latest=Max("completed_at"))["latest"]
    return timezone.localdate(completed_at or certificate.issued_at)
