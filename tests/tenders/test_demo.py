"""The demo holds a call open for bids, one in evaluation with a bid set aside by the kit check, and
an awarded one whose group exists; running it again adds nothing."""

import pytest
from django.core.management import call_command

from lms.cohorts.models import TrainingGroup
from lms.tenders.models import Bid, Call
from tests.conftest import ensure_wagtail_root

pytestmark = pytest.mark.django_db


def test_the_demo_shows_calls_at_each_stage_and_runs_twice(db):
    ensure_wagtail_root()
    call_command("seed_demo")
    calls = {call.title: call for call in Call.objects.all()}
    assert calls["Formation des intervenants-pairs de l'Isère 2027"].status == "published"
    evaluation = calls["Formation des intervenants-pairs du Rhône 2027"]
    set_aside = Bid.objects.get(lot__call=evaluation, compliance="set_aside")
    assert "celle-ci dure 7 h" in set_aside.compliance_results.get(requirement__code="SEANCES").evidence
    awarded = calls["Formation des référents du Rhône 2027"]
    assert awarded.status == "awarded"
    lot = awarded.lots.get()
    assert TrainingGroup.objects.filter(pk=lot.group_id, organisation=lot.awarded_bid.organisation).exists()
    count = Bid.objects.count()
    call_command("seed_demo")
    assert Bid.objects.count() == count
