"""Convocations: a daily schedule queues D-7 and D-1 e-mails, sent once through Django's e-mail backend."""

import datetime

import pytest
from django.core import mail
from django_q.models import Schedule

from lms.cohorts import selectors, tasks
from lms.cohorts.models import ConvocationLog
from lms.cohorts.services import convocation_context
from lms.people.factories import UserFactory
from tests.cohorts.conftest import MONDAY, enrol_trainee
from tests.cohorts.test_pages import schedule_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint_session(world):
    from lms.cohorts import services
    from tests.cohorts.conftest import plan

    enrol_trainee(world["ip_group"], world["trainee"])
    enrol_trainee(world["rp_group"], UserFactory(email="referent@example.fr"))
    session, _ = services.schedule_session(
        plan(world, page=world["ip_pages"][0], groups=[world["ip_group"], world["rp_group"]])
    )
    return session


def test_participants_of_a_joint_session_come_from_both_groups(world, joint_session):
    emails = set(selectors.participants_of_session(joint_session).values_list("email", flat=True))
    assert emails == {"stagiaire@test.fr", "referent@example.fr"}


def test_seven_days_before_each_participant_gets_one_convocation(world, joint_session):
    mail.outbox.clear()
    assert tasks.queue_due_convocations(today=MONDAY - datetime.timedelta(days=7)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["referent@example.fr", "stagiaire@test.fr"]
    message = next(m for m in mail.outbox if m.to == ["stagiaire@test.fr"])
    assert message.subject == "Convocation : IP séance 1 le 03/03/2031"
    text = message.body
    assert "Votre séance de formation EPoP a lieu dans une semaine." in text
    assert "lundi 3 mars 2031, de 09:30 à 15:30 (Matin et Après-midi)." in text
    assert "Maison des associations" in text and "Transports en commun : Métro B" in text
    assert "Accès de plain-pied ou par ascenseur : oui." in text and "Salle de pause à côté : oui." in text
    assert "Fanny Roux : formatrice@test.fr" in text and "Pascal Lemoine : pair@test.fr" in text
    assert "séance commune" in text and "Contenu de la séance 1." in text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and '<html lang="fr">' in html and "<h2" in html and "<table" not in html


def test_convocations_are_sent_once_and_again_the_day_before(world, joint_session):
    mail.outbox.clear()
    tasks.queue_due_convocations(today=MONDAY - datetime.timedelta(days=7))
    assert tasks.queue_due_convocations(today=MONDAY - datetime.timedelta(days=7)) == 0
    assert tasks.send_convocation(joint_session.pk, UserFactory(email="x@example.fr").pk, "d7") is True
    assert (
        tasks.send_convocation(joint_session.pk, selectors.participants_of_session(joint_session)[0].pk, "d7") is False
    )
    assert tasks.queue_due_convocations(today=MONDAY - datetime.timedelta(days=1)) == 2
    assert "Votre séance de formation EPoP a lieu demain." in mail.outbox[-1].body
    assert ConvocationLog.objects.filter(kind="d1").count() == 2
    assert tasks.queue_due_convocations(today=MONDAY - datetime.timedelta(days=3)) == 0


def test_the_daily_schedule_is_registered(db):
    schedule = tasks.ensure_convocation_schedule()
    assert schedule.func == "lms.cohorts.tasks.queue_due_convocations"
    assert schedule.schedule_type == Schedule.DAILY
    tasks.ensure_convocation_schedule()
    assert Schedule.objects.filter(name=tasks.CONVOCATION_SCHEDULE_NAME).count() == 1


def test_convocation_context_is_one_extendable_dict(world, joint_session):
    context = convocation_context(joint_session, world["trainee"])
    assert context["is_joint"] and context["venue"] == world["venue"]
    assert [str(p) for p in context["contacts"]] == ["Fanny Roux", "Pascal Lemoine"]
    assert context["half_days"] == ["Matin", "Après-midi"]


def test_selectors_for_the_trainee_home(world, joint_session):
    later = schedule_week(world, weeks=3)
    trainee = world["trainee"]
    assert list(selectors.sessions_for_trainee(trainee)) == [joint_session, later]
    assert selectors.next_session_for(trainee, today=MONDAY) == joint_session
    assert selectors.next_session_for(trainee, today=MONDAY + datetime.timedelta(days=1)) == later
    assert selectors.next_session_for(trainee, today=MONDAY + datetime.timedelta(weeks=5)) is None
    assert list(selectors.sessions_for_group(world["rp_group"])) == [joint_session]
    assert list(selectors.enrolled_trainees(world["ip_group"])) == [trainee]


def test_the_convocation_lists_the_planned_arrangements_without_names(world, joint_session):
    from accessibility import services as needs_services
    from accessibility.models import ArrangementKind

    trainee = world["trainee"]
    needs_services.give_consent(trainee, actor=trainee, accepted=True)
    needs_services.add_need(trainee, actor=trainee, kind=ArrangementKind.LSF)
    mail.outbox.clear()
    tasks.queue_due_convocations(today=MONDAY - datetime.timedelta(days=7))
    for message in mail.outbox:
        assert "AMÉNAGEMENTS PRÉVUS" in message.body
        assert "(matin)" in message.body and "(après-midi)" in message.body
        assert "Aménagements prévus</h2>" in message.alternatives[0][0]
        assert "besoin" not in message.body.lower()
