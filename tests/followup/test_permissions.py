"""Who reaches a plan: the person, their region's team, administrators; 404 alike for the rest."""

import pytest
from django.http import Http404

from lms.followup import factories
from lms.followup.permissions import access_own_plan, access_plan, can_use_team_pages, managed_plans


@pytest.fixture
def plans(fw):
    return {
        "mine": factories.plan(fw.trainee, fw.ip_group),
        "far": factories.plan(fw.far_trainee, fw.far_group),
    }


def test_the_person_and_their_regions_team_reach_the_plan(fw, plans):
    mine = plans["mine"]
    assert access_plan(fw.trainee, mine.pk) == mine
    assert access_plan(fw.team, mine.pk, manage=True) == mine
    assert access_plan(fw.admin, mine.pk, manage=True) == mine
    assert access_own_plan(fw.trainee, mine.pk) == mine


@pytest.mark.parametrize("who", ["other", "other_team", "national", "trainer", "referent"])
def test_everyone_else_gets_404_as_for_a_missing_plan(fw, plans, who):
    with pytest.raises(Http404):
        access_plan(getattr(fw, who), plans["mine"].pk)
    with pytest.raises(Http404):
        access_plan(getattr(fw, who), 999999)


def test_the_person_cannot_manage_their_own_plan_and_staff_have_no_own_plan_page(fw, plans):
    with pytest.raises(Http404):
        access_plan(fw.trainee, plans["mine"].pk, manage=True)
    with pytest.raises(Http404):
        access_own_plan(fw.team, plans["mine"].pk)
    for bad in ("abc", "-1", str(2**70)):
        with pytest.raises(Http404):
            access_plan(fw.admin, bad)


def test_the_team_lists_its_region_only(fw, plans):
    assert list(managed_plans(fw.team)) == [plans["mine"]]
    assert list(managed_plans(fw.other_team)) == [plans["far"]]
    assert set(managed_plans(fw.admin)) == set(plans.values())
    assert not managed_plans(fw.national).exists()
    assert [can_use_team_pages(u) for u in (fw.team, fw.admin, fw.national, fw.trainee)] == [True, True, False, False]
