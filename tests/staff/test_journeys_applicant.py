"""The applicant's whole way in, in a real Chromium: from the public home page to the course, the
public application form (a refusal first), the receipt e-mail; the regional team's interview and
enrolment through its own pages; then the invitation e-mail, the password chosen on a 390 px phone,
and "Mon espace" with the group and the first session."""

import datetime

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import expect

from lms.cohorts import services as cohort_services
from lms.cohorts.models import Application, Enrolment
from lms.people.models import User
from tests.axe import axe_violations
from tests.cohorts.conftest import plan
from tests.cohorts.test_invitation_browser import choose_password_and_log_in
from tests.cohorts.test_selection import IP_GRID
from tests.staff.walks import PARIS, PHONE, no_sideways_scroll, open_menu_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Monday 10 February 2031: the group recruits; its first session is on 3 March.
APPLYING = datetime.datetime(2031, 2, 10, 10, 0, tzinfo=PARIS)
EMAIL = "nina.morel@example.fr"


def no_violation(page):
    assert axe_violations(page) == [], page.url


def test_applicant_finds_the_course_applies_and_lands_in_her_group(page, live_server, login, world):
    course, group = world["ip_course"], world["ip_group"]
    page.set_default_timeout(15_000)
    with time_machine.travel(APPLYING, tick=True):
        first, _ = cohort_services.schedule_session(plan(world, page=world["ip_pages"][0]))
        mail.outbox.clear()

        # From the public home page to the course, then its "Candidater" button.
        page.goto(f"{live_server.url}/")
        no_violation(page)
        page.get_by_role("link", name=course.title, exact=True).first.click()
        expect(page.get_by_role("heading", name=course.title, level=1)).to_be_visible()
        no_violation(page)
        page.get_by_role("link", name=f"Candidater — {course.title}").first.click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_role("radio", name=course.title)).to_be_checked()

        # Sent without the consent: refused in French next to the field, nothing recorded, what was typed kept.
        page.get_by_label("Prénom").fill("Nina")
        page.locator("#id_last_name").fill("Morel")
        page.get_by_label("Adresse e-mail").fill(EMAIL)
        page.get_by_label("Territoire").select_option(str(world["territory"].pk))
        page.get_by_label("Pourquoi voulez-vous suivre cette formation ?").fill(
            "J'ai traversé la maladie et je veux aider d'autres personnes à s'en sortir."
        )
        page.get_by_label("De quoi avez-vous besoin pour l'entretien ?").fill("Des documents en FALC.")
        page.get_by_role("button", name="Envoyer ma candidature").click()
        expect(page.locator(".form-error-summary")).to_be_visible()
        expect(page.locator("#id_consent_error")).to_be_visible()
        expect(page.get_by_label("Adresse e-mail")).to_have_value(EMAIL)
        assert not Application.objects.exists() and mail.outbox == []
        no_violation(page)

        page.get_by_label("J'accepte que l'équipe régionale EPoP utilise ces informations").check()
        page.get_by_role("button", name="Envoyer ma candidature").click()
        expect(page.get_by_role("heading", name="Votre candidature est envoyée", level=1)).to_be_visible()
        no_violation(page)
        application = Application.objects.get(email=EMAIL)
        assert application.source == Application.Source.PUBLIC_FORM and application.course_id == course.pk
        # The receipt, in her inbox.
        assert [m.to for m in mail.outbox] == [[EMAIL]]
        receipt = mail.outbox[0]
        assert course.title in receipt.subject and "est bien reçue" in receipt.subject
        assert "Des documents en FALC." in receipt.body

        # The regional team's side, through its own pages: the interview, then the enrolment.
        login(world["regional"])
        open_menu_link(page, "Candidatures")
        page.get_by_role("link", name="Nina Morel").click()
        page.get_by_role("link", name="Enregistrer l'entretien").click()
        page.locator("#id_held_on").fill(APPLYING.date().isoformat())
        for name, value in IP_GRID.items():
            page.locator(f"input[name={name}][value={value}]").check()
        page.locator("input[name=decision][value=accepted]").check()
        page.locator("#id_decision_reason").fill("Recul sur son parcours, envie de transmettre.")
        page.get_by_role("button", name="Enregistrer l'entretien").click()
        expect(page.get_by_text("Entretien et décision enregistrés.")).to_be_visible()
        page.get_by_label("Groupe").select_option(value=str(group.pk))
        page.get_by_role("button", name="Inscrire").click()
        expect(page.get_by_text(f"Une invitation part à {EMAIL}")).to_be_visible()
        invitation = [m for m in mail.outbox if m.to == [EMAIL] and m is not receipt]
        assert len(invitation) == 1

        # On her phone: the link of the invitation, a password (a weak one refused first), Mon espace.
        page.set_viewport_size(PHONE)
        choose_password_and_log_in(page, live_server, invitation[0], EMAIL)
        assert page.url.endswith("/mon-espace/")
        expect(page.get_by_role("heading", name="Mon espace", level=1)).to_be_visible()
        facts = page.locator("section[aria-labelledby=prochaine-seance]")
        expect(facts).to_contain_text(first.session_page.title)
        expect(facts).to_contain_text("lundi 3 mars 2031")
        expect(page.get_by_role("table", name="IP Rhône : 0 h de présence")).to_be_visible()
        no_sideways_scroll(page)
        no_violation(page)
        open_menu_link(page, "Mon planning")
        expect(page.get_by_role("heading", name="Mon groupe : IP Rhône", exact=True)).to_be_visible()
        no_sideways_scroll(page)
        nina = User.objects.get(email=EMAIL)
        assert Enrolment.objects.filter(group=group, trainee=nina, status=Enrolment.Status.ENROLLED).exists()
