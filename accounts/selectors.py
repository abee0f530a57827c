"""Reads for accounts and organisations."""

from django.db.models import Count, QuerySet

from .models import Kommune, Organisation, Politikreds, User


def politikreds_list() -> QuerySet[Politikreds]:
    """All 12 districts with how many municipalities each has (one query)."""
    return Politikreds.objects.annotate(kommune_count=Count("kommuner")).order_by(
        "code"
    )


def kommune_list(*, politikreds_code: str | None = None) -> QuerySet[Kommune]:
    """Municipalities, optionally of one district, with their district joined."""
    queryset = Kommune.objects.select_related("politikreds")
    if politikreds_code:
        queryset = queryset.filter(politikreds_id=politikreds_code)
    return queryset.order_by("name")


def organisation_list(*, politikreds_code: str | None = None) -> QuerySet[Organisation]:
    """Organisations, optionally of one district (its police and municipalities)."""
    queryset = Organisation.objects.select_related(
        "kommune__politikreds", "politikreds"
    )
    if politikreds_code:
        queryset = queryset.in_politikreds(politikreds_code)
    return queryset.order_by("kind", "name")


def organisation_by_cvr(*, cvr: str) -> Organisation | None:
    """The organisation registered with this CVR number, if any."""
    if not cvr:
        return None
    return (
        Organisation.objects.select_related("kommune__politikreds", "politikreds")
        .filter(cvr=cvr)
        .first()
    )


def nemlogin_user_find(*, persistent_id: str, email: str) -> User | None:
    """The account a NemLog-in identity logs in to, or ``None``.

    In order: the account already linked to the persistent identifier; the account
    whose *verified* e-mail address is the work e-mail from MitID Erhverv. An
    account created when Socialstyrelsen confirmed a nomination has the nominated
    e-mail as a verified address (``courses.services.enrolment``), so it is found
    the same way. Never creates an account.
    """
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    from .nemlogin import PROVIDER_ID

    linked = (
        SocialAccount.objects.select_related("user__organisation")
        .filter(provider=PROVIDER_ID, uid=persistent_id)
        .first()
    )
    if linked is not None:
        return linked.user
    address = (
        EmailAddress.objects.select_related("user__organisation")
        .filter(email__iexact=email, verified=True)
        .first()
    )
    return address.user if address is not None else None
