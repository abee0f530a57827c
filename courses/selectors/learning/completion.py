"""The completion overviews: national, and per organisation."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
)
from django.db.models.functions import Substr

from accounts.models import Organisation, User
from courses.models import (
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModulePage,
    Offering,
)
from courses.selectors.learning._paths import STEPLEN, _parent_path_expression, _percent


def completion_filter_options() -> dict:
    """The modules and years offerings exist for, for the overview filter. Two
    queries. Read-only."""
    return {
        "modules": list(
            ModulePage.objects.live()
            .defer_streamfields()
            .order_by("kind", "title")
            .values_list("pk", "title")
        ),
        "years": [
            day.year
            for day in Offering.objects.dates("planned_start", "year", order="DESC")
        ],
    }


def _confirmed_enrolments(*, module_id: int | None, year: int | None):
    enrolments = Enrolment.objects.filter(status=EnrolmentStatus.CONFIRMED)
    if module_id is not None:
        enrolments = enrolments.filter(offering__module_id=module_id)
    if year is not None:
        enrolments = enrolments.filter(offering__planned_start__year=year)
    return enrolments


def _completed_condition():
    return Exists(
        ModuleCompletion.objects.filter(
            user=OuterRef("user_id"), module=OuterRef("offering__module_id")
        )
    )


@dataclass
class CompletionRow:
    name: str
    module_title: str
    participants: int
    completed: int

    @property
    def percent(self) -> int:
        return _percent(self.completed, self.participants)


@dataclass
class ModuleOverview:
    module_id: int
    title: str
    districts: list[CompletionRow] = field(default_factory=list)
    municipalities: list[CompletionRow] = field(default_factory=list)

    @property
    def participants(self) -> int:
        return sum(row.participants for row in self.districts)

    @property
    def completed(self) -> int:
        return sum(row.completed for row in self.districts)

    @property
    def percent(self) -> int:
        return _percent(self.completed, self.participants)


def completion_overview_national(
    *, module_id: int | None = None, year: int | None = None
) -> list[ModuleOverview]:
    """For administrators: per module, the participants with confirmed enrolments and
    how many of them completed the module, per police district (of the offering) and
    per municipality (of the participant's organisation). Optionally only one module
    and/or the offerings planned in one year.

    Counted in the database (two grouped queries), whatever the number of people.
    Names of people are not part of it. Read-only.
    """
    enrolments = _confirmed_enrolments(module_id=module_id, year=year)
    completed = _completed_condition()
    district_rows = (
        enrolments.values(
            "offering__module_id",
            "offering__module__title",
            "offering__politikreds__name",
        )
        .annotate(
            participants=Count("user_id", distinct=True),
            completed=Count("user_id", distinct=True, filter=completed),
        )
        .order_by("offering__module__title", "offering__politikreds__name")
    )
    municipality_rows = (
        enrolments.filter(user__organisation__kind=Organisation.Kind.MUNICIPALITY)
        .values(
            "offering__module_id",
            "offering__module__title",
            "user__organisation__kommune__name",
        )
        .annotate(
            participants=Count("user_id", distinct=True),
            completed=Count("user_id", distinct=True, filter=completed),
        )
        .order_by("offering__module__title", "user__organisation__kommune__name")
    )
    modules: dict[int, ModuleOverview] = {}
    for rows, section, name_key in (
        (district_rows, "districts", "offering__politikreds__name"),
        (municipality_rows, "municipalities", "user__organisation__kommune__name"),
    ):
        for row in rows:
            overview = modules.setdefault(
                row["offering__module_id"],
                ModuleOverview(
                    row["offering__module_id"], row["offering__module__title"]
                ),
            )
            getattr(overview, section).append(
                CompletionRow(
                    name=row[name_key],
                    module_title=overview.title,
                    participants=row["participants"],
                    completed=row["completed"],
                )
            )
    return list(modules.values())


@dataclass
class PersonProgress:
    user: User
    module: ModulePage
    offering: Offering
    required_total: int
    required_done: int
    completed_at: datetime.datetime | None

    @property
    def percent(self) -> int:
        if self.completed_at is not None and not self.required_total:
            return 100
        return _percent(self.required_done, self.required_total)


def completion_overview_organisation(
    *,
    organisation: Organisation,
    module_id: int | None = None,
    year: int | None = None,
) -> list[PersonProgress]:
    """For a municipal or police contact person: the people of their own organisation
    with confirmed enrolments, by name, with their progress per module (required
    lessons done, completion date). Never reflections or quiz answers.

    Queries: four (enrolments; required lessons per module; lessons done per person
    and module; module completions), whatever the number of people. Read-only.
    """
    enrolments = list(
        _confirmed_enrolments(module_id=module_id, year=year)
        .filter(user__organisation=organisation)
        .select_related("user", "offering__module", "offering__politikreds")
        .order_by(
            "user__last_name",
            "user__first_name",
            "user_id",
            "offering__module__title",
            "-offering__planned_start",
        )
    )
    if not enrolments:
        return []
    module_paths = {enrolment.offering.module.path for enrolment in enrolments}
    required_counts = {
        row["parent_path"]: row["total"]
        for row in LessonPage.objects.live()
        .filter(is_required=True)
        .annotate(parent_path=_parent_path_expression())
        .filter(parent_path__in=module_paths)
        .values("parent_path")
        .annotate(total=Count("pk"))
        .order_by()
    }
    done_counts = {
        (row["user_id"], row["parent_path"]): row["done"]
        for row in LessonCompletion.objects.filter(
            user__organisation=organisation,
            lesson__live=True,
            lesson__is_required=True,
        )
        .annotate(
            parent_path=Substr(
                "lesson__path",
                1,
                (F("lesson__depth") - 1) * STEPLEN,
                output_field=CharField(),
            )
        )
        .filter(parent_path__in=module_paths)
        .values("user_id", "parent_path")
        .annotate(done=Count("pk"))
        .order_by()
    }
    completed_at = {
        (user_id, module_id): when
        for user_id, module_id, when in ModuleCompletion.objects.filter(
            user__organisation=organisation
        ).values_list("user_id", "module_id", "completed_at")
    }
    rows: list[PersonProgress] = []
    seen: set[tuple[int, int]] = set()
    for enrolment in enrolments:
        module = enrolment.offering.module
        key = (enrolment.user_id, module.pk)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            PersonProgress(
                user=enrolment.user,
                module=module,
                offering=enrolment.offering,
                required_total=required_counts.get(module.path, 0),
                required_done=done_counts.get((enrolment.user_id, module.path), 0),
                completed_at=completed_at.get(key),
            )
        )
    return rows
