"""Display preferences in Chromium: applied at once without reloading, keyboard operable, announced,
kept across pages, and the high-contrast theme itself passes axe."""

import pytest
from playwright.sync_api import expect

from accessibility.models import DisplayPreference
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUAL_TEXT_SCRIPT = """
document.querySelector('h1').insertAdjacentHTML('afterend',
  '<div class="dual-text" id="with"><div class="text-standard">Texte complet</div>' +
  '<div class="text-easy-read easy-read">Texte facile</div></div>' +
  '<div class="dual-text" id="without"><div class="text-standard">Seulement le texte complet</div>' +
  '<div class="text-easy-read easy-read">  </div></div>');
"""


def html_classes(page):
    return page.evaluate("document.documentElement.className")


def test_keyboard_user_turns_on_falc_and_larger_text_without_reload(page, live_server, site_tree):
    page.goto(f"{live_server.url}/accessibilite/")
    page.evaluate("window.notReloaded = true")
    page.evaluate(DUAL_TEXT_SCRIPT)
    page.evaluate(
        "document.querySelectorAll('.dual-text').forEach(b => b.classList.toggle('no-easy-read', "
        "!b.querySelector('.text-easy-read').textContent.trim()))"
    )
    expect(page.locator("#with .text-standard")).to_be_visible()
    expect(page.locator("#with .text-easy-read")).to_be_hidden()

    summary = page.locator("summary", has_text="Affichage")
    summary.focus()
    page.keyboard.press("Enter")
    falc = page.get_by_label("Facile à lire et à comprendre (FALC)")
    falc.focus()
    page.keyboard.press("Space")
    page.get_by_role("status").filter(has_text="activé").wait_for()
    assert page.get_by_role("status").filter(has_text="activé").inner_text() == (
        "Facile à lire et à comprendre (FALC) : activé."
    )
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "Texte plus grand"
    page.get_by_role("status").filter(has_text="Texte plus grand : activé.").wait_for()

    assert page.evaluate("window.notReloaded") is True
    assert html_classes(page) == "falc-mode pref-larger-text"
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
    expect(page.locator("#with .text-easy-read")).to_be_visible()
    expect(page.locator("#with .text-standard")).to_be_hidden()
    expect(page.locator("#without .text-standard")).to_be_visible()  # No easy-read version: standard stays.

    # The next page is rendered with the choices from the first paint (cookie).
    page.goto(f"{live_server.url}/formations/")
    assert html_classes(page) == "falc-mode pref-larger-text"
    assert page.get_by_label("Texte plus grand").first.is_checked()


def test_signed_in_choice_is_saved_on_the_account(page, live_server, site_tree, make_user, login):
    user = make_user()
    login(user)
    page.goto(f"{live_server.url}/accessibilite/affichage/")
    page.get_by_label("Pas d'animation").check()
    page.get_by_role("status").filter(has_text="Pas d'animation : activé.").wait_for()
    assert DisplayPreference.objects.get(user=user).reduced_motion is True
    assert "pref-reduced-motion" in html_classes(page)


def test_without_javascript_the_form_posts_and_comes_back(browser, live_server, site_tree):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accessibilite/affichage/")
        page.get_by_label("Contraste renforcé").check()
        page.get_by_role("button", name="Enregistrer mes préférences").click()
        page.wait_for_load_state()
        assert page.url == f"{live_server.url}/accessibilite/affichage/"
        assert html_classes(page) == "pref-high-contrast"
        expect(page.get_by_text("Vos préférences d'affichage sont enregistrées.")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/formations/intervenants-pairs/", "/accessibilite/affichage/"])
def test_every_preference_together_passes_axe(browser, live_server, site_tree, path):
    context = browser.new_context(locale="fr-FR")
    context.add_cookies(
        [
            {
                "name": "epop_affichage",
                "value": "falc.larger_text.high_contrast.more_spacing.reduced_motion",
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{path}")
        assert html_classes(page) == (
            "falc-mode pref-larger-text pref-high-contrast pref-more-spacing pref-reduced-motion"
        )
        page.evaluate("document.querySelectorAll('details.display-panel').forEach(d => d.open = true)")
        assert axe_violations(page) == []
    finally:
        context.close()
