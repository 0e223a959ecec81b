"""The foundation pages in a real Chromium: no axe-core violation, keyboard skip link."""

import pytest

from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PATHS = ["/", "/formations/", "/formations/intervenants-pairs/", "/accessibilite/", "/connexion/"]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_has_no_axe_violation(page, live_server, site_tree, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200
    assert axe_violations(page) == []


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, live_server, site_tree):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
