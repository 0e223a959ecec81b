"""Assignments come from the schedule: due before the group's next session; extensions per trainee."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lms.cohorts.services_sessions import delete_session
from lms.learning import selectors, services
from lms.learning.factories import SubmissionFactory, enrol, session_saved
from lms.learning.models import Assignment, Submission
from lms.people.factories import UserFactory
from tests.learning.conftest import DAY1, DAY2, DAY3

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def test_each_task_becomes_an_assignment_due_at_the_start_of_the_groups_next_session(world):
    ip_assignments = list(world["ip_group"].assignments.all())
    assert [a.scheduled_session for a in ip_assignments] == [world["sessions"]["joint"], world["sessions"]["third"]]
    first, last = ip_assignments
    assert first.due_at == at(DAY2, 9, 30)
    assert first.title == "Raconter une expérience"
    assert last.due_at is None  # no session after the last one


def test_a_joint_session_gives_each_group_its_own_deadline(world):
    rp_assignment = world["rp_group"].assignments.get()
    assert rp_assignment.scheduled_session == world["sessions"]["joint"]
    assert rp_assignment.due_at == at(DAY3, 14, 0)


def test_moving_or_adding_a_session_moves_the_deadline(world):
    second = world["sessions"]["second"]
    second.date = DAY2 + datetime.timedelta(days=3)
    second.save()
    session_saved(second)
    first = world["ip_group"].assignments.get(scheduled_session=world["sessions"]["joint"])
    assert first.due_at == at(DAY2 + datetime.timedelta(days=3), 9, 30)

    from lms.learning.factories import schedule

    schedule(world["pages"]["plain"], world["ip_group"], date=DAY1 + datetime.timedelta(days=7))
    first.refresh_from_db()
    assert first.due_at == at(DAY1 + datetime.timedelta(days=7), 9, 30)


def test_a_session_later_the_same_day_is_not_the_deadline(world):
    from lms.learning.factories import schedule

    schedule(world["pages"]["plain"], world["ip_group"], date=DAY1, start=datetime.time(14), end=datetime.time(17))
    first = world["ip_group"].assignments.get(scheduled_session=world["sessions"]["joint"])
    assert first.due_at == at(DAY2, 9, 30)


def test_removing_a_group_from_a_session_removes_an_unanswered_assignment_only(world):
    joint = world["sessions"]["joint"]
    rp_assignment = world["rp_group"].assignments.get()
    SubmissionFactory(assignment=world["ip_group"].assignments.get(scheduled_session=joint), trainee=world["trainee"])
    joint.groups.remove(world["rp_group"])
    session_saved(joint, previous_groups=[world["rp_group"]])
    assert not Assignment.objects.filter(pk=rp_assignment.pk).exists()
    joint.groups.remove(world["ip_group"])
    session_saved(joint, previous_groups=[world["ip_group"]])
    assert world["ip_group"].assignments.filter(scheduled_session=joint).exists()


def test_deleting_the_next_session_recomputes_the_deadline(world):
    delete_session(world["sessions"]["second"], actor=UserFactory(is_superuser=True))
    first = world["ip_group"].assignments.get(scheduled_session=world["sessions"]["joint"])
    assert first.due_at == at(DAY3, 9, 30)


def test_trainer_extends_the_deadline_for_one_trainee(world, first_assignment):
    new_due = at(DAY2 + datetime.timedelta(days=7), 18)
    services.grant_extension(
        first_assignment, world["trainee"], new_due, granted_by=world["peer_trainer"], reason="Hospitalisation"
    )
    mine = selectors.assignment_status(first_assignment, world["trainee"])
    theirs = selectors.assignment_status(first_assignment, world["other"])
    assert mine.due_at == new_due and mine.extension.reason == "Hospitalisation"
    assert theirs.due_at == first_assignment.due_at
    # A second extension replaces the first.
    services.grant_extension(
        first_assignment, world["trainee"], new_due + datetime.timedelta(days=1), granted_by=world["trainer"]
    )
    assert first_assignment.extensions.get().due_at == new_due + datetime.timedelta(days=1)


def test_extension_refusals(world, first_assignment):
    with pytest.raises(ValidationError) as error:
        services.grant_extension(first_assignment, world["trainee"], at(DAY2, 9), granted_by=world["trainer"])
    assert f"La nouvelle date limite doit être après celle du groupe ({DAY2:%d/%m/%Y} à 09:30)." in str(error.value)
    with pytest.raises(PermissionDenied):
        services.grant_extension(first_assignment, world["trainee"], at(DAY3, 9), granted_by=world["outsider_trainer"])
    with pytest.raises(PermissionDenied):
        services.grant_extension(first_assignment, world["trainee"], at(DAY3, 9), granted_by=world["other"])
    with pytest.raises(ValidationError, match="Cette personne n'est pas inscrite dans ce groupe."):
        services.grant_extension(first_assignment, world["referent"], at(DAY3, 9), granted_by=world["trainer"])
    SubmissionFactory(assignment=first_assignment, trainee=world["trainee"], status=Submission.Status.REVIEWED)
    with pytest.raises(ValidationError, match="Ce travail est déjà relu"):
        services.grant_extension(first_assignment, world["trainee"], at(DAY3, 9), granted_by=world["trainer"])


def test_assignments_to_do_lists_open_tasks_already_given_soonest_first(world, first_assignment):
    trainee = world["trainee"]
    # Before the first session, nothing has been given yet.
    assert selectors.assignments_to_do(trainee) == []
    _move_schedule_to_the_past(world)
    rows = selectors.assignments_to_do(trainee)
    assert [row.assignment.scheduled_session for row in rows] == [
        world["sessions"]["joint"],
        world["sessions"]["third"],
    ]
    assert [row.status for row in rows] == ["todo", "todo"]
    first_assignment.refresh_from_db()  # moving the schedule moved its deadline
    assert rows[0].url == f"/travaux/{first_assignment.pk}/" and rows[0].due_at == first_assignment.due_at
    services.save_answer(first_assignment, trainee, answer_form="text", text="Brouillon", submit=False)
    assert [row.status for row in selectors.assignments_to_do(trainee)] == ["draft", "todo"]
    services.save_answer(first_assignment, trainee, answer_form="text", text="Fini", submit=True)
    assert [row.assignment.pk for row in selectors.assignments_to_do(trainee)] == [
        world["ip_group"].assignments.last().pk
    ]
    # A withdrawn trainee has nothing to do.
    enrol(world["ip_group"], world["other"], status="withdrawn")
    assert selectors.assignments_to_do(world["other"]) == []


def _move_schedule_to_the_past(world):
    shift = datetime.timedelta(days=(DAY3 - timezone.localdate()).days + 10)
    for session in sorted(world["sessions"].values(), key=lambda s: s.date):
        session.date -= shift
        session.save()
        session_saved(session)


def test_the_trainee_home_lists_the_work_to_do(world, first_assignment, client):
    _move_schedule_to_the_past(world)
    client.force_login(world["trainee"])
    html = client.get("/mon-espace/").content.decode()
    assert "Travaux à faire" in html
    assert f'href="/travaux/{first_assignment.pk}/"' in html
    services.save_answer(first_assignment, world["trainee"], answer_form="text", text="Fini", submit=True)
    assert f'href="/travaux/{first_assignment.pk}/"' not in client.get("/mon-espace/").content.decode()
