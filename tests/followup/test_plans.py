"""Follow-up plans: opened when the course ends, written with the person, reviewed, validated and
kept version by version; refusals leave nothing half-saved."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from lms.followup import services, tasks
from lms.followup.factories import at
from lms.followup.models import FollowUpPlan, PlanAction, PlanKind, PlanVersion
from lms.people.models import AuditLogEntry
from tests.followup.conftest import LAST_DAY


def test_no_plan_opens_before_the_last_session_is_held(fw):
    with time_machine.travel(at(LAST_DAY, hour=15), tick=False):  # the last session ends at 16:30
        opened = services.open_plans_for_ended_courses()
    # The morning sessions of the other groups are over; the IP group's afternoon one is not.
    assert {plan.trainee for plan in opened} == {fw.referent, fw.far_trainee}
    with time_machine.travel(at(LAST_DAY, hour=15), tick=False), pytest.raises(ValidationError) as refused:
        services.open_plan(trainee=fw.trainee, group=fw.ip_group, actor=fw.team)
    assert "n'est pas terminée" in refused.value.messages[0]


def test_the_daily_scan_opens_one_plan_per_enrolled_trainee_and_is_idempotent(fw, after_course):
    opened = services.open_plans_for_ended_courses()
    assert {(plan.trainee, plan.kind) for plan in opened} == {
        (fw.trainee, PlanKind.INTERVENTION_PROJECT),
        (fw.other, PlanKind.INTERVENTION_PROJECT),
        (fw.referent, PlanKind.ACTION_PLAN),
        (fw.far_trainee, PlanKind.INTERVENTION_PROJECT),
    }
    mine = FollowUpPlan.objects.get(trainee=fw.trainee)
    assert mine.owner == fw.team
    assert FollowUpPlan.objects.get(trainee=fw.far_trainee).owner == fw.other_team
    assert services.open_plans_for_ended_courses() == []
    assert tasks.open_plans_for_ended_courses() == 0
    assert FollowUpPlan.objects.count() == 4


def test_a_cancelled_last_session_does_not_count(fw, site_tree):
    from lms.learning.factories import schedule, session_page

    later = session_page(site_tree["peer_interveners"], "Séance reportée")
    session = schedule(later, fw.ip_group, date=LAST_DAY + datetime.timedelta(days=30))
    with time_machine.travel(at(LAST_DAY + datetime.timedelta(days=1)), tick=False):
        services.open_plans_for_ended_courses()
        assert not FollowUpPlan.objects.filter(group=fw.ip_group).exists()
        session.status = "cancelled"
        session.save()
        services.open_plans_for_ended_courses()
    assert FollowUpPlan.objects.filter(group=fw.ip_group).count() == 2


def test_withdrawn_trainees_get_no_plan(fw, after_course):
    from lms.learning.factories import enrol

    enrol(fw.ip_group, fw.other, status="withdrawn")
    services.open_plans_for_ended_courses()
    assert not FollowUpPlan.objects.filter(trainee=fw.other).exists()
    with pytest.raises(ValidationError):
        services.open_plan(trainee=fw.other, group=fw.ip_group, actor=fw.team)


def test_the_plan_starts_from_the_final_evaluation_and_the_trainees_goals(fw, after_course):
    from courses.factories import kit_objectives
    from lms.learning.models import IntermediateGoal, ObjectiveAssessment

    objectives = {objective.code: objective for objective in kit_objectives()}
    ObjectiveAssessment.objects.create(
        group=fw.ip_group,
        trainee=fw.trainee,
        objective=objectives["IP3"],
        kind="final",
        assessor="trainers",
        level=3,
        comment="Projet d'atelier en IME bien engagé.",
    )
    IntermediateGoal.objects.create(group=fw.ip_group, trainee=fw.trainee, description="Parler devant un groupe")
    plan = services.open_plan(trainee=fw.trainee, group=fw.ip_group, actor=None)
    assert "IP3" in plan.training_summary
    assert "Projet d'atelier en IME bien engagé." in plan.training_summary
    assert "Parler devant un groupe" in plan.training_summary


@pytest.fixture
def project(fw, after_course):
    return services.open_plan(trainee=fw.trainee, group=fw.ip_group, actor=None)


@pytest.fixture
def action_plan(fw, after_course):
    return services.open_plan(trainee=fw.referent, group=fw.rp_group, actor=None)


def test_draft_to_review_to_validated_keeps_each_version(fw, project):
    services.update_plan(
        plan=project, actor=fw.trainee, themes="Vivre avec un trouble psychique", formats=["awareness"]
    )
    services.submit_plan(plan=project, actor=fw.trainee)
    assert project.status == FollowUpPlan.Status.UNDER_REVIEW
    first = services.validate_plan(plan=project, actor=fw.team)
    assert (first.number, first.content["thèmes"], first.content["formats"]) == (
        1,
        "Vivre avec un trouble psychique",
        ["Sensibilisation"],
    )
    services.reopen_plan(plan=project, actor=fw.team)
    services.update_plan(plan=project, actor=fw.trainee, themes="Le rétablissement")
    services.submit_plan(plan=project, actor=fw.trainee)
    second = services.validate_plan(plan=project, actor=fw.team)
    first.refresh_from_db()
    assert (second.number, second.content["thèmes"]) == (2, "Le rétablissement")
    assert first.content["thèmes"] == "Vivre avec un trouble psychique"
    with pytest.raises(ValueError):
        first.save()
    assert AuditLogEntry.objects.filter(record_type="followup.followupplan", subject=fw.trainee).count() >= 7


def test_refusals(fw, project):
    with pytest.raises(ValidationError) as empty:
        services.submit_plan(plan=project, actor=fw.trainee)
    assert "thème" in empty.value.message_dict["themes"][0]
    with pytest.raises(ValidationError):
        services.validate_plan(plan=project, actor=fw.team)  # still a draft
    with pytest.raises(ValidationError):
        services.update_plan(plan=project, actor=fw.other, themes="Pas mon plan")
    with pytest.raises(ValidationError):
        services.update_plan(plan=project, actor=fw.other_team, themes="Pas ma région")
    with pytest.raises(ValidationError):
        services.update_plan(plan=project, actor=fw.trainee, workplace="esms")  # not a project's field
    with pytest.raises(ValidationError):
        services.update_plan(plan=project, actor=fw.trainee, formats=["juggling"])
    with pytest.raises(ValidationError):
        services.update_plan(plan=project, actor=fw.trainee, owner=fw.team)  # the team decides
    with pytest.raises(ValidationError):
        services.update_plan(plan=project, actor=fw.team, owner=fw.other_team)
    services.update_plan(plan=project, actor=fw.trainee, themes="Mon thème")
    services.submit_plan(plan=project, actor=fw.trainee)
    with pytest.raises(ValidationError) as under_review:
        services.update_plan(plan=project, actor=fw.trainee, themes="Encore")
    assert "relecture" in under_review.value.messages[0]
    with pytest.raises(ValidationError):
        services.validate_plan(plan=project, actor=fw.trainee)
    with pytest.raises(ValidationError):
        services.validate_plan(plan=project, actor=fw.other_team)
    with pytest.raises(ValidationError):
        services.return_plan(plan=project, actor=fw.team, comment=" ")
    services.return_plan(plan=project, actor=fw.team, comment="Précisez les publics.")
    project.refresh_from_db()
    assert (project.status, project.review_comment, project.themes) == ("draft", "Précisez les publics.", "Mon thème")
    assert not PlanVersion.objects.exists()


def test_an_action_plan_needs_actions_and_keeps_them_in_its_version(fw, action_plan):
    with pytest.raises(ValidationError):
        services.submit_plan(plan=action_plan, actor=fw.referent)
    with pytest.raises(ValidationError):
        services.save_action(plan=action_plan, actor=fw.referent, title="")
    action = services.save_action(
        plan=action_plan,
        actor=fw.referent,
        title="Présenter l'intervention par les pairs en réunion d'équipe",
        owner_name="Rita Morel",
        due_date=datetime.date(2026, 7, 1),
    )
    services.update_plan(plan=action_plan, actor=fw.referent, workplace="esms", workplace_context="Foyer de vie")
    services.submit_plan(plan=action_plan, actor=fw.referent)
    version = services.validate_plan(plan=action_plan, actor=fw.team)
    assert version.content["actions"][0]["action"].startswith("Présenter")
    assert version.content["type_de_structure"].startswith("Établissement")
    # Once validated, only progress and evidence move on.
    with pytest.raises(ValidationError):
        services.save_action(plan=action_plan, actor=fw.referent, action=action, title="Autre chose")
    with pytest.raises(ValidationError):
        services.save_action(plan=action_plan, actor=fw.referent, title="Une nouvelle")
    services.save_action(
        plan=action_plan, actor=fw.referent, action=action, status="done", evidence_note="Fait le 20 juin"
    )
    action.refresh_from_db()
    assert (action.status, action.title[:9]) == (PlanAction.Status.DONE, "Présenter")
    with pytest.raises(ValidationError):
        services.delete_action(action=action, actor=fw.team)


def test_a_project_has_no_actions(fw, project):
    with pytest.raises(ValidationError):
        services.save_action(plan=project, actor=fw.trainee, title="Une action")


def test_the_daily_schedule_exists_once(db):
    from django_q.models import Schedule

    tasks.ensure_schedules()
    tasks.ensure_schedules()
    assert Schedule.objects.filter(func=tasks.OPEN_PLANS_FUNC).count() == 1
