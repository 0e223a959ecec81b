"""The directory journey in a real Chromium: the person builds their entry from Mon espace on a phone
(live preview of what will be public) and sends it with their consent; the regional team publishes it
from its start page; the public directory shows the chosen fields only, its search works by keyboard
and passes axe; the person withdraws consent and the page is gone at once."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accessibility.preferences import COOKIE_NAME
from lms.directory.models import DirectoryEntry
from lms.followup.factories import plan
from lms.followup.models import FollowUpPlan
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def validated(fw):
    """Samia's intervention project, validated by the team (no frozen clock: the browser's is real)."""
    return plan(
        fw.trainee,
        fw.ip_group,
        status=FollowUpPlan.Status.VALIDATED,
        validated_at=timezone.now(),
        themes="Le rétablissement en santé mentale",
        audiences="Étudiants en travail social",
        formats=["awareness"],
        area="Lyon et sa métropole",
    )


def test_an_entry_is_built_published_searched_and_withdrawn(page, live_server, login, fw, validated):
    # The person, on a phone, from Mon espace.
    page.set_viewport_size({"width": 390, "height": 844})
    login(fw.trainee)
    expect(page.get_by_role("heading", name="Ma fiche annuaire")).to_be_visible()
    page.get_by_role("link", name="Créer ma fiche annuaire").click()
    page.get_by_role("button", name="Créer ma fiche annuaire").click()
    expect(page.get_by_role("heading", name="Aperçu : ce qui sera public")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 390, "height": 844})
    preview = page.locator("[data-live-preview]")
    expect(preview.get_by_text("Étudiants en travail social")).to_be_visible()
    page.get_by_label("Montrer mes publics").uncheck()
    expect(preview.get_by_text("Étudiants en travail social")).to_be_hidden()  # live, before saving
    page.get_by_label("Montrer ma présentation").check()
    page.get_by_label("Ma présentation, avec mes mots").fill("Je raconte comment je me suis rétablie.")
    expect(preview.get_by_text("Je raconte comment je me suis rétablie.")).to_be_visible()
    page.get_by_label("Ma présentation en facile à lire").fill("Je parle de ma vie.")
    page.get_by_label("Montrer mes langues").check()
    page.get_by_label("Langue des signes française (LSF)").check()
    expect(preview.get_by_text("Langue des signes française (LSF)")).to_be_visible()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    expect(page.locator(".messages")).to_contain_text("Vos choix sont enregistrés")
    assert axe_violations(page) == []
    page.get_by_label("Je suis d'accord pour que les informations que j'ai choisies soient publiques").check()
    page.get_by_role("button", name="Envoyer ma fiche à l'équipe").click()
    expect(page.locator(".messages")).to_contain_text("Votre fiche est envoyée à l'équipe régionale")
    entry = DirectoryEntry.objects.get(person=fw.trainee)
    assert entry.status == "submitted" and not entry.show_audiences

    # The regional team, from its start page.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(fw.team)
    page.get_by_role("link", name="Voir les fiches annuaire").click()
    page.get_by_role("link", name="Samia Haddad").click()
    expect(page.get_by_role("heading", name="Ce qui sera public")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Publier la fiche").click()
    expect(page.locator(".messages")).to_contain_text("La fiche est publiée")

    # Anyone: the public directory, by keyboard, from the footer link.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Annuaire des intervenants-pairs et référents").click()
    expect(page.get_by_role("heading", name="Annuaire des intervenants-pairs et référents", level=1)).to_be_visible()
    assert axe_violations(page) == []
    search = page.get_by_role("textbox", name="Rechercher")
    search.focus()
    page.keyboard.type("retablissement")
    page.keyboard.press("Enter")  # submits the GET form from its field
    expect(page.get_by_role("heading", name="1 personne")).to_be_visible()
    assert "q=retablissement" in page.url
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    result = page.get_by_role("link", name="Samia")
    result.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Samia", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    main = page.locator("main").inner_text()
    assert "Le rétablissement en santé mentale" in main and "Langue des signes française (LSF)" in main
    assert "Je raconte comment je me suis rétablie." in main
    for hidden in ("Haddad", "Étudiants en travail social", fw.trainee.email):
        assert hidden not in page.content()
    assert axe_violations(page) == []
    public_url = page.url
    # In easy-to-read mode (the display preference), the person's easy-to-read words replace the others.
    page.context.add_cookies([{"name": COOKIE_NAME, "value": "falc", "url": live_server.url}])
    page.reload()
    expect(page.get_by_text("Je parle de ma vie.")).to_be_visible()
    expect(page.get_by_text("Je raconte comment je me suis rétablie.")).to_be_hidden()
    assert axe_violations(page) == []

    # The person withdraws their consent: the page is gone at once, and the entry from the list.
    page.set_viewport_size({"width": 390, "height": 844})
    login(fw.trainee)
    page.get_by_role("link", name="Ma fiche annuaire").first.click()
    page.get_by_role("button", name="Retirer mon accord et ma fiche de l'annuaire").click()
    expect(page.locator(".messages")).to_contain_text("n'est plus dans l'annuaire")
    page.context.clear_cookies()
    response = page.goto(public_url)
    assert response.status == 404
    page.goto(f"{live_server.url}/annuaire/")
    expect(page.get_by_role("heading", name="0 personne")).to_be_visible()
    expect(page.get_by_role("link", name="Samia")).to_have_count(0)
