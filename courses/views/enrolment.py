"""Views for enrolment by dialogue: the contact person's invitations, nominations
and thread; the administrator's overview, decisions and audit trail; a participant's
cancel and accept. Thin: parse, check permission, call one service or selector,
redirect (PRG) or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.feedback import error_messages, error_to_form
from courses.forms import (
    DecisionForm,
    DialogueMessageForm,
    InvitationSeatsForm,
    NominationForm,
    OfferingInviteForm,
)
from courses.models import Nomination, Offering, OfferingStatus
from courses.selectors.enrolment import (
    enrolment_events,
    enrolment_for_user,
    fair_seat_shares,
    invitation_for_user,
    invitations_for_contact,
    is_enrolment_admin,
    offering_enrolment_overview,
    offering_with_seats_taken,
)
from courses.services.enrolment import (
    dialogue_mark_read,
    dialogue_message_post,
    enrolment_cancel,
    enrolment_offer_accept,
    invitation_set_seats,
    nomination_add,
    nomination_move,
    nomination_withdraw,
    nominations_decide,
    offering_open_for_nominations,
)


def _invitation_page(
    request: HttpRequest,
    invitation_id: int,
    *,
    nomination_form: NominationForm | None = None,
    message_form: DialogueMessageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    view = invitation_for_user(invitation_id=invitation_id, user=request.user)
    if view is None:
        raise Http404
    response = render(
        request,
        "courses/enrolment/invitation.html",
        {
            "view": view,
            "invitation": view.invitation,
            "offering": view.invitation.offering,
            "is_admin": is_enrolment_admin(request.user),
            "nomination_form": nomination_form or NominationForm(),
            "message_form": message_form or DialogueMessageForm(),
            "hints": (
                message_form.child_hints()
                if message_form is not None and message_form.is_valid()
                else []
            ),
        },
        status=status,
    )
    if status == 200:
        dialogue_mark_read(invitation=view.invitation, user=request.user)
    return response


@require_GET
@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    """ "Tilmelding": a contact person's invitations for their own organisation."""
    if not request.user.has_perm("accounts.nominate_participants"):
        if is_enrolment_admin(request.user):
            return redirect("courses:planning")
        raise PermissionDenied
    return render(
        request,
        "courses/enrolment/invitations.html",
        {"invitations": invitations_for_contact(user=request.user)},
    )


@require_GET
@login_required
def invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """One invitation: nominations in priority order, the thread, the deadline."""
    return _invitation_page(request, pk)


@require_POST
@login_required
def nomination_create(request: HttpRequest, pk: int) -> HttpResponse:
    view = invitation_for_user(invitation_id=pk, user=request.user)
    if view is None:
        raise Http404
    form = NominationForm(request.POST)
    if not form.is_valid():
        return _invitation_page(request, pk, nomination_form=form, status=400)
    try:
        nomination = nomination_add(
            invitation=view.invitation, actor=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            error_to_form(form, error)
        else:
            # E.g. the deadline has passed: the form is gone, so say it at the top.
            error_messages(request, error)
        return _invitation_page(request, pk, nomination_form=form, status=400)
    messages.success(
        request, _("%(name)s is nominated.") % {"name": nomination.full_name}
    )
    return redirect(reverse("courses:invitation", args=[pk]) + "#indstillinger")


def _nomination_for(request: HttpRequest, pk: int) -> Nomination:
    nomination = get_object_or_404(
        Nomination.objects.select_related(
            "invitation__offering", "invitation__organisation"
        ),
        pk=pk,
    )
    if (
        invitation_for_user(invitation_id=nomination.invitation_id, user=request.user)
        is None
    ):
        raise Http404
    return nomination


@require_POST
@login_required
def nomination_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _nomination_for(request, pk)
    try:
        nomination_withdraw(nomination=nomination, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(
            request,
            _("The nomination of %(name)s is withdrawn.")
            % {"name": nomination.full_name},
        )
    return redirect(
        reverse("courses:invitation", args=[nomination.invitation_id])
        + "#indstillinger"
    )


@require_POST
@login_required
def nomination_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _nomination_for(request, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose up or down."))
    else:
        try:
            nomination_move(
                nomination=nomination, actor=request.user, up=direction == "up"
            )
        except ValidationError as error:
            error_messages(request, error)
    return redirect(
        reverse("courses:invitation", args=[nomination.invitation_id])
        + "#indstillinger"
    )


@require_POST
@login_required
def dialogue_message_create(request: HttpRequest, pk: int) -> HttpResponse:
    view = invitation_for_user(invitation_id=pk, user=request.user)
    if view is None:
        raise Http404
    form = DialogueMessageForm(request.POST)
    if not form.is_valid():
        return _invitation_page(request, pk, message_form=form, status=400)
    if form.needs_confirmation:
        # A question, not a refusal: shown again with the warning and the box.
        return _invitation_page(request, pk, message_form=form)
    try:
        dialogue_message_post(
            invitation=view.invitation,
            actor=request.user,
            body=form.cleaned_data["body"],
        )
    except ValidationError as error:
        error_to_form(form, error)
        return _invitation_page(request, pk, message_form=form, status=400)
    messages.success(request, _("Your message is sent."))
    return redirect(reverse("courses:invitation", args=[pk]) + "#dialog")


def _overview_page(
    request: HttpRequest,
    offering_id: int,
    *,
    invite_form: OfferingInviteForm | None = None,
    decision_form: DecisionForm | None = None,
    seats_form: InvitationSeatsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    overview = offering_enrolment_overview(offering_id=offering_id, user=request.user)
    shares = []
    if overview.offering.status == OfferingStatus.PLANNED:
        shares = fair_seat_shares(offering=overview.offering)
        if invite_form is None:
            invite_form = OfferingInviteForm(shares=shares)
    return render(
        request,
        "courses/enrolment/overview.html",
        {
            "overview": overview,
            "offering": overview.offering,
            "shares": shares,
            "invite_form": invite_form,
            "decision_form": decision_form,
            "seats_form": seats_form,
        },
        status=status,
    )


def _offering_or_404(pk: int) -> Offering:
    # Counted with the seats taken in one query: a decision refused for want of
    # seats (most of a rush for the last seats) needs no other.
    offering = offering_with_seats_taken(offering_id=pk)
    if offering is None:
        raise Http404
    return offering


@require_GET
@login_required
@permission_required("accounts.manage_offerings", raise_exception=True)
def offering_enrolment(request: HttpRequest, pk: int) -> HttpResponse:
    """The administrator's page for one offering: invite (when planned), then see
    nominations by organisation with seats used and free, and decide in bulk. Each
    form on it posts to its own view."""
    _offering_or_404(pk)
    return _overview_page(request, pk)


@require_POST
@login_required
@permission_required("accounts.manage_offerings", raise_exception=True)
def offering_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite the district with the suggested seats per organisation."""
    offering = _offering_or_404(pk)
    form = OfferingInviteForm(request.POST, shares=fair_seat_shares(offering=offering))
    if not form.is_valid():
        return _overview_page(request, pk, invite_form=form, status=400)
    try:
        invited = offering_open_for_nominations(
            offering=offering,
            actor=request.user,
            suggested_seats=form.suggested_seats(),
        )
    except ValidationError as error:
        error_to_form(form, error)
        return _overview_page(request, pk, invite_form=form, status=400)
    messages.success(
        request,
        ngettext(
            "%(count)s organisation is invited to nominate.",
            "%(count)s organisations are invited to nominate.",
            len(invited),
        )
        % {"count": len(invited)},
    )
    return redirect("courses:offering_enrolment", pk=pk)


@require_POST
@login_required
@permission_required("accounts.manage_offerings", raise_exception=True)
def offering_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, wait-list or decline the chosen nominations."""
    offering = _offering_or_404(pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _overview_page(request, pk, decision_form=form, status=400)
    try:
        decided = nominations_decide(
            offering=offering,
            nomination_ids=form.cleaned_data["nominations"],
            actor=request.user,
            decision=form.cleaned_data["decision"],
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        # A refusal (most often: the seats went to someone faster) is a short
        # answer, not the whole page with every nomination rendered again.
        error_messages(request, error)
        return redirect("courses:offering_enrolment", pk=pk)
    messages.success(
        request,
        ngettext(
            "The decision is saved for %(count)s person, who is told by e-mail.",
            "The decision is saved for %(count)s people, who are told by e-mail.",
            len(decided),
        )
        % {"count": len(decided)},
    )
    return redirect("courses:offering_enrolment", pk=pk)


@require_POST
@login_required
@permission_required("accounts.manage_offerings", raise_exception=True)
def offering_seats(request: HttpRequest, pk: int) -> HttpResponse:
    """Set one organisation's suggested seats by hand, or give them back to the
    fairness rule (empty)."""
    offering = _offering_or_404(pk)
    form = InvitationSeatsForm(request.POST, offering=offering)
    if not form.is_valid():
        return _overview_page(request, pk, seats_form=form, status=400)
    invitation = form.cleaned_data["invitation"]
    seats = form.cleaned_data["seats"]
    try:
        invitation_set_seats(invitation=invitation, actor=request.user, seats=seats)
    except ValidationError as error:
        error_to_form(form, error)
        return _overview_page(request, pk, seats_form=form, status=400)
    if seats is not None:
        messages.success(
            request,
            ngettext(
                "%(organisation)s now has %(seats)s suggested seat.",
                "%(organisation)s now has %(seats)s suggested seats.",
                seats,
            )
            % {"organisation": invitation.organisation.name, "seats": seats},
        )
    else:
        messages.success(
            request,
            _("%(organisation)s's suggested seats follow the fairness rule again.")
            % {"organisation": invitation.organisation.name},
        )
    return redirect("courses:offering_enrolment", pk=pk)


@require_GET
@login_required
@permission_required("accounts.manage_offerings", raise_exception=True)
def offering_enrolment_log(request: HttpRequest, pk: int) -> HttpResponse:
    """The audit trail of one offering: every invitation, nomination, decision and
    message, who and when."""
    offering = get_object_or_404(
        Offering.objects.select_related("module", "politikreds"), pk=pk
    )
    return render(
        request,
        "courses/enrolment/log.html",
        {"offering": offering, "events": enrolment_events(offering=offering)[:1000]},
    )


@require_http_methods(["GET", "POST"])
@login_required
def enrolment_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a place: asks first (GET), then cancels (POST)."""
    enrolment = enrolment_for_user(enrolment_id=pk, user=request.user)
    if enrolment is None:
        raise Http404
    if request.method == "POST":
        try:
            enrolment_cancel(enrolment=enrolment, actor=request.user)
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("The place is cancelled."))
        if enrolment.user_id == request.user.pk:
            return redirect("courses:dashboard")
        if enrolment.nomination_id:
            return redirect("courses:invitation", pk=enrolment.nomination.invitation_id)
        return redirect("courses:dashboard")
    return render(request, "courses/enrolment/cancel.html", {"enrolment": enrolment})


@require_POST
@login_required
def enrolment_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept a seat offered from the waiting list."""
    enrolment = enrolment_for_user(enrolment_id=pk, user=request.user)
    if enrolment is None or enrolment.user_id != request.user.pk:
        raise Http404
    try:
        enrolment_offer_accept(enrolment=enrolment, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(
            request,
            _("Welcome on the offering. A confirmation is on its way by e-mail."),
        )
    return redirect("courses:dashboard")
