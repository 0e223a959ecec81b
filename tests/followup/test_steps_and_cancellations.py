"""The team marks a next step done (the "action overdue" alert then clears) and cancels a meeting not
yet held (its participants are told by e-mail); refusals answer 400 with the reason and save nothing."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from lms.followup import alerts, services
from lms.followup.factories import at
from lms.followup.models import FollowUpPlan, Meeting, NextAction
from lms.people.models import AuditLogEntry
from tests.followup.conftest import AFTER

MEETING_DAY = AFTER + datetime.timedelta(days=7)
LATE = at(datetime.date(2026, 6, 20))


@pytest.fixture
def plans(fw, after_course):
    services.open_plans_for_ended_courses()
    return {plan.trainee.first_name: plan for plan in FollowUpPlan.objects.select_related("trainee")}


@pytest.fixture
def step(fw, plans):
    """A next step due on 10 June, agreed in a meeting held with Samia."""
    meeting = services.schedule_meeting(actor=fw.team, plan=plans["Samia"], starts_at=at(MEETING_DAY, 9), place="Lyon")
    with time_machine.travel(at(MEETING_DAY, 12), tick=False):
        services.record_meeting(
            meeting=meeting,
            actor=fw.team,
            attended_ids={fw.trainee.pk},
            summary="Point projet.",
            summary_visibility="shared",
            next_actions=[("Écrire à l'association", datetime.date(2026, 6, 10))],
        )
    return NextAction.objects.get()


def _overdue(user):
    return {(alert.kind, alert.plan.trainee.first_name) for alert in alerts.alerts_for(user)}


def test_marking_the_step_done_clears_the_overdue_alert(client, fw, plans, step):
    plan_url = reverse("followup:plan_detail", args=[plans["Samia"].pk])
    done_url = reverse("followup:next_action_done", args=[plans["Samia"].pk, step.pk])
    with time_machine.travel(LATE, tick=False):
        assert ("action_overdue", "Samia") in _overdue(fw.team)
        client.force_login(fw.team)
        page = client.get(plan_url).content.decode()
        assert done_url in page and "Marquer comme faite" in page
        response = client.post(done_url)
        assert response.status_code == 302 and response["Location"] == plan_url
        step.refresh_from_db()
        assert step.done
        assert ("action_overdue", "Samia") not in _overdue(fw.team)
        assert AuditLogEntry.objects.filter(
            record_type="followup.nextaction", action="write", actor=fw.team, subject=fw.trainee
        ).exists()
        assert done_url not in client.get(plan_url).content.decode()
        entries = AuditLogEntry.objects.exclude(action="read").count()
        again = client.post(done_url)
        assert again.status_code == 400
        assert "L&#x27;étape « Écrire à l&#x27;association » est déjà faite." in again.content.decode()
        assert AuditLogEntry.objects.exclude(action="read").count() == entries


def test_only_the_region_team_marks_a_step_done(client, fw, plans, step):
    url = reverse("followup:next_action_done", args=[plans["Samia"].pk, step.pk])
    for who in (fw.other_team, fw.national, fw.other):
        client.force_login(who)
        assert client.post(url).status_code == 404
    client.force_login(fw.team)
    assert client.get(url).status_code == 405
    assert client.post(reverse("followup:next_action_done", args=[plans["Léo"].pk, step.pk])).status_code == 404
    step.refresh_from_db()
    assert not step.done


def test_cancelling_a_scheduled_meeting_tells_the_participants(client, fw, plans, django_capture_on_commit_callbacks):
    meeting = services.schedule_meeting(
        actor=fw.team,
        region=fw.ip_group.territory.region,
        audience="intervention_project",
        plans=[plans["Samia"], plans["Léo"]],
        starts_at=at(MEETING_DAY, 10),
        video_url="https://visio.example.org/reseau",
        title="Réseau des intervenants-pairs",
    )
    mail.outbox.clear()
    client.force_login(fw.team)
    detail = reverse("followup:meeting_detail", args=[meeting.pk])
    cancel = reverse("followup:meeting_cancel", args=[meeting.pk])
    assert cancel in client.get(detail).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel)
    assert response.status_code == 302 and response["Location"] == detail
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert sorted(message.to[0] for message in mail.outbox) == sorted([fw.trainee.email, fw.other.email])
    assert mail.outbox[0].subject == "Annulé : Réseau des intervenants-pairs"
    assert "est annulé" in mail.outbox[0].body
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert "METHOD:CANCEL" in str(content) and "STATUS:CANCELLED" in str(content)
    assert AuditLogEntry.objects.filter(record_type="followup.meeting", action="write", detail="annulation").exists()
    page = client.get(detail).content.decode()
    assert cancel not in page and "Annulé" in page
    # The person's plan no longer lists it; a second cancellation is refused.
    assert meeting not in services.selectors.meetings_of_plan(plans["Samia"], person_view=True)
    refused = client.post(cancel)
    assert refused.status_code == 400 and "Ce rendez-vous est déjà annulé." in refused.content.decode()


def test_a_meeting_already_held_cannot_be_cancelled(client, fw, plans, step, django_capture_on_commit_callbacks):
    client.force_login(fw.team)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("followup:meeting_cancel", args=[step.meeting_id]))
    assert response.status_code == 400
    assert "Ce rendez-vous a déjà eu lieu : il ne peut plus être annulé." in response.content.decode()
    assert Meeting.objects.get(pk=step.meeting_id).status == Meeting.Status.HELD
    assert mail.outbox == []


def test_another_region_cannot_cancel(client, fw, plans):
    meeting = services.schedule_meeting(actor=fw.team, plan=plans["Samia"], starts_at=at(MEETING_DAY), place="Lyon")
    client.force_login(fw.other_team)
    assert client.post(reverse("followup:meeting_cancel", args=[meeting.pk])).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_meetings_join_the_persons_calendar_feed_and_a_cancelled_one_says_so(client, fw, plans):
    from icalendar import Calendar

    from lms.cohorts.services import issue_calendar_token

    kept = services.schedule_meeting(
        actor=fw.team, plan=plans["Samia"], starts_at=at(MEETING_DAY, 14), place="Maison des associations"
    )
    dropped = services.schedule_meeting(
        actor=fw.team, plan=plans["Samia"], starts_at=at(MEETING_DAY, 16), place="Lyon", title="Point projet"
    )
    services.cancel_meeting(meeting=dropped, actor=fw.team)
    services.request_meeting(plan=plans["Samia"], actor=fw.trainee, message="Une question")  # no date yet
    response = client.get(reverse("cohorts:calendar_feed", args=[issue_calendar_token(user=fw.trainee).token]))
    assert response.status_code == 200
    events = {str(event["uid"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}
    meeting_events = {uid: event for uid, event in events.items() if uid.startswith("followup-meeting-")}
    assert set(meeting_events) == {f"followup-meeting-{kept.pk}@epop", f"followup-meeting-{dropped.pk}@epop"}
    first = meeting_events[f"followup-meeting-{kept.pk}@epop"]
    assert first.decoded("dtstart") == at(MEETING_DAY, 14)
    assert (str(first["status"]), str(first["location"])) == ("CONFIRMED", "Maison des associations")
    assert str(first["summary"]) == "EPoP — Rendez-vous individuel"
    assert str(meeting_events[f"followup-meeting-{dropped.pk}@epop"]["status"]) == "CANCELLED"
    other = client.get(reverse("cohorts:calendar_feed", args=[issue_calendar_token(user=fw.other).token]))
    assert b"followup-meeting-" not in other.content
