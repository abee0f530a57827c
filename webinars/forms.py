from django import forms
from django.utils.translation import gettext_lazy as _


class SlidesForm(forms.Form):
    slides = forms.FileField(
        label=_("Slides (PDF, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
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
