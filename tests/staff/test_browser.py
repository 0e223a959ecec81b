"""The regional team's journey through the staff workspace in a real Chromium: log in, go to
"Gestion", create a group (first refused, then accepted), open its page; no axe-core violation."""

import pytest
from playwright.sync_api import expect

from lms.cohorts.models import TrainingGroup
from tests.axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_regional_team_creates_a_group_from_gestion_and_opens_its_page(page, live_server, login, world):
    login(world["regional"])
    page.get_by_role("link", name="Gestion", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Gestion des formations"
    expect(page.get_by_role("link", name="Administration")).to_have_count(0)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Créer un groupe").click()
    page.wait_for_load_state()
    page.get_by_label("Nom du groupe").fill("IP Lyon printemps 2031")
    page.get_by_label("Formation (obligatoire)", exact=True).select_option(
        label=f"{world['ip_course'].title} (8 places au plus)"
    )
    page.get_by_label("Territoire").select_option(str(world["territory"].pk))
    page.get_by_label("Organisme de formation").select_option(str(world["organisation"].pk))
    page.get_by_label("Nombre de places").fill("12")
    page.get_by_label("Fanny Roux").check()
    page.get_by_label("Pascal Lemoine").check()
    page.get_by_role("button", name="Créer le groupe").click()
    page.wait_for_load_state()
    # Refused next to the field, with what was typed kept.
    assert page.locator("#id_capacity_error").inner_text().endswith("(8 personnes).")
    assert page.get_by_label("Nom du groupe").input_value() == "IP Lyon printemps 2031"
    assert axe_violations(page) == []

    page.get_by_label("Nombre de places").fill("8")
    page.get_by_role("button", name="Créer le groupe").click()
    page.wait_for_load_state()
    group = TrainingGroup.objects.get(name="IP Lyon printemps 2031")
    assert page.url == f"{live_server.url}/groupes/{group.pk}/"
    assert page.locator("h1").inner_text() == "IP Lyon printemps 2031"
    expect(page.get_by_role("heading", name="Suivi du groupe")).to_have_count(1)
    expect(page.get_by_role("link", name="Travaux d'intersession")).to_have_count(1)
    assert axe_violations(page) == []
