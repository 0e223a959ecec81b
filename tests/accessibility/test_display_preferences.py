"""Display preferences: for everyone (cookie), on the account when signed in, on every page at first paint."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from accessibility.models import DisplayPreference
from accessibility.preferences import COOKIE_NAME, DisplayPrefs

pytestmark = pytest.mark.django_db

URL = "/accessibilite/affichage/"


def html_tag(response):
    content = response.content.decode()
    return content[content.index("<html") : content.index(">", content.index("<html")) + 1]


def test_cookie_value_round_trip():
    prefs = DisplayPrefs(falc=True, high_contrast=True)
    assert prefs.as_cookie() == "falc.high_contrast"
    assert DisplayPrefs.from_cookie("falc.high_contrast.unknown") == prefs
    assert prefs.html_classes == "falc-mode pref-high-contrast"
    assert DisplayPrefs.from_cookie("") == DisplayPrefs() and not DisplayPrefs().any


def test_anonymous_choices_go_in_a_cookie_and_back_to_the_page(client, site_tree):
    response = client.post(URL, {"falc": "on", "larger_text": "on", "next": "/formations/"})
    assert response.status_code == 302 and response.url == "/formations/"
    assert response.cookies[COOKIE_NAME].value == "falc.larger_text"
    assert not DisplayPreference.objects.exists()
    page = client.get("/formations/")
    assert html_tag(page) == '<html lang="fr" class="falc-mode pref-larger-text">'
    assert page.context["display_prefs"].falc is True
    assert page.context["display_prefs"].high_contrast is False


def test_an_outside_next_address_is_ignored(client, site_tree):
    response = client.post(URL, {"reduced_motion": "on", "next": "https://evil.example/"})
    assert response.url == URL


def test_the_live_panel_gets_json_and_a_status_message(client):
    response = client.post(URL, {"high_contrast": "on"}, headers={"X-Requested-With": "fetch"})
    assert response.json() == {
        "status": "Vos préférences d'affichage sont enregistrées.",
        "classes": "pref-high-contrast",
    }
    assert response.cookies[COOKIE_NAME].value == "high_contrast"


def test_signed_in_choices_are_kept_on_the_account_and_follow_to_a_new_device(client, make_user, site_tree):
    user = make_user()
    client.force_login(user)
    client.post(URL, {"more_spacing": "on", "reduced_motion": "on"})
    saved = DisplayPreference.objects.get(user=user)
    assert (saved.more_spacing, saved.reduced_motion, saved.falc) == (True, True, False)
    client.cookies.clear()
    client.force_login(user)
    assert html_tag(client.get("/")) == '<html lang="fr" class="pref-more-spacing pref-reduced-motion">'
    # Unticking everything is a choice too.
    client.post(URL, {})
    assert not DisplayPrefs.from_model(DisplayPreference.objects.get(user=user)).any
    assert html_tag(client.get("/")) == '<html lang="fr">'


def test_the_preference_form_is_on_every_page_with_the_current_choices(client, site_tree):
    client.cookies[COOKIE_NAME] = "high_contrast"
    content = client.get("/accessibilite/").content.decode()
    assert 'id="panel-pref-high_contrast" name="high_contrast" data-class="pref-high-contrast" checked' in content
    assert "<legend>Préférences d'affichage</legend>" in content
    assert 'role="status"' in content
    page = client.get(reverse("accessibility:preferences")).content.decode()
    assert 'id="pref-high_contrast"' in page and "panel-pref" not in page


def test_dual_text_leaves_out_a_missing_easy_read_version():
    template = Template("{% load accessibility_tags %}{% dual_text standard easy %}")
    with_easy = template.render(Context({"standard": "Texte", "easy": "Facile"}))
    assert with_easy == (
        '<div class="dual-text"><div class="text-standard">Texte</div>'
        '<div class="text-easy-read easy-read">Facile</div></div>'
    )
    without = template.render(Context({"standard": "Texte <b>", "easy": " "}))
    assert without == '<div class="dual-text"><div class="text-standard">Texte &lt;b&gt;</div></div>'
