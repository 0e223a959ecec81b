"""Deleting a session scheduled by mistake, from the group page: a confirmation page, and a clear
French refusal (nothing deleted) when people were convened, signed, handed in work or had
arrangements booked — such a session is cancelled instead."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accessibility.models import ArrangementLine, ArrangementPlan
from lms.cohorts.models import ConvocationLog, ScheduledSession
from lms.learning.models import Assignment, Submission
from tests.cohorts.conftest import enrol_trainee
from tests.cohorts.test_pages import schedule_week
from tests.cohorts.test_session_lifecycle import sign_morning

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2031, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def session(world):
    enrol_trainee(world["ip_group"], world["trainee"])
    return schedule_week(world)


def delete_url(world, session):
    return reverse("cohorts:delete_session", args=[world["ip_group"].pk, session.pk])


def test_the_group_page_links_to_the_confirmation_and_deleting_removes_the_session(client, world, session):
    client.force_login(world["regional"])
    group_url = reverse("cohorts:group_detail", args=[world["ip_group"].pk])
    html = client.get(group_url).content.decode()
    assert f'href="{delete_url(world, session)}"' in html
    assert 'Supprimer<span class="visually-hidden"> la séance du 3 mars</span>' in html
    page = client.get(delete_url(world, session))
    assert page.status_code == 200 and "Supprimer définitivement la séance" in page.content.decode()
    assert ScheduledSession.objects.filter(pk=session.pk).exists()  # a GET deletes nothing
    response = client.post(delete_url(world, session))
    assert response.status_code == 302 and response.url == group_url
    assert not ScheduledSession.objects.filter(pk=session.pk).exists()
    assert "supprimée" in client.get(group_url).content.decode()


def _refused(client, world, session, message):
    client.force_login(world["org_staff"])
    response = client.post(delete_url(world, session))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and "form-error-summary" in html
    assert "Annuler la séance à la place" in html
    assert ScheduledSession.objects.filter(pk=session.pk).exists()


def test_a_session_with_signatures_cannot_be_deleted(client, world, session):
    sign_morning(session, world["trainee"])
    _refused(client, world, session, "Des présences ont été signées pour cette séance : elle ne peut pas être")


def test_a_convened_session_cannot_be_deleted(client, world, session):
    ConvocationLog.objects.create(session=session, trainee=world["trainee"], kind=ConvocationLog.Kind.WEEK_BEFORE)
    _refused(client, world, session, "Des convocations ont déjà été envoyées pour cette séance")


def test_a_session_with_a_trainees_work_cannot_be_deleted(client, world, session):
    assignment = Assignment.objects.create(group=world["ip_group"], scheduled_session=session)
    Submission.objects.create(assignment=assignment, trainee=world["trainee"], status=Submission.Status.DRAFT)
    _refused(client, world, session, "ont commencé ou rendu le travail d&#x27;intersession")


def test_a_session_with_booked_arrangements_cannot_be_deleted(client, world, session):
    plan, _created = ArrangementPlan.objects.get_or_create(session=session)
    ArrangementLine.objects.create(plan=plan, kind="lsf", status=ArrangementLine.Status.REQUESTED, beneficiary_count=1)
    _refused(client, world, session, "Des aménagements ont été demandés à un prestataire")


@pytest.mark.parametrize("who", ["trainer", "peer_trainer", "national", "trainee"])
def test_only_those_who_manage_the_group_reach_the_page(client, world, session, who):
    client.force_login(world[who])
    assert client.get(delete_url(world, session)).status_code == 404
    assert client.post(delete_url(world, session)).status_code == 404
    assert ScheduledSession.objects.filter(pk=session.pk).exists()
