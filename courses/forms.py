"""Forms for the courses capability: quiz answers, the check-in list and the
completion overview filter. They parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
