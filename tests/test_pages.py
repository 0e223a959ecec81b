"""Public pages: French home page listing both courses, English through the switcher, login."""

import pytest
from django.conf import settings

from lms.people.models import Role

pytestmark = pytest.mark.django_db


def test_home_page_presents_both_courses_in_french(client, site_tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert "Formation des intervenants-pairs" in html and "/formations/intervenants-pairs/" in html
    assert "Formation des référents de l&#x27;intervention par les pairs" in html
    assert "/formations/referents/" in html
    assert "Groupes de 8 personnes au plus" in html and "Groupes de 15 personnes au plus" in html
    assert html.count("<h1") == 1
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    assert 'href="/accessibilite/"' in html


def test_english_is_available_through_the_language_switcher(client, site_tree):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html and "Log in" in html


def test_accessibility_statement_is_public(client, site_tree):
    response = client.get("/accessibilite/")
    assert response.status_code == 200
    assert "Défenseur des droits" in response.content.decode()


def test_demo_account_logs_in_and_out(client, site_tree, make_user):
    user = make_user(Role.TRAINER, email="formatrice@example.fr")
    response = client.post("/connexion/", {"username": "formatrice@example.fr", "password": settings.DEMO_PASSWORD})
    assert response.status_code == 302 and response.url == "/mon-espace/"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert "Se déconnecter" in client.get("/").content.decode()
    client.post("/deconnexion/")
    assert "_auth_user_id" not in client.session


def test_login_ignores_the_case_of_the_email(client, site_tree, make_user):
    make_user(Role.TRAINEE, email="samia@example.fr")
    response = client.post("/connexion/", {"username": " Samia@Example.FR ", "password": settings.DEMO_PASSWORD})
    assert response.status_code == 302


def test_wrong_password_shows_a_french_error(client, site_tree, make_user):
    make_user(Role.TRAINEE, email="stagiaire@example.fr")
    response = client.post("/connexion/", {"username": "stagiaire@example.fr", "password": "faux"})
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in response.content.decode()
