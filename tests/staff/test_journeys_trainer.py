"""The trainer's whole job on a session day in one walk through a real Chromium, from login and the
start page ("Émargement de mes séances", "Mes séances"), by links and buttons only, part of it on a
390 px phone: the session's sheet opened, trainees marked present and absent, the morning
countersigned, the attendance sheet PDF, feedback on an intersession work, an objectives evaluation."""

import re

import pytest
import time_machine
from playwright.sync_api import expect

from lms.attendance import services as attendance_services
from lms.attendance.models import AttendanceRecord, AttendanceSlot
from lms.learning.factories import SubmissionFactory
from lms.learning.models import Feedback, ObjectiveAssessment
from tests.axe import axe_violations
from tests.staff.walks import (
    DESKTOP,
    NOW,
    PHONE,
    TASK_TITLE,
    TODAY_TITLE,
    no_sideways_scroll,
    open_menu_link,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_violation(page):
    assert axe_violations(page) == [], page.url


def test_trainer_runs_a_session_day_from_the_start_page(page, live_server, login, session_day):
    trainer, samia, leo = session_day["trainer"], session_day["trainee"], session_day["leo"]
    today = session_day["today"]
    # Samia handed in the work of the previous weeks' task early (her side, not the trainer's).
    SubmissionFactory(assignment=session_day["assignment"], trainee=samia, text="Un pair m'a écoutée sans juger.")
    page.set_default_timeout(15_000)

    with time_machine.travel(NOW, tick=True):
        page.set_viewport_size(PHONE)
        login(trainer)
        # Login lands on the sheets of the sessions she leads; "Mes séances" leads there too.
        assert page.url.endswith("/emargement/")
        no_sideways_scroll(page)
        no_violation(page)
        open_menu_link(page, "Mes séances")
        expect(page.get_by_role("heading", name="Mes séances", level=1)).to_be_visible()
        expect(page.get_by_role("table", name="Séances à venir que j'anime")).to_contain_text(TODAY_TITLE)
        no_sideways_scroll(page)
        no_violation(page)
        page.get_by_role("link", name="Émargement de mes séances : ouvrir les feuilles").click()
        page.get_by_role("link", name=TODAY_TITLE, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Émargement — {TODAY_TITLE}, 3 mars 2031")
        no_sideways_scroll(page)

        # Opens the morning; Samia signs on her phone meanwhile.
        page.get_by_role("button", name="Ouvrir l'émargement du matin").click()
        expect(page.get_by_text("Ouvert par Fanny Roux")).to_be_visible()
        slot = AttendanceSlot.objects.get(session=today, half_day="morning")
        attendance_services.sign(slot, samia, "one_tap", by=samia)
        no_violation(page)

        # Léo is not there: a justified absence needs its reason (refused, nothing saved), then absent.
        page.reload()
        page.get_by_role("link", name="Modifier la présence de Léo Petit, matin").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Présence de Léo Petit, matin")
        no_sideways_scroll(page)
        page.get_by_role("combobox", name=re.compile("^Statut")).select_option("excused")
        page.get_by_role("button", name="Enregistrer le statut").click()
        expect(page.locator(".form-error-summary")).to_be_visible()
        assert not AttendanceRecord.objects.filter(slot=slot, trainee=leo, status="excused").exists()
        no_violation(page)
        page.get_by_role("combobox", name=re.compile("^Statut")).select_option("absent")
        page.get_by_role("button", name="Enregistrer le statut").click()
        expect(page.get_by_text("Statut enregistré.")).to_be_visible()
        assert AttendanceRecord.objects.get(slot=slot, trainee=leo).status == "absent"

        # Samia, who signed, is marked present; then the morning is countersigned and closed.
        page.get_by_role("link", name="Modifier la présence de Samia Haddad, matin").click()
        page.get_by_role("combobox", name=re.compile("^Statut")).select_option("present")
        page.get_by_role("button", name="Enregistrer le statut").click()
        expect(page.get_by_text("Statut enregistré.")).to_be_visible()
        assert AttendanceRecord.objects.get(slot=slot, trainee=samia).status == "present"
        page.get_by_role("button", name="Contresigner et clore le matin").click()
        expect(page.locator(".form-error-summary, .message-error").first).to_be_visible()
        assert AttendanceSlot.objects.get(pk=slot.pk).closed_at is None
        page.get_by_label("Je contresigne : les présences de ce créneau sont exactes.").first.check()
        page.get_by_role("button", name="Contresigner et clore le matin").click()
        expect(page.get_by_text("Contresigné et clos par Fanny Roux")).to_be_visible()
        no_sideways_scroll(page)
        no_violation(page)

        # The attendance sheet as a PDF, from its link.
        page.set_viewport_size(DESKTOP)
        href = page.get_by_role("link", name="Feuille d'émargement (PDF)").get_attribute("href")
        response = page.request.get(live_server.url + href if href.startswith("/") else href)
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        assert response.body()[:5] == b"%PDF-"

        # Samia's intersession work: an empty feedback is refused, then a written one is saved.
        open_menu_link(page, "Travaux et objectifs")
        page.get_by_role("link", name="Travaux du groupe IP Rhône", exact=True).click()
        no_violation(page)
        # The visible badge of the link (its hidden words name the trainee and the work).
        work_link = page.get_by_role("link", name=re.compile(f"^Samia Haddad, {re.escape(TASK_TITLE)}"))
        work_link.get_by_text("Rendu").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{TASK_TITLE} — Samia Haddad")
        expect(page.get_by_text("Un pair m'a écoutée sans juger.")).to_be_visible()
        page.get_by_role("button", name="Enregistrer le retour").click()
        expect(page.locator(".form-error-summary")).to_be_visible()
        assert not Feedback.objects.exists()
        no_violation(page)
        page.get_by_label("Votre retour écrit").fill("Merci Samia : ton exemple parlera au groupe.")
        page.get_by_role("button", name="Enregistrer le retour").click()
        expect(page.get_by_text("Merci Samia : ton exemple parlera au groupe.")).to_be_visible()
        assert Feedback.objects.get().text == "Merci Samia : ton exemple parlera au groupe."

        # The intermediate evaluation of Samia's objectives, from the group's objectives.
        page.get_by_role("link", name="Retour aux travaux du groupe").click()
        page.get_by_role("link", name="Voir les objectifs du groupe").click()
        no_violation(page)
        page.get_by_role("link", name="Samia Haddad", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Objectifs de Samia Haddad")
        page.get_by_role("link", name="Point d'étape").click()
        page.locator("fieldset.objective-fieldset").first.get_by_role("radio").nth(2).check()
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Objectifs de Samia Haddad")
        assessment = ObjectiveAssessment.objects.get(trainee=samia, kind=ObjectiveAssessment.Kind.INTERMEDIATE)
        assert assessment.assessor == ObjectiveAssessment.Assessor.TRAINERS and assessment.level == 3
        no_violation(page)
