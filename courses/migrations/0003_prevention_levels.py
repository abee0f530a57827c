from django.db import migrations

LEVELS = [
    ("generel", "Generel forebyggelse", 1),
    ("specifik", "Specifik forebyggelse", 2),
    ("individorienteret", "Individorienteret forebyggelse", 3),
]


def load(apps, schema_editor):
    PreventionLevel = apps.get_model("courses", "PreventionLevel")
    for slug, name, order in LEVELS:
        PreventionLevel.objects.update_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )


def unload(apps, schema_editor):
    apps.get_model("courses", "PreventionLevel").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_offerings_learning_certificates")]

    operations = [migrations.RunPython(load, unload)]
