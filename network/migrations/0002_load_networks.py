from django.db import migrations
from django.utils.text import slugify

# The national theme networks named in the brief, and the practice bank's network
# that holds the discussions of practice examples.
THEMES = [
    (
        "digital-dannelse",
        "Digital dannelse",
        "Børn og unges liv på nettet, deling af billeder, digitale fællesskaber og mistrivsel online.",
    ),
    (
        "rusmidler",
        "Rusmidler",
        "Forebyggelse af unges brug af alkohol, hash og andre rusmidler, og samarbejdet om tidlig indsats.",
    ),
    (
        "bander-og-rekruttering",
        "Bander og rekruttering",
        "Hvordan børn og unge rekrutteres til kriminelle grupper, og hvad der virker for at bryde det.",
    ),
    (
        "ssp-plus",
        "SSP+ for 18-25-årige",
        "Samarbejdet om unge mellem 18 og 25 år efter SSP+-modellen.",
    ),
    (
        "lovgivning",
        "Lovgivning og informationsudveksling",
        "Retsplejelovens § 115, tavshedspligt og udveksling af oplysninger i SSP-samarbejdet.",
    ),
]


DANISH = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)


def load(apps, schema_editor):
    Network = apps.get_model("network", "Network")
    Politikreds = apps.get_model("accounts", "Politikreds")
    for order, (slug, name, description) in enumerate(THEMES, start=1):
        Network.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": "tema",
                "name": name,
                "description": description,
                "order": order,
            },
        )
    Network.objects.get_or_create(
        slug="praksisbank",
        defaults={
            "kind": "tema",
            "name": "Praksisbanken",
            "description": "Drøftelser af praksiseksemplerne.",
            "order": 99,
        },
    )
    for district in Politikreds.objects.all():
        Network.objects.get_or_create(
            politikreds=district,
            defaults={
                "kind": "politikreds",
                "name": district.name,
                "slug": slugify(f"kreds-{district.name}".translate(DANISH))[:80],
                "description": f"For kommunerne og politiet i {district.name}.",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
