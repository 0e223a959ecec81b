"""Enrolment under the capacity, waiting list, withdrawal and the referents' charter gate."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from lms.cohorts import selectors, services
from lms.cohorts.models import Enrolment, TrainingGroup
from lms.people.factories import UserFactory
from tests.cohorts.conftest import enrol_trainee

pytestmark = pytest.mark.django_db


def small_group(world, capacity=2):
    group = world["ip_group"]
    group.capacity = capacity
    group.save()
    return group


def test_a_full_group_answers_group_full(world):
    group = small_group(world)
    for _ in range(2):
        services.enrol(group, UserFactory())
    with pytest.raises(services.GroupFullError) as excinfo:
        services.enrol(group, UserFactory())
    assert excinfo.value.messages == ["Ce groupe est complet : plus aucune place n'est disponible."]
    assert selectors.enrolled_trainees(group).count() == 2


def test_a_full_group_puts_accepted_people_on_an_ordered_waiting_list(world):
    group = small_group(world, capacity=1)
    services.enrol(group, UserFactory())
    first, second = UserFactory(last_name="Zola"), UserFactory(last_name="Abel")
    assert services.enrol(group, first, waitlist=True).status == Enrolment.Status.WAITING
    assert services.enrol(group, second, waitlist=True).status == Enrolment.Status.WAITING
    assert [e.trainee for e in selectors.waiting_list(group)] == [first, second]


def test_a_withdrawal_frees_the_seat_for_the_first_on_the_list_who_is_told_by_email(
    world, django_capture_on_commit_callbacks
):
    group = small_group(world, capacity=1)
    leaving = services.enrol(group, UserFactory())
    first, second = UserFactory(), UserFactory()
    services.enrol(group, first, waitlist=True)
    services.enrol(group, second, waitlist=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.withdraw(leaving)

    assert promoted.trainee == first and promoted.status == Enrolment.Status.ENROLLED
    leaving.refresh_from_db()
    assert leaving.status == Enrolment.Status.WITHDRAWN and leaving.withdrawn_at
    assert [e.trainee for e in selectors.waiting_list(group)] == [second]
    assert list(selectors.enrolled_trainees(group)) == [first]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [first.email]
    assert "Une place s'est libérée" in mail.outbox[0].subject


def test_withdrawing_from_the_waiting_list_promotes_nobody(world):
    group = small_group(world, capacity=1)
    services.enrol(group, UserFactory())
    waiting = services.enrol(group, UserFactory(), waitlist=True)
    assert services.withdraw(waiting) is None
    with pytest.raises(ValidationError, match="Ce désistement est déjà enregistré."):
        services.withdraw(waiting)


def test_a_withdrawn_trainee_can_come_back(world):
    group = world["ip_group"]
    trainee = UserFactory()
    enrolment = services.enrol(group, trainee)
    services.withdraw(enrolment)
    assert services.enrol(group, trainee).status == Enrolment.Status.ENROLLED
    assert Enrolment.objects.filter(group=group, trainee=trainee).count() == 1


def test_no_double_enrolment_and_no_enrolment_in_a_closed_group(world):
    group = world["ip_group"]
    trainee = UserFactory()
    services.enrol(group, trainee)
    with pytest.raises(ValidationError, match="est déjà inscrit dans ce groupe."):
        services.enrol(group, trainee)
    group.status = TrainingGroup.Status.CANCELLED
    group.save()
    with pytest.raises(ValidationError, match="Le groupe « IP Rhône » est annulé : inscription impossible."):
        services.enrol(group, UserFactory())


def test_a_referent_is_enrolled_only_with_the_employer_charter_recorded(world):
    trainee = UserFactory(first_name="Julie", last_name="Masson")
    with pytest.raises(ValidationError) as excinfo:
        services.enrol(world["rp_group"], trainee)
    assert excinfo.value.messages == [
        "Julie Masson ne peut pas être inscrit : la charte d'engagement de son employeur n'est pas enregistrée."
    ]
    enrol_trainee(world["rp_group"], trainee)


def test_capacity_cannot_drop_below_the_enrolled_count(world):
    group = world["ip_group"]
    for _ in range(3):
        services.enrol(group, UserFactory())
    group.capacity = 2
    with pytest.raises(ValidationError) as excinfo:
        services.save_group(group)
    assert "Le groupe compte déjà 3 inscrits" in excinfo.value.message_dict["capacity"][0]
