"""The follow-up journeys in a real Chromium: a trainee whose course ended finds and writes their plan
in Mon espace on a phone, then answers the +3-month questionnaire in easy-to-read mode; the regional
team, from its login, opens "Suivi", schedules an individual meeting with the LSF need carried into
its arrangements, then writes the summary and the next steps."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accessibility import services as accessibility
from accessibility.models import ArrangementKind
from accessibility.preferences import COOKIE_NAME
from lms.followup import indicators, services
from lms.followup.models import FollowUpPlan, IndicatorAnswer, Meeting
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ended(fw):
    """The course ended in May; the daily scan has opened the plans."""
    services.open_plans_for_ended_courses()
    return fw


def test_a_trainee_finds_their_plan_on_a_phone_and_answers_the_3_month_questionnaire_in_falc(
    page, live_server, login, ended
):
    fw = ended
    page.set_viewport_size({"width": 390, "height": 844})
    login(fw.trainee)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Mon espace").click()
    page.wait_for_load_state()
    assert FollowUpPlan.objects.filter(trainee=fw.trainee).exists()
    expect(page.get_by_role("heading", name="Mon suivi après la formation")).to_have_count(1)
    page.get_by_role("link", name="Mon projet d'intervention").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    page.get_by_label("Mes thèmes").fill("Le rétablissement en santé mentale")
    page.get_by_label("Sensibilisation").check()
    page.get_by_role("button", name="Enregistrer mon plan").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Envoyer mon plan à l'équipe").click()
    page.wait_for_load_state()
    assert "Votre plan est envoyé à l'équipe" in page.locator(".messages").inner_text()
    plan = FollowUpPlan.objects.get(trainee=fw.trainee)
    assert (plan.status, plan.themes, plan.formats) == (
        "under_review",
        "Le rétablissement en santé mentale",
        ["awareness"],
    )

    # Three months on, the scheduler's questionnaire is waiting (sent as the task does).
    questionnaire = indicators.open_questionnaire_for_team(plan=plan, milestone="3m", actor=fw.team)
    questionnaire.sent_at = timezone.now()
    questionnaire.save()
    page.context.add_cookies([{"name": COOKIE_NAME, "value": "falc", "url": live_server.url}])
    page.reload()
    page.get_by_role("link", name="3 mois après").click()
    page.wait_for_load_state()
    scale = page.get_by_role("group", name="Je peux parler de mon expérience pour aider les autres.")
    scale.get_by_label("4 — Tout à fait").check()
    page.get_by_label("Combien de fois avez-vous parlé de votre expérience à un groupe ?").fill("2")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Envoyer mes réponses").click()
    page.wait_for_load_state()
    assert "Merci" in page.locator(".messages").inner_text()
    answers = {a.indicator.code: a.display for a in IndicatorAnswer.objects.select_related("indicator")}
    assert answers["able_to_share_experience"] == "4" and answers["interventions_done"] == "2"


def test_the_regional_team_schedules_a_meeting_and_writes_its_summary(page, live_server, login, ended):
    fw = ended
    accessibility.give_consent(fw.trainee, actor=fw.trainee, accepted=True)
    accessibility.add_need(fw.trainee, actor=fw.trainee, kind=ArrangementKind.LSF, details="Deux interprètes")
    login(fw.team)
    page.get_by_role("link", name="Suivi", exact=True).click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Samia Haddad").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Programmer un rendez-vous individuel").click()
    page.wait_for_load_state()
    earlier = timezone.localtime() - datetime.timedelta(hours=2)
    page.get_by_label("Objet").fill("Point sur le projet")
    page.get_by_label("Date et heure").fill(earlier.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Lieu").fill("Maison des associations, Lyon 3e")
    page.get_by_role("button", name="Programmer et inviter").click()
    page.wait_for_load_state()
    assert "Interprétation en langue des signes française (LSF)" in page.locator("main").inner_text()
    page.get_by_role("textbox", name="Compte rendu").fill("Projet d'atelier en IME ; un binôme pour commencer.")
    page.get_by_label("Équipe seulement").check()
    page.get_by_label("Prochaine étape 1").fill("Appeler l'IME Les Platanes")
    page.get_by_label("Pour le (étape 1)").fill("2030-01-15")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Enregistrer le compte rendu").click()
    page.wait_for_load_state()
    assert "Compte rendu enregistré" in page.locator(".messages").inner_text()
    meeting = Meeting.objects.get()
    assert (meeting.status, meeting.summary_visibility) == ("held", "team")
    assert meeting.next_actions.get().title == "Appeler l'IME Les Platanes"
    plan = FollowUpPlan.objects.get(trainee=fw.trainee)
    assert plan.last_contact_at is not None


def test_the_regional_team_holds_a_network_meeting_with_lsf_and_marks_a_next_step_done(page, live_server, login, ended):
    fw = ended
    accessibility.give_consent(fw.other, actor=fw.other, accepted=True)
    accessibility.add_need(fw.other, actor=fw.other, kind=ArrangementKind.LSF, details="Deux interprètes")
    login(fw.team)
    page.get_by_role("link", name="Suivi", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Programmer une réunion de réseau").click()
    page.wait_for_load_state()
    earlier = timezone.localtime() - datetime.timedelta(hours=2)
    page.get_by_label("Objet").fill("Réseau des intervenants-pairs")
    page.get_by_label("Date et heure").fill(earlier.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Lien de visioconférence").fill("https://visio.example.org/reseau")
    page.get_by_label("Samia Haddad").check()
    page.get_by_label("Léo Petit").check()
    page.get_by_role("button", name="Programmer et inviter").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Réunion de réseau" in main and "Léo Petit" in main
    assert "Interprétation en langue des signes française (LSF)" in main and "(1 personne)" in main
    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.participants.count()) == ("network", 2)

    # After the meeting, on a phone: the summary and a next step for each participant.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Samia Haddad").check()
    page.get_by_label("Léo Petit").check()
    page.get_by_role("textbox", name="Compte rendu").fill("Chacun présente son projet d'atelier.")
    page.get_by_label("Prochaine étape 1").fill("Envoyer son projet à l'équipe")
    page.get_by_label("Pour le (étape 1)").fill("2030-01-15")
    page.get_by_role("button", name="Enregistrer le compte rendu").click()
    page.wait_for_load_state()
    assert "Compte rendu enregistré" in page.locator(".messages").inner_text()
    assert meeting.next_actions.count() == 2

    page.get_by_role("link", name="Retour au suivi").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Samia Haddad").first.click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Marquer comme faite : Envoyer son projet à l'équipe").click()
    page.wait_for_load_state()
    assert "marquée comme faite" in page.locator(".messages").inner_text()
    assert axe_violations(page) == []
    samia = FollowUpPlan.objects.get(trainee=fw.trainee)
    assert samia.next_actions.get().done
    assert not FollowUpPlan.objects.get(trainee=fw.other).next_actions.get().done
