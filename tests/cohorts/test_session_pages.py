"""The sessions' lifecycle pages: reached from the group page by those who manage the group, refusals shown
in French with nothing saved, and the convocations screen's query count independent of its size."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.cohorts import tasks
from lms.cohorts.models import ConvocationLog, ScheduledSession
from lms.people.factories import UserFactory
from tests.cohorts.conftest import enrol_trainee
from tests.cohorts.test_pages import schedule_week

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


def urls(group, session):
    return {
        name: reverse(f"cohorts:{name}", args=[group.pk, session.pk])
        for name in ("edit_session", "move_session", "cancel_session", "session_convocations", "convocation_preview")
    } | {"group_convocations": reverse("cohorts:group_convocations", args=[group.pk])}


def test_the_group_page_leads_managers_to_each_action(client, world, session):
    group = world["ip_group"]
    client.force_login(world["regional"])
    html = client.get(reverse("cohorts:group_detail", args=[group.pk])).content.decode()
    for url in urls(group, session).values():
        if "apercu" not in url:
            assert f'href="{url}"' in html
    assert 'Déplacer<span class="visually-hidden"> la séance du 3 mars</span>' in html
    client.force_login(world["trainer"])
    html = client.get(reverse("cohorts:group_detail", args=[group.pk])).content.decode()
    assert urls(group, session)["move_session"] not in html


@pytest.mark.parametrize("who", ["trainer", "national", "trainee"])
def test_the_pages_answer_404_to_those_who_do_not_manage_the_group(client, world, session, who):
    client.force_login(world[who])
    for url in urls(world["ip_group"], session).values():
        assert client.get(url).status_code == 404, url
    resend = reverse("cohorts:resend_convocations", args=[world["ip_group"].pk, session.pk])
    assert client.post(resend).status_code == 404


def test_a_session_of_another_group_is_not_found(client, world, session):
    other = schedule_week(world, weeks=1, group="rp_group")
    client.force_login(world["regional"])
    assert client.get(reverse("cohorts:edit_session", args=[world["ip_group"].pk, other.pk])).status_code == 404


def test_every_manager_role_opens_every_page(client, world, session):
    for who in ("regional", "org_staff", "admin"):
        client.force_login(world[who])
        for url in urls(world["ip_group"], session).values():
            assert client.get(url).status_code == 200, (who, url)


def test_a_refused_move_shows_the_rule_in_french_and_saves_nothing(client, world, session):
    client.force_login(world["regional"])
    response = client.post(
        urls(world["ip_group"], session)["move_session"],
        {"date": "2031-03-03", "start_time": "15:00", "end_time": "09:00", "venue": world["venue"].pk},
    )
    assert response.status_code == 200
    assert "L&#x27;heure de fin doit être après l&#x27;heure de début." in response.content.decode()
    response = client.post(
        urls(world["ip_group"], session)["move_session"], {"date": "pas une date", "start_time": "x", "end_time": ""}
    )
    assert response.status_code == 200 and "form-error-summary" in response.content.decode()
    session.refresh_from_db()
    assert session.sequence == 0 and session.start_time == datetime.time(9, 30)


def test_moving_and_cancelling_through_the_pages(client, world, session):
    other = schedule_week(world, weeks=2, page_index=2)
    client.force_login(world["regional"])
    response = client.post(
        urls(world["ip_group"], session)["move_session"],
        {
            "date": "2031-03-05",
            "start_time": "09:30",
            "end_time": "15:30",
            "venue": world["venue2"].pk,
            "reason": "Salle en travaux.",
        },
        follow=True,
    )
    assert "prévenus par e-mail" in response.content.decode()
    session.refresh_from_db()
    assert session.date == datetime.date(2031, 3, 5) and session.venue == world["venue2"]
    assert client.post(urls(world["ip_group"], other)["cancel_session"], {"reason": ""}).status_code == 200
    assert not ScheduledSession.objects.get(pk=other.pk).is_cancelled
    client.post(urls(world["ip_group"], other)["cancel_session"], {"reason": "Grève."})
    other.refresh_from_db()
    assert other.is_cancelled
    html = client.get(reverse("cohorts:group_detail", args=[world["ip_group"].pk])).content.decode()
    assert "<strong>Annulée</strong> : Grève." in html
    assert client.get(urls(world["ip_group"], other)["move_session"]).status_code == 302


def test_resending_from_the_convocations_screen(client, world, session, django_capture_on_commit_callbacks):
    client.force_login(world["regional"])
    resend = reverse("cohorts:resend_convocations", args=[world["ip_group"].pk, session.pk])
    screen = urls(world["ip_group"], session)["session_convocations"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend, {"trainee": world["trainee"].pk, "next": screen}, follow=True)
    assert response.redirect_chain[-1][0] == screen
    assert "Convocation renvoyée à Samia Haddad." in response.content.decode()
    assert ConvocationLog.objects.filter(kind="resent", trainee=world["trainee"]).count() == 1
    html = client.get(screen).content.decode()
    assert "Renvoi — 3 février 2031, 10:00" in html and "par " in html
    # Garbage in: a French message, no 500, nothing sent.
    response = client.post(resend, {"trainee": "abc", "next": "https://evil.example/"}, follow=True)
    assert response.status_code == 200 and "ne participe pas" in response.content.decode()
    assert ConvocationLog.objects.count() == 1


def test_the_preview_shows_the_message_as_received(client, world, session):
    client.force_login(world["org_staff"])
    html = client.get(urls(world["ip_group"], session)["convocation_preview"]).content.decode()
    assert "Convocation : IP séance 2 le 03/03/2031" in html
    assert "lundi 3 mars 2031, de 09:30 à 15:30" in html
    assert ConvocationLog.objects.count() == 0


def _fill(world, weeks: list, trainees: int):
    for index in range(trainees):
        enrol_trainee(world["ip_group"], UserFactory(email=f"t{weeks[0]}-{index}@example.fr"))
    made = [schedule_week(world, weeks=week, page_index=week) for week in weeks]
    for made_session in made:
        for trainee in world["ip_group"].enrolments.values_list("trainee_id", flat=True):
            tasks.send_convocation(made_session.pk, trainee, "d7")
    return made


def test_the_convocations_screen_does_not_grow_with_sessions_and_trainees(client, world):
    world["ip_group"].capacity = 8
    world["ip_group"].save()
    client.force_login(world["regional"])
    url = reverse("cohorts:group_convocations", args=[world["ip_group"].pk])
    _fill(world, weeks=[0], trainees=1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill(world, weeks=[2, 4], trainees=2)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    html = response.content.decode()
    assert html.count("Sept jours avant —") == 1 + 2 * 3 and html.count("Pas encore convoqué") == 2
    assert len(large) == len(small)


def test_the_cancel_page_says_who_is_told(client, world, session):
    client.force_login(world["regional"])
    html = client.get(urls(world["ip_group"], session)["cancel_session"]).content.decode()
    assert "1 stagiaire reçoit un e-mail d'annulation" in html
