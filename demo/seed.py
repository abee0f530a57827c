"""The demo site that ``make run`` starts with: the page tree, one demo user per
role, then each app's demo data (demo.offerings, demo.learning, demo.enrolment,
demo.evaluations, demo.network, demo.webinars)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from wagtail.models import Page, Site

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import Organisation, User
from accounts.roles import Role
from accounts.services import user_create
from core.models import HomePage, StandardPage
from courses.models import (
    CourseIndexPage,
    LessonPage,
    ModuleKind,
    ModulePage,
    PreventionLevel,
)
from demo.enrolment import demo_enrolment_seed
from demo.evaluations import demo_evaluations_seed
from demo.learning import demo_learning_seed
from demo.modules import MODULES
from demo.network import demo_network_seed
from demo.offerings import demo_offerings_seed
from demo.site_content import HOME_BODY, HOME_INTRO, HOME_TITLE, STANDARD_PAGES
from demo.webinars import demo_webinar_seed

# A published, fixed secret so a developer can add the demo administrator to an
# authenticator app (or run `make totp`). Demo data only, never in production.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPSSPDEMO2"  # noqa: S105
DEMO_PASSWORD = "ssp-demo-2026"  # noqa: S105
# Every demo account's e-mail ends with core.checks.DEMO_EMAIL_DOMAIN, so the deploy
# check (which runs where this app is not installed) fails while one exists.


def demo_data_guard() -> None:
    """Refuse demo data outside development and tests: the demo accounts have a
    published password and two-factor secret. ``DEMO_DATA_ALLOWED`` is set only by
    the dev and test settings."""
    if not getattr(settings, "DEMO_DATA_ALLOWED", False):
        raise ImproperlyConfigured(
            "Demo-data kan kun oprettes i udviklings- eller testtilstand "
            "(lms.settings.dev). Demo-kontiene har en offentlig adgangskode og "
            "må aldrig findes i drift."
        )


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    last_name: str
    organisation: str
    sector: str
    roles: tuple[Role, ...]
    is_staff: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "admin@demo.ssp.test",
        "Anne",
        "Administrator",
        "Socialstyrelsen",
        User.Sector.OTHER,
        (Role.ADMINISTRATOR,),
        is_staff=True,
    ),
    DemoUser(
        "underviser@demo.ssp.test",
        "Ulrik",
        "Underviser",
        "Socialstyrelsen",
        User.Sector.OTHER,
        (Role.PRESENTER,),
    ),
    DemoUser(
        "kontakt.aarhus@demo.ssp.test",
        "Karen",
        "Kontakt",
        "Aarhus Kommune",
        User.Sector.SOCIAL,
        (Role.MUNICIPAL_CONTACT,),
    ),
    DemoUser(
        "kontakt.odense@demo.ssp.test",
        "Kasper",
        "Kontakt",
        "Odense Kommune",
        User.Sector.SCHOOL,
        (Role.MUNICIPAL_CONTACT,),
    ),
    DemoUser(
        "politi.fyn@demo.ssp.test",
        "Pia",
        "Politi",
        "Fyns Politi",
        User.Sector.POLICE,
        (Role.POLICE_CONTACT,),
    ),
    DemoUser(
        "deltager.aarhus@demo.ssp.test",
        "Ditte",
        "Deltager",
        "Aarhus Kommune",
        User.Sector.SCHOOL,
        (Role.PARTICIPANT,),
    ),
    DemoUser(
        "deltager.odense@demo.ssp.test",
        "Dennis",
        "Deltager",
        "Odense Kommune",
        User.Sector.SOCIAL,
        (Role.PARTICIPANT,),
    ),
    DemoUser(
        "deltager.kbh@demo.ssp.test",
        "Dorthe",
        "Deltager",
        "Københavns Kommune",
        User.Sector.SOCIAL,
        (Role.PARTICIPANT,),
    ),
    DemoUser(
        "deltager.bornholm@demo.ssp.test",
        "David",
        "Deltager",
        "Bornholms Regionskommune",
        User.Sector.OTHER,
        (Role.PARTICIPANT,),
    ),
)


def _home_page_ensure():
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title=HOME_TITLE, slug="forside", intro=HOME_INTRO, body=HOME_BODY
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="SSP-uddannelsen",
        )
    else:
        site.root_page = home
        site.site_name = "SSP-uddannelsen"
        site.save()
    # Wagtail's placeholder "Welcome" page is replaced, not kept beside ours.
    if old_root is not None and old_root.specific_class is Page and old_root.depth == 2:
        old_root.delete()
    return home


def _child_ensure(parent, model, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    return parent.add_child(instance=model(slug=slug, **fields))


def _content_ensure(home) -> None:
    catalogue = _child_ensure(
        home,
        CourseIndexPage,
        "moduler",
        title="Moduler",
        intro=(
            "SSP-uddannelsen består af et grundmodul og en række tilvalgsmoduler. "
            "Modulerne udbydes i de 12 politikredse."
        ),
    )
    levels = {level.slug: level for level in PreventionLevel.objects.all()}
    grundmodul = None
    for module_data in MODULES:
        module = _child_ensure(
            catalogue,
            ModulePage,
            module_data["slug"],
            title=module_data["title"],
            kind=module_data["kind"],
            summary=module_data["summary"],
            learning_goals=[("goal", goal) for goal in module_data["learning_goals"]],
            target_groups=module_data["target_groups"],
            expected_hours=module_data["expected_hours"],
        )
        if module.kind == ModuleKind.BASE:
            grundmodul = module
        if not module.prevention_levels.exists():
            # The base module covers the whole pyramid; electives the upper levels.
            slugs = (
                ["generel", "specifik", "individorienteret"]
                if module.kind == ModuleKind.BASE
                else ["specifik", "individorienteret"]
            )
            module.prevention_levels.set([levels[slug] for slug in slugs])
            if grundmodul is not None and module.pk != grundmodul.pk:
                module.prerequisites.set([grundmodul])
            module.save_revision().publish()
        for lesson_data in module_data["lessons"]:
            _child_ensure(
                module,
                LessonPage,
                lesson_data["slug"],
                title=lesson_data["title"],
                summary=lesson_data["summary"],
                body=lesson_data["body"],
            )
    for page_data in STANDARD_PAGES:
        _child_ensure(
            home,
            StandardPage,
            page_data["slug"],
            title=page_data["title"],
            intro=page_data["intro"],
            body=page_data["body"],
        )


def _users_ensure() -> list[DemoUser]:
    for demo in DEMO_USERS:
        if User.objects.filter(email=demo.email).exists():
            continue
        user = user_create(
            email=demo.email,
            first_name=demo.first_name,
            last_name=demo.last_name,
            organisation=Organisation.objects.get(name=demo.organisation),
            sector=demo.sector,
            roles=demo.roles,
            password=DEMO_PASSWORD,
            email_verified=True,
            is_staff=demo.is_staff,
        )
        if (
            user.requires_mfa
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
    return list(DEMO_USERS)


@transaction.atomic
def demo_seed() -> list[DemoUser]:
    """Create the demo site tree (home, catalogue with modules and lessons, standard
    pages) and one demo user per role in several municipalities and districts.

    Then the demo offerings, learning progress, enrolment dialogue, evaluations,
    network and webinars (demo.offerings ... demo.webinars). Idempotent: what exists
    (matched by slug or e-mail) is left as it is, so a second run creates nothing and
    never overwrites an editor's changes. Raises ``ImproperlyConfigured`` outside
    development and tests (``demo_data_guard``), before anything is written.
    """
    demo_data_guard()
    home = _home_page_ensure()
    _content_ensure(home)
    users = _users_ensure()
    demo_offerings_seed()
    demo_learning_seed()
    demo_enrolment_seed()
    demo_evaluations_seed()
    demo_network_seed()
    demo_webinar_seed()
    return users
