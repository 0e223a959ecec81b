"""The certificates pages in a real Chromium, for each role that sees them: no axe-core violation;
the progress bar follows a running batch through its live region."""

import pytest
from playwright.sync_api import expect

from lms.certificates import selectors
from lms.certificates.models import IssuingBatch
from lms.certificates.services import IssuingContext, issue_certificate, revoke_certificate
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def issued(world):
    completion = selectors.group_completion(world.group)
    certificate, _created = issue_certificate(
        IssuingContext(world.group, completion), completion.status_of(world.alice)
    )
    return certificate


def audit(page, url, expected_status=200):
    response = page.goto(url)
    assert response.status == expected_status, url
    assert axe_violations(page) == [], url


def test_public_verification_pages(page, live_server, world, issued):
    audit(page, f"{live_server.url}/certificats/verifier/")
    audit(page, f"{live_server.url}/certificats/verifier/{issued.code}/")
    audit(page, f"{live_server.url}/certificats/verifier/AAAA-BBBB-CCCC-DDDD-EEEE/", expected_status=404)
    page.goto(f"{live_server.url}/certificats/verifier/")
    page.get_by_label("Code de vérification").fill("inconnu")
    page.get_by_role("button", name="Vérifier").click()
    expect(page.locator("body")).to_contain_text("Aucun document ne correspond à ce code.")
    assert axe_violations(page) == []
    revoke_certificate(issued, world.staff, "Erreur")
    audit(page, f"{live_server.url}/certificats/verifier/{issued.code}/")


def test_trainee_pages(page, live_server, login, world, issued):
    login(world.alice)
    audit(page, f"{live_server.url}/certificats/")
    page.get_by_role("link", name="Attestations").first.click()
    expect(page.locator("h1")).to_have_text("Mes attestations")
    login(world.bob)
    audit(page, f"{live_server.url}/certificats/")


def test_organisation_staff_pages_and_live_progress(page, live_server, login, world, issued):
    login(world.staff)
    audit(page, f"{live_server.url}/certificats/")
    audit(page, f"{live_server.url}/certificats/organismes/{world.group.organisation.pk}/signataire/")
    page.get_by_label("Nom du représentant légal").fill("")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("body")).to_contain_text("Indiquez le nom du représentant légal.")
    assert axe_violations(page) == []
    audit(page, f"{live_server.url}/certificats/{issued.pk}/revoquer/")
    page.get_by_role("button", name="Révoquer le certificat").click()
    expect(page.locator("body")).to_contain_text("Indiquez le motif de la révocation.")
    assert axe_violations(page) == []

    batch = IssuingBatch.objects.create(
        group=world.group, requested_by=world.staff, status=IssuingBatch.Status.RUNNING, total=2, processed=1
    )
    audit(page, f"{live_server.url}/certificats/groupes/{world.group.pk}/")
    assert page.locator("#batch-progress-bar").get_attribute("value") == "50"
    IssuingBatch.objects.filter(pk=batch.pk).update(status=IssuingBatch.Status.DONE, processed=2, issued_count=1)
    live = page.locator("#batch-progress-text")
    expect(live.locator('[data-field="status"]')).to_have_text("Terminé", timeout=10000)
    assert "2 / 2 stagiaires traités" in " ".join(live.inner_text().split())
    assert live.get_attribute("aria-live") == "polite"
    assert page.locator("#batch-progress-bar").evaluate("bar => bar.value") == 100
    assert axe_violations(page) == []


def test_regional_team_issues_from_the_group_page(page, live_server, login, world):
    login(world.regional)
    audit(page, f"{live_server.url}/certificats/groupes/{world.group.pk}/")
    page.get_by_role("button", name="Délivrer les documents du groupe").click()
    expect(page.locator("body")).to_contain_text("Délivrance terminée : 1 documents délivrés.")
    assert page.locator("#batch-progress-bar").get_attribute("value") == "100"
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_trainee_sees_the_same_attended_hours_on_every_page_on_a_phone_and_a_desktop(
    page, live_server, login, world, width
):
    from lms.attendance.models import AttendanceStatus
    from tests.certificates.conftest import attend, catch_up

    bob = world.bob
    attend(world.sessions[0], bob)
    attend(world.sessions[1], bob, status=AttendanceStatus.ABSENT)
    catch_up(world.sessions[1], bob)
    attend(world.sessions[2], bob, status=AttendanceStatus.LEFT_EARLY, minutes_missed=30)
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    login(bob)
    page.goto(f"{live_server.url}/mon-espace/")
    caption = " ".join(
        page.locator("#mes-presences ~ table caption, section[aria-labelledby=mes-presences] caption")
        .first.inner_text()
        .split()
    )
    assert caption == "Intervenants-pairs Rhône 2026 : 10 h 30 de présence, 8 h rattrapées en ligne"
    link = page.get_by_role("link", name="Attestations").first
    if link.is_visible():
        link.click()
    else:  # the phone header may fold its links behind a menu button
        page.goto(f"{live_server.url}/certificats/")
    assert page.locator("h1").inner_text() == "Mes attestations"
    rules = " ".join(page.locator(".rule-list").first.inner_text().split())
    assert "10 h 30" in rules and "8 h" in rules and "18 h 30" in rules
    assert "5,5" not in rules and "2 h 30 suivies" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
