"""The five roles of the platform, kept as Django groups with permissions.

``accounts.services.roles_sync`` brings the groups in line with this table after every
migrate, so the table is the one place to change what a role may do.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "deltager", _("Participant")
    MUNICIPAL_CONTACT = "kommunal_kontaktperson", _("Municipal contact person")
    POLICE_CONTACT = "politikontakt", _("Police contact person")
    PRESENTER = "underviser", _("Presenter / moderator")
    ADMINISTRATOR = "administrator", _("Administrator")

    @property
    def group_name(self) -> str:
        return ROLE_GROUPS[self].group_name


@dataclass(frozen=True)
class RoleGroup:
    group_name: str
    permissions: tuple[str, ...]  # "app_label.codename"
    edits_pages: bool = False
    # The kinds of organisation (Organisation.Kind values) a person with this role must
    # belong to; empty means any organisation or none. A contact person nominates for
    # their own organisation, so without the right one the role does nothing.
    organisation_kinds: tuple[str, ...] = ()


ROLE_GROUPS: dict[str, RoleGroup] = {
    Role.PARTICIPANT: RoleGroup("Deltager", ()),
    Role.MUNICIPAL_CONTACT: RoleGroup(
        "Kommunal kontaktperson",
        ("accounts.nominate_participants",),
        organisation_kinds=("kommune",),
    ),
    Role.POLICE_CONTACT: RoleGroup(
        "Kontaktperson i politikredsen",
        ("accounts.nominate_participants",),
        organisation_kinds=("politi",),
    ),
    Role.PRESENTER: RoleGroup(
        "Underviser og moderator",
        ("accounts.run_webinars", "accounts.moderate_network"),
    ),
    Role.ADMINISTRATOR: RoleGroup(
        "Uddannelsesadministrator",
        (
            "wagtailadmin.access_admin",
            "accounts.run_webinars",
            "accounts.manage_offerings",
            "accounts.view_evaluation_reports",
            "accounts.moderate_network",
            "accounts.view_user",
            "accounts.view_organisation",
            "accounts.change_organisation",
            # People, their organisation and roles are managed in the admin.
            "accounts.add_user",
            "accounts.change_user",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
        ),
        edits_pages=True,
    ),
}
