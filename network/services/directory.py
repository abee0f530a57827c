"""The opt-in member directory."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.text_guard import validate_no_cpr
from network.models import (
    MemberProfile,
    Network,
    NetworkKind,
)

# Member directory -----------------------------------------------------------------


def member_profile_save(
    *,
    user: User,
    is_listed: bool,
    show_organisation: bool,
    show_sector: bool,
    job_title: str = "",
    bio: str = "",
    themes: list[Network] | tuple = (),
) -> MemberProfile:
    """Save the person's own directory entry. Nobody is listed unless they tick
    ``is_listed``. Raises ValidationError (Danish) for a CPR number or too long
    text; nothing changes then."""
    job_title = (job_title or "").strip()
    bio = (bio or "").strip()
    if len(job_title) > 120 or len(bio) > 600:
        raise ValidationError(
            _("The job may be at most 120 and the introduction 600 characters.")
        )
    validate_no_cpr(job_title)
    validate_no_cpr(bio)
    if any(theme.kind != NetworkKind.THEME for theme in themes):
        raise ValidationError(_("Choose themes among the theme networks."))
    with transaction.atomic():
        profile, _created = MemberProfile.objects.update_or_create(
            user=user,
            defaults={
                "is_listed": is_listed,
                "show_organisation": show_organisation,
                "show_sector": show_sector,
                "job_title": job_title,
                "bio": bio,
            },
        )
        profile.themes.set(themes)
    return profile
