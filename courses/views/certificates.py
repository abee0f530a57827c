"""Kursusbeviser: the participant's own list and PDF download, and the public
verification page."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.client_address import client_address
from core.feedback import error_messages
from courses.models import Certificate, CertificateKind, ModulePage
from courses.selectors.certificates import (
    certificate_code_normalise,
    certificate_completed_on,
    certificate_get_by_code,
    certificate_overview,
)
from courses.services.certificates import (
    certificate_issue_for_module,
    certificate_issue_programme,
    certificate_pdf,
)

# Verification look-ups allowed per client address and minute: plenty for a person
# checking certificates, far too few to guess a 59-bit code.
VERIFY_RATE_LIMIT = 30
VERIFY_RATE_WINDOW = 60


@login_required
@require_GET
def certificate_list(request: HttpRequest) -> HttpResponse:
    overview = certificate_overview(user=request.user)
    return render(request, "courses/certificates/list.html", {"overview": overview})


def _pdf_response(certificate: Certificate, *, filename_part: str) -> HttpResponse:
    response = HttpResponse(
        certificate_pdf(certificate=certificate), content_type="application/pdf"
    )
    filename = f"kursusbevis-{slugify(filename_part) or 'ssp'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _refuse(request: HttpRequest, error: ValidationError) -> HttpResponse:
    error_messages(request, error)
    return redirect("courses:certificate_list")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def certificate_download(request: HttpRequest, module_id: int) -> HttpResponse:
    """Issues the user's own certificate for the module if needed, then sends it."""
    module = get_object_or_404(ModulePage, pk=module_id)
    try:
        certificate = certificate_issue_for_module(user=request.user, module=module)
        return _pdf_response(certificate, filename_part=module.slug)
    except ValidationError as error:
        return _refuse(request, error)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def certificate_download_programme(request: HttpRequest) -> HttpResponse:
    """Issues the user's own programme certificate if needed, then sends it."""
    try:
        certificate = certificate_issue_programme(user=request.user)
        return _pdf_response(certificate, filename_part="ssp-uddannelsen")
    except ValidationError as error:
        return _refuse(request, error)


def _verify_rate_limited(request: HttpRequest) -> bool:
    """Counts one look-up for the client's address in a fixed one-minute window; True
    when the address has used up its look-ups."""
    key = f"certificate-verify:{client_address(request)}"
    cache.add(key, 0, timeout=VERIFY_RATE_WINDOW)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=VERIFY_RATE_WINDOW)
        used = 1
    return used > VERIFY_RATE_LIMIT


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "courses/certificates/verify_limited.html", status=429)
    response["Retry-After"] = str(VERIFY_RATE_WINDOW)
    return response


@require_GET
def certificate_verify(request: HttpRequest) -> HttpResponse:
    """The public form: type a code, land on its verification page."""
    raw = request.GET.get("code", "")
    error = ""
    if raw:
        code = certificate_code_normalise(raw)
        if code is not None:
            return redirect("courses:certificate_verify_code", code=code)
        error = _(
            "A verification code has 12 letters and digits, for example "
            "K7QM-2XHR-P9TD. Check the code on the certificate."
        )
    return render(
        request,
        "courses/certificates/verify.html",
        {"code": raw, "error": error},
    )


@never_cache
@require_GET
def certificate_verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """Shows only the holder's name, the title and the date for a code, rate limited
    per client address."""
    if _verify_rate_limited(request):
        return _too_many(request)
    certificate = certificate_get_by_code(code=code)
    if certificate is None:
        return render(
            request,
            "courses/certificates/verify_result.html",
            {"code": code, "found": False},
            status=404,
        )
    canonical = certificate_code_normalise(code)
    if canonical != code:
        return redirect("courses:certificate_verify_code", code=canonical)
    # Only what the page may show: never the e-mail, organisation or anything else.
    return render(
        request,
        "courses/certificates/verify_result.html",
        {
            "code": certificate.code,
            "found": True,
            "revoked": certificate.revoked_at is not None,
            "holder_name": certificate.holder_name,
            "title": certificate.title,
            "is_programme": certificate.kind == CertificateKind.PROGRAMME,
            "completed_on": formats.date_format(
                certificate_completed_on(certificate=certificate), "j. F Y"
            ),
        },
    )
