"""Views for learning: the lesson page's forms (complete, reflection, quiz), the
check-in list, "Mine forløb" and the completion overviews. Thin: parse, check
permission, call one service or selector, then redirect (PRG) or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Organisation
from core.feedback import error_to_form
from core.text_guard import child_identification_hints
from courses.forms import CheckinForm, CompletionFilterForm, quiz_answers_parse
from courses.models import LessonPage, Offering, Session
from courses.selectors.learning import (
    completion_filter_options,
    completion_overview_national,
    completion_overview_organisation,
    dashboard_get,
    lesson_block_get,
    session_checkin_list,
)
from courses.services.learning import (
    lesson_complete,
    quiz_submit,
    reflection_save,
    session_checkin_record,
)

# LessonPage.get_context reads a refused submission from this request attribute, so
# the lesson is shown again with the learner's input and the error beside the block.
FORM_STATE_ATTRIBUTE = "learning_form_state"


def _lesson_get(request: HttpRequest, lesson_id: int) -> LessonPage:
    """The published lesson, if the user may read it (404 otherwise)."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    for restriction in lesson.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return lesson


def _lesson_redirect(request: HttpRequest, lesson: LessonPage, anchor: str = ""):
    url = lesson.get_url(request)
    return redirect(f"{url}#{anchor}" if anchor else url)


def _lesson_refused(
    request: HttpRequest,
    lesson: LessonPage,
    message: str,
    *,
    block_id: str | None = None,
    state: dict | None = None,
) -> HttpResponse:
    """Show the lesson again (status 400) with the Danish error at the top and, for a
    known block, beside the block with the learner's unsaved input."""
    messages.error(request, message)
    if block_id is not None:
        setattr(
            request,
            FORM_STATE_ATTRIBUTE,
            {block_id: {**(state or {}), "error": message}},
        )
    response = lesson.serve(request)
    response.status_code = 400
    return response


def _first_message(error: ValidationError) -> str:
    return error.messages[0] if error.messages else _("The input is not valid.")


@login_required
@require_http_methods(["GET", "POST"])
def lesson_complete_view(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = _lesson_get(request, lesson_id)
    if request.method == "GET":
        return _lesson_redirect(request, lesson)
    try:
        lesson_complete(user=request.user, lesson=lesson)
    except ValidationError as error:
        return _lesson_refused(request, lesson, _first_message(error))
    messages.success(request, _("The lesson is marked as completed."))
    return _lesson_redirect(request, lesson, "lesson-progress")


@login_required
@require_http_methods(["GET", "POST"])
def reflection_save_view(
    request: HttpRequest, lesson_id: int, block_id: str
) -> HttpResponse:
    lesson = _lesson_get(request, lesson_id)
    if request.method == "GET":
        return _lesson_redirect(request, lesson)
    text = request.POST.get("text", "")
    hints = child_identification_hints(text)
    if (
        hints
        and request.POST.get("confirm_anonymous") != "on"
        and lesson_block_get(lesson=lesson, block_id=block_id, block_type="reflection")
    ):
        # A question, not a refusal: the answer is shown again, unsaved, with the
        # warning and a box to confirm that no child can be recognised.
        setattr(
            request, FORM_STATE_ATTRIBUTE, {block_id: {"text": text, "hints": hints}}
        )
        return lesson.serve(request)
    try:
        reflection_save(user=request.user, lesson=lesson, block_id=block_id, text=text)
    except ValidationError as error:
        known = lesson_block_get(
            lesson=lesson, block_id=block_id, block_type="reflection"
        )
        return _lesson_refused(
            request,
            lesson,
            _first_message(error),
            block_id=block_id if known else None,
            state={"text": text},
        )
    messages.success(request, _("Your answer is saved. Only you can see it."))
    return _lesson_redirect(request, lesson, f"block-{block_id}")


@login_required
@require_http_methods(["GET", "POST"])
def quiz_submit_view(
    request: HttpRequest, lesson_id: int, block_id: str
) -> HttpResponse:
    lesson = _lesson_get(request, lesson_id)
    if request.method == "GET":
        return _lesson_redirect(request, lesson)
    block = lesson_block_get(lesson=lesson, block_id=block_id, block_type="quiz")
    if block is None:
        return _lesson_refused(
            request, lesson, _("The quiz was not found in the lesson.")
        )
    answers, error_message = quiz_answers_parse(data=request.POST, value=block.value)
    if error_message is None:
        try:
            attempt = quiz_submit(
                user=request.user, lesson=lesson, block_id=block_id, answers=answers
            )
        except ValidationError as error:
            error_message = _first_message(error)
    if error_message is not None:
        return _lesson_refused(
            request,
            lesson,
            error_message,
            block_id=block_id,
            state={"answers": answers},
        )
    numbers = {"score": attempt.score, "max": attempt.max_score}
    if attempt.passed:
        messages.success(
            request,
            _("You passed the quiz with %(score)s of %(max)s correct.") % numbers,
        )
    else:
        messages.info(
            request,
            _(
                "You had %(score)s of %(max)s correct and did not pass this time. "
                "Read the explanations and try again."
            )
            % numbers,
        )
    return _lesson_redirect(request, lesson, f"block-{block_id}")


@login_required
@require_http_methods(["GET", "POST"])
def session_checkin(
    request: HttpRequest, offering_id: int, session_id: int
) -> HttpResponse:
    user = request.user
    if not (
        user.has_perm("accounts.run_webinars")
        or user.has_perm("accounts.manage_offerings")
    ):
        raise PermissionDenied
    offering = get_object_or_404(
        Offering.objects.select_related("module", "politikreds"), pk=offering_id
    )
    session = get_object_or_404(Session, pk=session_id, offering=offering)
    participants = session_checkin_list(session=session)
    if request.method == "POST":
        form = CheckinForm(request.POST, participants=participants)
        if form.is_valid():
            try:
                present = session_checkin_record(
                    session=session,
                    recorded_by=user,
                    present_user_ids=form.cleaned_data["present"],
                )
            except ValidationError as error:
                error_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Attendance is saved: %(present)s of %(total)s present.")
                    % {"present": present, "total": len(participants)},
                )
                return redirect(request.path)
    else:
        form = CheckinForm(
            participants=participants,
            initial={"present": [p.pk for p in participants if p.present]},
        )
    checked = {str(value) for value in (form["present"].value() or [])}
    rows = [
        {"user": participant, "checked": str(participant.pk) in checked}
        for participant in participants
    ]
    return render(
        request,
        "courses/learning/checkin.html",
        {"offering": offering, "session": session, "form": form, "rows": rows},
        status=400 if form.errors else 200,
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "courses/learning/dashboard.html",
        {"dashboard": dashboard_get(user=request.user)},
    )


@login_required
def completion_overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    organisation = user.organisation
    if user.has_perm("accounts.manage_offerings"):
        scope = "national"
    elif (
        user.has_perm("accounts.nominate_participants")
        and organisation is not None
        and organisation.kind
        in (Organisation.Kind.MUNICIPALITY, Organisation.Kind.POLICE)
    ):
        scope = "organisation"
    else:
        raise PermissionDenied
    form = CompletionFilterForm(request.GET or None, **completion_filter_options())
    module_id = year = None
    if form.is_bound and form.is_valid():
        module_id = form.cleaned_data["module"]
        year = form.cleaned_data["year"]
    context = {"form": form, "scope": scope, "organisation": organisation}
    if scope == "national":
        context["modules"] = completion_overview_national(
            module_id=module_id, year=year
        )
    else:
        context["people"] = completion_overview_organisation(
            organisation=organisation, module_id=module_id, year=year
        )
    return render(
        request,
        "courses/learning/completion_overview.html",
        context,
        status=400 if form.errors else 200,
    )
