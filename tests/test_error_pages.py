"""403, 404, 500 and CSRF-failure pages: in the site's layout, in the visitor's language, with a way
back; with DEBUG=False as in production."""

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation

from lms.people.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]


@pytest.fixture(autouse=True)
def restore_language():
    # A request in English leaves English active in this thread (LocaleMiddleware): later tests expect French.
    with translation.override(translation.get_language()):
        yield


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def english_client():
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_debug_is_off():
    assert settings.DEBUG is False


def test_404_in_the_site_layout_with_a_way_back(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert html_lang(response) == "fr"
    assert "Page introuvable" in html and 'class="site-header"' in html and 'id="contenu"' in html
    assert 'href="/"' in html and "Retour à l'accueil" in html


def test_404_in_the_visitors_language(english_client):
    response = english_client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404 and html_lang(response) == "en"


def test_404_for_a_signed_in_person_leads_back_to_their_start_page(client):
    client.force_login(UserFactory())
    html = client.get("/groupes/999999/").content.decode()
    assert 'href="/mon-espace/"' in html and "Retour à mon espace" in html


def test_403_in_the_site_layout(client, english_client):
    response = client.get("/test-erreurs/403/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html and 'class="site-header"' in html and html_lang(response) == "fr"
    assert 'href="/connexion/?next=/test-erreurs/403/"' in html
    assert html_lang(english_client.get("/test-erreurs/403/")) == "en"


def test_a_real_refusal_uses_the_403_page(client):
    client.force_login(UserFactory())
    response = client.get("/candidatures/")
    assert response.status_code == 403 and "Accès refusé" in response.content.decode()


def test_500_renders_a_minimal_page_without_the_database(english_client):
    client = Client(raise_request_exception=False)
    for path in ("/test-erreurs/500/", "/test-erreurs/base-indisponible/"):
        response = client.get(path)
        assert response.status_code == 500
        html = response.content.decode()
        assert html_lang(response) == "fr" and "Une erreur est survenue" in html and 'href="/"' in html
    assert html_lang(english_client.get("/test-erreurs/500/")) == "en"


def test_500_renders_even_when_context_processors_would_fail(settings):
    failing = [*settings.TEMPLATES[0]["OPTIONS"]["context_processors"], "tests.test_error_pages.failing_processor"]
    templates = [
        {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"], "context_processors": failing}}
    ]
    with override_settings(TEMPLATES=templates):
        response = Client(raise_request_exception=False).get("/test-erreurs/500/")
    assert response.status_code == 500 and "Une erreur est survenue" in response.content.decode()


def failing_processor(request):
    raise RuntimeError("context processor broke")


def test_csrf_failure_page_in_the_site_layout(english_client):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/connexion/", {"username": "a@example.fr", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Le formulaire a expiré" in html and 'class="site-header"' in html and html_lang(response) == "fr"
    assert 'href="/"' in html
    english = Client(enforce_csrf_checks=True)
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert html_lang(english.post("/connexion/", {})) == "en"
