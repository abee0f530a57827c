"""Form pieces shared by the apps.

The soft check for text that may identify a child: wherever free text about cases
is written over a form (forum, practice bank, dialogue with Socialstyrelsen,
enrolment decisions, course reflections), the form is shown again with the warning
and a box to confirm that the text is anonymous. It is a question to the writer,
not a rule: they may edit or confirm. (CPR numbers, by contrast, are refused by the
services through core.text_guard.validate_no_cpr.)
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .text_guard import child_identification_hints

CONFIRM_ANONYMOUS_LABEL = _(
    "I have checked that no child can be recognised from the text"
)


class ChildHintMixin:
    """Adds the confirmation box and collects soft warnings for the fields in
    ``hint_fields``. ``needs_confirmation`` is true when there are warnings the
    writer has not confirmed yet. Call ``_add_confirm_field`` in ``__init__``."""

    hint_fields: tuple[str, ...] = ()

    def _add_confirm_field(self) -> None:
        self.fields["confirm_anonymous"] = forms.BooleanField(  # type: ignore[attr-defined]
            label=CONFIRM_ANONYMOUS_LABEL, required=False
        )

    def child_hints(self) -> list[str]:
        hints: list[str] = []
        for name in self.hint_fields:
            for hint in child_identification_hints(
                self.cleaned_data.get(name, "")  # type: ignore[attr-defined]
            ):
                if hint not in hints:
                    hints.append(hint)
        return hints

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.child_hints()) and not self.cleaned_data.get(  # type: ignore[attr-defined]
            "confirm_anonymous"
        )
