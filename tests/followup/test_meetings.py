"""Accompaniment meetings: asked for by the person or scheduled by the team, individual or network,
with arrangements from the participants' needs, invitations, attendance, summary and next steps; and
the alerts that follow from contact and due dates."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accessibility import services as accessibility
from accessibility.models import ArrangementKind
from lms.followup import alerts, services
from lms.followup.factories import at
from lms.followup.models import FollowUpPlan, Meeting
from lms.people.models import AuditLogEntry
from tests.followup.conftest import AFTER

MEETING_DAY = AFTER + datetime.timedelta(days=7)


@pytest.fixture
def plans(fw, after_course):
    services.open_plans_for_ended_courses()
    return {plan.trainee.first_name: plan for plan in FollowUpPlan.objects.select_related("trainee")}


@pytest.fixture
def lsf_need(fw):
    accessibility.give_consent(fw.trainee, actor=fw.trainee, accepted=True)
    accessibility.add_need(fw.trainee, actor=fw.trainee, kind=ArrangementKind.LSF, details="Interprètes")


def test_the_person_asks_to_talk_and_the_owner_is_told(client, fw, plans, django_capture_on_commit_callbacks):
    client.force_login(fw.trainee)
    url = reverse("followup:my_meeting_request", args=[plans["Samia"].pk])
    page = client.get(url).content.decode()
    assert "Je voudrais parler avec l'équipe" in page and "text-easy-read" in page
    assert client.post(url, {"message": " "}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Je voudrais de l'aide pour mon atelier."})
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.status, meeting.plan, meeting.request_message) == (
        Meeting.Status.REQUESTED,
        plans["Samia"],
        "Je voudrais de l'aide pour mon atelier.",
    )
    assert mail.outbox[-1].to == [fw.team.email]
    assert "Samia Haddad voudrait parler avec l'équipe" in mail.outbox[-1].subject
    with pytest.raises(ValidationError):
        services.request_meeting(plan=plans["Samia"], actor=fw.other, message="Pas mon plan")


def test_an_individual_meeting_carries_the_lsf_need_and_invites_by_mail(
    fw, plans, lsf_need, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.schedule_meeting(
            actor=fw.team, plan=plans["Samia"], starts_at=at(MEETING_DAY, 14), place="Maison des associations"
        )
    assert [line["kind"] for line in meeting.arrangements] == [ArrangementKind.LSF]
    invitation = mail.outbox[-1]
    assert invitation.to == [fw.trainee.email]
    assert "Interprétation en langue des signes française (LSF)" in invitation.body
    name, content, mimetype = invitation.attachments[0]
    assert mimetype == "text/calendar" and "DTSTART:20260527T120000Z" in str(content)
    meeting.refresh_from_db()
    assert meeting.invited_at is not None


def test_scheduling_refusals(fw, plans):
    with pytest.raises(ValidationError) as missing:
        services.schedule_meeting(actor=fw.team, plan=plans["Samia"], starts_at=None)
    assert set(missing.value.message_dict) == {"starts_at", "place"}
    with pytest.raises(ValidationError):
        services.schedule_meeting(actor=fw.other_team, plan=plans["Samia"], starts_at=at(MEETING_DAY), place="Lyon")
    with pytest.raises(ValidationError) as stranger:
        services.schedule_meeting(
            actor=fw.team,
            region=fw.ip_group.territory.region,
            audience="intervention_project",
            plans=[plans["Samia"], plans["Zoé"]],
            starts_at=at(MEETING_DAY),
            video_url="https://visio.example.org/reseau",
        )
    assert "Zoé Loin" in stranger.value.message_dict["plans"][0]
    assert not Meeting.objects.exists()


def test_a_network_meeting_then_its_summary_and_next_steps(client, fw, plans, lsf_need):
    meeting = services.schedule_meeting(
        actor=fw.team,
        region=fw.ip_group.territory.region,
        audience="intervention_project",
        plans=[plans["Samia"], plans["Léo"]],
        starts_at=at(MEETING_DAY, 10),
        video_url="https://visio.example.org/reseau",
        title="Réseau des intervenants-pairs",
    )
    assert meeting.participants.count() == 2
    assert meeting.arrangements[0]["count"] == 1
    with pytest.raises(ValidationError):  # not held yet
        services.record_meeting(
            meeting=meeting, actor=fw.team, attended_ids=set(), summary="", summary_visibility="shared"
        )
    with time_machine.travel(at(MEETING_DAY, 12), tick=False):
        services.record_meeting(
            meeting=meeting,
            actor=fw.team,
            attended_ids={fw.trainee.pk},
            summary="Échanges sur les ateliers en IME.",
            summary_visibility="shared",
            next_actions=[("Contacter l'IME", datetime.date(2026, 6, 15))],
        )
    plans["Samia"].refresh_from_db()
    plans["Léo"].refresh_from_db()
    assert plans["Samia"].last_contact_at == at(MEETING_DAY, 10)
    assert plans["Léo"].last_contact_at is None  # absent
    assert plans["Samia"].next_actions.get().title == "Contacter l'IME"
    assert AuditLogEntry.objects.filter(record_type="followup.meeting", subject=fw.trainee, action="write").exists()


def _held_meeting(fw, plan, visibility):
    meeting = services.schedule_meeting(actor=fw.team, plan=plan, starts_at=at(MEETING_DAY, 9), place="Lyon")
    with time_machine.travel(at(MEETING_DAY, 12), tick=False):
        services.record_meeting(
            meeting=meeting,
            actor=fw.team,
            attended_ids={plan.trainee_id},
            summary=f"Compte rendu {visibility}",
            summary_visibility=visibility,
            next_actions=[("Écrire à l'association", datetime.date(2026, 6, 10))],
        )
    return meeting


def test_the_person_reads_shared_summaries_only_and_reads_are_audited(client, fw, plans):
    _held_meeting(fw, plans["Samia"], "shared")
    _held_meeting(fw, plans["Samia"], "team")
    client.force_login(fw.trainee)
    page = client.get(reverse("followup:my_plan", args=[plans["Samia"].pk])).content.decode()
    assert "Compte rendu shared" in page
    assert "Compte rendu team" not in page
    assert "Écrire à l&#x27;association" in page
    assert AuditLogEntry.objects.filter(actor=fw.trainee, action="read", record_type="followup.meeting").count() == 1
    client.force_login(fw.team)
    team_only = Meeting.objects.order_by("pk").last()
    team_page = client.get(reverse("followup:meeting_detail", args=[team_only.pk])).content.decode()
    assert "Compte rendu team" in team_page


def test_meetings_are_404_outside_the_region(client, fw, plans):
    meeting = services.schedule_meeting(actor=fw.team, plan=plans["Samia"], starts_at=at(MEETING_DAY), place="Lyon")
    for who in (fw.other_team, fw.trainee, fw.national):
        client.force_login(who)
        assert client.get(reverse("followup:meeting_detail", args=[meeting.pk])).status_code == 404
        assert client.get(reverse("followup:meeting_schedule", args=[plans["Samia"].pk])).status_code == 404


def test_the_team_schedules_and_records_through_the_pages(client, fw, plans, lsf_need):
    client.force_login(fw.team)
    url = reverse("followup:meeting_schedule", args=[plans["Samia"].pk])
    assert client.post(url, {"duration_minutes": 60}).status_code == 400
    response = client.post(
        url, {"starts_at": "2026-05-27T14:00", "duration_minutes": 60, "place": "Lyon", "title": "Point projet"}
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("followup:meeting_detail", args=[meeting.pk])
    assert "langue des signes" in client.get(response["Location"]).content.decode()
    with time_machine.travel(at(MEETING_DAY, 16), tick=False):
        client.force_login(fw.team)  # sessions end after a while: a new day, a new login
        response = client.post(
            reverse("followup:meeting_detail", args=[meeting.pk]),
            {
                "attended": [str(fw.trainee.pk)],
                "summary": "Projet bien avancé.",
                "summary_visibility": "team",
                "action_1": "Préparer l'atelier",
                "due_1": "2026-06-20",
            },
        )
    assert response["Location"] == reverse("followup:meeting_detail", args=[meeting.pk])
    meeting.refresh_from_db()
    assert (meeting.status, meeting.summary_visibility) == (Meeting.Status.HELD, "team")


def test_alerts_when_contact_lapses_and_steps_are_overdue(fw, plans, settings):
    settings.FOLLOWUP_NO_CONTACT_DAYS = 30
    samia = plans["Samia"]
    assert alerts.alerts_for(fw.team) == []
    with time_machine.travel(at(AFTER + datetime.timedelta(days=30)), tick=False):
        lapsed = {(alert.kind, alert.plan.trainee.first_name) for alert in alerts.alerts_for(fw.team)}
    assert lapsed == {("no_contact", "Samia"), ("no_contact", "Léo"), ("no_contact", "Rita")}
    services.update_plan(plan=samia, actor=fw.team, no_contact_alert_days=90)
    _held_meeting(fw, samia, "shared")  # a contact, and a next step due 10 June
    with time_machine.travel(at(datetime.date(2026, 6, 20)), tick=False):
        now = {(alert.kind, alert.plan.trainee.first_name) for alert in alerts.alerts_for(fw.team)}
    assert ("no_contact", "Samia") not in now
    assert ("action_overdue", "Samia") in now
    assert alerts.alerts_for(fw.other_team) == [] or all(
        alert.plan.trainee == fw.far_trainee for alert in alerts.alerts_for(fw.other_team)
    )
