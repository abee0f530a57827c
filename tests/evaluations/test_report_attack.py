"""An attacker with every view the report page and its exports offer.

The finest cells are the runs (offerings): each has one module, one district and
one year, so every figure a report shows is a sum over a set of runs of one
measure (the responses, or one question's respondents, option counts and sums).
The test builds every view the filters allow (none; each module, district, year
range and offering, and every combination), takes each published figure, writes it
as a 0/1 vector over the runs it sums, checks that the figure is that sum counted
from the raw answers, and then asks, with exact rational Gaussian elimination,
whether any group of 1 to 4 respondents is a linear combination of what was
published. Two published groups whose difference is a small group are caught the
same way (their difference is in the row space)."""

import datetime
import itertools
import random
from collections import defaultdict
from fractions import Fraction

from django.db.models import Count

import pytest

from accounts.models import Politikreds
from evaluations.models import Answer, Response
from evaluations.selectors import MIN_GROUP, ReportFilters, report_build
from evaluations.selectors import reports as report_selectors
from tests.courses.factories import OfferingFactory, module_create
from tests.evaluations.factories import question_ids, responses_create, schedule_create

pytestmark = pytest.mark.django_db

DISTRICTS = ("1460", "1461", "1465", "1466")
YEARS = (2023, 2024, 2025)
RESPONSES = "responses"


@pytest.fixture
def many_small_runs():
    """Two modules × four districts × three years, 0–2 runs per cell, mostly of
    1–4 respondents, some with free text; seeded, so the same every time."""
    chance = random.Random(15)  # noqa: S311 - test data, not security
    modules = [module_create(title="Grundmodul"), module_create(title="Tilvalg")]
    template_schedule = schedule_create(module=modules[0])
    schedules = {
        modules[0].pk: template_schedule,
        modules[1].pk: schedule_create(
            template=template_schedule.template, module=modules[1]
        ),
    }
    districts = {code: Politikreds.objects.get(code=code) for code in DISTRICTS}
    for module, code, year in itertools.product(modules, DISTRICTS, YEARS):
        for day in range(chance.choice((0, 1, 1, 2))):
            offering = OfferingFactory(
                module=module,
                politikreds=districts[code],
                planned_start=datetime.date(year, 3 + day, 1),
            )
            responses_create(
                schedule=schedules[module.pk],
                offering=offering,
                count=chance.choice((1, 1, 2, 2, 3, 3, 4, 4, 6, 7, 9)),
                likert=chance.randint(1, 5),
                scale=chance.randint(0, 10),
                text=chance.choice(("", "", "Godt")),
            )
    return template_schedule.template.versions.get(), modules


@pytest.fixture
def many_small_runs_and_self_paced(many_small_runs):
    """The same, and per module and year 0–4 self-paced answers (no district)."""
    version, modules = many_small_runs
    chance = random.Random(16)  # noqa: S311 - test data, not security
    schedule = version.responses.first().schedule
    for module, year in itertools.product(modules, YEARS):
        count = chance.choice((0, 1, 2, 3, 4))
        if count:
            responses_create(
                schedule=schedule,
                offering=None,
                module=module,
                year=year,
                count=count,
                likert=chance.randint(1, 5),
                text=chance.choice(("", "Godt")),
            )
    return version, modules


def _views(modules):
    """Every selection the report form and the offering links can ask for."""
    ranges = [(None, None)]
    ranges += [(year, None) for year in YEARS] + [(None, year) for year in YEARS]
    ranges += [(a, b) for a in YEARS for b in YEARS if a <= b]
    for module, district, (year_from, year_to) in itertools.product(
        [None, *[module.pk for module in modules]], [None, *DISTRICTS], ranges
    ):
        yield ReportFilters(
            module_id=module,
            politikreds_code=district,
            year_from=year_from,
            year_to=year_to,
        )
    for offering_id in (
        Response.objects.filter(offering__isnull=False)
        .values_list("offering_id", flat=True)
        .distinct()
    ):
        yield ReportFilters(offering_id=offering_id)


def _raw(version):
    """From the raw answers: each run's module, district and year, and per measure
    (responses, or a question id) the number of respondents per run."""
    runs = {}
    sizes: dict[str, dict[int, int]] = defaultdict(dict)
    for offering_id, module_id, district, year, n in (
        Response.objects.filter(version=version)
        .values_list("offering_id", "module_id", "politikreds_id", "year")
        .annotate(n=Count("id"))
    ):
        run = _key(offering_id, module_id, year)
        runs[run] = (module_id, district, year)
        sizes[RESPONSES][run] = n
    for offering_id, module_id, year, question_id, n in (
        Answer.objects.filter(response__version=version)
        .values_list(
            "response__offering_id",
            "response__module_id",
            "response__year",
            "question_id",
        )
        .annotate(n=Count("response_id", distinct=True))
    ):
        run = _key(offering_id, module_id, year)
        sizes[question_id][run] = sizes[question_id].get(run, 0) + n
    return runs, sizes


def _key(offering_id, module_id, year) -> int:
    """The run: the offering, or the self-paced answers of a module and year."""
    if offering_id is None:
        return report_selectors.self_paced_run_key(module_id=module_id, year=year)
    return offering_id


def _in_view(filters, run_id, run) -> bool:
    module_id, district, year = run
    return (
        (not filters.offering_id or filters.offering_id == run_id)
        and (not filters.module_id or filters.module_id == module_id)
        and (not filters.politikreds_code or filters.politikreds_code == district)
        and (not filters.year_from or year >= filters.year_from)
        and (not filters.year_to or year <= filters.year_to)
    )


def _row_runs(slug, key, run_id, run) -> bool:
    module_id, district, year = run
    return {"politikreds": district, "aar": year, "hold": run_id}[slug] == key


def _published(report, view_runs, runs):
    """(measure, runs summed, figure) for every figure the report publishes."""
    figures = []
    if report.suppressed:
        return figures
    figures.append((RESPONSES, frozenset(report.runs), report.responses))
    for question in report.questions:
        if not question.suppressed:
            figures.append((question.id, frozenset(question.runs), question.n))
    for breakdown in report.breakdowns:
        for row in breakdown.rows:
            if not row.responses.suppressed:
                figures.append(
                    (RESPONSES, frozenset(row.responses.runs), row.responses.n)
                )
            for question, cell in zip(breakdown.questions, row.cells, strict=True):
                if cell.n and not cell.suppressed:
                    figures.append((question.id, frozenset(cell.runs), cell.n))
    return figures


def _basis(vectors: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Row-reduced basis (pivot column, row) of the vectors' span, exactly."""
    basis: list[tuple[int, list[Fraction]]] = []
    for vector in vectors:
        row = _reduce(vector, basis)
        pivot = next((i for i, value in enumerate(row) if value), None)
        if pivot is None:
            continue
        row = [value / row[pivot] for value in row]
        basis = [
            (
                other_pivot,
                [a - other[pivot] * b for a, b in zip(other, row, strict=True)],
            )
            for other_pivot, other in basis
        ]
        basis.append((pivot, row))
    return basis


def _reduce(vector, basis):
    row = list(vector)
    for pivot, base in basis:
        if row[pivot]:
            factor = row[pivot]
            row = [a - factor * b for a, b in zip(row, base, strict=True)]
    return row


def _in_span(vector, basis) -> bool:
    return not any(_reduce(vector, basis))


def _disclosures(figures_by_measure, sizes):
    """Groups of 1–4 respondents that the published figures give away, per
    measure: unions of atoms (runs that every figure takes or leaves together)
    whose indicator vector lies in the row space of the published vectors."""
    found = []
    for measure, published in figures_by_measure.items():
        columns = sorted(run for run, n in sizes[measure].items() if n > 0)
        index = {run: position for position, run in enumerate(columns)}
        vectors = []
        for runs in published:
            vector = [Fraction(0)] * len(columns)
            for run in runs:
                vector[index[run]] = Fraction(1)
            vectors.append(vector)
        basis = _basis(vectors)
        atoms: dict[tuple, list[int]] = defaultdict(list)
        for run in columns:
            atoms[tuple(run in runs for runs in published)].append(run)
        small_atoms = [
            members
            for members in atoms.values()
            if sum(sizes[measure][run] for run in members) < MIN_GROUP
        ]
        for count in range(1, MIN_GROUP):
            for combination in itertools.combinations(small_atoms, count):
                group = [run for members in combination for run in members]
                respondents = sum(sizes[measure][run] for run in group)
                if not 0 < respondents < MIN_GROUP:
                    continue
                vector = [Fraction(int(run in group)) for run in columns]
                if _in_span(vector, basis):
                    found.append((measure, sorted(group), respondents))
    return found


def _attack(version, modules):
    runs, sizes = _raw(version)
    figures_by_measure: dict[str, set[frozenset]] = defaultdict(set)
    for filters in _views(modules):
        report = report_build(version=version, filters=filters)
        view_runs = {
            run_id for run_id, run in runs.items() if _in_view(filters, run_id, run)
        }
        for measure, summed, figure in _published(report, view_runs, runs):
            # Honest vectors: every figure is exactly the raw sum over its runs,
            # and only over runs the view covers.
            assert summed <= view_runs, (filters, measure)
            assert figure == sum(sizes[measure].get(run, 0) for run in summed), (
                filters,
                measure,
            )
            figures_by_measure[measure].add(summed)
    return _disclosures(figures_by_measure, sizes), runs, sizes


def test_no_group_under_five_can_be_derived_from_all_views(many_small_runs):
    version, modules = many_small_runs
    disclosures, runs, sizes = _attack(version, modules)
    small_runs = [run for run, n in sizes[RESPONSES].items() if n < MIN_GROUP]
    assert len(small_runs) >= 10  # the data set is an attack worth making
    assert disclosures == []


def test_the_attack_finds_groups_when_suppression_is_decided_per_view(
    many_small_runs, monkeypatch
):
    """The control: deciding the blocks over only the runs of the view being
    shown (per-view suppression) lets the same attack through."""
    monkeypatch.setattr(
        report_selectors, "_blocking_scope", lambda *, runs, in_view: in_view
    )
    version, modules = many_small_runs
    disclosures, _runs, _sizes = _attack(version, modules)
    assert disclosures
    assert any(measure == RESPONSES for measure, _group, _n in disclosures)


def test_self_paced_runs_give_no_group_under_five_away(
    many_small_runs_and_self_paced,
):
    """Self-paced answers (one run per module and year, no district) are runs
    like the offerings: no view or difference of views isolates fewer than five."""
    version, modules = many_small_runs_and_self_paced
    disclosures, runs, sizes = _attack(version, modules)
    self_paced = [run for run in sizes[RESPONSES] if run < 0]
    assert len(self_paced) >= 4  # the data set has self-paced runs to attack
    assert any(sizes[RESPONSES][run] < MIN_GROUP for run in self_paced)
    assert disclosures == []


def test_every_question_is_a_measure_of_the_attack(many_small_runs):
    version, _modules = many_small_runs
    _runs, sizes = _raw(version)
    ids = question_ids(version)
    assert {ids["likert"], ids["free_text"]} <= set(sizes)
