"""Every cohorts page in a real Chromium, for each role that sees it: no axe-core violation."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lms.cohorts import services
from lms.cohorts.factories import ApplicationFactory
from tests.axe import axe_violations
from tests.cohorts.conftest import enrol_trainee
from tests.cohorts.test_pages import schedule_week

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def audit(page, url, expected_status=200):
    response = page.goto(url)
    assert response.status == expected_status, url
    expect(page.locator("h1"), url).to_have_count(1)
    assert axe_violations(page) == [], url


def test_public_application_pages(page, live_server, world):
    audit(page, f"{live_server.url}/candidater/")
    page.get_by_label("Prénom").fill("Nina")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.wait_for_load_state()
    expect(page.locator(".form-error-summary")).to_have_count(1)
    assert page.get_by_label("Prénom").input_value() == "Nina"
    assert axe_violations(page) == []
    audit(page, f"{live_server.url}/candidater/merci/")


def test_regional_team_pages(page, live_server, login, world):
    enrol_trainee(world["ip_group"], world["trainee"])
    schedule_week(world)
    application = ApplicationFactory(course=world["rp_course"], territory=world["territory"])
    services.record_interview(
        application,
        interviewer=world["regional"],
        held_on=timezone.localtime(application.created_at).date(),
        decision="accepted",
        decision_reason="Structure engagée.",
        notes="Confidentiel.",
        **dict.fromkeys(services.INTERVIEW_GRIDS["referents"], "yes"),
    )
    login(world["regional"])
    group = world["ip_group"].pk
    for path in (
        "/groupes/",
        f"/groupes/{group}/",
        f"/groupes/{group}/seances/nouvelle/",
        "/candidatures/",
        "/candidatures/nouvelle/",
        f"/candidatures/{application.pk}/",
        f"/candidatures/{application.pk}/entretien/",
        f"/candidatures/{application.pk}/charte/",
    ):
        audit(page, f"{live_server.url}{path}")
    # The scheduling form with a refusal displayed.
    page.goto(f"{live_server.url}/groupes/{group}/seances/nouvelle/")
    page.get_by_role("button", name="Planifier la séance").click()
    page.wait_for_load_state()
    expect(page.locator(".form-error-summary")).to_have_count(1)
    assert axe_violations(page) == []


def test_trainer_and_trainee_pages(page, live_server, login, world):
    enrol_trainee(world["ip_group"], world["trainee"])
    schedule_week(world)
    login(world["trainer"])
    audit(page, f"{live_server.url}/mes-seances/")
    audit(page, f"{live_server.url}/groupes/{world['ip_group'].pk}/")
    page.context.clear_cookies()
    login(world["trainee"])
    audit(page, f"{live_server.url}/mon-planning/")
