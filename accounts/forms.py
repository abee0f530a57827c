"""Wagtail admin forms for people: the standard fields plus organisation, sector and
the platform's roles (instead of Wagtail's raw group list)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import User
from .roles import Role
from .services import roles_validate, user_roles_set

_EXTRA_FIELDS = {"organisation", "sector", "is_staff"}


class _PlatformUserFormMixin(forms.Form):
    """Roles are chosen from ``accounts.roles.Role`` and saved through
    ``accounts.services.user_roles_set``, which checks them against the organisation
    and writes the audit trail. Only a superuser may make or unmake superusers."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A municipal contact person must belong to a municipality, a police "
            "contact person to a police district's police. Every change of role is "
            "logged with who made it."
        ),
    )

    def __init__(self, *args, acting_user: User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        if self.instance.pk:
            self.fields["roles"].initial = [role.value for role in self.instance.roles]
        if "is_superuser" in self.fields and not (
            acting_user is not None and acting_user.is_superuser
        ):
            del self.fields["is_superuser"]
        self.fields["organisation"].help_text = _(
            "Where the person works. Contact persons nominate for this organisation."
        )

    def clean(self) -> dict:
        cleaned_data = super().clean()
        roles = [Role(value) for value in cleaned_data.get("roles", [])]
        if "organisation" in cleaned_data:
            try:
                roles_validate(organisation=cleaned_data["organisation"], roles=roles)
            except ValidationError as error:
                self.add_error("roles", error)
        return cleaned_data

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=commit)
        if commit:
            if not user.has_usable_password() or not user.password:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            user_roles_set(
                user=user,
                roles=[Role(value) for value in self.cleaned_data["roles"]],
                changed_by=self.acting_user,
            )
        return user


class PlatformUserCreationForm(_PlatformUserFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = (UserCreationForm.Meta.fields - {"groups"}) | _EXTRA_FIELDS


class PlatformUserEditForm(_PlatformUserFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = (UserEditForm.Meta.fields - {"groups"}) | _EXTRA_FIELDS
