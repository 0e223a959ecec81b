"""The intervention-request journey in a real Chromium: a partner sends the public form; the regional
team, from its login and start page, qualifies the request, looks for a peer and proposes it; the
peer accepts from Mon espace on a phone; the team schedules the preparation, marks the intervention
done and debriefed; the peer adds an expense with its receipt; the team approves it and downloads the
expense statement, read back."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from lms.interventions.models import ExpenseLine, InterventionRequest
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def receipt(tmp_path):
    path = tmp_path / "ticket.png"
    Image.new("RGB", (40, 30), "white").save(path)
    return path


def test_a_partner_request_goes_from_the_public_form_to_its_expense_statement(
    page, live_server, login, iw_live, receipt
):
    iw = iw_live
    # The partner, not signed in, finds the form from the footer.
    page.goto(f"{live_server.url}/formations/")
    page.get_by_role("link", name="Demander une intervention").click()
    expect(page.get_by_role("heading", name="Demander une intervention d'un intervenant-pair")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Région de l'intervention").select_option(label="Auvergne-Rhône-Alpes")
    page.get_by_label("Département").select_option(label="69 — Rhône")
    page.get_by_label("Nom de votre structure").fill("Foyer Les Tilleuls")
    page.get_by_label("Établissement ou service médico-social (ESMS)").check()
    page.get_by_label("Votre nom").fill("Claire Dumas")
    page.get_by_label("Votre e-mail").fill("claire@tilleuls.example")
    page.get_by_label("L'intervention souhaitée").fill("Sensibiliser l'équipe au rétablissement en santé mentale")
    page.get_by_label("Pour quel public").fill("Les équipes éducatives du foyer")
    page.get_by_label("Dates souhaitées").fill("Un mardi après-midi en octobre")
    page.get_by_role("textbox", name="Lieu (obligatoire)").fill("Lyon 8e")
    page.get_by_label("Format", exact=True).select_option(label="Sensibilisation")
    page.get_by_label("Budget pour les défraiements (€, facultatif)").fill("150")
    page.get_by_label("Salle de pause au calme").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", name="Demande envoyée")).to_be_visible()
    request = InterventionRequest.objects.get()
    assert (request.stage, request.region, request.venue_features) == ("received", iw.region, ["break_room"])

    # The regional team, from its start page.
    login(iw.team)
    page.get_by_role("link", name="Voir les demandes d'intervention").click()
    expect(page.get_by_role("heading", name="Demandes d'intervention", exact=True)).to_be_visible()
    page.get_by_role("link", name="Foyer Les Tilleuls").click()
    page.get_by_role("button", name="Marquer comme qualifiée").click()
    expect(page.locator(".messages")).to_contain_text("Demande qualifiée")
    page.get_by_role("button", name="Chercher un intervenant-pair").click()
    expect(page.get_by_role("heading", name="Intervenants-pairs possibles")).to_be_visible()
    # The best match first, with its reasons.
    first = page.locator(".card-list > li").first
    expect(first.get_by_role("heading", name="Samia Haddad")).to_be_visible()
    expect(first).to_contain_text("mots en commun")
    assert axe_violations(page) == []
    page.get_by_label("Proposer à Samia Haddad").check()
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.locator(".messages")).to_contain_text("Proposition envoyée")
    request.refresh_from_db()
    assert request.stage == "proposed"

    # The peer, on a phone, from Mon espace.
    page.set_viewport_size({"width": 390, "height": 844})
    login(iw.peer)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Mon espace").click()
    expect(page.get_by_role("heading", name="Mes interventions")).to_be_visible()
    page.get_by_role("link", name="Foyer Les Tilleuls").click()
    expect(page.get_by_role("heading", name="Pourquoi on vous la propose")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    page.get_by_role("button", name="J'accepte cette intervention").click()
    expect(page.locator(".messages")).to_contain_text("vous avez accepté")
    request.refresh_from_db()
    assert request.stage == "accepted"

    # The team prepares, then records the intervention done and its debriefing.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(iw.team)
    page.get_by_role("link", name="Interventions", exact=True).click()
    page.get_by_role("link", name="Foyer Les Tilleuls").click()
    page.get_by_role("link", name="Programmer la préparation").click()
    soon = timezone.localtime() + datetime.timedelta(days=2)
    page.get_by_label("Date et heure").fill(soon.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Lieu").fill("Foyer Les Tilleuls, Lyon 8e")
    page.get_by_role("button", name="Programmer et inviter").click()
    expect(page.locator(".messages")).to_contain_text("Rendez-vous programmé")
    page.get_by_role("button", name="Marquer l'intervention comme réalisée").click()
    expect(page.locator(".messages")).to_contain_text("réalisée")
    page.get_by_role("button", name="Marquer le bilan comme fait").click()
    expect(page.locator(".messages")).to_contain_text("Bilan marqué comme fait")
    request.refresh_from_db()
    assert request.stage == "debriefed" and request.preparation_meeting.plan == iw.plan

    # The peer adds an expense with its receipt.
    page.set_viewport_size({"width": 390, "height": 844})
    login(iw.peer)
    page.get_by_role("link", name="Foyer Les Tilleuls").click()
    page.get_by_role("link", name="Ajouter des frais").click()
    page.get_by_label("Nature de la dépense").select_option(label="Transport")
    page.get_by_label("Montant (€)").fill("23.40")
    page.get_by_label("Date de la dépense").fill(timezone.localdate().isoformat())
    page.get_by_label("Détail (facultatif)").fill("Billet de TER aller-retour")
    page.get_by_label("Justificatif").set_input_files(str(receipt))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Envoyer mes frais").click()
    expect(page.locator(".messages")).to_contain_text("Frais ajoutés")
    line = ExpenseLine.objects.get()
    assert (line.status, str(line.amount), bool(line.receipt)) == ("submitted", "23.40", True)

    # The team approves it and reads the statement back.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(iw.team)
    page.get_by_role("link", name="Voir les demandes d'intervention").click()
    page.get_by_role("link", name="Foyer Les Tilleuls").click()
    page.get_by_role("button", name="Valider : Transport 23,40 €").click()
    expect(page.locator(".messages")).to_contain_text("Frais validés")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger l'état de frais (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "Foyer Les Tilleuls" in text and "Samia Haddad" in text
    assert "Billet de TER aller-retour" in text and "Validée" in text
    assert "Total validé : 23,40 €" in text and "Le partenaire" in text


def test_the_pages_fit_a_320_px_screen(page, live_server, login, iw_live):
    from lms.interventions import services
    from tests.interventions.conftest import REQUEST, advance

    iw = iw_live
    request = services.submit_request(actor=None, region=iw.region, territory=iw.territory, **REQUEST)
    advance(iw, request, "preparation")
    services.add_expense(
        actor=iw.peer, request=request, kind="transport", amount="23.40", spent_on=timezone.localdate(),
        description="Billet de TER aller-retour Lyon Part-Dieu — Villefranche-sur-Saône",
    )  # fmt: skip
    proposal = request.proposals.get()
    page.set_viewport_size({"width": 320, "height": 700})

    def fits(path):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path

    fits("/interventions/demande/")
    login(iw.team)
    for path in ("/interventions/", f"/interventions/{request.pk}/", f"/interventions/{request.pk}/mise-en-relation/"):
        fits(path)
    login(iw.peer)
    for path in ("/interventions/mes-interventions/", f"/interventions/mes-interventions/{proposal.pk}/"):
        fits(path)
    fits(f"/interventions/mes-interventions/{proposal.pk}/frais/")
