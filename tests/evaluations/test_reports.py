"""Reports: only for people who may read them; no group under five responses is
shown (nor one that could be subtracted from a total); fixed query counts; CSV, XLSX
and PDF exports with the same suppression."""

import datetime
import io

from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from openpyxl import load_workbook

from accounts.models import Politikreds
from accounts.roles import Role
from courses.models import Offering
from evaluations.selectors import (
    COMPLEMENT,
    SMALL,
    ReportFilters,
    report_build,
)
from evaluations.selectors.reports import Run, publication_blocks
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory, module_create
from tests.courses.test_certificates import _pdf_text_parsed
from tests.evaluations.factories import (
    invitation_create,
    responses_create,
    schedule_create,
    template_create,
)

pytestmark = pytest.mark.django_db

FYN, OESTJYLLAND, KOEBENHAVN = "1465", "1461", "1470"


def _offering(module, code, year=2025):
    return OfferingFactory(
        module=module,
        politikreds=Politikreds.objects.get(code=code),
        planned_start=datetime.date(year, 3, 1),
    )


@pytest.fixture
def setup():
    """Fyn 6 responses in 2025, Østjylland 7 in 2026, København 3 in 2026."""
    module = module_create()
    schedule = schedule_create(module=module)
    fyn = _offering(module, FYN, 2025)
    oestjylland = _offering(module, OESTJYLLAND, 2026)
    koebenhavn = _offering(module, KOEBENHAVN, 2026)
    responses_create(schedule=schedule, offering=fyn, count=6, likert=4, text="Godt")
    responses_create(
        schedule=schedule, offering=oestjylland, count=7, likert=2, text="Mere tid"
    )
    responses_create(schedule=schedule, offering=koebenhavn, count=3, likert=5)
    for offering in (fyn, fyn, oestjylland):
        invitation_create(schedule=schedule, offering=offering, user=UserFactory())
    version = schedule.template.versions.get()
    return {"module": module, "schedule": schedule, "version": version}


@pytest.fixture
def reader(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(user)
    return client


def _cells(breakdown):
    return {row.label: row for row in breakdown.rows}


def test_small_groups_and_their_complement_are_suppressed(setup):
    report = report_build(version=setup["version"], filters=ReportFilters())
    assert report.responses == 16
    likert = report.questions[0]
    assert (likert.n, likert.mean) == (16, round((6 * 4 + 7 * 2 + 3 * 5) / 16, 2))
    assert [option.count for option in likert.options] == [0, 7, 0, 6, 3]

    # København's run of 3 is published together with Østjylland's run of 7 (the
    # same year): both offerings are hidden, and so are both districts, while
    # Fyn's run of 6 is a block of its own.
    offerings = {row.label.split(", ")[1]: row for row in report.breakdowns[2].rows}
    assert offerings["Københavns Politi"].responses.hidden == SMALL
    assert offerings["Københavns Politi"].cells[0].mean is None
    assert offerings["Østjyllands Politi"].responses.hidden == COMPLEMENT
    assert offerings["Østjyllands Politi"].cells[0].mean is None
    assert (
        offerings["Fyns Politi"].responses.n,
        offerings["Fyns Politi"].cells[0].mean,
    ) == (6, 4.0)

    districts = _cells(report.breakdowns[0])
    assert districts["Københavns Politi"].responses.hidden == SMALL
    assert districts["Østjyllands Politi"].responses.hidden == COMPLEMENT
    assert districts["Østjyllands Politi"].cells[0].mean is None
    assert districts["Fyns Politi"].responses.n == 6
    # The year keeps every run: 2026 is the block of Østjylland and København.
    years = _cells(report.breakdowns[1])
    assert (years["2025"].responses.n, years["2026"].responses.n) == (6, 10)
    assert years["2026"].cells[0].mean == (7 * 2 + 3 * 5) / 10
    assert not report.omitted


def _run(offering_id, district="1465", year=2025, module_id=1):
    return Run(offering_id, module_id, district, year)


@pytest.mark.parametrize(
    ("runs", "sizes", "blocks"),
    [
        # A run of five or more is a block of its own.
        ([_run(1), _run(2, "1461")], {1: 5, 2: 9}, [{1}, {2}]),
        # Small runs of one district and year are pooled...
        ([_run(1), _run(2), _run(3)], {1: 3, 2: 2, 3: 7}, [{3}, {1, 2}]),
        # ...and what is still short joins the smallest block of that cell.
        ([_run(1), _run(2), _run(3)], {1: 3, 2: 6, 3: 7}, [{1, 2}, {3}]),
        # Else the same year across districts, so the year stays whole.
        (
            [_run(1), _run(2, "1461"), _run(3, "1461", 2024)],
            {1: 3, 2: 2, 3: 8},
            [{3}, {1, 2}],
        ),
        (
            [_run(1), _run(2, "1461"), _run(3, "1461", 2024)],
            {1: 3, 2: 6, 3: 8},
            [{1, 2}, {3}],
        ),
        # Only when everything together is short is a block too small.
        ([_run(1), _run(2, "1461")], {1: 1, 2: 2}, [{1, 2}]),
        # Runs without respondents belong to no block.
        ([_run(1), _run(2)], {1: 0, 2: 5}, [{2}]),
    ],
)
def test_publication_blocks(runs, sizes, blocks):
    result = publication_blocks(
        runs={run.offering_id: run for run in runs}, sizes=sizes
    )
    assert [set(block) for block in result] == blocks


def test_a_district_total_cannot_give_away_a_hidden_run(setup):
    """Fyn has a run of 3 in 2024 besides its run of 6 in 2025. No other run of
    2024 can take it in, so it is published together with Fyn's run of 6: the Fyn
    row shows both (9), while neither run nor either year is shown on its own, so
    no difference of two figures gives the 3."""
    responses_create(
        schedule=setup["schedule"],
        offering=_offering(setup["module"], FYN, 2024),
        count=3,
    )
    report = report_build(version=setup["version"], filters=ReportFilters())
    assert report.responses == 19
    districts = _cells(report.breakdowns[0])
    assert districts["Fyns Politi"].responses.n == 9
    assert not districts["Fyns Politi"].responses.partial
    years = _cells(report.breakdowns[1])
    assert years["2024"].responses.hidden == SMALL
    assert years["2025"].responses.hidden == COMPLEMENT
    assert years["2026"].responses.n == 10
    fyn_runs = [row for row in report.breakdowns[2].rows if "Fyns" in row.label]
    assert [row.responses.hidden for row in fyn_runs] == [SMALL, COMPLEMENT]
    # A view of 2025 alone leaves Fyn out (it is published with 2024) and says so.
    only_2025 = report_build(
        version=setup["version"], filters=ReportFilters(year_from=2025, year_to=2025)
    )
    assert only_2025.suppressed and only_2025.omitted


def test_a_selection_under_five_responses_shows_no_figures(setup, reader):
    report = report_build(
        version=setup["version"], filters=ReportFilters(politikreds_code=KOEBENHAVN)
    )
    assert report.suppressed
    assert report.breakdowns == []
    assert all(question.suppressed for question in report.questions)

    response = reader.get(
        reverse("evaluations:report", args=[setup["version"].pk]),
        {"politikreds": KOEBENHAVN},
    )
    content = response.content.decode()
    assert "Udvalget har færre end 5 besvarelser" in content
    assert "færre end 5 svar" in content
    assert "Fordeling af svar" not in content


def test_free_text_only_where_five_or_more_answered_and_without_names(setup, reader):
    report = report_build(
        version=setup["version"], filters=ReportFilters(year_from=2026)
    )
    free_text = report.questions[-1]
    assert free_text.texts == ["Mere tid"] * 7
    report = report_build(
        version=setup["version"], filters=ReportFilters(politikreds_code=FYN)
    )
    assert report.questions[-1].texts == ["Godt"] * 6


def test_report_page_with_chart_and_table(setup, reader):
    response = reader.get(reverse("evaluations:report", args=[setup["version"].pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<svg class="evaluation-chart" role="img"' in content
    assert "<title id=" in content and "<desc id=" in content
    assert "Fordeling af svar: Modulet var relevant for mit arbejde (n = 16)" in content
    assert "færre end 5 svar" in content
    assert "Svarprocent" in content
    # Runs over time: the mean per year, as a chart and in the year table. 2026
    # includes København's small run, published together with Østjylland's.
    assert "Gennemsnit pr. år: Modulet var relevant for mit arbejde" in content
    assert "2025: 4,00 (n = 6); 2026: 2,90 (n = 10)" in content


def test_bad_filters_get_a_danish_message_and_exports_refuse_them(setup, reader):
    url = reverse("evaluations:report", args=[setup["version"].pk])
    response = reader.get(url, {"aar_fra": "tusind", "politikreds": "9999"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "“tusind” er ikke et gyldigt valg for fra år og blev ignoreret." in content
    assert "“9999” er ikke et gyldigt valg for politikreds" in content
    assert reader.get(url, {"aar_fra": "x", "format": "csv"}).status_code == 400
    assert reader.get(url, {"format": "doc"}).status_code == 400


@pytest.mark.parametrize(
    ("params", "message"),
    [
        # "²" is a digit to str.isdigit() but not a number to int().
        ({"hold": "²"}, "“²” er ikke et gyldigt valg for udbud og blev ignoreret."),
        (
            {"modul": "abc"},
            "“abc” er ikke et gyldigt valg for modul og blev ignoreret.",
        ),
        ({"aar_til": "1999"}, "“1999” er ikke et gyldigt valg for til år og blev"),
        # Cut to 20 characters, then refused.
        ({"aar_fra": "2025" * 10}, "“20252025202520252025” er ikke et gyldigt valg"),
        ({"hold": "9" * 20}, "Holdet blev ikke fundet, så alle hold vises."),
    ],
)
def test_a_bad_filter_value_is_named_in_danish_and_the_report_covers_all(
    setup, reader, params, message
):
    url = reverse("evaluations:report", args=[setup["version"].pk])
    response = reader.get(url, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["report"].filters == ReportFilters()
    assert response.context["report"].responses == 16
    assert set(response.context["values"].values()) == {""}
    # An export never quietly covers something else than what was asked.
    export = reader.get(url, {**params, "format": "csv"})
    assert export.status_code == 400
    assert export["Content-Type"] == "text/plain; charset=utf-8"


def test_a_report_for_one_offering_linked_from_the_offering_table(setup, reader):
    url = reverse("evaluations:report", args=[setup["version"].pk])
    content = reader.get(url).content.decode()
    offering = Offering.objects.get(politikreds_id=FYN)
    assert f'href="?hold={offering.pk}"' in content
    # Hidden runs get no link: their own report would show nothing anyway.
    for code in (KOEBENHAVN, OESTJYLLAND):
        hidden = Offering.objects.get(politikreds_id=code)
        assert f'href="?hold={hidden.pk}"' not in content

    response = reader.get(url, {"hold": offering.pk})
    assert response.context["report"].responses == 6
    assert "Grundmodul, Fyns Politi, 01.03.2025" in response.content.decode()
    missing = reader.get(url, {"hold": "999999"})
    assert "Holdet blev ikke fundet, så alle hold vises." in missing.content.decode()
    assert missing.context["report"].responses == 16
    assert reader.get(url, {"hold": "999999", "format": "csv"}).status_code == 400


@pytest.mark.parametrize("role", [None, Role.PARTICIPANT, Role.MUNICIPAL_CONTACT])
def test_only_report_readers_see_reports(client, setup, role):
    if role:
        client.force_login(UserFactory(roles=[role]))
    for url in (
        reverse("evaluations:reports"),
        reverse("evaluations:report", args=[setup["version"].pk]),
        reverse("evaluations:report", args=[setup["version"].pk]) + "?format=csv",
    ):
        response = client.get(url)
        assert response.status_code == (403 if role else 302)


def test_exports_suppress_like_the_page(setup, reader):
    url = reverse("evaluations:report", args=[setup["version"].pk])
    csv_response = reader.get(url, {"format": "csv"})
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    text = csv_response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert "Københavns Politi;færre end 5 svar;" in text
    assert "Østjyllands Politi;skjult;" in text
    small_run = [line for line in lines if "Københavns Politi, 01.03.2026" in line]
    assert small_run and "færre end 5 svar" in small_run[0]
    assert "Fyns Politi;6;6;4,00" in text
    assert "\r\n2026;10;10;2,90;" in text
    assert "Politikreds;Alle politikredse" in text
    narrowed = reader.get(url, {"format": "csv", "aar_fra": "2026"})
    assert "År;2026–" in narrowed.content.decode("utf-8-sig")

    xlsx = reader.get(url, {"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames[:3] == ["Oversigt", "Spørgsmål", "Fritekst"]
    districts = {
        row[0]: row[1]
        for row in workbook["Efter politikreds"].iter_rows(values_only=True)
    }
    assert districts["Københavns Politi"] == "færre end 5 svar"
    assert districts["Østjyllands Politi"] == "skjult"
    assert districts["Fyns Politi"] == "6"

    pdf = reader.get(url, {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    pdf_text = _pdf_text_parsed(pdf.content)
    assert "Evalueringsrapport" in pdf_text
    assert "færre end 5 svar" in pdf_text


def test_report_queries_do_not_grow_with_respondents_or_groups(
    setup, django_assert_num_queries
):
    """Tallies (with the invitations), labels and one per free-text question."""
    version = setup["version"]
    with django_assert_num_queries(3):
        report_build(version=version, filters=ReportFilters())
    for code in ("1460", "1462", "1463"):
        responses_create(
            schedule=setup["schedule"],
            offering=_offering(setup["module"], code, 2024),
            count=20,
            text="Mere",
        )
    with django_assert_num_queries(3):
        report = report_build(version=version, filters=ReportFilters())
    assert report.responses == 76


def test_reports_list_and_navigation(setup, reader):
    small = schedule_create(
        template=template_create(title="Opfølgning"), module=setup["module"]
    )
    responses_create(
        schedule=small, offering=_offering(setup["module"], FYN, 2025), count=3
    )
    response = reader.get(reverse("evaluations:reports"))
    content = response.content.decode()
    assert "Evaluering af modul" in content
    assert '<td class="text-align-right">16</td>' in content
    # Not even the number of responses of a survey with fewer than five.
    assert "Opfølgning" in content
    assert '<td class="text-align-right">3</td>' not in content
    assert "færre end 5 svar" in content
    assert 'href="/evaluering/rapporter/"' in content


def test_the_report_page_explains_the_rule_in_danish(setup, reader):
    content = reader.get(
        reverse("evaluations:report", args=[setup["version"].pk])
    ).content.decode()
    assert "Sådan beskyttes små grupper" in content
    assert "besluttes én gang for hele evalueringen" in content
    # 2026 alone leaves nothing out; Østjylland alone leaves out its run, which is
    # published with København's.
    narrowed = reader.get(
        reverse("evaluations:report", args=[setup["version"].pk]),
        {"politikreds": OESTJYLLAND},
    ).content.decode()
    assert "Nogle hold i dette udvalg er ikke medregnet" in narrowed


def test_the_page_lists_the_first_free_texts_and_exports_all(setup):
    report = report_build(
        version=setup["version"], filters=ReportFilters(), text_limit=3
    )
    free_text = report.questions[-1]
    assert (free_text.n, free_text.texts) == (13, ["Godt"] * 3)
    report = report_build(
        version=setup["version"], filters=ReportFilters(), text_limit=None
    )
    assert report.questions[-1].texts == ["Godt"] * 6 + ["Mere tid"] * 7


def test_a_formula_in_a_free_text_answer_is_not_a_formula_in_exports(setup, reader):
    formula = '=HYPERLINK("https://x","y")'
    responses_create(
        schedule=setup["schedule"],
        offering=_offering(setup["module"], "1460", 2024),
        count=5,
        text=formula,
    )
    url = reverse("evaluations:report", args=[setup["version"].pk])
    text = reader.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert '\'=HYPERLINK(""https://x"",""y"")' in text
    assert ";=HYPERLINK" not in text

    workbook = load_workbook(io.BytesIO(reader.get(url, {"format": "xlsx"}).content))
    cells = [
        cell
        for row in workbook["Fritekst"].iter_rows()
        for cell in row
        if cell.value == formula
    ]
    assert len(cells) == 5
    assert all(cell.data_type == "s" for cell in cells)
