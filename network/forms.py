"""Forms for the networks. They only parse input; the services validate and write
(including the CPR guard). The soft check for text that may identify a child lives
here because it is a question to the writer, not a rule: the form is shown again
with the warning and a box to confirm, and the writer may edit or confirm."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Kommune, User
from core.forms import ChildHintMixin
from courses.models import PreventionLevel

from .models import EmailFrequency, EvidenceLevel, Network
from .selectors import theme_networks

MARKDOWN_HELP = _(
    "You can use Markdown: **bold**, *italic*, lists with -, > for quotes and "
    "[text](https://address) for links. Mention a colleague with @first.last. "
    "Never write personal data about a citizen."
)


class ThreadForm(ChildHintMixin, forms.Form):
    hint_fields = ("title", "body")
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_confirm_field()


class PostForm(ChildHintMixin, forms.Form):
    hint_fields = ("body",)
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    quoted_post = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_confirm_field()


class PostEditForm(ChildHintMixin, forms.Form):
    hint_fields = ("body",)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    reason = forms.CharField(
        label=_("Reason for the edit"),
        max_length=500,
        required=False,
        help_text=_("Required when a moderator edits someone else's post."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_confirm_field()


class NetworkCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at the post?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Move to network"), queryset=Network.objects.none()
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args, networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks or Network.objects.none()


class ActionForm(forms.Form):
    """Which button of a moderation form was pressed (``action``, one of
    ``actions``) and, from the queue, where to go back to (``next``)."""

    action = forms.ChoiceField(choices=())
    next = forms.CharField(required=False)

    def __init__(self, *args, actions: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(action, action) for action in actions]


class NetworkCloseForm(forms.Form):
    """Close (``closed`` = 1) or reopen (0) a network."""

    closed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the networks"), max_length=200, required=False)


class PracticeExampleForm(ChildHintMixin, forms.Form):
    hint_fields = ("problem", "what_was_done", "results")
    title = forms.CharField(label=_("Title"), max_length=200)
    kommune = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Kommune.objects.order_by("name")
    )
    target_group = forms.CharField(
        label=_("Target group"),
        max_length=200,
        help_text=_("For example: pupils in 7th to 9th grade and their parents."),
    )
    problem = forms.CharField(
        label=_("The problem"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    what_was_done = forms.CharField(
        label=_("What was done"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    prevention_level = forms.ModelChoiceField(
        label=_("Prevention level"), queryset=PreventionLevel.objects.order_by("order")
    )
    partners = forms.CharField(label=_("Partners"), max_length=300, required=False)
    results = forms.CharField(
        label=_("Results"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence_level = forms.ChoiceField(
        label=_("Evidence level"),
        choices=EvidenceLevel.choices,
        help_text=_(
            "Your own assessment. It is shown as self-assessed until a moderator "
            "has reviewed it."
        ),
    )
    material_url = forms.URLField(
        label=_("Link to material"), required=False, assume_scheme="https"
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Network.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_is_me = forms.BooleanField(
        label=_("Show me as contact person"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = theme_networks()
        self._add_confirm_field()


class PracticeFilterForm(forms.Form):
    politikreds = forms.CharField(required=False)
    kommune = forms.CharField(required=False)
    forebyggelsesniveau = forms.CharField(required=False)
    evidens = forms.CharField(required=False)
    tema = forms.CharField(required=False)
    maalgruppe = forms.CharField(required=False, max_length=100)


class ReviewForm(forms.Form):
    evidence_level = forms.ChoiceField(
        label=_("Reviewed evidence level"), choices=EvidenceLevel.choices
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)


class MemberProfileForm(forms.Form):
    is_listed = forms.BooleanField(
        label=_("Show me in the member directory"),
        required=False,
        help_text=_(
            "Only colleagues who are logged in can see the directory. Your name is "
            "always shown; choose below what else is."
        ),
    )
    show_organisation = forms.BooleanField(
        label=_("Show my municipality or organisation"), required=False
    )
    show_sector = forms.BooleanField(label=_("Show my sector"), required=False)
    job_title = forms.CharField(label=_("Job"), max_length=120, required=False)
    bio = forms.CharField(
        label=_("Short introduction"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes I work with"),
        queryset=Network.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = theme_networks()


class DirectoryFilterForm(forms.Form):
    politikreds = forms.CharField(required=False)
    kommune = forms.CharField(required=False)
    sektor = forms.ChoiceField(required=False, choices=[("", ""), *User.Sector.choices])
    tema = forms.CharField(required=False)


class PreferenceForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("E-mail about what you follow"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
    )
