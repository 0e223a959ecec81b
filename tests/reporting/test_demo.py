"""The demo: the funder's account reads its region's figures; the regional team has one export."""

import pytest
from django.core.management import call_command

from lms.people.models import User
from lms.reporting.catalogue import TERRITORY, breakdown
from lms.reporting.models import ReportExport
from lms.reporting.permissions import reach
from tests.conftest import ensure_wagtail_root

pytestmark = pytest.mark.django_db


def test_the_demo_shows_figures_to_the_funder_and_runs_again_without_duplicates():
    ensure_wagtail_root()
    call_command("seed_demo")
    call_command("seed_demo")
    funder = User.objects.get(email="financeur@epop.example")
    found = reach(funder)
    assert found.is_funder
    assert int(breakdown(found.scope(), TERRITORY).total.cell("groups").display) > 0
    assert ReportExport.objects.filter(status=ReportExport.Status.DONE).count() == 1
