"""In a real Chromium: the pages, the Wagtail admin and the H5P player work under the
Content-Security-Policy (no violation reported), and the privacy pages pass the axe audit."""

import pytest
from playwright.sync_api import expect

from lms.people import privacy
from lms.people.models import Role
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SESSION = "/formations/intervenants-pairs/savoir-experientiel-rare/"
# Recorded by the page itself: Chromium fires this event for every blocked resource or script.
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || ''));
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH_CSP)
    messages = []
    page.on("console", lambda message: "Content Security Policy" in message.text and messages.append(message.text))

    def violations():
        found = list(messages)
        for frame in page.frames:  # the H5P iframe reports its own violations
            found += frame.evaluate("window.__csp || []")
        return found

    return violations


def test_the_h5p_player_runs_under_the_policy(page, live_server, site_tree, make_user, login, watched):
    login(make_user(Role.TRAINEE))
    response = page.goto(f"{live_server.url}{SESSION}")
    assert "sha256-" in response.headers["content-security-policy"]
    page.locator(".lms-h5p-activity").scroll_into_view_if_needed()
    frame = page.frame_locator(".lms-h5p-activity iframe")
    frame.get_by_role("button", name="Valider ma réponse").wait_for()
    assert watched() == []


def test_other_pages_do_not_get_the_h5p_allowance(page, live_server, site_tree, watched):
    response = page.goto(f"{live_server.url}/formations/")
    assert "sha256-" not in response.headers["content-security-policy"]
    assert watched() == []


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/journal-acces/", "edit-session"])
def test_the_wagtail_admin_works_under_the_policy(page, live_server, site_tree, make_user, login, watched, path):
    from courses.models import SessionPage

    if path == "edit-session":
        path = f"/admin/pages/{SessionPage.objects.first().pk}/edit/"
    login(make_user(Role.ADMINISTRATOR))
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    # The admin's JavaScript ran: the sidebar is rendered by React.
    page.locator("#wagtail-sidebar .sidebar__inner").wait_for(state="attached")
    assert watched() == []


def test_privacy_pages_pass_the_axe_audit(page, live_server, make_user, login):
    from tests.conftest import ensure_wagtail_root

    ensure_wagtail_root()
    trainee = make_user(Role.TRAINEE)
    login(trainee)
    for path in ("/mon-compte/", "/mon-compte/mes-donnees/", "/mon-compte/effacement/"):
        assert page.goto(f"{live_server.url}{path}").status == 200
        assert axe_violations(page) == [], path
    # The erasure form with its error next to the field, and what was typed kept.
    page.get_by_label("Motif (facultatif)").fill("Je déménage.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator(".field-error", has_text="Cochez cette case pour confirmer votre demande.")).to_be_visible()
    assert page.get_by_label("Motif (facultatif)").input_value() == "Je déménage."
    assert axe_violations(page) == []
    page.get_by_label("Je comprends que mon compte sera fermé").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_text("Votre demande d'effacement est enregistrée.")).to_be_visible()
    assert axe_violations(page) == []


def test_erasure_requests_page_passes_the_axe_audit(page, live_server, make_user, login):
    from tests.conftest import ensure_wagtail_root

    ensure_wagtail_root()
    privacy.request_erasure(make_user(Role.TRAINEE, first_name="Léa", last_name="Morel"), "Merci")
    login(make_user(Role.ADMINISTRATOR))
    assert page.goto(f"{live_server.url}/gestion/effacements/").status == 200
    assert axe_violations(page) == []
    page.get_by_role("button", name="Refuser la demande").click()
    expect(
        page.locator(".field-error", has_text="Expliquez à la personne pourquoi sa demande est refusée.")
    ).to_be_visible()
    assert axe_violations(page) == []
