"""The platform-wide accessibility audit: every page, for every role that can see it, in French and in
easy-to-read (FALC) mode, opened in Chromium and scanned by axe-core (WCAG 2.0/2.1/2.2 A and AA).

A new page joins the audit by adding ONE entry to PAGES: its path (or a function of the audit world
returning it) and the roles that can see it. One browser for the whole run, one context per role.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client

from accessibility.preferences import COOKIE_NAME
from tests.accessibility.conftest import build_world
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANONYMOUS = "anonymous"
TRAINEE = "trainee"
TRAINER = "trainer"
PEER_TRAINER = "peer_trainer"
REGIONAL = "regional_team"
NATIONAL = "national_team"
ORGANISATION = "organisation_staff"
ADMIN = "administrator"
SIGNED_IN = {TRAINEE, TRAINER, PEER_TRAINER, REGIONAL, NATIONAL, ORGANISATION, ADMIN}
EVERYONE = SIGNED_IN | {ANONYMOUS}

# The world's person playing each role (see tests/accessibility/conftest.py).
ROLE_USERS = {
    TRAINEE: "trainee",
    TRAINER: "trainer",
    PEER_TRAINER: "peer_trainer",
    REGIONAL: "regional",
    NATIONAL: "national",
    ORGANISATION: "staff",
    ADMIN: "admin",
}


@dataclass(frozen=True)
class AuditedPage:
    path: str | Callable
    roles: frozenset

    def url_path(self, world) -> str:
        return self.path(world) if callable(self.path) else self.path


def page(path, roles) -> AuditedPage:
    return AuditedPage(path, frozenset(roles))


# ---- THE REGISTRY: one line per page of the platform ------------------------------------------
PAGES = [
    # Public curriculum and foundation
    page("/", EVERYONE),
    page("/formations/", EVERYONE),
    page("/formations/intervenants-pairs/", EVERYONE),
    page(lambda w: w.session_page.url, EVERYONE),
    page("/connexion/", {ANONYMOUS}),
    # Accessibility
    page("/accessibilite/", EVERYONE),
    page("/accessibilite/affichage/", EVERYONE),
    page("/accessibilite/mes-besoins/", {TRAINEE}),
    page(lambda w: f"/accessibilite/stagiaires/{w.trainee.pk}/besoins/", {TRAINER, PEER_TRAINER, REGIONAL}),
    page(lambda w: f"/accessibilite/seances/{w.session.pk}/amenagements/", {TRAINER, PEER_TRAINER, REGIONAL, ADMIN}),
    # Account and personal data (people)
    page("/mon-compte/", SIGNED_IN),
    page("/mon-compte/mes-donnees/", SIGNED_IN),
    page("/mon-compte/effacement/", SIGNED_IN),
    page("/gestion/effacements/", {ADMIN}),
    # Groups, selection, scheduling (cohorts)
    page("/candidater/", EVERYONE),
    page("/groupes/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/nouvelle/", {REGIONAL, ORGANISATION, ADMIN}),
    page("/candidatures/", {REGIONAL, ADMIN}),
    page("/candidatures/nouvelle/", {REGIONAL, ADMIN}),
    page(lambda w: f"/candidatures/{w.application.pk}/", {REGIONAL, ADMIN}),
    page("/mes-seances/", {TRAINER, PEER_TRAINER}),
    page("/mon-planning/", SIGNED_IN),
    # Attendance and catch-up
    page("/mon-espace/", {TRAINEE}),
    page("/emargement/", {TRAINER, PEER_TRAINER, ADMIN}),
    page(lambda w: f"/emargement/seances/{w.session.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    # Intersession work and objectives (learning)
    page("/travaux/", SIGNED_IN),
    page(lambda w: f"/travaux/groupe/{w.ip_group.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/objectifs/groupe/{w.ip_group.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    # Certificates
    page("/certificats/", SIGNED_IN),
    page(lambda w: f"/certificats/groupes/{w.ip_group.pk}/", {REGIONAL, ORGANISATION, ADMIN}),
    page("/certificats/verifier/", EVERYONE),
]
# -----------------------------------------------------------------------------------------------


@pytest.fixture
def audit_world(site_tree, territory, organisation, make_user):
    """The shared world, with a recorded need so that plans and needs pages have content."""
    from accessibility import services
    from accessibility.models import ArrangementKind
    from lms.cohorts.factories import ApplicationFactory

    world = build_world(site_tree, territory, organisation, make_user)
    world.application = ApplicationFactory(course=site_tree["peer_interveners"], territory=territory)
    services.give_consent(world.trainee, actor=world.trainee, accepted=True)
    services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.LSF, details="Binôme d'interprètes")
    services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.OTHER, details="Une table réglable")
    return world


def signed_in_context(browser, live_server, user):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def audit(browser_page, live_server, path: str, label: str, *, open_panel=False) -> list[str]:
    response = browser_page.goto(f"{live_server.url}{path}")
    if response is None or response.status != 200:
        return [f"{label} {path}: HTTP {response.status if response else '—'} (the registry says this role sees it)"]
    if open_panel:
        # The display preference panel is closed by default: audit its content too.
        browser_page.evaluate("document.querySelectorAll('details.display-panel').forEach(d => d.open = true)")
    return [f"{label} {path}: {line}" for line in axe_violations(browser_page)]


def test_every_page_has_no_axe_violation_in_french_and_in_falc_mode(browser, live_server, audit_world):
    # One test for all roles: the world is built once (transactional tests rebuild it per test).
    problems = []
    for role in sorted(EVERYONE):
        user = getattr(audit_world, ROLE_USERS[role]) if role != ANONYMOUS else None
        paths = [entry.url_path(audit_world) for entry in PAGES if role in entry.roles]
        context = signed_in_context(browser, live_server, user)
        browser_page = context.new_page()
        try:
            problems += [line for path in paths for line in audit(browser_page, live_server, path, f"[{role}, fr]")]
            context.add_cookies([{"name": COOKIE_NAME, "value": "falc", "url": live_server.url}])
            for path in paths:
                problems += audit(browser_page, live_server, path, f"[{role}, FALC]", open_panel=True)
        finally:
            context.close()
    assert problems == []
