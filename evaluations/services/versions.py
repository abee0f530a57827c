"""Survey templates and their frozen versions: a response always belongs to the
version whose questions it answered."""

from django.db import transaction

from evaluations.blocks import LIKERT_LABEL_SETS
from evaluations.models import (
    QuestionKind,
    SurveyTemplate,
    SurveyVersion,
)


def survey_questions_freeze(*, template: SurveyTemplate) -> list[dict]:
    """The template's questions as plain data (the form a version stores): id, kind,
    text, whether an answer is required and the labels of the options."""
    frozen: list[dict] = []
    for block in template.questions:
        value = block.value
        item: dict = {"id": block.id, "kind": block.block_type}
        if block.block_type == QuestionKind.SECTION:
            item.update(text=value["heading"], intro=value.get("intro") or "")
        else:
            item.update(text=value["text"], required=bool(value.get("required")))
        if block.block_type == QuestionKind.LIKERT:
            item["options"] = list(LIKERT_LABEL_SETS[value["labels"]])
        elif block.block_type == QuestionKind.SCALE:
            item.update(low=value["low_label"], high=value["high_label"])
        elif block.block_type in (
            QuestionKind.SINGLE_CHOICE,
            QuestionKind.MULTIPLE_CHOICE,
        ):
            item["options"] = [str(choice) for choice in value["choices"]]
        frozen.append(item)
    return frozen


@transaction.atomic
def survey_version_sync(*, template: SurveyTemplate) -> SurveyVersion:
    """Bring the template's newest version in line with the template after an edit.

    Nothing changes when the content is the same. A version without responses is
    updated in place; a version that has responses is frozen, so the edit becomes a
    new version and reports keep the old answers with the old questions. Idempotent.
    """
    snapshot = {
        "title": template.title,
        "intro": template.intro,
        "is_anonymous": template.is_anonymous,
        "questions": survey_questions_freeze(template=template),
    }
    latest = (
        SurveyVersion.objects.select_for_update()
        .filter(template=template)
        .order_by("-number")
        .first()
    )
    if latest is not None:
        current = {
            "title": latest.title,
            "intro": latest.intro,
            "is_anonymous": latest.is_anonymous,
            "questions": latest.questions,
        }
        if current == snapshot:
            return latest
        if not latest.responses.exists():
            SurveyVersion.objects.filter(pk=latest.pk).update(**snapshot)
            latest.refresh_from_db()
            return latest
    return SurveyVersion.objects.create(
        template=template,
        number=(latest.number + 1) if latest else 1,
        **snapshot,
    )
