"""Reflow (WCAG 1.4.10, RGAA 10.11): every page of the audit registry, for every role that sees it, fits
a 320 px wide screen without scrolling sideways, in French, in English and in easy-to-read (FALC) mode.
Wide tables may scroll inside their own region; the page itself must not."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accessibility.preferences import COOKIE_NAME
from tests.browser.test_axe_audit import ANONYMOUS, EVERYONE, FUNDER, PAGES, ROLE_USERS, audit_world, signed_in_context

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

__all__ = ["audit_world"]  # the shared audit world is a fixture of this module too

WIDTH = 320
MODES = {
    "fr": [],
    "en": [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en"}],
    "FALC": [{"name": COOKIE_NAME, "value": "falc"}],
}
# What makes the page wider than the screen: the widest elements that stick out, for the report.
OVERFLOW_SCRIPT = """(width) => {
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && !el.closest('.table-scroll')) {
      wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(box.right) + 'px');
    }
  }
  return {width: document.documentElement.scrollWidth, wide: wide.slice(0, 3)};
}"""


def overflow(browser_page, live_server, path: str, label: str, status: int = 200) -> list[str]:
    response = browser_page.goto(f"{live_server.url}{path}")
    if response is None or response.status != status:
        return [f"{label} {path}: HTTP {response.status if response else '—'}"]
    result = browser_page.evaluate(OVERFLOW_SCRIPT, WIDTH)
    if result["width"] > WIDTH:
        return [f"{label} {path}: {result['width']} px wide ({', '.join(result['wide'])})"]
    return []


def test_no_page_scrolls_sideways_at_320_px(browser, live_server, audit_world):
    problems = []
    for role in sorted(EVERYONE | {FUNDER}):
        user = getattr(audit_world, ROLE_USERS[role]) if role != ANONYMOUS else None
        entries = [(entry.url_path(audit_world), entry.status) for entry in PAGES if role in entry.roles]
        context = signed_in_context(browser, live_server, user)
        browser_page = context.new_page()
        browser_page.set_viewport_size({"width": WIDTH, "height": 800})
        try:
            for mode, cookies in MODES.items():
                context.clear_cookies(name=COOKIE_NAME)
                context.clear_cookies(name=settings.LANGUAGE_COOKIE_NAME)
                context.add_cookies([{**cookie, "url": live_server.url} for cookie in cookies])
                for path, status in entries:
                    problems += overflow(browser_page, live_server, path, f"[{role}, {mode}]", status)
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


def test_the_phone_header_folds_behind_a_menu_button(browser, live_server, audit_world):
    context = signed_in_context(browser, live_server, audit_world.trainee)
    browser_page = context.new_page()
    browser_page.set_viewport_size({"width": 390, "height": 844})
    try:
        browser_page.goto(f"{live_server.url}/mon-espace/")
        header_height = browser_page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
        assert header_height < 120
        menu_button = browser_page.get_by_role("button", name="Menu")
        assert menu_button.get_attribute("aria-expanded") == "false"
        expect(browser_page.get_by_role("link", name="Mon compte")).to_be_hidden()
        menu_button.focus()
        browser_page.keyboard.press("Enter")
        expect(menu_button).to_have_attribute("aria-expanded", "true")
        browser_page.get_by_role("link", name="Mon compte").click()
        browser_page.wait_for_url("**/mon-compte/")
        # On a desktop the links are in the header and the button is not there.
        browser_page.set_viewport_size({"width": 1280, "height": 900})
        expect(browser_page.get_by_role("button", name="Menu")).to_be_hidden()
        expect(browser_page.get_by_role("link", name="Mon compte")).to_be_visible()
    finally:
        context.close()
