"""Forms for the courses capability: quiz answers, the check-in list and the
completion overview filter. They parse input; the services decide."""

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
