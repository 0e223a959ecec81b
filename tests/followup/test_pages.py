"""The follow-up pages: the person's plan in Mon espace, the team's list, plan page and review."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.followup import factories, services
from lms.followup.models import FollowUpPlan
from lms.learning.factories import enrol
from lms.people.models import AuditLogEntry, Role


@pytest.fixture
def project(fw, after_course):
    return services.open_plan(trainee=fw.trainee, group=fw.ip_group, actor=None)


def test_mon_espace_shows_the_plan_once_the_course_has_ended(client, fw, after_course):
    client.force_login(fw.trainee)
    home = reverse("attendance:trainee_home")
    assert "Mon suivi après la formation" not in client.get(home).content.decode()
    services.open_plans_for_ended_courses()
    plan = FollowUpPlan.objects.get(trainee=fw.trainee)
    html = client.get(home).content.decode()
    assert "Mon suivi après la formation" in html
    assert reverse("followup:my_plan", args=[plan.pk]) in html


def test_the_person_writes_and_submits_their_draft(client, fw, project):
    client.force_login(fw.trainee)
    url = reverse("followup:my_plan", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "text-easy-read" in page.content.decode()
    response = client.post(url, {"themes": "Le rétablissement", "formats": ["awareness", "co_design"], "area": "Lyon"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.themes, project.formats, project.area) == ("Le rétablissement", ["awareness", "co_design"], "Lyon")
    client.post(reverse("followup:my_plan_submit", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == FollowUpPlan.Status.UNDER_REVIEW
    # Under review, the form is gone and a POST is refused.
    assert "Enregistrer mon plan" not in client.get(url).content.decode()
    assert client.post(url, {"themes": "Autre"}).status_code == 403
    assert AuditLogEntry.objects.filter(actor=fw.trainee, action="read", record_type="followup.followupplan").exists()


def test_a_refused_post_answers_400_with_the_error_and_saves_nothing(client, fw, project):
    client.force_login(fw.trainee)
    response = client.post(reverse("followup:my_plan", args=[project.pk]), {"themes": "x", "formats": ["juggling"]})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    project.refresh_from_db()
    assert project.themes == ""


def test_submitting_an_empty_project_says_why(client, fw, project):
    client.force_login(fw.trainee)
    response = client.post(reverse("followup:my_plan_submit", args=[project.pk]), follow=True)
    assert "Écrivez au moins un thème" in response.content.decode()
    project.refresh_from_db()
    assert project.status == FollowUpPlan.Status.DRAFT


def test_another_persons_plan_is_404(client, fw, project):
    client.force_login(fw.other)
    assert client.get(reverse("followup:my_plan", args=[project.pk])).status_code == 404
    client.force_login(fw.other_team)
    assert client.get(reverse("followup:plan_detail", args=[project.pk])).status_code == 404
    client.force_login(fw.trainee)
    assert client.get(reverse("followup:plan_detail", args=[project.pk])).status_code == 404


def test_the_team_reviews_returns_and_validates(client, fw, project):
    services.update_plan(plan=project, actor=fw.trainee, themes="Le rétablissement")
    services.submit_plan(plan=project, actor=fw.trainee)
    client.force_login(fw.team)
    decide = reverse("followup:plan_decision", args=[project.pk])
    assert client.post(decide, {"decision": "return", "comment": ""}).status_code == 400
    client.post(decide, {"decision": "return", "comment": "Précisez les publics."})
    project.refresh_from_db()
    assert project.status == FollowUpPlan.Status.DRAFT
    client.force_login(fw.trainee)
    assert "Précisez les publics." in client.get(reverse("followup:my_plan", args=[project.pk])).content.decode()
    services.submit_plan(plan=project, actor=fw.trainee)
    client.force_login(fw.team)
    client.post(decide, {"decision": "validate"})
    page = client.get(reverse("followup:plan_detail", args=[project.pk])).content.decode()
    assert "Version 1, validée le" in page
    assert "Le rétablissement" in page


def test_an_action_added_by_the_referent(client, fw, after_course):
    plan = services.open_plan(trainee=fw.referent, group=fw.rp_group, actor=None)
    client.force_login(fw.referent)
    url = reverse("followup:action_add", args=[plan.pk])
    assert client.post(url, {"title": "", "status": "todo"}).status_code == 400
    response = client.post(url, {"title": "Réunion d'équipe", "status": "todo", "due_date": "2026-07-01"})
    assert response.status_code == 302
    assert response["Location"] == reverse("followup:my_plan", args=[plan.pk])
    assert plan.actions.get().title == "Réunion d'équipe"


def test_the_menu_link_and_the_alerts_panel(client, fw, project):
    services.update_plan(plan=project, actor=fw.trainee, themes="Le rétablissement")
    services.submit_plan(plan=project, actor=fw.trainee)
    client.force_login(fw.team)
    html = client.get(reverse("cohorts:groups_overview")).content.decode()
    assert f'href="{reverse("followup:team_plans")}">Suivi</a>' in html
    assert "Alertes du suivi" in html
    assert "Plan en attente de relecture" in html
    client.force_login(fw.national)
    html = client.get(reverse("cohorts:groups_overview")).content.decode()
    assert "Alertes du suivi" not in html


def _add_plans(fw, count, make_user):
    """`count` more plans, half of them waiting for review (each raises an alert)."""
    for index in range(count):
        trainee = make_user(Role.TRAINEE)
        enrol(fw.ip_group, trainee)
        status = FollowUpPlan.Status.UNDER_REVIEW if index % 2 else FollowUpPlan.Status.DRAFT
        factories.plan(trainee, fw.ip_group, status=status)


def test_the_team_list_and_alerts_do_not_grow_with_the_plans(client, fw, make_user, after_course):
    client.force_login(fw.team)
    rp_plan = factories.plan(fw.referent, fw.rp_group, status=FollowUpPlan.Status.UNDER_REVIEW)
    services.save_action(plan=rp_plan, actor=fw.team, title="Une action", due_date=datetime.date(2026, 5, 1))

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _add_plans(fw, 2, make_user)
    small = count(reverse("followup:team_plans")), count(reverse("cohorts:groups_overview"))
    _add_plans(fw, 6, make_user)
    large = count(reverse("followup:team_plans")), count(reverse("cohorts:groups_overview"))
    assert small == large
    assert FollowUpPlan.objects.count() == 9


def test_action_progress_after_validation_and_its_evidence_served_to_the_person_and_team_only(client, fw, after_course):
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = services.open_plan(trainee=fw.referent, group=fw.rp_group, actor=None)
    action = services.save_action(plan=plan, actor=fw.referent, title="Réunion d'équipe")
    services.submit_plan(plan=plan, actor=fw.referent)
    services.validate_plan(plan=plan, actor=fw.team)
    client.force_login(fw.referent)
    url = reverse("followup:action_progress", args=[plan.pk, action.pk])
    pdf = SimpleUploadedFile("cr.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(url, {"status": "done", "evidence_note": "Faite le 2 juin", "evidence_document": pdf})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.evidence_note, bool(action.evidence_document)) == ("done", "Faite le 2 juin", True)
    evidence = reverse("followup:action_evidence", args=[plan.pk, action.pk])
    assert client.get(evidence).status_code == 200
    fake = SimpleUploadedFile("cr.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    assert client.post(url, {"status": "done", "evidence_document": fake}).status_code == 400
    for who in (fw.other_team, fw.trainee, fw.national):
        client.force_login(who)
        assert client.get(evidence).status_code == 404
    client.force_login(fw.team)
    assert client.get(evidence).status_code == 200
