"""Give the 98 municipal organisations their CVR numbers (accounts/data/
kommuner_cvr.csv; where they come from is in accounts/data/README.md), so their
employees can log in with MitID Erhverv. The police districts and Socialstyrelsen get
theirs from an administrator in the admin (no source we could cite was at hand).

Only an empty CVR field is filled: a number an administrator entered stays.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "kommuner_cvr.csv"


def load(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    with open(DATA_FILE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            Organisation.objects.filter(
                kind="kommune", kommune_id=row["code"], cvr=""
            ).update(cvr=row["cvr"])


def unload(apps, schema_editor):
    apps.get_model("accounts", "Organisation").objects.filter(kind="kommune").update(
        cvr=""
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_organisation_cvr_and_saml_assertions")]

    operations = [migrations.RunPython(load, unload)]
