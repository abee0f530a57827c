"""Reads for kursusbeviser: what a participant has completed, what the programme
certificate still needs, and the public look-up by verification code."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import (
    Certificate,
    CertificateKind,
    CertificateSettings,
    ModuleCompletion,
    ModuleKind,
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
    """How far a participant is towards the programme certificate."""

    has_grundmodul: bool
    electives_completed: int
    electives_required: int
    missing: list[str] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.missing


def programme_progress(*, user) -> ProgrammeProgress:
    """The grundmodul and the number of tilvalgsmoduler the user has completed, against
    ``CertificateSettings.required_electives``, with a Danish sentence for each thing
    still missing. Two queries; no side effects."""
    required = CertificateSettings.load().required_electives
    kinds = list(
        ModuleCompletion.objects.filter(user=user).values_list(
            "module__kind", flat=True
        )
    )
    has_grundmodul = ModuleKind.GRUNDMODUL in kinds
    electives = sum(1 for kind in kinds if kind == ModuleKind.TILVALGSMODUL)
    missing = []
    if not has_grundmodul:
        missing.append(_("The base module (grundmodul) is not completed."))
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
