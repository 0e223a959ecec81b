"""In Chromium: the regional team enrols an accepted applicant, who receives the invitation, chooses a
password and logs in; a trainee who forgot the password gets a new one through "Mot de passe oublié ?"."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from lms.cohorts.factories import ApplicationFactory
from lms.people.models import User
from tests.axe import axe_violations
from tests.cohorts.test_selection import IP_GRID, accept

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Rivière-du-loup-2031"


def link_path(message) -> str:
    return re.search(re.escape(settings.SITE_BASE_URL) + r"(/\S+/)", message.body).group(1)


def choose_password_and_log_in(page, live_server, message, email):
    page.context.clear_cookies()
    page.goto(live_server.url + link_path(message))
    expect(page.locator("h1")).to_have_count(1)
    assert axe_violations(page) == []
    # A refused password: French error next to the field, accessible.
    page.locator("#id_new_password1").fill("motdepasse")
    page.locator("#id_new_password2").fill("motdepasse")
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()
    page.wait_for_load_state()
    expect(page.locator(".form-error-summary")).to_have_count(1)
    assert axe_violations(page) == []
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()
    page.wait_for_load_state()
    assert page.url.endswith("/connexion/")
    expect(page.get_by_text("Votre mot de passe est enregistré")).to_be_visible()
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_an_enrolled_applicant_is_invited_chooses_a_password_and_logs_in(page, live_server, login, world):
    application = ApplicationFactory(
        course=world["ip_course"], territory=world["territory"], email="nina.morel@example.fr", first_name="Nina"
    )
    # Browser tests keep the real clock: the interview is held today, as the date bounds require.
    accept(application, IP_GRID, held_on=timezone.localdate())
    login(world["regional"])
    # From the regional team's start page, through the menu.
    page.get_by_role("link", name="Candidatures").click()
    page.get_by_role("link", name=application.full_name).click()
    page.get_by_label("Groupe").select_option(value=str(world["ip_group"].pk))
    page.get_by_role("button", name="Inscrire").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Une invitation part à nina.morel@example.fr")).to_be_visible()

    assert [message.to for message in mail.outbox] == [["nina.morel@example.fr"]]
    choose_password_and_log_in(page, live_server, mail.outbox[0], "nina.morel@example.fr")
    assert page.url.endswith("/mon-espace/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mon espace"
    assert User.objects.get(email="nina.morel@example.fr").check_password(PASSWORD)


def test_forgotten_password_from_the_login_page(page, live_server, world):
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    assert axe_violations(page) == []
    page.get_by_label("Adresse e-mail").fill(world["trainee"].email)
    page.get_by_role("button", name="Recevoir le lien").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Vérifiez vos e-mails"
    assert axe_violations(page) == []

    assert len(mail.outbox) == 1
    choose_password_and_log_in(page, live_server, mail.outbox[0], world["trainee"].email)
    assert page.url.endswith("/mon-espace/")
