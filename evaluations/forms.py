"""The answer form as the template draws it, built from a version's frozen
questions, and the filters of a report. Answers are not validated here:
``services.response_answers_clean`` is the one place that decides what is a valid
answer."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from core.text_guard import child_identification_hints
from evaluations.models import QuestionKind
from evaluations.selectors import ReportFilters
from evaluations.services import FIELD_PREFIX


@dataclass
class Option:
    id: str
    value: str
    label: str
    checked: bool


@dataclass
class SurveyItem:
    kind: str
    text: str
    name: str = ""
    number: int = 0
    required: bool = False
    intro: str = ""
    options: list[Option] = field(default_factory=list)
    low: str = ""
    high: str = ""
    value: str = ""
    errors: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    @property
    def is_section(self) -> bool:
        return self.kind == QuestionKind.SECTION

    @property
    def is_free_text(self) -> bool:
        return self.kind == QuestionKind.FREE_TEXT

    @property
    def is_multiple(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE_CHOICE

    @property
    def is_scale(self) -> bool:
        return self.kind == QuestionKind.SCALE


def free_text_hints(
    *, questions: Sequence[dict], data: Mapping[str, Sequence[str]]
) -> dict[str, list[str]]:
    """Soft warnings (not errors) per free-text field whose answer may identify a
    child: a name with an age, class or school. The person may still send it."""
    hints = {}
    for question in questions:
        if question["kind"] != QuestionKind.FREE_TEXT:
            continue
        name = FIELD_PREFIX + question["id"]
        found = child_identification_hints(" ".join(data.get(name, [])))
        if found:
            hints[name] = found
    return hints


def survey_items(
    *,
    questions: Sequence[dict],
    data: Mapping[str, Sequence[str]] | None = None,
    errors: Mapping[str, list[str]] | None = None,
    hints: Mapping[str, list[str]] | None = None,
) -> list[SurveyItem]:
    """One item per section or question, with what was submitted, its errors and
    its soft warnings."""
    data = data or {}
    errors = errors or {}
    hints = hints or {}
    items = []
    number = 0
    for question in questions:
        kind = question["kind"]
        if kind == QuestionKind.SECTION:
            items.append(
                SurveyItem(kind=kind, text=question["text"], intro=question["intro"])
            )
            continue
        number += 1
        name = FIELD_PREFIX + question["id"]
        submitted = [str(item) for item in data.get(name, [])]
        item = SurveyItem(
            kind=kind,
            text=question["text"],
            name=name,
            number=number,
            required=bool(question.get("required")),
            errors=list(errors.get(name, [])),
            hints=list(hints.get(name, [])),
        )
        if kind == QuestionKind.FREE_TEXT:
            item.value = submitted[0] if submitted else ""
        elif kind == QuestionKind.SCALE:
            item.low, item.high = question["low"], question["high"]
            pairs = [(str(value), str(value)) for value in range(11)]
        else:
            # Likert answers are 1–5, choices count from 0.
            start = 1 if kind == QuestionKind.LIKERT else 0
            pairs = [
                (str(index), label)
                for index, label in enumerate(question["options"], start=start)
            ]
        if kind != QuestionKind.FREE_TEXT:
            item.options = [
                Option(
                    id=f"{name}-{value}",
                    value=value,
                    label=label,
                    checked=value in submitted,
                )
                for value, label in pairs
            ]
        items.append(item)
    return items


class ReportFilterForm(forms.Form):
    """The filters of a report from its query string: module, police district,
    years and offering (``?modul=&politikreds=&aar_fra=&aar_til=&hold=``), checked
    against ``choices`` (``report_filter_choices()``).

    A value that is not understood is an error on its field and is ignored:
    ``report_filters()`` leaves it out and ``values()`` shows it blank, so the page
    shows the report without it and says so (``error_list()``, Danish sentences);
    exports refuse such a query (the view)."""

    # Longer values are cut: they are only ever numbers, codes or years.
    MAX_LENGTH = 20
    YEARS = range(2000, 2101)

    # In the order the errors are listed.
    politikreds = forms.CharField(
        required=False, strip=False, label=gettext_lazy("police district")
    )
    modul = forms.CharField(required=False, strip=False, label=gettext_lazy("module"))
    hold = forms.CharField(required=False, strip=False, label=gettext_lazy("offering"))
    aar_fra = forms.CharField(
        required=False, strip=False, label=gettext_lazy("from year")
    )
    aar_til = forms.CharField(
        required=False, strip=False, label=gettext_lazy("to year")
    )

    def __init__(self, params: Mapping[str, str], *, choices: dict) -> None:
        data = {
            name: str(params.get(name, "")).strip()[: self.MAX_LENGTH]
            for name in self.base_fields
        }
        super().__init__(data)
        self.module_ids = {module.pk for module in choices["modules"]}
        self.district_codes = {district.code for district in choices["districts"]}

    def _ignored(self, name: str) -> ValidationError:
        return ValidationError(
            gettext_lazy(
                "“%(value)s” is not a valid choice for %(field)s and was ignored."
            ),
            code="invalid_choice",
            params={"value": self.data[name], "field": self.fields[name].label},
        )

    def _number(self, name: str, allowed: Sequence[int] | set[int] | None = None):
        raw = self.cleaned_data[name]
        if not raw:
            return None
        # Not isdigit(): that is also true of "²", which int() refuses.
        number = int(raw) if raw.isdecimal() else None
        if number is None or (allowed is not None and number not in allowed):
            raise self._ignored(name)
        return number

    def clean_politikreds(self) -> str | None:
        code = self.cleaned_data["politikreds"]
        if code and code not in self.district_codes:
            raise self._ignored("politikreds")
        return code or None

    def clean_modul(self) -> int | None:
        return self._number("modul", self.module_ids)

    def clean_hold(self) -> int | None:
        return self._number("hold")

    def clean_aar_fra(self) -> int | None:
        return self._number("aar_fra", self.YEARS)

    def clean_aar_til(self) -> int | None:
        return self._number("aar_til", self.YEARS)

    def report_filters(self) -> ReportFilters:
        """The filters that were understood (after ``is_valid()``)."""
        data = self.cleaned_data
        return ReportFilters(
            module_id=data.get("modul"),
            offering_id=data.get("hold"),
            politikreds_code=data.get("politikreds"),
            year_from=data.get("aar_fra"),
            year_to=data.get("aar_til"),
        )

    def values(self) -> dict[str, str]:
        """The values to show in the filter form: as given, blank where ignored."""
        return {
            name: "" if name in self.errors else self.data[name] for name in self.fields
        }

    def error_list(self) -> list[str]:
        """Every error, in the order of the fields."""
        return [
            str(message)
            for name in self.fields
            for message in self.errors.get(name, [])
        ]
