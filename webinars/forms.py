from django import forms
from django.utils.translation import gettext_lazy as _


class SlidesForm(forms.Form):
    slides = forms.FileField(
        label=_("Slides (PDF, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
