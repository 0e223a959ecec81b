"""The 500 and CSRF-failure pages in Chromium: readable, with a way back, and no axe-core violation
(403 and 404 are in the platform-wide audit)."""

import pytest
from playwright.sync_api import expect

from tests.axe import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.error_urls")]


def test_the_500_page_passes_axe(page, live_server):
    response = page.goto(f"{live_server.url}/test-erreurs/500/")
    assert response.status == 500
    assert page.get_by_role("heading", level=1).inner_text() == "Une erreur est survenue"
    expect(page.get_by_role("link", name="Retour à l'accueil")).to_be_visible()
    assert axe_violations(page) == []


def test_an_expired_form_gets_the_csrf_page_with_a_way_back(page, live_server):
    page.goto(f"{live_server.url}/connexion/")
    page.context.clear_cookies()  # as if the session and its token had expired
    page.get_by_label("Adresse e-mail").fill("personne@example.fr")
    page.get_by_label("Mot de passe").fill("peu importe")
    page.get_by_role("button", name="Se connecter").click()
    # Waits for the answer to the post: the login page is still shown while it travels.
    expect(page.get_by_role("heading", level=1)).to_have_text("Le formulaire a expiré")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Retour à l'accueil").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/"
