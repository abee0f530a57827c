"""Forms for the courses capability: quiz answers, the check-in list, the
completion overview filter, nominations, the thread and the administrator's
enrolment page (invite, decide, seats). They parse input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import ChildHintMixin


def quiz_answers_parse(*, data, value) -> tuple[list[list[int]], str | None]:
    """Read the chosen answer indexes per question from POST ``data`` for a quiz block
    ``value`` (fields ``q1``, ``q2``, ...). Returns the answers that could be read
    (an empty list for an unanswered question) and the first Danish error, or None
    when every question has answers that are indexes. The service checks the indexes
    against the quiz again."""
    answers: list[list[int]] = []
    error: str | None = None
    for number, _question in enumerate(value["questions"], start=1):
        raw = data.getlist(f"q{number}")
        chosen = [int(item) for item in raw if item.isdigit() and len(item) <= 3]
        answers.append(chosen)
        if error is not None:
            continue
        if not raw:
            error = str(_("Answer question %(number)s.") % {"number": number})
        elif len(chosen) != len(raw):
            error = str(
                _("The answer to question %(number)s is not one of the options.")
                % {"number": number}
            )
    return answers, error


class CheckinForm(forms.Form):
    """One checkbox per confirmed participant: ticked means present."""

    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "The list contains someone who is not a confirmed participant."
            )
        },
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (participant.pk, participant.get_full_name() or participant.email)
            for participant in participants
        ]


class CompletionFilterForm(forms.Form):
    module = forms.TypedChoiceField(
        label=_("Module"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a module from the list.")},
    )
    year = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )

    def __init__(self, *args, modules, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [("", _("All modules"))] + [
            (str(pk), title) for pk, title in modules
        ]
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(year), str(year)) for year in years
        ]


class NominationForm(forms.Form):
    """A contact person's nomination of a named colleague."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Work e-mail"),
        max_length=254,
        help_text=_("The person's own work address. We write to it when we decide."),
    )
    job_title = forms.CharField(
        label=_("Job"),
        max_length=150,
        help_text=_("For example SSP consultant, school teacher or club worker."),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=())
    ssp_main_job = forms.BooleanField(
        label=_("SSP is most of the person's job"), required=False
    )

    def __init__(self, *args, **kwargs):
        from accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Choose")), *User.Sector.choices]


class DialogueMessageForm(ChildHintMixin, forms.Form):
    hint_fields = ("body",)
    body = forms.CharField(
        label=_("Message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Never write CPR numbers or information about citizens in the message."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_confirm_field()


class NominationIdsField(forms.Field):
    """Chosen nomination ids as whole numbers. Whether they belong to the offering
    is the decision service's check (under the seat lock), so the form does not
    fetch and compare every nomination of the offering on each post."""

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        "required": _("Choose at least one nomination."),
        "invalid": _("Some of the chosen nominations do not exist."),
    }

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return [int(item) for item in value]
        except (TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None


class DecisionForm(forms.Form):
    """The administrator's decision on chosen nominations."""

    nominations = NominationIdsField(label=_("Nominations"))
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("confirm", _("Confirm")),
            ("waitlist", _("Put on the waiting list")),
            ("decline", _("Decline")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    message = forms.CharField(
        label=_("Message to the people (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SuggestedSeatsField(forms.IntegerField):
    """One organisation's suggested seats when the district is invited. Left out of
    the post it is None (the organisation gets its fair share); posted, it must be a
    whole number, also when empty. Whether it fits the offering is the service's
    check."""

    default_error_messages = {
        "invalid": _("Suggested seats must be whole numbers."),
    }

    def to_python(self, value):
        if value is None:
            return None
        if not str(value).strip():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class OfferingInviteForm(forms.Form):
    """The suggested seats per organisation when an offering's district is invited:
    one field ``seats-<organisation id>`` per organisation the district invites,
    filled in with its fair share."""

    def __init__(self, *args, shares, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        for organisation, share in shares:
            self.fields[f"seats-{organisation.pk}"] = SuggestedSeatsField(
                label=organisation.name, required=False, initial=share
            )
        self.organisation_ids = {
            f"seats-{organisation.pk}": organisation.pk
            for organisation, _share in shares
        }

    def suggested_seats(self) -> dict[int, int]:
        """Seats by organisation id, for the organisations the post named."""
        return {
            self.organisation_ids[name]: seats
            for name, seats in self.cleaned_data.items()
            if seats is not None
        }


class InvitationSeatsForm(forms.Form):
    """The administrator's change to one invitation's suggested seats; empty gives
    the share back to the fairness rule."""

    # The ids the page gives the fields, so the error summary links to them.
    invitation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        widget=forms.Select(attrs={"id": "seats-invitation"}),
        error_messages={
            "required": _("Choose an organisation from the list."),
            "invalid_choice": _("Choose an organisation from the list."),
        },
    )
    seats = forms.IntegerField(
        label=_("Suggested seats"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"id": "seats-number"}),
        error_messages={
            "invalid": _("Suggested seats must be whole numbers."),
            "min_value": _("Suggested seats must be whole numbers."),
        },
    )

    def __init__(self, *args, offering, **kwargs):
        from courses.models import Invitation

        super().__init__(*args, **kwargs)
        self.fields["invitation"].queryset = Invitation.objects.filter(
            offering=offering
        ).select_related("organisation")
