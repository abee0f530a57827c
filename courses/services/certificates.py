"""Writes for kursusbeviser: issue a module or programme certificate, and render one
as a PDF."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from core.mail import absolute_url
from courses.models import Certificate, CertificateKind, ModuleCompletion, ModulePage
from courses.selectors.certificates import (
    CODE_ALPHABET,
    CODE_LENGTH,
    certificate_code_format,
    certificate_completed_on,
    programme_progress,
)

PROGRAMME_TITLE = "SSP-uddannelsen"
_CODE_ATTEMPTS = 5


def certificate_code_generate() -> str:
    """A new random verification code like ``K7QM-2XHR-P9TD`` (about 59 bits from
    ``secrets``). It is not checked against the database here: the unique constraint
    on ``Certificate.code`` catches the rare collision."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))
    return certificate_code_format(raw)


def _holder_name(user) -> str:
    name = user.get_full_name().strip()
    if not name:
        raise ValidationError(
            _(
                "Your profile has no name. Add your first and last name on your "
                "profile before a certificate can be issued."
            ),
            code="no_name",
        )
    return name


def _certificate_existing(*, user, kind: str, module: ModulePage | None):
    return Certificate.objects.filter(user=user, kind=kind, module=module).first()


def _certificate_create(
    *, user, kind: str, module: ModulePage | None, title: str, basis: str = ""
) -> Certificate:
    """Create the certificate with a fresh code. An IntegrityError means either that
    the same certificate was issued at the same moment by another request (return
    that one) or that the code collided (draw a new one)."""
    holder_name = _holder_name(user)
    for _attempt in range(_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    kind=kind,
                    user=user,
                    module=module,
                    code=certificate_code_generate(),
                    holder_name=holder_name,
                    title=title,
                    basis=basis,
                )
        except IntegrityError:
            existing = _certificate_existing(user=user, kind=kind, module=module)
            if existing is not None:
                return existing
    raise RuntimeError("Could not draw a unique certificate code.")


def certificate_issue_for_module(*, user, module: ModulePage) -> Certificate:
    """Issue the module certificate for a user who has completed ``module``.

    Idempotent: a user has at most one certificate per module (a unique constraint
    guards it), so a second call returns the existing certificate, revoked or not.
    The holder's name and the module title are copied at issue. Raises a Danish
    ValidationError, and creates nothing, when the user has not completed the module.
    """
    existing = _certificate_existing(
        user=user, kind=CertificateKind.MODULE, module=module
    )
    if existing is not None:
        return existing
    if not ModuleCompletion.objects.filter(user=user, module=module).exists():
        raise ValidationError(
            _(
                "You have not completed the module “%(title)s”, so no certificate "
                "can be issued for it yet."
            )
            % {"title": module.title},
            code="not_completed",
        )
    return _certificate_create(
        user=user, kind=CertificateKind.MODULE, module=module, title=module.title
    )


def certificate_issue_programme(*, user) -> Certificate:
    """Issue the certificate for the whole programme (SSP-uddannelsen): the grundmodul
    plus at least ``CertificateSettings.required_electives`` tilvalgsmoduler that
    count by the programme rules in ``CertificateSettings`` (``programme_progress``).
    The certificate stores, in Danish, what it is based on.

    Idempotent like ``certificate_issue_for_module``. Raises a Danish ValidationError
    listing what is missing, and creates nothing, when the requirements are not met.
    """
    existing = _certificate_existing(
        user=user, kind=CertificateKind.PROGRAMME, module=None
    )
    if existing is not None:
        return existing
    with translation.override("da"):
        progress = programme_progress(user=user)
        basis = progress.basis
    if not progress.is_complete:
        raise ValidationError(
            [
                _("The programme certificate cannot be issued yet."),
                *progress.missing,
            ],
            code="programme_incomplete",
        )
    return _certificate_create(
        user=user,
        kind=CertificateKind.PROGRAMME,
        module=None,
        title=PROGRAMME_TITLE,
        basis=basis,
    )


def certificate_verification_url(*, certificate: Certificate) -> str:
    """The absolute address of the public verification page for the certificate."""
    path = reverse("courses:certificate_verify_code", args=[certificate.code])
    return absolute_url(path)


def certificate_pdf(*, certificate: Certificate) -> bytes:
    """The certificate as an A4 landscape PDF in Danish (a tagged PDF with title and
    language in its metadata). No side effects. Refuses a revoked certificate with a
    Danish ValidationError."""
    if certificate.revoked_at is not None:
        raise ValidationError(
            _("This certificate has been revoked and can no longer be downloaded."),
            code="revoked",
        )
    # Imported here: WeasyPrint loads Pango and fonts, which only this needs.
    import weasyprint

    completed_on = certificate_completed_on(certificate=certificate)
    with translation.override("da"):
        html = render_to_string(
            "courses/certificates/pdf.html",
            {
                "certificate": certificate,
                "is_programme": certificate.kind == CertificateKind.PROGRAMME,
                "completed_on": formats.date_format(completed_on, "j. F Y"),
                "verification_url": certificate_verification_url(
                    certificate=certificate
                ),
            },
        )
    return weasyprint.HTML(string=html).write_pdf(pdf_tags=True)
