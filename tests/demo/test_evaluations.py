"""The demo seed gives `make run` a report with a suppressed district, and running
it twice changes nothing."""

import io

from django.core.management import call_command

import pytest

from evaluations.models import Answer, Invitation, Response, Schedule, SurveyTemplate
from evaluations.selectors import ReportFilters, report_build

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        model.objects.count()
        for model in (SurveyTemplate, Schedule, Invitation, Response, Answer)
    )


def test_demo_report_shows_two_groups_and_suppresses_a_small_one():
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
    assert first[3] == 9 + 8 + 3

    version = SurveyTemplate.objects.get(title="Evaluering af modulet").versions.get()
    report = report_build(version=version, filters=ReportFilters())
    assert report.responses == 20
    assert report.invited == 29
    districts = {row.label: row.responses for row in report.breakdowns[0].rows}
    assert districts["Nordjyllands Politi"].suppressed
    assert not districts["Fyns Politi"].suppressed
    offerings = {
        row.label.split(", ")[1]: row.responses for row in report.breakdowns[2].rows
    }
    assert offerings["Nordjyllands Politi"].hidden == "small"
    assert offerings["Midt- og Vestjyllands Politi"].hidden == "complement"
    # Nordjylland's 3 are published with Midt- og Vestjylland's 8 of the same
    # year, so last year shows all its 11 answers in the trend.
    assert districts["Midt- og Vestjyllands Politi"].hidden == "complement"
    years = {row.label: row.responses for row in report.breakdowns[1].rows}
    assert sorted((cell.n, cell.suppressed) for cell in years.values()) == [
        (9, False),
        (11, False),
    ]
