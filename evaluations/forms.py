"""The answer form as the template draws it, built from a version's frozen
questions. Validation is not here: ``services.response_answers_clean`` is the one
place that decides what is a valid answer."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from core.text_guard import child_identification_hints
from evaluations.models import QuestionKind
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
