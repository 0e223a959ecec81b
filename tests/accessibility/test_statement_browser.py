"""The national team keeps the RGAA self-check from the statement linked in every page's footer."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from accessibility.models import CriterionCheck
from lms.people.models import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_national_team_records_verdicts_from_the_footer_link(page, live_server, login, make_user, width):
    cache.clear()
    national = make_user(Role.NATIONAL_TEAM, email="nationale@test.fr")
    page.set_viewport_size({"width": width, "height": 900})
    login(national)
    page.get_by_role("link", name="Accessibilité : non conforme").click()
    page.get_by_role("link", name="Ouvrir l'auto-évaluation RGAA de l'équipe").click()
    page.get_by_role("link", name="2. Cadres").click()
    page.get_by_label("Critère 2.1 : verdict").select_option("compliant")
    page.get_by_label("Critère 2.1 : constat").fill("Le lecteur H5P a un titre.")
    page.get_by_label("Critère 2.2 : verdict").select_option("not_applicable")
    page.get_by_role("button", name="Enregistrer cette thématique").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Thématique « Cadres » enregistrée : 2 critère(s) modifié(s).")).to_be_visible()
    expect(page.get_by_text("2 / 106")).to_be_visible()
    assert CriterionCheck.objects.get(criterion="2.1").note == "Le lecteur H5P a un titre."
