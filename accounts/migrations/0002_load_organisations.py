"""Load the 12 politikredse and 98 kommuner from accounts/data/ (DAWA codes, see
accounts/data/README.md) and create one organisation for each municipality, for each
district's police, and for Socialstyrelsen.

A later change of the register or a correction is a new migration, not an edit here.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Official names that are not "<name> Kommune".
KOMMUNE_ORGANISATION_NAMES = {
    "0101": "Københavns Kommune",
    "0400": "Bornholms Regionskommune",
}


def _rows(filename: str) -> list[dict[str, str]]:
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    Politikreds = apps.get_model("accounts", "Politikreds")
    Kommune = apps.get_model("accounts", "Kommune")
    Organisation = apps.get_model("accounts", "Organisation")

    for row in _rows("politikredse.csv"):
        politikreds, _ = Politikreds.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"]}
        )
        Organisation.objects.update_or_create(
            kind="politi",
            politikreds=politikreds,
            defaults={"name": row["name"]},
        )
    for row in _rows("kommuner.csv"):
        kommune, _ = Kommune.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "region": row["region"],
                "politikreds_id": row["politikreds_code"],
            },
        )
        Organisation.objects.update_or_create(
            kind="kommune",
            kommune=kommune,
            defaults={
                "name": KOMMUNE_ORGANISATION_NAMES.get(
                    row["code"], f"{row['name']} Kommune"
                )
            },
        )
    Organisation.objects.update_or_create(
        kind="socialstyrelsen", name="Socialstyrelsen"
    )


def unload(apps, schema_editor):
    apps.get_model("accounts", "Organisation").objects.all().delete()
    apps.get_model("accounts", "Kommune").objects.all().delete()
    apps.get_model("accounts", "Politikreds").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
