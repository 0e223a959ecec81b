"""Two journeys: a hot survey sent at a session's end, reminded to the one who has not answered and
answered in FALC mode on a phone; a complaint filed from Mon espace, handled by the regional team from
their start page, and the improvement action drawn from it tracked to its check."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import expect

from lms.surveys import services, tasks
from lms.surveys.models import Complaint, ImprovementAction, Invitation, Response
from tests.axe import axe_violations
from tests.surveys.conftest import AFTER_SESSION

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_hot_survey_sent_at_the_sessions_end_is_reminded_to_one_and_answered_in_falc_on_a_phone(
    page, live_server, login, world
):
    with time_machine.travel(AFTER_SESSION, tick=True):
        tasks.run_survey_cycle()
        assert len(mail.outbox) == 6
        late, *others = world.trainees
        for person in others:
            invitation = Invitation.objects.get(person=person)
            services.answer_as_person(invitation_id=invitation.pk, answers={"seance-globale": "4"}, actor=person)
    mail.outbox.clear()
    with time_machine.travel(AFTER_SESSION + datetime.timedelta(days=3, hours=1), tick=True):
        tasks.run_survey_cycle()
        assert [message.to for message in mail.outbox] == [[late.email]]
        link = re.search(r"http\S+/questionnaires/r/[0-9a-f]+/", mail.outbox[0].body).group(0)

        page.set_viewport_size(PHONE)
        page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
        page.get_by_role("button", name="Menu").click()
        page.locator("summary", has_text="Affichage").click()
        falc = page.get_by_label("Facile à lire et à comprendre (FALC)").first
        falc.focus()
        page.keyboard.press("Space")
        page.get_by_role("status").filter(has_text="activé").first.wait_for()
        page.get_by_role("button", name="Menu").click()
        expect(page.get_by_role("group", name="La séance vous a plu ?")).to_be_visible()
        expect(page.get_by_text("Êtes-vous satisfait de cette séance ?")).to_be_hidden()
        assert axe_violations(page) == []
        assert no_sideways_scroll(page)

        # The scale is a radio group: reached with Tab, moved with the arrow keys.
        page.get_by_role("radio", name="Je ne suis pas content du tout").first.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        chosen = page.get_by_role("group", name="La séance vous a plu ?").locator("input:checked")
        assert chosen.get_attribute("value") == "4"
        assert (
            page.locator(f"label[for='{chosen.get_attribute('id')}']").inner_text().strip().endswith("Je suis content")
        )
        page.get_by_label("Vous voulez dire autre chose ?").fill("Les pauses étaient courtes")
        page.get_by_role("button", name="Envoyer mes réponses").click()
        page.get_by_role("heading", name="Merci pour vos réponses").wait_for()
        assert no_sideways_scroll(page)

        page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
        assert page.get_by_role("heading", level=1).inner_text() == "Questionnaire déjà rempli"

    assert Invitation.objects.filter(answered=True).count() == 6
    answers = sorted(Response.objects.values_list("answers", flat=True), key=len)
    assert answers[-1] == {"seance-globale": 4, "commentaire": "Les pauses étaient courtes"}

    # The regional team reads the results: six answers out of six, no names.
    page.set_viewport_size({"width": 1280, "height": 900})
    with time_machine.travel(AFTER_SESSION + datetime.timedelta(days=4), tick=True):
        page.context.clear_cookies()
        login(world.regional)
        page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Satisfaction").click()
        page.get_by_role("link", name="Votre avis sur la séance").click()
        page.get_by_text("6 réponses sur 6 personnes invitées").wait_for()
        text = page.content()
        assert "Les pauses étaient courtes" in text
        for person in world.trainees:
            assert person.last_name not in text and person.email not in text
        assert axe_violations(page) == []


def test_a_complaint_from_mon_espace_is_handled_by_the_regional_team_and_an_action_is_checked(
    page, live_server, login, world
):
    trainee = world.trainees[0]
    with time_machine.travel(datetime.datetime(2026, 12, 3, 10, 0, tzinfo=AFTER_SESSION.tzinfo), tick=True):
        login(trainee)
        page.get_by_role("main").get_by_role("link", name="Faire une réclamation").click()  # the footer has one too
        page.get_by_label("Mon groupe").select_option(label=world.group.name)
        page.get_by_label(re.compile("^Accessibilité")).check()
        page.get_by_label("Ce qui s'est passé").fill("L'interprète LSF n'est pas venu à la séance 3.")
        page.get_by_role("button", name="Envoyer ma réclamation").click()
        page.get_by_role("heading", name="Réclamation envoyée").wait_for()
        complaint = Complaint.objects.get()
        assert complaint.complainant == trainee and complaint.acknowledge_by == datetime.date(2026, 12, 7)

        page.context.clear_cookies()
        login(world.regional)
        panel = page.get_by_role("region", name="Réclamations et qualité")
        assert "1 réclamation ouverte" in panel.inner_text()
        panel.get_by_role("link", name="Registre des réclamations").click()
        page.get_by_role("link", name=re.compile("3 décembre 2026")).click()
        page.get_by_role("button", name="Accuser réception").wait_for()
        assert trainee.email not in page.content()
        page.get_by_role("button", name="Accuser réception").click()
        page.get_by_role("heading", name="Répondre").wait_for()
        page.get_by_label("Réponse envoyée").fill("Un interprète de remplacement est réservé pour la séance 4.")
        page.get_by_role("button", name="Enregistrer la réponse").click()
        page.get_by_role("heading", name="Clore").wait_for()
        page.get_by_label("Satisfaite", exact=True).check()
        page.get_by_role("button", name="Clore la réclamation").click()
        page.get_by_text("Réclamation mise à jour : Clôturée.").wait_for()
        assert axe_violations(page) == []

        page.get_by_role("link", name="Décider une action d'amélioration").click()
        page.get_by_label("Décision").fill("Confirmer chaque interprète la veille par téléphone")
        page.get_by_role("textbox", name=re.compile(r"^Action \(obligatoire\)")).fill(
            "Appel de confirmation des interprètes à J-1"
        )
        page.get_by_label("Échéance").fill("2026-12-18")
        page.get_by_role("button", name="Enregistrer l'action").click()
        page.get_by_role("heading", name="Appel de confirmation des interprètes à J-1").wait_for()

        page.get_by_label("Statut").select_option(label="Efficacité vérifiée")
        page.get_by_role("button", name="Mettre à jour").click()
        expect(page.get_by_role("alert")).to_be_visible()  # the result of the check is required
        page.get_by_label("Statut").select_option(label="Efficacité vérifiée")
        page.get_by_label("Vérification de l'efficacité (résultat)").fill("Aucun interprète absent depuis")
        page.get_by_role("button", name="Mettre à jour").click()
        page.get_by_text("Action mise à jour.").wait_for()

    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.CLOSED and complaint.satisfaction == "satisfied"
    action = ImprovementAction.objects.get()
    assert action.complaint == complaint and action.status == ImprovementAction.Status.CHECKED
