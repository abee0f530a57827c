"""Wagtail admin forms for users: the standard fields plus organisation and sector."""

from wagtail.users.forms import UserCreationForm, UserEditForm

_EXTRA_FIELDS = {"organisation", "sector", "is_staff"}


class PlatformUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | _EXTRA_FIELDS


class PlatformUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | _EXTRA_FIELDS
