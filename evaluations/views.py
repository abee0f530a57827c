"""Views for evaluations: answering by a personal link (no login), and the reports
with their exports for people with ``accounts.view_evaluation_reports``."""

from dataclasses import replace

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from evaluations import charts
from evaluations.exports import report_csv, report_filename, report_pdf, report_xlsx
from evaluations.forms import ReportFilterForm, free_text_hints, survey_items
from evaluations.models import SurveyVersion
from evaluations.selectors import (
    MIN_GROUP,
    ReportFilters,
    invitation_from_token,
    report_build,
    report_filter_choices,
    report_offering_label,
    survey_versions_for_reports,
)
from evaluations.services import response_submit

VIEW_REPORTS = "accounts.view_evaluation_reports"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
ERROR_STATUS = {"invalid": 404, "closed": 410, "answered": 409}
TEXT_LIMIT = 100  # free-text answers per question on the report page


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    # The token is in the address: never send it to another site.
    response["Referrer-Policy"] = "same-origin"
    return response


def _refusal(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return _private(
        render(
            request,
            "evaluations/answer_refused.html",
            {"message": error.messages[0], "code": error.code},
            status=ERROR_STATUS.get(error.code, 400),
        )
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey behind a personal link. The signed token is the only key: no
    login, and the page shows nothing about the person."""
    try:
        invitation = invitation_from_token(token=token)
    except ValidationError as error:
        return _refusal(request, error)
    version = invitation.version
    data: dict[str, list[str]] = {}
    errors: dict[str, list[str]] = {}
    hints: dict[str, list[str]] = {}
    if request.method == "POST":
        data = {key: request.POST.getlist(key) for key in request.POST}
        # Possible child identification is asked about once, never refused.
        if request.POST.get("hints_seen") != "1":
            hints = free_text_hints(questions=version.questions, data=data)
        if not hints:
            try:
                response_submit(invitation_id=invitation.pk, data=data)
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    return _refusal(request, error)
                errors = error.message_dict
            else:
                return redirect("evaluations:thanks")
    return _private(
        render(
            request,
            "evaluations/answer.html",
            {
                "invitation": invitation,
                "version": version,
                "items": survey_items(
                    questions=version.questions, data=data, errors=errors, hints=hints
                ),
                "has_errors": bool(errors),
                "has_hints": bool(hints),
            },
            status=400 if errors else 200,
        )
    )


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "evaluations/thanks.html"))


@require_GET
@login_required
@permission_required(VIEW_REPORTS, raise_exception=True)
def reports(request: HttpRequest) -> HttpResponse:
    """The surveys that have responses, with a link to each version's report."""
    return render(
        request,
        "evaluations/reports.html",
        {"versions": survey_versions_for_reports(), "min_group": MIN_GROUP},
    )


def _selection(
    filters: ReportFilters, choices: dict, offering_label: str = ""
) -> list[tuple[str, str]]:
    """What the report covers, in words, for the page and every export."""
    modules = {module.pk: module.title for module in choices["modules"]}
    districts = {district.code: district.name for district in choices["districts"]}
    years = ""
    if filters.year_from or filters.year_to:
        years = f"{filters.year_from or ''}–{filters.year_to or ''}"
    return [
        (_("Module"), modules.get(filters.module_id, _("All modules"))),
        (
            _("Police district"),
            districts.get(filters.politikreds_code, _("All police districts")),
        ),
        (_("Years"), years or _("All years")),
        *([(_("Offering"), offering_label)] if filters.offering_id else []),
    ]


@require_GET
@login_required
@permission_required(VIEW_REPORTS, raise_exception=True)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """One survey version's report, narrowed by module, district, years or offering
    in the query string; ``?format=csv|xlsx|pdf`` exports it."""
    version = SurveyVersion.objects.filter(pk=pk).first()
    if version is None:
        raise Http404
    export = request.GET.get("format", "")
    if export and export not in CONTENT_TYPES:
        return HttpResponseBadRequest(
            _("Unknown export format. Choose CSV, XLSX or PDF."),
            content_type="text/plain; charset=utf-8",
        )
    choices = report_filter_choices()
    form = ReportFilterForm(request.GET, choices=choices)
    form.is_valid()  # what is not understood is ignored and listed in ``errors``
    filters, errors, values = form.report_filters(), form.error_list(), form.values()
    if export and errors:
        # An export must never quietly cover something else than what was asked.
        return HttpResponseBadRequest(
            " ".join(errors), content_type="text/plain; charset=utf-8"
        )
    offering_label = ""
    if filters.offering_id:
        offering_label = report_offering_label(offering_id=filters.offering_id)
        if not offering_label:
            if export:
                return HttpResponseBadRequest(
                    _("The offering was not found."),
                    content_type="text/plain; charset=utf-8",
                )
            errors.append(_("The offering was not found, so all offerings are shown."))
            filters = replace(filters, offering_id=None)
            values["hold"] = ""
    # The page lists the first free-text answers; exports carry them all.
    built = report_build(
        version=version, filters=filters, text_limit=None if export else TEXT_LIMIT
    )
    selection = _selection(filters, choices, offering_label)
    context = {
        "selection": selection,
        "report": built,
        "charts": charts.report_charts(built),
        "year_charts": charts.year_charts(built),
        "choices": choices,
        "values": values,
        "errors": errors,
        "min_group": MIN_GROUP,
        "query": request.GET.urlencode(),
    }
    if export:
        if export == "csv":
            content = report_csv(built, selection=selection)
        elif export == "xlsx":
            content = report_xlsx(built, selection=selection)
        else:
            content = report_pdf(built, context=context)
        response = HttpResponse(content, content_type=CONTENT_TYPES[export])
        response["Content-Disposition"] = (
            f'attachment; filename="{report_filename(built, export)}"'
        )
        return _private(response)
    return _private(render(request, "evaluations/report.html", context))
