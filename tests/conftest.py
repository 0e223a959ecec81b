"""Shared fixtures: the Wagtail site tree, demo-like people, and a real Chromium for browser tests."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from lms.people.factories import RegionFactory, TerritoryFactory, TrainingOrganisationFactory, user_with_role
from lms.people.models import Role

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the test
# itself around page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def ensure_wagtail_root():
    """The Wagtail root page and default locale; transactional tests flush what migrations created."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@pytest.fixture(autouse=True)
def french_first():
    """Each test starts in the site's language: a request in English (LocaleMiddleware) would otherwise
    leave English active for the tests that follow in the same process."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def accessibility_status_known():
    """Every page's footer reads the statement's status from the cache, where production keeps it once
    computed; tests start with it known (no audit yet: "non conforme") so that query guards measure the
    page itself, whichever test runs first. tests/accessibility/test_statement.py covers the cold path."""
    from django.core.cache import cache

    from accessibility.selectors import STATEMENT_STATUS_CACHE_KEY

    cache.set(STATEMENT_STATUS_CACHE_KEY, "none", timeout=None)


@pytest.fixture
def site_tree(db):
    """Home page, course index and both courses, as seed_demo builds them."""
    from courses import demo as courses_demo
    from courses.models import CoursePage, HomePage

    ensure_wagtail_root()
    courses_demo.seed()
    return {
        "home": HomePage.objects.get(),
        "peer_interveners": CoursePage.objects.get(audience="peer_interveners"),
        "referents": CoursePage.objects.get(audience="referents"),
    }


@pytest.fixture
def region(db):
    return RegionFactory(code="84", name="Auvergne-Rhône-Alpes")


@pytest.fixture
def territory(region):
    return TerritoryFactory(region=region, name="Rhône", code="69")


@pytest.fixture
def organisation(region):
    return TrainingOrganisationFactory(region=region, name="Organisme test")


@pytest.fixture
def make_user(db):
    """Builds a user holding a role: make_user(Role.TRAINER), make_user(Role.REGIONAL_TEAM, region=r)."""

    def factory(role=Role.TRAINEE, **kwargs):
        return user_with_role(role, **kwargs)

    return factory


BROWSER_FIXTURES = {"browser", "page", "login"}


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium carries the `browser` marker, even where a module forgot it."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)


def chromium_executable() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # Playwright's own Chromium, installed by `dev.py test` where apt is not available.


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page, live_server):
    """Logs a user in through the real login form."""

    def do_login(user, password=None):
        page.goto(f"{live_server.url}/connexion/")
        page.get_by_label("Adresse e-mail").fill(user.email)
        page.get_by_label("Mot de passe").fill(password or settings.DEMO_PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_load_state()

    return do_login
