from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .selectors import webinar_staff_candidates


class SlidesForm(forms.Form):
    slides = forms.FileField(
        label=_("Slides (PDF, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class RoomSettingsForm(forms.Form):
    """Administrators name the hosts and moderators of a webinar."""

    hosts = forms.ModelMultipleChoiceField(
        label=_("Hosts"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    moderators = forms.ModelMultipleChoiceField(
        label=_("Moderators"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    questions_need_approval = forms.BooleanField(
        label=_("Questions need a moderator's approval before others see them"),
        required=False,
    )
    captioners = forms.CharField(
        label=_("Live captioners: e-mail addresses, one per line"),
        help_text=_(
            "A captioner writes live captions in the room. They enter the room "
            "but do not moderate it."
        ),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = webinar_staff_candidates()
        self.fields["hosts"].queryset = candidates
        self.fields["moderators"].queryset = candidates
        for field in ("hosts", "moderators"):
            self.fields[field].label_from_instance = lambda user: (
                user.get_full_name() or user.email
            )


class StandaloneRoomForm(forms.Form):
    """A national webinar that belongs to no session."""

    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    video_url = forms.CharField(
        label=_("Link to the live stream or meeting"),
        required=False,
        max_length=200,
        widget=forms.URLInput(),
    )


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses of the people to invite, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=100_000,
    )


class LinksForm(forms.Form):
    video_url = forms.CharField(
        label=_("Link to the live stream or meeting"),
        required=False,
        max_length=200,
        widget=forms.URLInput(),
    )
    recording_url = forms.CharField(
        label=_("Link to the recording"),
        required=False,
        max_length=200,
        widget=forms.URLInput(),
    )
