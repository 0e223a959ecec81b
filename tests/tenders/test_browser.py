"""The call for tenders in a real Chromium, each role from its login and start page: the national
team adds a requirement and publishes a new version of the specification; the regional team prepares
a call (a weighting off 100 is refused), publishes it; an organisation registers from the public
page, the team validates it, its contact bids on a phone with a 7-hour session on consecutive days;
after the deadline (clock moved on) the team's kit check sets that bid aside with its reasons, an
evaluator declares no conflict and scores the other bid, the team consolidates the scores (the award
waits for it), the award creates the group, and the rejection letter is read back from its PDF. Then
two evaluators' scores are consolidated side by side, on a phone too, and the team reads how far its
award stands from a change of the weights."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from lms.cohorts.models import TrainingGroup
from lms.people.models import User
from lms.tenders import services
from lms.tenders.models import Bid, Call, ConsolidatedScore
from tests.axe import axe_violations
from tests.tenders.conftest import AFTER, GOOD_SCHEDULE, OPEN, bid, build_world, make_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def moving_clock():
    with time_machine.travel(OPEN, tick=True) as traveller:
        yield traveller


def test_a_call_goes_from_the_specification_to_the_award(
    page, live_server, login, site_tree, territory, organisation, make_user, moving_clock
):
    w = build_world(site_tree, territory, organisation, make_user)
    url = live_server.url

    # The national team, from its start page, adds a requirement and publishes version 2.
    login(w.national)
    page.get_by_role("link", name="Modifier le cahier des charges national").click()
    expect(page.get_by_role("heading", name="Cahier des charges national", exact=True)).to_be_visible()
    page.get_by_label("Code").fill("SUPPORTS-FALC")
    page.get_by_label("Libellé").fill("Les supports des stagiaires existent en facile à lire et à comprendre.")
    page.get_by_label("Niveau").select_option(label="Exigence souhaitée")
    page.get_by_role("button", name="Enregistrer l'exigence").click()
    page.get_by_role("button", name="Publier la version 2").click()
    expect(page.get_by_text("Version 2 publiée.")).to_be_visible()
    assert axe_violations(page) == []

    # The regional team prepares the call; a weighting off 100 is refused and nothing is saved.
    login(w.team)
    page.get_by_role("link", name="Gérer les appels d'offres").click()
    page.get_by_role("link", name="Préparer un appel d'offres").click()
    page.get_by_label("Intitulé").fill("Formation des intervenants-pairs du Rhône 2027")
    page.get_by_label("Consultation privée").check()
    page.get_by_label("Date de publication").fill("2026-09-30")
    page.get_by_label("Date limite des questions").fill("2026-10-15T12:00")
    page.get_by_label("Date limite de remise des offres").fill("2026-11-02T12:00")
    page.get_by_label("Date prévue d'attribution").fill("2026-11-20")
    page.get_by_label("Début prévu des formations").fill("2027-01-04")
    page.get_by_label("Lot 1 : formation").select_option(label=w.course.title)
    page.get_by_label("Lot 1 : territoire").select_option(label=str(w.territory))
    page.get_by_label("Pondération : Prix (points)").fill("50")
    page.get_by_role("button", name="Enregistrer l'appel d'offres").click()
    expect(page.get_by_text("110 points : elles doivent faire 100").first).to_be_visible()
    assert not Call.objects.exists()
    page.get_by_label("Pondération : Prix (points)").fill("40")
    page.get_by_role("button", name="Enregistrer l'appel d'offres").click()
    page.get_by_role("button", name="Publier l'appel d'offres").click()
    expect(page.get_by_text("Appel d'offres publié.")).to_be_visible()
    call = Call.objects.get()
    assert call.specification.version == 2 and call.status == "published"
    lot = call.lots.get()

    # An organisation finds the call from the footer and registers.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{url}/")
    page.get_by_role("link", name="Appels d'offres ouverts").click()
    page.get_by_role("link", name="Formation des intervenants-pairs du Rhône 2027").click()
    page.get_by_role("link", name="Inscrire votre organisme de formation").first.click()
    page.get_by_label("Raison sociale de l'organisme").fill("Forma Sud")
    page.get_by_label("SIRET").fill("73282932000075")
    page.get_by_label("Numéro de déclaration d'activité (NDA)").fill("84691234569")
    page.get_by_label("Région où vous répondez").select_option(label=w.region.name)
    page.get_by_label("Nom et prénom du contact").fill("Julie Faure")
    page.get_by_label("E-mail du contact").fill("julie@formasud.example")
    page.get_by_role("button", name="Envoyer l'inscription").click()
    expect(page.get_by_text("clé de contrôle").first).to_be_visible()
    # The refused page moves the focus to its error summary once loaded; type after that, as a person would.
    expect(page.locator(".form-error-summary")).to_be_focused()
    page.get_by_label("SIRET").fill("73282932000074")
    page.get_by_role("button", name="Envoyer l'inscription").click()
    expect(page.get_by_role("heading", name="Inscription envoyée")).to_be_visible()

    # The regional team validates it: the contact gets an organisation staff account.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(w.team)
    page.get_by_role("link", name="Gérer les appels d'offres").click()
    page.get_by_role("button", name="Valider l'inscription").click()
    expect(page.get_by_text("Inscription de « Forma Sud » validée.")).to_be_visible()
    contact = User.objects.get(email="julie@formasud.example")
    contact.set_password(settings.DEMO_PASSWORD)  # what the invitation link lets her do
    contact.save()

    # The other organisation bids by the service; Forma Sud bids on a phone with a 7-hour session.
    bid(w, lot)
    page.set_viewport_size({"width": 390, "height": 844})
    login(contact)
    page.get_by_role("link", name="Répondre à un appel d'offres").click()
    page.get_by_role("link", name="Formation des intervenants-pairs du Rhône 2027").click()
    page.get_by_label("Votre question").fill("Les séances peuvent-elles avoir lieu le samedi ?")
    page.get_by_role("button", name="Poser la question").click()
    expect(page.get_by_text("Question envoyée")).to_be_visible()
    page.get_by_role("link", name="Déposer une offre pour le lot 1").click()
    page.get_by_label("Proposition technique").fill("Des ateliers en demi-journées, un rattrapage en ligne.")
    page.get_by_label("Prix total (€ HT)").fill("21000")
    page.get_by_label("Animation par les formateurs (€ HT)", exact=True).fill("15000")
    page.get_by_label("Animation par les formateurs pairs (€ HT)", exact=True).fill("5000")
    page.get_by_label("Stagiaires par groupe").fill("8")
    page.get_by_label("Interprétation en langue des signes (LSF)").check()
    page.get_by_label("Personne 1 : nom").fill("Hélène Garnier")
    page.get_by_label("Personne 1 : rôle").select_option(label="Formateur ou formatrice")
    page.get_by_label("Personne 2 : nom").fill("Yacine Belkacem")
    page.get_by_label("Personne 2 : rôle").select_option(label="Formateur pair")
    rows = [(datetime.date(2027, 1, 12), "09:00", "16:00"), (datetime.date(2027, 1, 13), "09:00", "15:00")]
    rows += GOOD_SCHEDULE[2:]
    for number, (day, start, end) in enumerate(rows, start=1):
        page.get_by_label(f"Séance {number} : date").fill(day.isoformat())
        page.get_by_label(f"Séance {number} : début").fill(start)
        page.get_by_label(f"Séance {number} : fin").fill(end)
    page.get_by_role("button", name="Déposer l'offre").click()
    # The price schedule falls 1,000 € short of the total: refused, nothing deposited, all kept.
    expect(page.locator(".form-error-summary")).to_be_focused()
    expect(page.locator(".form-error-summary")).to_contain_text("Le détail du prix fait 20")
    assert not Bid.objects.filter(organisation__name="Forma Sud").exists()
    expect(page.get_by_label("Personne 2 : nom")).to_have_value("Yacine Belkacem")
    page.get_by_label("Ingénierie, préparation et coordination (€ HT)").fill("1000")
    page.get_by_role("button", name="Déposer l'offre").click()
    expect(page.get_by_role("heading", name="Accusé de réception de l'offre")).to_be_visible()
    expect(page.get_by_role("table", name="Détail du prix")).to_contain_text("Animation par les formateurs pairs")
    sealed = Bid.objects.get(organisation__name="Forma Sud")
    expect(page.locator("code.digest")).to_have_text(sealed.digest)
    assert axe_violations(page) == []

    # Before the deadline the team cannot read it; it answers the question for every bidder.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(w.team)
    page.get_by_role("link", name="Gérer les appels d'offres").click()
    page.get_by_role("link", name="Formation des intervenants-pairs du Rhône 2027").click()
    page.get_by_label("Réponse").fill("Oui, si le lieu est ouvert et accessible.")
    page.get_by_role("button", name="Publier la réponse").click()
    expect(page.get_by_text("Réponse publiée pour tous les organismes.")).to_be_visible()
    page.get_by_role("link", name="Voir la page publique").click()
    expect(page.get_by_text("Oui, si le lieu est ouvert et accessible.")).to_be_visible()
    expect(page.get_by_text("Forma Sud")).to_have_count(0)
    response = page.goto(f"{url}/appels-d-offres/equipe/offres/{sealed.pk}/notation/")
    assert response.status == 404

    # After the deadline: the kit check, the declaration, the scores, the award.
    moving_clock.move_to(AFTER)
    login(w.team)  # a month later: a new session
    page.get_by_role("link", name="Gérer les appels d'offres").click()
    page.get_by_role("link", name="Formation des intervenants-pairs du Rhône 2027").click()
    page.get_by_role("button", name="Vérifier la conformité des offres").click()
    expect(page.get_by_text("Conformité vérifiée")).to_be_visible()
    forma_sud = page.get_by_role("article", name="Forma Sud")
    expect(forma_sud).to_contain_text("Écartée")
    expect(forma_sud).to_contain_text("celle-ci dure 7 h")
    expect(forma_sud).to_contain_text("jours consécutifs")
    page.get_by_label("Je déclare n'avoir aucun lien d'intérêts").check()
    page.get_by_role("button", name="Enregistrer ma déclaration").click()
    page.get_by_role("link", name="Noter l'offre de Organisme test").click()
    page.get_by_role("button", name="Enregistrer mes notes").click()
    expect(page.get_by_text("Justifiez la note : c'est obligatoire.").first).to_be_visible()
    for label in ("Pédagogie", "Équipe, dont formateurs pairs", "Accessibilité", "Calendrier"):
        page.get_by_label(f"{label} : note sur 10").fill("8")
        page.get_by_label(f"{label} : justification").fill("Proposition claire et conforme au kit.")
    page.get_by_role("button", name="Enregistrer mes notes").click()
    expect(page.get_by_text("Notes enregistrées.")).to_be_visible()
    assert axe_violations(page) == []
    # The award waits for the regional team's consolidation of the scores.
    page.get_by_role("button", name="Attribuer le lot 1 à l'offre classée 1re").click()
    expect(page.get_by_text("Consolidez d'abord les notes de chaque offre conforme du lot")).to_be_visible()
    page.get_by_role("link", name="Consolider les notes de l'offre de Organisme test").click()
    for label in ("Pédagogie", "Équipe, dont formateurs pairs", "Accessibilité", "Calendrier"):
        expect(page.get_by_label(f"{label} : note consolidée sur 10")).to_have_value("8.0")
        page.get_by_label(f"{label} : justification de la consolidation").fill("Seule évaluatrice : note confirmée.")
    page.get_by_role("button", name="Enregistrer les notes consolidées").click()
    expect(page.get_by_text("Notes consolidées de l'offre de Organisme test enregistrées.")).to_be_visible()
    page.get_by_role("button", name="Attribuer le lot 1 à l'offre classée 1re").click()
    expect(page.get_by_text("Lot attribué")).to_be_visible()
    group = TrainingGroup.objects.get()
    assert (group.organisation, group.course, group.territory) == (organisation, w.course, territory)

    # The rejection letter, read back from its PDF.
    href = page.get_by_role("link", name="Lettre de rejet de Forma Sud (PDF)").get_attribute("href")
    pdf = page.request.get(f"{url}{href}")
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert "Lettre de rejet de votre offre" in text
    assert "Motif, SEANCES" in text and "celle-ci dure 7 h" in text
    assert "Offre retenue : Organisme test" in text

    # The analysis report: compliance with its evidence, scores with their justifications, decision.
    href = page.get_by_role("link", name="Rapport d'analyse des offres (PDF)").get_attribute("href")
    report = PdfReader(io.BytesIO(page.request.get(f"{url}{href}").body()))
    text = " ".join(" ".join(report_page.extract_text() for report_page in report.pages).split())
    assert "Offre de Forma Sud : Écartée" in text and "celle-ci dure 7 h" in text
    assert "Nadia Benali : 8/10 — Proposition claire et conforme au kit." in text
    assert "Pédagogie, note consolidée par l'équipe régionale : 8/10 — Seule évaluatrice : note confirmée." in text
    assert "Décision : lot attribué à Organisme test" in text


@pytest.mark.parametrize("width", [1280, 390])
def test_the_team_declares_a_call_abandoned_from_its_start_page(
    page, live_server, login, site_tree, territory, organisation, make_user, moving_clock, width
):
    w = build_world(site_tree, territory, organisation, make_user)
    call = make_call(w)
    deposited = bid(w, call.lots.get())
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
    login(w.team)
    page.get_by_role("link", name="Gérer les appels d'offres").click()
    page.get_by_role("link", name=call.title).click()
    page.get_by_role("link", name="Déclarer l'appel d'offres sans suite").click()
    expect(page.get_by_role("heading", name="Déclarer l'appel d'offres sans suite")).to_be_visible()
    # No reason: refused, nothing changes.
    page.get_by_role("button", name="Déclarer l'appel d'offres sans suite").click()
    expect(page.locator(".form-error-summary")).to_be_focused()
    expect(page.locator(".form-error-summary")).to_contain_text("Écrivez le motif de la déclaration sans suite")
    assert Call.objects.get(pk=call.pk).status == Call.Status.PUBLISHED
    page.get_by_label("Motif de la déclaration sans suite").fill("Le besoin a changé : la formation est reportée.")
    page.get_by_role("button", name="Déclarer l'appel d'offres sans suite").click()
    expect(page.get_by_text("Appel d'offres déclaré sans suite. Les organismes")).to_be_visible()
    expect(page.get_by_text("Déclaré sans suite le", exact=False)).to_be_visible()
    expect(page.get_by_role("link", name="Déclarer l'appel d'offres sans suite")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    # The public page says so, and links the open data.
    page.get_by_role("link", name="Voir la page publique").click()
    expect(page.get_by_role("heading", name="Appel d'offres déclaré sans suite le", exact=False)).to_be_visible()
    expect(page.get_by_text("la formation est reportée")).to_be_visible()
    expect(page.get_by_role("link", name="Données ouvertes (OCDS, JSON)")).to_be_visible()
    assert Call.objects.get(pk=call.pk).status == Call.Status.ABANDONED
    assert [message.to for message in mail.outbox] == [sorted([organisation.contact_email, w.staff.email])]
    assert Bid.objects.get(pk=deposited.pk).status == Bid.Status.SUBMITTED


def test_the_team_consolidates_two_evaluators_scores_and_reads_the_sensitivity_of_its_award(
    page, live_server, login, site_tree, territory, organisation, make_user, moving_clock
):
    w = build_world(site_tree, territory, organisation, make_user)
    call = make_call(w)
    lot = call.lots.get()
    cheap = bid(w, lot, price="20000")
    dear = bid(w, lot, staff=w.other_staff, organisation=w.other_organisation, price="25000")
    moving_clock.move_to(AFTER)
    services.run_compliance(actor=w.team, call=call)
    quality = list(call.criteria.filter(kind="quality"))
    for evaluator, marks in ((w.team, (6, 9)), (w.second_evaluator, (8, 9))):
        services.declare_no_conflict(actor=evaluator, call=call)
        for target, mark in zip((cheap, dear), marks, strict=True):
            services.score_bid(
                actor=evaluator, bid=Bid.objects.get(pk=target.pk),
                marks={c.pk: (Decimal(mark), f"Avis de {evaluator.first_name} sur {c.label}.") for c in quality},
            )  # fmt: skip

    # From the start page, the team opens the cheaper bid's consolidation: both evaluators side by side.
    login(w.team)
    page.get_by_role("link", name="Gérer les appels d'offres").click()
    page.get_by_role("link", name="Formation des intervenants-pairs du Rhône 2027").click()
    page.get_by_role("link", name="Consolider les notes de l'offre de Organisme test").click()
    pedagogy = page.get_by_role("table", name="Notes des évaluateurs : Pédagogie")
    expect(pedagogy.get_by_role("row", name="Nadia Benali")).to_contain_text("Avis de Nadia sur Pédagogie.")
    expect(pedagogy.get_by_role("row", name="Marc Roux")).to_contain_text("Avis de Marc sur Pédagogie.")
    expect(
        page.get_by_text("Moyenne : 7,0 sur 10 · écart entre la note la plus haute et la plus basse : 2,0")
    ).to_have_count(4)
    expect(page.get_by_label("Pédagogie : note consolidée sur 10")).to_have_value("7.0")
    assert axe_violations(page) == []
    # Without a justification the marks are refused and nothing is saved.
    page.get_by_role("button", name="Enregistrer les notes consolidées").click()
    expect(page.locator(".form-error-summary")).to_be_focused()
    expect(page.get_by_text("Justifiez la note consolidée").first).to_be_visible()
    assert not ConsolidatedScore.objects.exists()
    for label in ("Pédagogie", "Équipe, dont formateurs pairs", "Accessibilité", "Calendrier"):
        page.get_by_label(f"{label} : justification de la consolidation").fill("Les deux avis se rejoignent.")
    page.get_by_role("button", name="Enregistrer les notes consolidées").click()
    expect(page.get_by_text("Notes consolidées de l'offre de Organisme test enregistrées.")).to_be_visible()
    expect(page.get_by_role("table", name="Classement du lot 1")).to_contain_text("provisoires")

    # On a phone, the other bid; then the sensitivity of the award, from the call's page.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Consolider les notes de l'offre de Formations Rhône Conseil").click()
    for label in ("Pédagogie", "Équipe, dont formateurs pairs", "Accessibilité", "Calendrier"):
        page.get_by_label(f"{label} : justification de la consolidation").fill("Avis identiques.")
    page.get_by_role("button", name="Enregistrer les notes consolidées").click()
    expect(page.get_by_text("Notes consolidées de l'offre de Formations Rhône Conseil enregistrées.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Sensibilité de l'attribution du lot 1 aux pondérations").click()
    table = page.get_by_role("table", name="Variation de pondération qui change l'attributaire du lot 1")
    # 86 against 82 points: 10 more price points (50, the other weights giving way) tie them at 85, and
    # the cheaper Organisme test wins the tie.
    price = table.get_by_role("row", name="Prix")
    expect(price).to_contain_text("hausse de 10,00 points ou plus")
    expect(price).to_contain_text("50,00")
    expect(price).to_contain_text("Organisme test")
    # Pédagogie (20): down to 0 points ties them at 85 again (the other weights × 100/80). The team
    # criterion (15) would need to fall below zero: no change of it alone moves the award.
    expect(table.get_by_role("row", name="Pédagogie")).to_contain_text("baisse de 20,00 points ou plus")
    expect(table.get_by_role("row", name="Équipe, dont formateurs pairs")).to_contain_text(
        "aucune variation de pondération ne change l'attributaire"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    page.get_by_role("link", name="Retour à l'appel d'offres").click()
    page.get_by_role("button", name="Attribuer le lot 1 à l'offre classée 1re").click()
    expect(page.get_by_text("Lot attribué")).to_be_visible()
    assert TrainingGroup.objects.get().organisation == w.other_organisation
