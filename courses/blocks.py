"""StreamField blocks for lessons: content, cases, reflection questions, quizzes and
downloadable material. Reflection and quiz blocks are answered by the learner; their
answers are stored per (user, lesson, block id)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from core.blocks import BodyStreamBlock


class CaseBlock(blocks.StructBlock):
    """A fictional, anonymised case to work with."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("Case"), features=["bold", "italic", "ol", "ul", "link"]
    )

    class Meta:
        icon = "user"
        label = _("Case (fictional and anonymised)")
        template = "blocks/case.html"


class ReflectionBlock(blocks.StructBlock):
    """A question the learner answers privately; only they can read the answer."""

    question = blocks.CharBlock(label=_("Question"), max_length=500)
    guidance = blocks.TextBlock(label=_("Guidance"), required=False, max_length=800)

    class Meta:
        icon = "help"
        label = _("Reflection question")
        template = "blocks/reflection.html"


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    choices = blocks.ListBlock(QuizChoiceBlock(), label=_("Answers"), min_num=2)
    explanation = blocks.TextBlock(
        label=_("Explanation shown after answering"), required=False, max_length=800
    )

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(
                        _("Mark at least one answer as correct.")
                    )
                }
            )
        return value


class QuizBlock(blocks.StructBlock):
    """A short quiz with feedback. The learner passes at ``pass_percent`` correct."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    questions = blocks.ListBlock(QuizQuestionBlock(), label=_("Questions"), min_num=1)
    pass_percent = blocks.IntegerBlock(
        label=_("Percent correct to pass"), min_value=0, max_value=100, default=75
    )

    class Meta:
        icon = "list-ul"
        label = _("Quiz")
        template = "blocks/quiz.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(
        label=_("Description"), required=False, max_length=300
    )

    class Meta:
        icon = "download"
        label = _("Downloadable material")
        template = "blocks/download.html"


class LessonStreamBlock(BodyStreamBlock):
    case = CaseBlock()
    reflection = ReflectionBlock()
    quiz = QuizBlock()
    download = DownloadBlock()
