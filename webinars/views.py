"""Pages of the webinar rooms: the list, the room itself, slides, the report."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from csp.decorators import csp_replace

from core.spreadsheet import csv_response
from courses.models import Session

from .forms import (
    InviteForm,
    LinksForm,
    RoomSettingsForm,
    SlidesForm,
    StandaloneRoomForm,
)
from .models import BreakoutSplit, Room, RoomState
from .selectors import (
    room_access,
    room_attendance,
    room_captions_webvtt,
    room_chat,
    room_get,
    room_invitations,
    room_questions,
    room_refusal,
    room_staff_names,
    rooms_for_user,
    sessions_without_room,
)
from .services import (
    room_create,
    room_invite,
    room_links_set,
    room_settings_set,
    room_standalone_create,
    room_uninvite,
    slides_upload,
)


def _room_for(request: HttpRequest, room_id: int, *, moderator: bool = False) -> Room:
    room = room_get(room_id=room_id)
    if room is None:
        raise Http404
    access = room_access(room=room, user=request.user)
    if not access.can_enter or (moderator and not access.is_moderator):
        raise PermissionDenied
    request.room_access = access
    return room


def _administrator_required(request: HttpRequest) -> None:
    if not request.user.has_perm("accounts.manage_offerings"):
        raise PermissionDenied


@login_required
def room_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "webinars/room_list.html",
        {
            "rooms": rooms_for_user(user=request.user),
            "sessions": sessions_without_room(user=request.user),
            "administers": request.user.has_perm("accounts.manage_offerings"),
        },
    )


@login_required
@require_POST
def room_create_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(
        Session.objects.select_related("offering"), pk=session_id
    )
    try:
        room = room_create(session=session, created_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("webinars:room_list")
    return redirect("webinars:room_detail", room_id=room.pk)


def _room_strings() -> dict:
    """The Danish texts room.js shows; placeholders in braces."""
    return {
        "connected": _("Connected to the room."),
        "reconnecting": _("The connection was lost. Reconnecting…"),
        "ended": _("The webinar has ended."),
        "removed": _("You have been removed from the webinar."),
        "logged_out": _("You are logged out. Log in to enter the webinar."),
        "log_in": _("Log in"),
        "no_access": _(
            "You do not have access to this webinar. It is for the participants "
            "of its course and the people invited to it."
        ),
        "not_found": _("This webinar does not exist."),
        "locked": _(
            "The room is locked by the moderators. This page tries again every "
            "30 seconds."
        ),
        "busy": _("The server is busy. Trying again in {seconds} seconds …"),
        "page": _("Page {page} of {pages}"),
        "slides": _("Slides, page {page}"),
        "slide_label": _("Slide {page} of {pages}"),
        "slides_failed": _(
            "The slides cannot be shown here. Open them in a new window instead."
        ),
        "anonymous": _("Anonymous"),
        "upvote": _("Upvote"),
        "upvotes": _("Upvotes: {count}"),
        "answered": _("Answered"),
        "mark_answered": _("Mark answered"),
        "hide": _("Hide"),
        "pending": _("Awaiting approval"),
        "approve": _("Approve"),
        "approval_on": _("Questions need approval"),
        "approval_off": _("Show questions without approval"),
        "vote": _("Vote"),
        "close_poll": _("Close poll"),
        "poll_closed": _("The poll is closed."),
        "votes": _("{count} votes"),
        "vote_one": _("{count} vote"),
        "raise": _("Raise hand"),
        "lower": _("Lower hand"),
        "lower_other": _("Lower {name}'s hand"),
        "breakout_in": _("You are in breakout room {number} until {time}."),
        "breakout_in_label": _(
            "You are in breakout room {number} ({label}) until {time}."
        ),
        "breakout_back": _("The breakout rooms are closed."),
        "breakout_visiting": _("You are visiting breakout room {number}."),
        "breakout_visiting_label": _(
            "You are visiting breakout room {number} ({label})."
        ),
        "breakout_ends": _("Ends at {time}."),
        "minutes_left": _("{count} minutes left."),
        "minute_left": _("{count} minute left."),
        "under_a_minute": _("Less than a minute left."),
        "breakout_extended": _("The breakout rooms now end at {time}."),
        "to_all_groups": _("to all groups"),
        "group": _("Group {number}"),
        "group_label": _("Group {number} ({label})"),
        "group_members": _("Members: {names}"),
        "group_empty": _("No members"),
        "group_messages": _("{count} messages, the last at {time}"),
        "group_message_one": _("{count} message at {time}"),
        "group_silent": _("No messages yet"),
        "group_enter": _("Enter group {number}"),
        "group_here": _("You are in group {number}"),
        "groups_none": _("No breakout rooms are open."),
        "pause": _("Pause chat"),
        "resume": _("Resume chat"),
        "lock": _("Lock room"),
        "unlock": _("Unlock room"),
        "remove": _("Remove {name}"),
        "confirm_end": _("End the webinar for everyone?"),
        "nobody": _("Nobody is connected."),
        "not_open": _(
            "The webinar is not open for entry yet. This page lets you in when "
            "the hosts open it."
        ),
        "states": dict(RoomState.choices),
        **_room_strings_captions_and_answers(),
    }


def _room_strings_captions_and_answers() -> dict:
    """The texts of written answers, hidden questions, captions and the player."""
    return {
        "answer": _("Answer in writing"),
        "answer_label": _("Written answer"),
        "send_answer": _("Send answer"),
        "answer_text": _("Answer: {answer}"),
        "show": _("Show again"),
        "hidden_mark": _("Hidden from participants"),
    }


def _room_refused(request: HttpRequest, room: Room) -> HttpResponse | None:
    """The refusal page for someone who may not enter ``room`` (403 in the site's
    layout, saying why and what to do next), or None when they may enter. A room
    not open yet or ended is not a refusal: the room page says so itself (it waits
    and lets the person in when the hosts open it; an ended room links to the
    recording)."""
    access = room_access(room=room, user=request.user)
    reason = room_refusal(room=room, user=request.user, access=access)
    if reason is None:
        request.room_access = access
        return None
    return render(
        request,
        "webinars/room_refused.html",
        {"room": room, "reason": reason, "status_code": 403},
        status=403,
    )


@login_required
def room_detail(request: HttpRequest, room_id: int) -> HttpResponse:
    room = room_get(room_id=room_id)
    if room is None:
        raise Http404
    refused = _room_refused(request, room)
    if refused is not None:
        return refused
    response = render(
        request,
        "webinars/room_detail.html",
        {
            "room": room,
            "session": room.session,
            "access": request.room_access,
            "slides_form": SlidesForm(),
            "strings": _room_strings(),
            "breakout_splits": BreakoutSplit.choices,
            "administers": request.user.has_perm("accounts.manage_offerings"),
            "staff_names": room_staff_names(room=room),
        },
    )
    if room.is_hls_stream:
        # hls.js fetches the playlist and segments from the stream's host and
        # plays them through a blob: media source; nothing else is opened up.
        parts = urlsplit(room.video_url)
        response._csp_update = {  # type: ignore[attr-defined]
            "connect-src": [f"{parts.scheme}://{parts.netloc}"],
            "media-src": ["blob:"],
        }
    return response


@login_required
def room_captions_vtt(request: HttpRequest, room_id: int) -> HttpResponse:
    """The room's live captions as a WebVTT file, for everyone who may enter."""
    room = _room_for(request, room_id)
    response = HttpResponse(
        room_captions_webvtt(room=room), content_type="text/vtt; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="undertekster-webinar-{room.pk}.vtt"'
    )
    return response


@login_required
@require_POST
def slides_upload_view(request: HttpRequest, room_id: int) -> HttpResponse:
    room = _room_for(request, room_id, moderator=True)
    form = SlidesForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            slides_upload(
                room=room, user=request.user, file=form.cleaned_data["slides"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The slides are uploaded."))
    else:
        messages.error(request, _("Choose a PDF file with the slides."))
    return redirect("webinars:room_detail", room_id=room.pk)


@login_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def slides_file(request: HttpRequest, room_id: int) -> HttpResponse:
    room = _room_for(request, room_id)
    if not room.slides:
        raise Http404
    response = FileResponse(room.slides.open("rb"), content_type="application/pdf")
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
@require_POST
def room_links_view(request: HttpRequest, room_id: int) -> HttpResponse:
    room = _room_for(request, room_id, moderator=True)
    form = LinksForm(request.POST)
    if form.is_valid():
        try:
            room_links_set(
                room=room,
                user=request.user,
                video_url=form.cleaned_data["video_url"].strip(),
                recording_url=form.cleaned_data["recording_url"].strip(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The links are saved."))
    return redirect("webinars:room_report", room_id=room.pk)


@login_required
def room_settings_view(request: HttpRequest, room_id: int) -> HttpResponse:
    """Administrators name the hosts and moderators and set question approval."""
    _administrator_required(request)
    room = _room_for(request, room_id)
    form = RoomSettingsForm(
        request.POST or None,
        initial={
            "hosts": list(room.hosts.all()),
            "moderators": list(room.moderators.all()),
            "questions_need_approval": room.questions_need_approval,
            "captioners": "\n".join(room.captioners.values_list("email", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            room_settings_set(
                room=room,
                user=request.user,
                hosts=list(form.cleaned_data["hosts"]),
                moderators=list(form.cleaned_data["moderators"]),
                questions_need_approval=form.cleaned_data["questions_need_approval"],
                captioner_emails=form.cleaned_data["captioners"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The webinar's settings are saved."))
            return redirect("webinars:room_settings", room_id=room.pk)
    return render(
        request,
        "webinars/room_settings.html",
        {
            "room": room,
            "form": form,
            "invite_form": InviteForm(),
            "invitations": room_invitations(room=room) if room.is_standalone else [],
        },
    )


@login_required
def room_standalone_create_view(request: HttpRequest) -> HttpResponse:
    """Administrators create a national webinar that belongs to no session."""
    _administrator_required(request)
    form = StandaloneRoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            room = room_standalone_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The webinar is created. Invite the participants below.")
            )
            return redirect("webinars:room_settings", room_id=room.pk)
    return render(request, "webinars/room_standalone_form.html", {"form": form})


@login_required
@require_POST
def room_invite_view(request: HttpRequest, room_id: int) -> HttpResponse:
    _administrator_required(request)
    room = _room_for(request, room_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            count = room_invite(
                room=room, user=request.user, emails=form.cleaned_data["emails"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s person is invited.",
                    "%(count)s people are invited.",
                    count,
                )
                % {"count": count},
            )
    else:
        messages.error(
            request, _("Write the e-mail addresses of the people to invite.")
        )
    return redirect("webinars:room_settings", room_id=room.pk)


@login_required
@require_POST
def room_uninvite_view(
    request: HttpRequest, room_id: int, user_id: int
) -> HttpResponse:
    _administrator_required(request)
    room = _room_for(request, room_id)
    room_uninvite(room=room, user=request.user, target_user_id=user_id)
    messages.success(request, _("The invitation is withdrawn."))
    return redirect("webinars:room_settings", room_id=room.pk)


def _attendance_row(row) -> list:
    def minute(moment):
        return (
            timezone.localtime(moment).isoformat(timespec="minutes") if moment else ""
        )

    return [
        row.user.get_full_name(),
        minute(row.first_joined),
        minute(row.last_left),
        row.minutes,
        row.visits,
        _("yes") if row.confirmed else _("no"),
    ]


@login_required
def room_report(request: HttpRequest, room_id: int) -> HttpResponse:
    room = _room_for(request, room_id, moderator=True)
    rows = room_attendance(room=room)
    if request.GET.get("format") == "csv":
        header = [
            _("Name"),
            _("First joined"),
            _("Last left"),
            _("Minutes present"),
            _("Visits"),
            _("Invited") if room.is_standalone else _("Confirmed participant"),
        ]
        return csv_response(
            f"fremmoede-webinar-{room.pk}.csv",
            [header, *(_attendance_row(row) for row in rows)],
        )
    return render(
        request,
        "webinars/room_report.html",
        {
            "room": room,
            "session": room.session,
            "rows": rows,
            "questions": room_questions(room=room),
            "chat": room_chat(room=room),
            "links_form": LinksForm(
                initial={
                    "video_url": room.video_url,
                    "recording_url": room.recording_url,
                }
            ),
        },
    )
