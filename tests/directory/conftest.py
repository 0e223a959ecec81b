"""The follow-up world (tests/followup/conftest.py) with validated plans: an intervention project in
the Rhône, an action plan in the Rhône and a project in another region."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from lms.followup.factories import at, plan
from lms.followup.models import FollowUpPlan
from tests.followup.conftest import fw, seeded_indicators  # noqa: F401 (fixtures)

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def frozen():
    with time_machine.travel(at(TODAY), tick=False) as traveller:
        yield traveller


@pytest.fixture
def dw(fw, frozen):  # noqa: F811 (the imported fixture)
    validated = {"status": FollowUpPlan.Status.VALIDATED, "validated_at": timezone.now()}
    fw.plan = plan(
        fw.trainee,
        fw.ip_group,
        themes="Le rétablissement en santé mentale",
        audiences="Étudiants en travail social",
        formats=["awareness", "professional_training"],
        area="Lyon et sa métropole",
        **validated,
    )
    fw.rp_plan = plan(fw.referent, fw.rp_group, workplace="esms", **validated)
    fw.far_plan = plan(fw.far_trainee, fw.far_group, themes="Vivre en ESAT", **validated)
    fw.draft_plan = plan(fw.other, fw.ip_group, themes="Brouillon")
    return fw
