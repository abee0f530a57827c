"""Writes for accounts, roles and organisations."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from core.realtime import user_sockets_close_on_commit

from .models import Organisation, RoleChange, SamlAssertion, User
from .roles import ROLE_GROUPS, Role

_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "choose")),
    ("wagtaildocs", "document", ("add", "change", "choose")),
)
_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def roles_sync(*, using: str = "default") -> None:
    """Create or update one group per role with exactly the permissions in
    ``accounts.roles.ROLE_GROUPS``. Administrators also get page permissions on the
    root page and image/document permissions on the root collection.

    Idempotent; run after every migrate.
    """
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)

    with transaction.atomic(using=using):
        for spec in ROLE_GROUPS.values():
            group, _created = Group.objects.using(using).get_or_create(
                name=spec.group_name
            )
            permissions = [
                Permission.objects.using(using).get(
                    content_type__app_label=app_label, codename=codename
                )
                for app_label, codename in (p.split(".") for p in spec.permissions)
            ]
            group.permissions.set(permissions)
            if not spec.edits_pages:
                continue
            root_page = Page.objects.using(using).filter(depth=1).first()
            if root_page is not None:
                for codename in _PAGE_PERMISSIONS:
                    GroupPagePermission.objects.using(using).get_or_create(
                        group=group,
                        page=root_page,
                        permission=Permission.objects.using(using).get(
                            content_type__app_label="wagtailcore", codename=codename
                        ),
                    )
            root_collection = Collection.objects.using(using).filter(depth=1).first()
            if root_collection is not None:
                for app_label, model, actions in _COLLECTION_PERMISSIONS:
                    for action in actions:
                        GroupCollectionPermission.objects.using(using).get_or_create(
                            group=group,
                            collection=root_collection,
                            permission=Permission.objects.using(using).get(
                                content_type__app_label=app_label,
                                codename=f"{action}_{model}",
                            ),
                        )


def roles_validate(*, organisation: Organisation | None, roles: Iterable[Role]) -> None:
    """Check that a person in ``organisation`` may hold ``roles``: a municipal
    contact person must belong to a municipality, a police contact person to a
    district's police (``RoleGroup.organisation_kinds``).

    Raises ``ValidationError`` with a Danish message per refused role; reads nothing.
    """
    errors = []
    for role in roles:
        kinds = ROLE_GROUPS[role].organisation_kinds
        if kinds and (organisation is None or organisation.kind not in kinds):
            kind_names = ", ".join(
                str(Organisation.Kind(kind).label).lower() for kind in kinds
            )
            errors.append(
                ValidationError(
                    _(
                        "%(role)s needs an organisation of the kind %(kinds)s. "
                        "Choose the organisation first."
                    ),
                    code="role_needs_organisation",
                    params={"role": Role(role).label, "kinds": kind_names},
                )
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def user_roles_set(
    *, user: User, roles: Iterable[Role], changed_by: User | None
) -> list[RoleChange]:
    """Give ``user`` exactly ``roles`` (as groups) and record every role given or
    taken away in the audit trail (``RoleChange``), with who did it.

    Validates against the user's organisation first (``roles_validate``); on a
    refusal nothing is written. Idempotent: setting the roles a user already has
    writes nothing and returns an empty list.
    """
    wanted = {Role(role) for role in roles}
    roles_validate(organisation=user.organisation, roles=wanted)
    current = set(user.roles)
    given = sorted(wanted - current)
    removed = sorted(current - wanted)
    if not given and not removed:
        return []
    groups = Group.objects.in_bulk(
        [ROLE_GROUPS[role].group_name for role in given + removed],
        field_name="name",
    )
    user.groups.add(*(groups[ROLE_GROUPS[role].group_name] for role in given))
    user.groups.remove(*(groups[ROLE_GROUPS[role].group_name] for role in removed))
    changes = RoleChange.objects.bulk_create(
        [
            RoleChange(
                person=user,
                changed_by=changed_by,
                role=role,
                action=action,
                organisation=user.organisation,
            )
            for action, chosen in (
                (RoleChange.Action.GIVEN, given),
                (RoleChange.Action.REMOVED, removed),
            )
            for role in chosen
        ]
    )
    # Permissions are cached on the instance; the next check must see the change.
    for cache in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(cache, None)
    return changes


@transaction.atomic
def user_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None = None,
    sector: str = User.Sector.OTHER,
    roles: tuple[Role, ...] = (Role.PARTICIPANT,),
    password: str | None = None,
    email_verified: bool = False,
    is_staff: bool = False,
) -> User:
    """Create a user with their roles and an allauth e-mail address.

    Raises ``ValidationError`` (in Danish) for a taken e-mail or invalid fields;
    nothing is written then. Not idempotent: a second call with the same e-mail fails.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("A user with this e-mail address already exists.")}
        )
    user = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=organisation,
        sector=sector,
        is_staff=is_staff,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(
        [Group.objects.get(name=ROLE_GROUPS[role].group_name) for role in roles]
    )
    EmailAddress.objects.create(
        user=user, email=email, primary=True, verified=email_verified
    )
    return user


def user_deactivate(*, user: User) -> User:
    """Deactivate a user and close every websocket they have open (after commit).

    Idempotent: deactivating an inactive user changes nothing more.
    """
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user_sockets_close_on_commit(user_id=user.pk)
    user.is_active = False
    return user


def saml_assertion_claim(
    *, assertion_id: str, issuer: str, expires_at: datetime
) -> bool:
    """Record a verified SAML assertion as used. Returns ``False`` when it was used
    before (a replay), which the unique key decides even under concurrent requests.

    Also deletes records that expired more than a day ago. Not idempotent by design:
    the second call with the same ID returns ``False``.
    """
    now = timezone.now()
    SamlAssertion.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    try:
        with transaction.atomic():
            SamlAssertion.objects.create(
                assertion_id=assertion_id,
                issuer=issuer,
                expires_at=max(expires_at, now),
                received_at=now,
            )
    except IntegrityError:
        return False
    return True


def nemlogin_account_link(
    *, user: User, persistent_id: str, extra_data: dict
) -> SocialAccount:
    """Link a NemLog-in identity (its persistent professional identifier) to an
    existing account, so later logins find it directly. Creates no user.

    Idempotent: linking the same identifier to the same user again changes nothing
    but ``extra_data``. Raises ``ValidationError`` if the identifier is linked to
    another user.
    """
    from .nemlogin import PROVIDER_ID

    with transaction.atomic():
        account, _created = SocialAccount.objects.select_for_update().get_or_create(
            provider=PROVIDER_ID,
            uid=persistent_id,
            defaults={"user": user, "extra_data": extra_data},
        )
        if account.user_id != user.pk:
            raise ValidationError(
                _("This MitID Erhverv identity is linked to another account.")
            )
        if account.extra_data != extra_data:
            account.extra_data = extra_data
            account.save(update_fields=["extra_data"])
    return account
