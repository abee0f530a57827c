from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


class Politikreds(models.Model):
    """One of the 12 police districts of Denmark (code as used by DAWA)."""

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("police district")
        verbose_name_plural = _("police districts")

    def __str__(self) -> str:
        return self.name


class Kommune(models.Model):
    """One of the 98 municipalities, with the police district it belongs to."""

    code = models.CharField(_("municipality code"), max_length=4, primary_key=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.CharField(_("region"), max_length=100)
    politikreds = models.ForeignKey(
        Politikreds,
        on_delete=models.PROTECT,
        related_name="kommuner",
        verbose_name=_("police district"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def in_politikreds(self, politikreds_code: str) -> "OrganisationQuerySet":
        """The district's police and every municipality in the district."""
        return self.filter(
            Q(politikreds_id=politikreds_code)
            | Q(kommune__politikreds_id=politikreds_code)
        )


class Organisation(models.Model):
    """Where a user works: a municipality, a district's police, Socialstyrelsen or
    another organisation."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "kommune", _("Municipality")
        POLICE = "politi", _("Police")
        SOCIALSTYRELSEN = "socialstyrelsen", _("Socialstyrelsen")
        OTHER = "andet", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150, unique=True)
    kommune = models.OneToOneField(
        Kommune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
        verbose_name=_("municipality"),
    )
    politikreds = models.ForeignKey(
        Politikreds,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="police_organisations",
        verbose_name=_("police district"),
        help_text=_("Only for the police of a district."),
    )
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        blank=True,
        default="",
        validators=[
            RegexValidator(r"^[0-9]{8}$", _("A CVR number has exactly 8 digits."))
        ],
        help_text=_(
            "The organisation's CVR number. People log in with MitID Erhverv only "
            "from organisations whose CVR number is registered here."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                name="organisation_kind_matches_links",
                condition=(
                    Q(kind="kommune", kommune__isnull=False, politikreds__isnull=True)
                    | Q(kind="politi", kommune__isnull=True, politikreds__isnull=False)
                    | Q(
                        kind__in=["socialstyrelsen", "andet"],
                        kommune__isnull=True,
                        politikreds__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["politikreds"],
                condition=Q(kind="politi"),
                name="one_police_organisation_per_district",
            ),
            models.UniqueConstraint(
                fields=["cvr"],
                condition=~Q(cvr=""),
                name="organisation_cvr_unique",
                violation_error_message=_(
                    "Another organisation already has this CVR number."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def district(self) -> Politikreds | None:
        """The police district the organisation belongs to, if any."""
        if self.kommune_id:
            return self.kommune.politikreds
        return self.politikreds


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person on the platform. Logs in with e-mail; holds no more personal data than
    the education needs: name, work e-mail, organisation and sector."""

    class Sector(models.TextChoices):
        SCHOOL = "skole", _("School")
        SOCIAL = "social", _("Social services")
        POLICE = "politi", _("Police")
        OTHER = "andet", _("Other")

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("organisation"),
    )
    sector = models.CharField(
        _("sector"), max_length=10, choices=Sector.choices, default=Sector.OTHER
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Staff at Socialstyrelsen. Staff must use two-factor login."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]
        permissions = [
            ("nominate_participants", "Kan indstille deltagere for sin organisation"),
            ("run_webinars", "Kan afvikle og moderere webinarer"),
            ("manage_offerings", "Kan planlægge udbud og afgøre tilmeldinger"),
            ("view_evaluation_reports", "Kan se evalueringsrapporter"),
            ("moderate_network", "Kan moderere netværk og praksisbank"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def roles(self) -> list[Role]:
        """The user's roles, read from the groups they are in."""
        names = {group.name for group in self.groups.all()}
        return [role for role in Role if role.group_name in names]

    def has_role(self, role: Role) -> bool:
        return self.groups.filter(name=role.group_name).exists()

    @property
    def requires_mfa(self) -> bool:
        """Staff, administrators and anyone who can open the Wagtail admin must use
        two-factor login."""
        return (
            self.is_staff
            or self.is_superuser
            or self.has_perm("wagtailadmin.access_admin")
        )


class SamlAssertion(models.Model):
    """The ID of every SAML assertion that has been accepted (or refused after its
    signature was verified), kept until it expires, so the same assertion can never
    log anyone in twice. The unique key makes that hold under concurrent requests."""

    assertion_id = models.CharField(_("assertion ID"), max_length=256, unique=True)
    issuer = models.CharField(_("issuer"), max_length=512)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("used SAML assertion")
        verbose_name_plural = _("used SAML assertions")

    def __str__(self) -> str:
        return self.assertion_id


class RoleChange(models.Model):
    """The audit trail of roles: one row each time a role is given or taken away,
    by whom, and which organisation the person belonged to at that moment."""

    class Action(models.TextChoices):
        GIVEN = "given", _("Given")
        REMOVED = "removed", _("Removed")

    person = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="role_changes",
        verbose_name=_("person"),
    )
    changed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.get_role_display()}"
