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
    status: int = 200  # error pages are audited with their own status

    def url_path(self, world) -> str:
        return self.path(world) if callable(self.path) else self.path


def page(path, roles, status=200) -> AuditedPage:
    return AuditedPage(path, frozenset(roles), status)


def invitation_path(world) -> str:
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from lms.people.tokens import invitation_tokens

    uidb64 = urlsafe_base64_encode(force_bytes(world.invitee.pk))
    return f"/invitation/{uidb64}/{invitation_tokens.make_token(world.invitee)}/"


def email_change_path(world) -> str:
    from django.core import signing

    from lms.people.services import EMAIL_CHANGE_SALT

    data = {"user": world.trainee.pk, "from": world.trainee.email, "to": "nouvelle-adresse@test.fr"}
    return f"/mon-compte/adresse-e-mail/confirmer/{signing.dumps(data, salt=EMAIL_CHANGE_SALT)}/"


# ---- THE REGISTRY: one line per page of the platform ------------------------------------------
PAGES = [
    # Public curriculum and foundation
    page("/", EVERYONE),
    page("/formations/", EVERYONE),
    page("/formations/intervenants-pairs/", EVERYONE),
    page(lambda w: w.session_page.url, EVERYONE),
    page("/connexion/", {ANONYMOUS}),
    # Error pages
    page("/cette-page-n-existe-pas/", EVERYONE, status=404),
    page("/candidatures/", {TRAINEE, TRAINER}, status=403),
    # Accessibility
    page("/accessibilite/", EVERYONE),
    page("/accessibilite/affichage/", EVERYONE),
    page("/accessibilite/auto-evaluation/", {NATIONAL, ADMIN}),
    page("/accessibilite/auto-evaluation/10/", {NATIONAL, ADMIN}),
    page("/accessibilite/mes-besoins/", {TRAINEE}),
    page(lambda w: f"/accessibilite/stagiaires/{w.trainee.pk}/besoins/", {TRAINER, PEER_TRAINER, REGIONAL}),
    page(lambda w: f"/accessibilite/seances/{w.session.pk}/amenagements/", {TRAINER, PEER_TRAINER, REGIONAL, ADMIN}),
    # Account and personal data (people)
    page("/mon-compte/", SIGNED_IN),
    page("/mon-compte/mes-donnees/", SIGNED_IN),
    page("/mon-compte/effacement/", SIGNED_IN),
    page("/mon-compte/coordonnees/", SIGNED_IN),
    page("/mon-compte/adresse-e-mail/", SIGNED_IN),
    page(email_change_path, {TRAINEE}),
    page("/mon-compte/mot-de-passe/", SIGNED_IN),
    page("/mot-de-passe-oublie/", {ANONYMOUS}),
    page("/mot-de-passe-oublie/envoye/", {ANONYMOUS}),
    page(invitation_path, {ANONYMOUS}),
    page("/invitation/MTIz/lien-perime/", {ANONYMOUS}),
    page("/gestion/effacements/", {ADMIN}),
    # Groups, selection, scheduling (cohorts)
    page("/candidater/", EVERYONE),
    page("/groupes/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/nouvelle/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/modifier/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/deplacer/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/annuler/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/convocations/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/convocations/", {REGIONAL, ORGANISATION, ADMIN}),
    page(
        lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/convocations/apercu/",
        {REGIONAL, ORGANISATION, ADMIN},
    ),
    page("/candidatures/", {REGIONAL, ADMIN}),
    page("/candidatures/nouvelle/", {REGIONAL, ADMIN}),
    page(lambda w: f"/candidatures/{w.application.pk}/", {REGIONAL, ADMIN}),
    page("/mes-seances/", {TRAINER, PEER_TRAINER}),
    page("/mon-planning/", SIGNED_IN),
    # Attendance and catch-up
    page("/mon-espace/", {TRAINEE}),
    page("/emargement/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/emargement/seances/{w.session.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    # Intersession work and objectives (learning)
    page("/travaux/", SIGNED_IN),
    page(lambda w: f"/travaux/groupe/{w.ip_group.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/objectifs/groupe/{w.ip_group.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    # Certificates
    page("/certificats/", SIGNED_IN),
    page(lambda w: f"/certificats/groupes/{w.ip_group.pk}/", {REGIONAL, ORGANISATION, ADMIN}),
    page("/certificats/verifier/", EVERYONE),
    # Staff workspace (Gestion) and the group page as hub
    page("/gestion/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page("/gestion/groupes/nouveau/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/gestion/groupes/{w.ip_group.pk}/modifier/", {REGIONAL, ORGANISATION, ADMIN}),
    page("/gestion/lieux/nouveau/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/gestion/lieux/{w.venue.pk}/modifier/", {REGIONAL, ORGANISATION, ADMIN}),
    page("/gestion/regles-de-fin-de-formation/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/gestion/regles-de-fin-de-formation/{w.ip_group.course_id}/", {NATIONAL, ADMIN}),
    page("/gestion/amenagements/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
]
# -----------------------------------------------------------------------------------------------


@pytest.fixture
def audit_world(site_tree, territory, organisation, make_user):
    """The shared world, with a recorded need so that plans and needs pages have content."""
    from accessibility import services
    from accessibility.models import ArrangementKind
    from lms.cohorts.factories import ApplicationFactory, VenueFactory
    from lms.people.models import User

    world = build_world(site_tree, territory, organisation, make_user)
    world.application = ApplicationFactory(course=site_tree["peer_interveners"], territory=territory)
    world.invitee = User.objects.create_user(email="invitee@test.fr", first_name="Inès", last_name="Vidal")
    world.venue = VenueFactory(name="Maison des associations", territory=territory)
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


def audit(browser_page, live_server, path: str, label: str, *, open_panel=False, status=200) -> list[str]:
    response = browser_page.goto(f"{live_server.url}{path}")
    if response is None or response.status != status:
        got = response.status if response else "—"
        return [f"{label} {path}: HTTP {got}, expected {status} (the registry says what this role gets)"]
    if open_panel:
        # The display preference panel is closed by default: audit its content too.
        browser_page.evaluate("document.querySelectorAll('details.display-panel').forEach(d => d.open = true)")
    return [f"{label} {path}: {line}" for line in axe_violations(browser_page)]


def test_every_page_has_no_axe_violation_in_french_and_in_falc_mode(browser, live_server, audit_world):
    # One test for all roles: the world is built once (transactional tests rebuild it per test).
    problems = []
    for role in sorted(EVERYONE):
        user = getattr(audit_world, ROLE_USERS[role]) if role != ANONYMOUS else None
        entries = [(entry.url_path(audit_world), entry.status) for entry in PAGES if role in entry.roles]
        context = signed_in_context(browser, live_server, user)
        browser_page = context.new_page()
        try:
            for path, status in entries:
                problems += audit(browser_page, live_server, path, f"[{role}, fr]", status=status)
            context.add_cookies([{"name": COOKIE_NAME, "value": "falc", "url": live_server.url}])
            for path, status in entries:
                problems += audit(browser_page, live_server, path, f"[{role}, FALC]", open_panel=True, status=status)
        finally:
            context.close()
    assert problems == []
