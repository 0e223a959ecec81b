"""The interventions demo: one request in each stage, again without duplicates."""

import pytest
from django.core.management import call_command

from lms.interventions.models import ExpenseLine, Feedback, InterventionRequest, Stage
from tests.conftest import ensure_wagtail_root

pytestmark = pytest.mark.django_db


def test_the_demo_holds_a_request_in_each_stage_and_runs_again_without_duplicates():
    ensure_wagtail_root()
    call_command("seed_demo")
    counts = (InterventionRequest.objects.count(), ExpenseLine.objects.count(), Feedback.objects.count())
    call_command("seed_demo")
    assert (InterventionRequest.objects.count(), ExpenseLine.objects.count(), Feedback.objects.count()) == counts
    assert set(InterventionRequest.objects.values_list("stage", flat=True)) == set(Stage.values)
    assert ExpenseLine.objects.filter(status="approved").exclude(receipt="").exists()
