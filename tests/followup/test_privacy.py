"""Follow-up data and personal-data rights: export, erasure, retention, and the alerts digest."""

import datetime

import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.followup import indicators, services, tasks
from lms.followup.factories import at
from lms.followup.models import FollowUpPlan, Meeting, MeetingParticipant
from lms.people import privacy, retention
from lms.people.models import AuditLogEntry
from tests.followup.conftest import AFTER

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _world(fw):
    with time_machine.travel(at(AFTER), tick=False):
        services.open_plans_for_ended_courses()
    project = FollowUpPlan.objects.get(trainee=fw.trainee)
    rp = FollowUpPlan.objects.get(trainee=fw.referent)
    services.update_plan(plan=project, actor=fw.trainee, themes="Le rétablissement")
    services.save_action(
        plan=rp,
        actor=fw.referent,
        title="Réunion d'équipe",
        evidence_document=SimpleUploadedFile("cr.pdf", PDF, content_type="application/pdf"),
    )
    network = services.schedule_meeting(
        actor=fw.team,
        region=fw.ip_group.territory.region,
        audience="intervention_project",
        plans=[project, FollowUpPlan.objects.get(trainee=fw.other)],
        starts_at=at(AFTER),
        place="Lyon",
    )
    services.record_meeting(
        meeting=network, actor=fw.team, attended_ids={fw.trainee.pk}, summary="Réservé", summary_visibility="team"
    )
    questionnaire = indicators.open_questionnaire_for_team(plan=project, milestone="end", actor=fw.team)
    indicators.answer_questionnaire(questionnaire=questionnaire, actor=fw.trainee, values={"interventions_done": 1})
    return project, rp, network


def test_the_export_holds_the_plan_meetings_and_hides_team_only_summaries(fw):
    _world(fw)
    export = privacy.export_personal_data(fw.trainee)
    section = next(s for s in export["sections"] if s["name"] == "followup")
    plan = section["data"]["plans_de_suivi"][0]
    assert plan["contenu"]["thèmes"] == "Le rétablissement"
    assert plan["rendez_vous"][0]["compte_rendu"] == "(réservé à l'équipe)"


def test_erasure_deletes_plans_and_files_but_keeps_the_network_meeting(fw, django_capture_on_commit_callbacks):
    project, rp, network = _world(fw)
    document = rp.actions.get().evidence_document
    storage, name = document.storage, document.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_person(fw.referent, by=fw.admin)
        privacy.erase_person(fw.trainee, by=fw.admin)
    assert not FollowUpPlan.objects.filter(trainee__in=[fw.trainee, fw.referent]).exists()
    assert not storage.exists(name)
    assert Meeting.objects.filter(pk=network.pk).exists()
    assert not MeetingParticipant.objects.filter(person=fw.trainee).exists()


def test_retention_purges_plans_once_the_training_ended_long_ago(fw, settings):
    _world(fw)
    fw.ip_group.end_date = datetime.date(2026, 5, 19)
    fw.ip_group.save()
    settings.FOLLOWUP_RETENTION_MONTHS = 36
    assert retention.run_retention(now=at(datetime.date(2027, 5, 20)))["followup"] == 0
    purged = retention.run_retention(now=at(datetime.date(2029, 5, 20)))["followup"]
    assert purged >= 2  # the trainee and Léo (their only group ended); the RP group has no end date
    assert not FollowUpPlan.objects.filter(trainee=fw.trainee).exists()
    assert AuditLogEntry.objects.filter(action="delete", detail="durée de conservation dépassée").exists()


def test_the_daily_digest_goes_to_team_members_with_alerts(fw, settings):
    settings.FOLLOWUP_NO_CONTACT_DAYS = 30
    with time_machine.travel(at(AFTER), tick=False):
        services.open_plans_for_ended_courses()
    with time_machine.travel(at(AFTER + datetime.timedelta(days=40)), tick=False):
        assert tasks.send_alert_digests() == 2  # both regions' teams
    digest = next(m for m in mail.outbox if m.to == [fw.team.email])
    assert "Samia Haddad : Pas de contact depuis longtemps" in digest.body
    assert "Zoé Loin" not in digest.body
