"""The surveys demo: harmless without the group, idempotent, answered hot and cold surveys and a
complaint in each state."""

import pytest

from lms.people.models import Role
from lms.surveys import demo
from lms.surveys.models import Campaign, Complaint, ImprovementAction, Response

pytestmark = pytest.mark.django_db


def test_seed_is_harmless_without_the_demo_group(db):
    demo.seed()
    assert not Campaign.objects.exists()


def test_seed_answers_hot_and_cold_surveys_and_files_a_complaint_in_each_state(world, make_user):
    world.group.name = demo.IP_GROUP
    world.group.save()
    make_user(Role.REGIONAL_TEAM, region=world.region)
    demo.seed()
    demo.seed()
    codes = dict(Campaign.objects.values_list("template__code", "pk"))
    assert set(codes) == {"chaud-seance", "froid"}
    assert Response.objects.filter(campaign_id=codes["chaud-seance"]).count() == 6
    assert Response.objects.filter(campaign_id=codes["froid"]).count() == 5
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Complaint.Status.values)
    assert Complaint.objects.count() == 4
    assert set(ImprovementAction.objects.values_list("status", flat=True)) == {"checked", "planned"}
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="lms.surveys.tasks.run_survey_cycle")
    assert schedule.schedule_type == Schedule.HOURLY and schedule.repeats == -1
