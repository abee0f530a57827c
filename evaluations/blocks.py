"""The question blocks a survey template is built from in the Wagtail admin.

Each block's StreamField id is the question's identity: it survives edits, so the
answers of a version are stored against it."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

LIKERT_LABEL_SETS: dict[str, tuple[str, ...]] = {
    "enighed": ("Meget uenig", "Uenig", "Hverken eller", "Enig", "Meget enig"),
    "tilfredshed": (
        "Meget utilfreds",
        "Utilfreds",
        "Hverken eller",
        "Tilfreds",
        "Meget tilfreds",
    ),
    "omfang": (
        "Slet ikke",
        "I mindre grad",
        "I nogen grad",
        "I høj grad",
        "I meget høj grad",
    ),
}


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=800)

    class Meta:
        icon = "title"
        label = _("Section")


class _QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Question"), max_length=300)
    required = blocks.BooleanBlock(
        label=_("Answer required"), required=False, default=True
    )


class LikertBlock(_QuestionBlock):
    labels = blocks.ChoiceBlock(
        label=_("Labels"),
        choices=[
            ("enighed", _("Agreement (very much disagree – very much agree)")),
            ("tilfredshed", _("Satisfaction (very dissatisfied – very satisfied)")),
            ("omfang", _("Extent (not at all – to a very high degree)")),
        ],
        default="enighed",
    )

    class Meta:
        icon = "list-ol"
        label = _("Likert scale 1–5")


class ScaleBlock(_QuestionBlock):
    low_label = blocks.CharBlock(
        label=_("Label for 0"), max_length=60, default="Slet ikke sandsynligt"
    )
    high_label = blocks.CharBlock(
        label=_("Label for 10"), max_length=60, default="Meget sandsynligt"
    )

    class Meta:
        icon = "order"
        label = _("Scale 0–10")


class OptionBlock(blocks.CharBlock):
    """One option of a choice question. A list's items get no visible label in the
    Wagtail editor, so the input is named for screen readers (axe: "Form elements
    must have labels")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field.widget.attrs["aria-label"] = self.label


class ChoiceQuestionBlock(_QuestionBlock):
    choices = blocks.ListBlock(
        OptionBlock(max_length=200, label=_("Option")),
        label=_("Options"),
        min_num=2,
        max_num=20,
    )


class FreeTextBlock(_QuestionBlock):
    required = blocks.BooleanBlock(
        label=_("Answer required"), required=False, default=False
    )

    class Meta:
        icon = "pilcrow"
        label = _("Free text")


class SurveyStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    likert = LikertBlock()
    scale = ScaleBlock()
    single_choice = ChoiceQuestionBlock(icon="radio-full", label=_("Single choice"))
    multiple_choice = ChoiceQuestionBlock(icon="tasks", label=_("Multiple choice"))
    free_text = FreeTextBlock()
