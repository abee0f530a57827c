"""Views for offerings: the planning overview, the public list of upcoming offerings
and the calendars (.ics per offering, personal feed, feed settings)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.mail import absolute_url
from core.page_cache import anonymous_cacheable
from core.spreadsheet import csv_response, xlsx_response
from courses.selectors.offerings import (
    CellState,
    PlanningCell,
    PlanningMatrix,
    calendar_feed_by_token,
    calendar_sessions_for_user,
    offering_for_calendar,
    offerings_upcoming_by_district,
    planning_matrix,
    politikredse_all,
)
from courses.services.calendar import (
    calendar_feed_get_or_create,
    calendar_feed_reset_token,
    offering_calendar,
    user_calendar,
)

FIRST_PLANNING_YEAR = 2015
YEARS_AHEAD = 10
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _year_parse(raw: str | None) -> tuple[int, str]:
    """The year asked for, or the current year and a Danish message."""
    current = timezone.localdate().year
    if raw is None or raw == "":
        return current, ""
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not FIRST_PLANNING_YEAR <= year <= current + YEARS_AHEAD:
        return current, _(
            "“%(value)s” is not a year the planning covers (%(first)s–%(last)s). "
            "Showing %(year)s instead."
        ) % {
            "value": raw[:20],
            "first": FIRST_PLANNING_YEAR,
            "last": current + YEARS_AHEAD,
            "year": current,
        }
    return year, ""


def _dates_text(dates) -> str:
    return ", ".join(formats.date_format(d, "SHORT_DATE_FORMAT") for d in dates)


def _cell_text(cell: PlanningCell) -> str:
    if cell.state == CellState.MISSING:
        return _("Missing")
    return "; ".join(
        f"{entry.status_label} {_dates_text(entry.dates)}" for entry in cell.entries
    )


def _export_rows(matrix: PlanningMatrix) -> list[list[str]]:
    header = [_("Police district"), *[module.title for module in matrix.modules]]
    rows = [header]
    for row in matrix.rows:
        rows.append([row.politikreds.name, *[_cell_text(c) for c in row.cells]])
    return rows


def _export_filename(matrix: PlanningMatrix, extension: str) -> str:
    return f"planlaegning-{matrix.year}.{extension}"


def _planning_csv(matrix: PlanningMatrix) -> HttpResponse:
    return csv_response(_export_filename(matrix, "csv"), _export_rows(matrix))


def _planning_xlsx(matrix: PlanningMatrix) -> HttpResponse:
    rows = _export_rows(matrix)
    return xlsx_response(
        _export_filename(matrix, "xlsx"),
        [(str(matrix.year), rows)],
        column_widths={1: 34, **dict.fromkeys(range(2, len(rows[0]) + 1), 28)},
        freeze="B2",
        wrap_text=True,
    )


@require_GET
@login_required
@permission_required("accounts.manage_offerings", raise_exception=True)
def planning(request: HttpRequest) -> HttpResponse:
    """Which district has had which module in a year, and where the grundmodul is
    still missing. ``?aar=2026`` picks the year, ``?format=csv|xlsx`` exports."""
    year, error = _year_parse(request.GET.get("aar"))
    export = request.GET.get("format", "")
    if export and export not in ("csv", "xlsx"):
        return HttpResponseBadRequest(
            _("Unknown export format. Choose CSV or XLSX."),
            content_type="text/plain; charset=utf-8",
        )
    if export and error:
        # An export must never quietly contain another year than the one asked for.
        return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
    matrix = planning_matrix(year=year)
    if export == "csv":
        return _planning_csv(matrix)
    if export == "xlsx":
        return _planning_xlsx(matrix)
    return render(
        request,
        "courses/offerings/planning.html",
        {"matrix": matrix, "error": error, "states": CellState},
    )


@require_GET
def offerings(request: HttpRequest) -> HttpResponse:
    """The public list of upcoming offerings, grouped by police district;
    ``?politikreds=<code>`` shows one district."""
    districts = politikredse_all()
    codes = {district.code for district in districts}
    raw = request.GET.get("politikreds", "")
    chosen = None
    error = ""
    if raw:
        if raw in codes:
            chosen = raw
        else:
            error = _(
                "We do not know the police district “%(value)s”. Showing all districts."
            ) % {"value": raw[:20]}
    groups = offerings_upcoming_by_district(politikreds_code=chosen)
    response = render(
        request,
        "courses/offerings/offerings.html",
        {
            "groups": groups,
            "districts": districts,
            "chosen": chosen,
            "error": error,
        },
    )
    return anonymous_cacheable(response)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def offering_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The public .ics of an offering. A cancelled offering keeps answering, with
    ``METHOD:CANCEL``, every event ``STATUS:CANCELLED`` and a raised ``SEQUENCE``,
    so calendars that subscribed to it remove the sessions instead of keeping them
    (a 404 would leave them in place)."""
    offering = offering_for_calendar(pk=pk)
    if offering is None or not offering.module.live:
        raise Http404
    content = offering_calendar(offering=offering, base_url=absolute_url("/"))
    return _ics_response(content, f"hold-{offering.pk}.ics")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's calendar subscription, found by its secret token (no login, so
    calendar programs can fetch it)."""
    feed = calendar_feed_by_token(token=token)
    if feed is None:
        raise Http404
    content = user_calendar(
        sessions=calendar_sessions_for_user(user=feed.user),
        base_url=absolute_url("/"),
    )
    response = _ics_response(content, "ssp-uddannelsen.ics")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The user's calendar address, and a button to replace it with a new one."""
    if request.method == "POST":
        calendar_feed_reset_token(user=request.user)
        messages.success(
            request,
            _(
                "Your calendar has a new address. The old address no longer works; "
                "subscribe again with the new one."
            ),
        )
        return redirect("courses:calendar_settings")
    feed = calendar_feed_get_or_create(user=request.user)
    feed_url = absolute_url(reverse("courses:calendar_feed", args=[feed.token]))
    return render(
        request,
        "courses/offerings/calendar_settings.html",
        {
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        },
    )
