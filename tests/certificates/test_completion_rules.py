"""Each completion rule, held and not held, said in plain French, with real attendance and learning records."""

from decimal import Decimal

import pytest

from lms.attendance.models import AttendanceStatus
from lms.certificates.models import CompletionRule
from lms.certificates.selectors import completion_rule_for, group_completion
from lms.learning.factories import SubmissionFactory
from lms.learning.models import Assignment, Submission
from tests.certificates.conftest import attend, catch_up, evaluate, hand_in

pytestmark = pytest.mark.django_db


def results_of(world, trainee):
    status = group_completion(world.group).status_of(trainee)
    return status, {result.code: result for result in status.results}


def test_default_rules_are_80_percent_catch_ups_count_and_everything_required(world):
    rule = completion_rule_for(world.course)
    assert rule.pk is None
    assert rule.min_attendance_percent == 80
    assert rule.count_caught_up_absences and rule.caught_up_weight_percent == 100
    assert rule.require_final_session and rule.require_intersession_work and rule.require_final_evaluation


def test_a_trainee_who_did_everything_completes_with_each_rule_in_plain_words(world):
    status, results = results_of(world, world.alice)
    assert status.completed
    assert status.facts.planned_hours == Decimal("19.00")
    assert status.facts.attended_hours == Decimal("19.00")
    assert results["attendance"].label == "Présence : au moins 80 % des heures prévues"
    assert results["attendance"].detail == "19 h de présence sur 19 h prévues (100 %). Minimum : 80 %."
    assert results["final_session"].detail == "Présent à la dernière séance."
    assert results["intersession"].detail == "1 travaux rendus sur 1."
    assert results["final_evaluation"].detail == "15 objectifs évalués."


def test_a_trainee_who_did_nothing_holds_no_rule(world):
    status, results = results_of(world, world.bob)
    assert not status.completed
    assert [r.holds for r in status.results] == [False, False, False, False]
    assert results["attendance"].detail == "0 h de présence sur 19 h prévues (0 %). Minimum : 80 %."
    assert results["final_session"].detail == "Absent à la dernière séance."
    assert results["intersession"].detail == "0 travaux rendus sur 1."
    assert results["final_evaluation"].detail == "L'évaluation finale n'a pas été faite."
    assert results["attendance"].easy_read == "Il faut venir à 80 % des heures. Vous êtes venu 0 h sur 19 h."


def test_attendance_below_the_minimum_fails_and_the_minimum_is_editable(world):
    attend(world.sessions[0], world.bob)
    attend(world.sessions[2], world.bob)  # 8 + 3 = 11 h of 19 h: 58 %
    _status, results = results_of(world, world.bob)
    assert not results["attendance"].holds
    assert results["attendance"].detail == "11 h de présence sur 19 h prévues (58 %). Minimum : 80 %."
    CompletionRule.objects.create(course=world.course, min_attendance_percent=50)
    _status, results = results_of(world, world.bob)
    assert results["attendance"].holds
    assert results["attendance"].label == "Présence : au moins 50 % des heures prévues"


def test_unsigned_half_days_and_absences_do_not_count(world):
    attend(world.sessions[0], world.bob, signed=False)
    attend(world.sessions[1], world.bob, status=AttendanceStatus.ABSENT)
    attend(world.sessions[2], world.bob)
    status, _results = results_of(world, world.bob)
    assert status.facts.attended_hours == Decimal("3.00")


def test_minutes_missed_are_taken_off_the_attended_hours(world):
    attend(world.sessions[0], world.bob, status=AttendanceStatus.LATE, minutes_missed=30)
    status, _results = results_of(world, world.bob)
    # Two half-days of 4 h, 30 minutes late on each record.
    assert status.facts.attended_hours == Decimal("7.00")


def test_a_caught_up_absence_counts_as_the_rule_says(world):
    attend(world.sessions[0], world.bob)
    attend(world.sessions[1], world.bob, status=AttendanceStatus.ABSENT)
    attend(world.sessions[2], world.bob)
    catch_up(world.sessions[1], world.bob)  # 8 h caught up online
    status, results = results_of(world, world.bob)
    assert status.facts.caught_up_hours == Decimal("8.00")
    assert results["attendance"].holds
    assert results["attendance"].detail == (
        "11 h de présence et 8 h rattrapées en ligne : 19 h comptées sur 19 h prévues (100 %). Minimum : 80 %."
    )

    rule = CompletionRule.objects.create(course=world.course, caught_up_weight_percent=50)
    _status, results = results_of(world, world.bob)  # 11 + 4 = 15 h: 79 %
    assert not results["attendance"].holds
    assert results["attendance"].detail.endswith(": 15 h comptées sur 19 h prévues (79 %). Minimum : 80 %.")

    rule.caught_up_weight_percent = 100
    rule.max_caught_up_hours = Decimal("5")
    rule.save()
    _status, results = results_of(world, world.bob)  # 11 + 5 = 16 h: 84 %
    assert results["attendance"].holds
    assert results["attendance"].detail.endswith(": 16 h comptées sur 19 h prévues (84 %). Minimum : 80 %.")

    rule.count_caught_up_absences = False
    rule.save()
    _status, results = results_of(world, world.bob)
    assert not results["attendance"].holds
    assert results["attendance"].detail == "11 h de présence sur 19 h prévues (58 %). Minimum : 80 %."


def test_an_unfinished_catch_up_does_not_count(world):
    from django.utils import timezone

    from lms.attendance.models import CatchUp

    attend(world.sessions[0], world.bob)
    attend(world.sessions[2], world.bob)
    CatchUp.objects.create(trainee=world.bob, session=world.sessions[1], opened_at=timezone.now())
    status, _results = results_of(world, world.bob)
    assert status.facts.caught_up_hours == Decimal("0.00")


def test_the_final_session_rule_needs_every_half_day_of_the_last_session(world):
    attend(world.sessions[0], world.bob)
    attend(world.sessions[1], world.bob)
    hand_in(world, world.bob)
    evaluate(world, world.bob)
    status, results = results_of(world, world.bob)  # 16 h of 19 h = 84 %, but not at the last session
    assert results["attendance"].holds
    assert not results["final_session"].holds
    assert not status.completed
    assert [r.detail for r in status.unmet] == ["Absent à la dernière séance."]
    CompletionRule.objects.create(course=world.course, require_final_session=False)
    status, results = results_of(world, world.bob)
    assert "final_session" not in results
    assert status.completed


def test_intersession_work_must_be_handed_in_a_draft_does_not_count(world):
    assignment = Assignment.objects.get(group=world.group)
    SubmissionFactory(assignment=assignment, trainee=world.bob, status=Submission.Status.DRAFT)
    _status, results = results_of(world, world.bob)
    assert not results["intersession"].holds
    assert results["intersession"].detail == "0 travaux rendus sur 1."
    Submission.objects.filter(trainee=world.bob).update(status=Submission.Status.REVIEWED)
    _status, results = results_of(world, world.bob)
    assert results["intersession"].holds
    CompletionRule.objects.create(course=world.course, require_intersession_work=False)
    _status, results = results_of(world, world.bob)
    assert "intersession" not in results


def test_the_final_evaluation_must_cover_every_objective(world):
    from lms.learning.models import Level, ObjectiveAssessment

    ObjectiveAssessment.objects.create(
        group=world.group,
        trainee=world.bob,
        objective=world.objectives[0],
        kind=ObjectiveAssessment.Kind.FINAL,
        assessor=ObjectiveAssessment.Assessor.TRAINERS,
        level=Level.ACQUIRED,
    )
    _status, results = results_of(world, world.bob)
    assert not results["final_evaluation"].holds
    assert results["final_evaluation"].detail == "1 objectifs évalués sur 15."
    CompletionRule.objects.create(course=world.course, require_final_evaluation=False)
    _status, results = results_of(world, world.bob)
    assert "final_evaluation" not in results


def test_no_minimum_attendance_always_holds(world):
    CompletionRule.objects.create(course=world.course, min_attendance_percent=0)
    _status, results = results_of(world, world.bob)
    assert results["attendance"].holds
    assert results["attendance"].detail == "Aucune présence minimale n'est demandée."


def test_withdrawn_trainees_are_not_listed(world):
    from lms.cohorts.models import Enrolment

    Enrolment.objects.filter(trainee=world.bob).update(status=Enrolment.Status.WITHDRAWN)
    assert [s.trainee for s in group_completion(world.group).statuses] == [world.alice]


def test_group_completion_costs_the_same_queries_whatever_the_group_size(
    world, make_user, django_assert_max_num_queries
):
    from lms.cohorts.models import Enrolment

    with django_assert_max_num_queries(16) as small:
        group_completion(world.group)
    for index in range(6):
        trainee = make_user(email=f"extra{index}@example.fr")
        Enrolment.objects.create(group=world.group, trainee=trainee)
        attend(world.sessions[0], trainee)
        hand_in(world, trainee)
        evaluate(world, trainee)
    with django_assert_max_num_queries(len(small.captured_queries)):
        group_completion(world.group)


def test_a_cancelled_session_is_neither_planned_hours_nor_the_last_session(world):
    from lms.certificates import selectors
    from lms.cohorts.models import ScheduledSession

    before = selectors.planned_hours(world.group)
    last = world.sessions[-1]
    ScheduledSession.objects.filter(pk=last.pk).update(status=ScheduledSession.Status.CANCELLED)
    sessions = selectors.group_sessions(world.group)
    assert last not in sessions
    assert selectors.planned_hours(world.group) == before - Decimal(str(last.duration_hours))
    assert selectors.final_session(sessions) == world.sessions[-2]
