from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # this module also holds PlatformUsersAppConfig
    name = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from core.middleware import csp_form_action_register

        from . import checks, signals  # noqa: F401  (logout closes the user's websockets)
        from .nemlogin import idp_origin

        post_migrate.connect(_sync_roles, sender=self)
        # "Log ind med MitID Erhverv" posts to our login URL, which redirects to
        # NemLog-in; browsers check form-action on that redirect too.
        csp_form_action_register("/konto/", idp_origin)


def _sync_roles(sender, using="default", **kwargs) -> None:
    # Groups and their permissions are configuration kept in code (accounts/roles.py);
    # after every migrate they are brought in line with it.
    from .services import roles_sync

    roles_sync(using=using)


class PlatformUsersAppConfig(WagtailUsersAppConfig):
    """Replaces ``wagtail.users`` so the user admin edits organisation and sector."""

    user_viewset = "accounts.viewsets.UserViewSet"
