"""Readiness checks: the regional team is e-mailed ten and three days before a session about
arrangements that are not confirmed yet."""

import datetime

import pytest
from django.core import mail
from django_q.models import Schedule

from accessibility import services, tasks
from accessibility.models import ArrangementKind, ArrangementLine
from tests.accessibility.conftest import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return datetime.date.today()


def add_lsf(trainee):
    services.give_consent(trainee, actor=trainee, accepted=True)
    services.add_need(trainee, actor=trainee, kind=ArrangementKind.LSF)


def test_the_daily_check_is_scheduled_in_django_q():
    schedule = Schedule.objects.get(func="accessibility.tasks.readiness_checks")
    assert schedule.schedule_type == Schedule.DAILY


@pytest.mark.parametrize("days", [10, 3])
def test_regional_team_is_alerted_at_d10_and_d3_about_unconfirmed_lines(world, today, days):
    session = make_session(world.session_page, [world.ip_group], days=days)
    add_lsf(world.trainee)
    mail.outbox.clear()
    assert services.run_readiness_checks(today) == 1
    [message] = mail.outbox
    assert message.to == ["region@test.fr"]
    assert message.subject == f"Aménagements non confirmés — {session} (J-{days})"
    assert "Interprétation en langue des signes française (LSF) (Matin) — À organiser" in message.body
    assert "Interprétation en langue des signes française (LSF) (Après-midi) — À organiser" in message.body
    assert f"/accessibilite/seances/{session.pk}/amenagements/" in message.body


def test_no_alert_on_other_days_nor_for_confirmed_or_cancelled_lines(world, today):
    soon = make_session(world.session_page, [world.ip_group], days=3)
    make_session(world.session_page, [world.ip_group], days=5)
    add_lsf(world.trainee)
    for line in ArrangementLine.objects.filter(plan__session=soon):
        services.update_line(line, actor=world.regional, status="confirmed", provider="Interprètes 69")
    mail.outbox.clear()
    assert services.run_readiness_checks(today) == 0
    assert mail.outbox == []


def test_a_joint_session_alerts_the_regional_team_of_each_region_once(world, today):
    from tests.accessibility.conftest import enrol

    session = make_session(world.rp_page, [world.ip_group, world.other_group], days=10)
    enrol(world.classmate, world.other_group)
    add_lsf(world.classmate)
    mail.outbox.clear()
    tasks.readiness_checks()  # The scheduled task itself (today's date).
    [message] = mail.outbox
    assert message.to == ["region.idf@test.fr", "region@test.fr"]
    assert str(session) in message.subject
