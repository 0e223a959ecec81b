"""The follow-up demo: a finished group with plans in each state, meetings and +3-month answers."""

import pytest
from django.core.management import call_command

from lms.followup.demo import FINISHED_GROUP
from lms.followup.models import FollowUpPlan, IndicatorAnswer, Meeting, PlanVersion
from tests.conftest import ensure_wagtail_root

pytestmark = pytest.mark.django_db


def test_the_demo_follows_a_finished_group_and_runs_again_without_duplicates():
    ensure_wagtail_root()
    call_command("seed_demo")
    counts = (FollowUpPlan.objects.count(), Meeting.objects.count(), IndicatorAnswer.objects.count())
    call_command("seed_demo")
    assert (FollowUpPlan.objects.count(), Meeting.objects.count(), IndicatorAnswer.objects.count()) == counts
    assert set(FollowUpPlan.objects.values_list("status", flat=True)) == {"draft", "under_review", "validated"}
    # The directory demo validates the plans of its own groups: count the follow-up demo's group only.
    assert PlanVersion.objects.filter(plan__group__name=FINISHED_GROUP).count() == 2
    assert set(Meeting.objects.values_list("status", flat=True)) == {"held", "requested", "scheduled"}
    assert IndicatorAnswer.objects.filter(questionnaire__milestone="3m").exclude(value_number=None).exists()
