from django.db import migrations

from lms.tenders.kit import seed_specification


def seed(apps, schema_editor):
    seed_specification(apps.get_model("tenders", "Specification"), apps.get_model("tenders", "Requirement"))


class Migration(migrations.Migration):
    dependencies = [("tenders", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
