"""Factories for course pages, offerings and sessions.

Pages are created under the demo catalogue's tree: ``catalogue()`` returns the
CourseIndexPage (creating home and catalogue if needed)."""

import datetime

from django.utils import timezone

from wagtail.models import Page, Site

import factory

from accounts.models import Politikreds
from core.models import HomePage
from courses.models import (
    CourseIndexPage,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    ModuleKind,
    ModulePage,
    Offering,
    OfferingFormat,
    OfferingStatus,
    Session,
)
from tests.accounts.factories import UserFactory


def catalogue() -> CourseIndexPage:
    """The catalogue under a home page that is the default site's root, so pages
    have URLs."""
    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Forside", slug="forside-test", intro="Intro")
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "hostname": "localhost", "port": 80},
        )
    return home.add_child(instance=CourseIndexPage(title="Moduler", slug="moduler"))


def module_create(
    *, title: str = "Grundmodul", kind: str = ModuleKind.BASE, lessons: int = 2
) -> ModulePage:
    """A published module with ``lessons`` published, required lessons."""
    parent = catalogue()
    slug = f"modul-{ModulePage.objects.count() + 1}"
    module = parent.add_child(
        instance=ModulePage(title=title, slug=slug, kind=kind, summary="Resumé")
    )
    for number in range(1, lessons + 1):
        module.add_child(
            instance=LessonPage(
                title=f"{title}: lektion {number}",
                slug=f"lektion-{number}",
                body=[("paragraph", f"<p>Indhold {number}</p>")],
            )
        )
    return module


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering
        skip_postgeneration_save = True

    module = factory.LazyFunction(module_create)
    politikreds = factory.LazyFunction(lambda: Politikreds.objects.get(code="1465"))
    format = OfferingFormat.WEBINAR
    status = OfferingStatus.CONFIRMED
    planned_start = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    enrolment_deadline = factory.LazyAttribute(
        lambda o: o.planned_start - datetime.timedelta(days=14)
    )
    seats = 25


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    offering = factory.SubFactory(OfferingFactory)
    title = factory.Sequence(lambda n: f"Dag {n + 1}")
    starts_at = factory.LazyAttribute(
        lambda s: timezone.make_aware(
            datetime.datetime.combine(s.offering.planned_start, datetime.time(9, 0))
        )
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=6))
    venue = "Online"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    offering = factory.SubFactory(OfferingFactory)
    user = factory.SubFactory(UserFactory)
    status = EnrolmentStatus.CONFIRMED
