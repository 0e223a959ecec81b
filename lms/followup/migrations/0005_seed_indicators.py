"""Seeds the follow-up indicators of lms/followup/seed.py."""

from django.db import migrations


def seed(apps, schema_editor):
    from lms.followup.seed import ensure_indicators

    ensure_indicators(apps.get_model("followup", "IndicatorDefinition"))


def unseed(apps, schema_editor):
    from lms.followup.seed import INDICATORS

    apps.get_model("followup", "IndicatorDefinition").objects.filter(code__in=[row[0] for row in INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("followup", "0004_indicators")]

    operations = [migrations.RunPython(seed, unseed)]
