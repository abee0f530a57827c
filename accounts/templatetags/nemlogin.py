from django import template
from django.urls import reverse

from accounts import nemlogin

register = template.Library()


@register.simple_tag
def nemlogin_login_url() -> str:
    """Where the "Log in with MitID Erhverv" form posts, or "" when NemLog-in is
    switched off."""
    if not nemlogin.is_enabled():
        return ""
    return reverse("saml_login", kwargs={"organization_slug": nemlogin.CLIENT_ID})
