import csv
from collections import Counter
from pathlib import Path

from django.db import IntegrityError, transaction

import pytest

from accounts.models import Kommune, Organisation, Politikreds
from accounts.selectors import organisation_list, politikreds_list

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "accounts" / "data"

# From accounts/data/README.md (the corrected register).
EXPECTED_PER_DISTRICT = {
    "1460": 9,
    "1461": 7,
    "1462": 11,
    "1463": 7,
    "1464": 8,
    "1465": 10,
    "1466": 7,
    "1467": 10,
    "1468": 13,
    "1469": 11,
    "1470": 4,
    "1471": 1,
}


def test_twelve_districts_and_98_municipalities_are_loaded():
    assert Politikreds.objects.count() == 12
    assert Kommune.objects.count() == 98
    assert sorted(Politikreds.objects.values_list("code", flat=True)) == [
        str(code) for code in range(1460, 1472)
    ]


def test_every_municipality_belongs_to_exactly_one_of_the_twelve_districts():
    district_codes = set(Politikreds.objects.values_list("code", flat=True))
    pairs = list(Kommune.objects.values_list("code", "politikreds_id"))
    assert len(pairs) == 98
    assert len({code for code, _ in pairs}) == 98
    assert all(district in district_codes for _, district in pairs)
    per_district = Counter(district for _, district in pairs)
    assert dict(per_district) == EXPECTED_PER_DISTRICT
    assert sum(per_district.values()) == 98


def test_database_matches_the_copied_register_row_for_row():
    with open(DATA / "kommuner.csv", encoding="utf-8", newline="") as handle:
        rows = {row["code"]: row for row in csv.DictReader(handle)}
    for kommune in Kommune.objects.all():
        row = rows[kommune.code]
        assert (kommune.name, kommune.region, kommune.politikreds_id) == (
            row["name"],
            row["region"],
            row["politikreds_code"],
        )


def test_codes_keep_their_leading_zeros():
    assert Kommune.objects.get(code="0101").name == "København"
    assert Kommune.objects.get(code="0400").politikreds.name == "Bornholms Politi"


def test_corrected_assignments_from_the_register_note():
    assert Kommune.objects.get(name="Skanderborg").politikreds_id == "1463"
    assert Kommune.objects.get(name="Thisted").politikreds_id == "1462"
    assert Kommune.objects.get(name="Gladsaxe").politikreds_id == "1469"


def test_one_organisation_per_municipality_and_per_district_police():
    assert Organisation.objects.filter(kind="kommune").count() == 98
    assert Organisation.objects.filter(kind="politi").count() == 12
    assert Organisation.objects.get(kommune__code="0101").name == "Københavns Kommune"
    assert Organisation.objects.get(kommune__code="0751").name == "Aarhus Kommune"
    assert Organisation.objects.filter(kind="socialstyrelsen").count() == 1


def test_organisations_of_a_district_are_its_police_and_its_municipalities():
    fyn = list(organisation_list(politikreds_code="1465"))
    assert len(fyn) == 11
    assert [o.name for o in fyn if o.kind == "politi"] == ["Fyns Politi"]
    assert all(o.district.code == "1465" for o in fyn)


def test_district_list_counts_municipalities_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = {d.code: d.kommune_count for d in politikreds_list()}
    assert counts == EXPECTED_PER_DISTRICT


def test_organisation_kind_must_match_its_links():
    aarhus = Kommune.objects.get(code="0751")
    before = Organisation.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(kind="politi", name="Forkert", kommune=aarhus)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(kind="kommune", name="Uden kommune")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            kind="politi", name="Dobbelt politi", politikreds_id="1465"
        )
    assert Organisation.objects.count() == before
