"""Private iCalendar feeds, parsed back with the icalendar library."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from lms.cohorts.models import CalendarToken
from lms.cohorts.services import issue_calendar_token
from tests.cohorts.conftest import enrol_trainee
from tests.cohorts.test_pages import schedule_week

pytestmark = pytest.mark.django_db


def feed(client, user):
    response = client.get(reverse("cohorts:calendar_feed", args=[issue_calendar_token(user=user).token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_trainee_feed_lists_their_group_sessions_with_times_and_place(client, world):
    enrol_trainee(world["ip_group"], world["trainee"])
    session = schedule_week(world)
    schedule_week(world, weeks=1, group="rp_group")
    events = feed(client, world["trainee"]).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "EPoP — IP séance 2"
    paris = ZoneInfo("Europe/Paris")
    assert event.decoded("dtstart") == datetime.datetime(2031, 3, 3, 9, 30, tzinfo=paris)
    assert event.decoded("dtend") == datetime.datetime(2031, 3, 3, 15, 30, tzinfo=paris)
    assert "Maison des associations" in str(event["location"])
    assert str(event["uid"]) == f"seance-{session.pk}@epop-formations"
    assert "Formateur ou formatrice : Fanny Roux" in str(event["description"])


def test_trainer_feed_lists_the_sessions_they_lead(client, world):
    schedule_week(world)
    schedule_week(world, weeks=1, group="rp_group")
    summaries = {str(e["summary"]) for e in feed(client, world["trainer2"]).walk("VEVENT")}
    assert summaries == {"EPoP — RP séance 2"}


def test_unknown_token_is_not_found_and_a_renewed_token_replaces_the_old_one(client, world):
    assert client.get(reverse("cohorts:calendar_feed", args=["nope"])).status_code == 404
    old = issue_calendar_token(user=world["trainee"]).token
    client.force_login(world["trainee"])
    client.post(reverse("cohorts:renew_calendar_token"), {"next": "/mon-planning/"})
    assert CalendarToken.objects.get(user=world["trainee"]).token != old
    assert client.get(reverse("cohorts:calendar_feed", args=[old])).status_code == 404


def test_the_feed_address_is_created_by_its_button_not_by_reading_the_page(client, world):
    client.force_login(world["trainee"])
    page = client.get(reverse("cohorts:my_schedule"))
    assert "Créer l'adresse de mon calendrier" in html.unescape(page.content.decode())
    assert not CalendarToken.objects.filter(user=world["trainee"]).exists()
    response = client.post(reverse("cohorts:renew_calendar_token"), {"next": "/mon-planning/"}, follow=True)
    token = CalendarToken.objects.get(user=world["trainee"])
    assert "L'adresse de votre calendrier est créée." in html.unescape(response.content.decode())
    assert reverse("cohorts:calendar_feed", args=[token.token]) in response.content.decode()
