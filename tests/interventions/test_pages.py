"""The pages: the public form (throttled, nothing saved on error), the team's list (each team its
region, the national team reading, constant queries), the request page across regions, the peer's
space, the statement PDF read back and the receipts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from lms.interventions import services
from lms.interventions.models import InterventionRequest
from tests.interventions.conftest import REQUEST, TODAY, advance

pytestmark = pytest.mark.django_db


def form_data(iw, **overrides):
    data = {**REQUEST, "region": iw.region.pk, "territory": iw.territory.pk, **overrides}
    return data


def png(name="ticket.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_the_public_form_creates_a_received_request(client, iw):
    response = client.post(reverse("interventions:request_public"), form_data(iw))
    assert response.status_code == 302 and response["Location"] == reverse("interventions:request_thanks")
    assert InterventionRequest.objects.get().stage == "received"


def test_the_public_form_refuses_with_clear_messages_and_saves_nothing(client, iw):
    response = client.post(reverse("interventions:request_public"), form_data(iw, what="", contact_email="x"))
    assert response.status_code == 400
    assert not InterventionRequest.objects.exists()
    assert "Saisissez une adresse de courriel valide." in response.content.decode()
    assert "Champ requis." in response.content.decode()


def test_the_public_form_is_throttled_per_address(client, iw, settings):
    url = reverse("interventions:request_public")
    for _ in range(5):
        assert client.post(url, form_data(iw), REMOTE_ADDR="203.0.113.9").status_code == 302
    response = client.post(url, form_data(iw), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 400
    assert "Trop de demandes ont été envoyées" in response.content.decode()
    assert InterventionRequest.objects.count() == 5
    assert client.post(url, form_data(iw), REMOTE_ADDR="203.0.113.10").status_code == 302


def test_each_team_lists_its_region_and_the_national_team_reads_all(client, iw, make_request):
    mine = make_request()
    theirs = make_request(region=iw.other_region, territory=None, organisation_name="Mairie de Paris")
    client.force_login(iw.team)
    page = client.get(reverse("interventions:team_requests")).content.decode()
    assert "Foyer Les Tilleuls" in page and "Mairie de Paris" not in page
    assert client.get(reverse("interventions:request_detail", args=[theirs.pk])).status_code == 404
    client.force_login(iw.national)
    page = client.get(reverse("interventions:team_requests")).content.decode()
    assert "Foyer Les Tilleuls" in page and "Mairie de Paris" in page
    detail = client.get(reverse("interventions:request_detail", args=[mine.pk]))
    assert detail.status_code == 200 and "Marquer comme qualifiée" not in detail.content.decode()
    stage = client.post(reverse("interventions:request_stage", args=[mine.pk]), {"action": "qualify"})
    assert stage.status_code == 404
    mine.refresh_from_db()
    assert mine.stage == "received"


def test_the_stage_filter(client, iw, make_request):
    advance(iw, make_request(organisation_name="Mairie de Lyon"), "qualified")
    make_request()
    client.force_login(iw.team)
    page = client.get(reverse("interventions:team_requests"), {"etape": "qualified"}).content.decode()
    assert "Mairie de Lyon" in page and "Foyer Les Tilleuls" not in page


def test_the_list_runs_in_constant_queries(client, iw, make_request):
    client.force_login(iw.team)
    url = reverse("interventions:team_requests")
    advance(iw, make_request(), "proposed")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for index in range(3):
        advance(iw, make_request(organisation_name=f"Structure {index}"), "qualified")
    assert count() == few


def test_a_team_from_another_region_cannot_reach_the_request(client, iw, make_request):
    request = make_request()
    client.force_login(iw.other_team)
    for name in ("request_detail", "request_matching", "expense_statement"):
        assert client.get(reverse(f"interventions:{name}", args=[request.pk])).status_code == 404


def test_a_peer_sees_only_their_own_proposals(client, iw, make_request):
    request = advance(iw, make_request(), "proposed")
    proposal = request.proposals.get()
    client.force_login(iw.second)
    assert client.get(reverse("interventions:my_proposal", args=[proposal.pk])).status_code == 404
    assert client.post(reverse("interventions:my_answer", args=[proposal.pk]), {"answer": "accept"}).status_code == 404
    client.force_login(iw.peer)
    page = client.get(reverse("interventions:my_proposal", args=[proposal.pk])).content.decode()
    assert "J'accepte cette intervention" in page and "Pourquoi on vous la propose" in page
    # Declining needs a reason.
    response = client.post(reverse("interventions:my_answer", args=[proposal.pk]), {"answer": "decline"})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_the_peer_adds_an_expense_with_a_receipt_and_a_bad_file_is_refused(client, iw, make_request):
    request = advance(iw, make_request(), "preparation")
    proposal = request.proposals.get()
    client.force_login(iw.peer)
    url = reverse("interventions:my_expense_add", args=[proposal.pk])
    data = {"kind": "meals", "amount": "14.50", "spent_on": TODAY.isoformat(), "payer": "partner"}
    bad = SimpleUploadedFile("ticket.png", b"<script>alert(1)</script>", content_type="image/png")
    assert client.post(url, {**data, "receipt": bad}).status_code == 400
    assert not request.expenses.exists()
    assert client.post(url, {**data, "receipt": png()}).status_code == 302
    line = request.expenses.get()
    assert line.receipt and line.submitted_by == iw.peer
    receipt = reverse("interventions:expense_receipt", args=[request.pk, line.pk])
    assert client.get(receipt).status_code == 200
    client.force_login(iw.second)
    assert client.get(receipt).status_code == 404
    client.force_login(iw.other_team)
    assert client.get(receipt).status_code == 404


def test_the_statement_pdf_reads_back_with_lines_payers_and_totals(client, iw, make_request):
    request = advance(iw, make_request(expenses_budget="100"), "done")
    first = services.add_expense(
        actor=iw.peer, request=request, kind="transport", amount="23.40", spent_on=TODAY, description="TER Lyon"
    )
    second = services.add_expense(
        actor=iw.peer, request=request, kind="support_person", amount="40", spent_on=TODAY, payer="regional_team"
    )
    services.add_expense(actor=iw.peer, request=request, kind="meals", amount="9", spent_on=TODAY)
    services.decide_expense(actor=iw.team, line=first, approve=True)
    services.decide_expense(actor=iw.team, line=second, approve=False, reason="Pas prévu avec le partenaire")
    client.force_login(iw.team)
    response = client.get(reverse("interventions:expense_statement", args=[request.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "État de frais — demande d'intervention n°" in text and "Samia Haddad" in text
    assert "TER Lyon" in text and "Personne qui accompagne" in text and "Refusée" in text and "À valider" in text
    assert "Total des frais déclarés : 72,40 €" in text and "Total validé : 23,40 €" in text
    assert "Total refusé : 40,00 €" in text and "Validé, payé par le partenaire : 23,40 €" in text
    assert "Budget prévu par le partenaire : 100,00 €" in text
    page = client.get(reverse("interventions:request_detail", args=[request.pk])).content.decode()
    assert "72,40 €" in page and "23,40 €" in page


def test_expense_rules(iw, make_request):
    from django.core.exceptions import ValidationError

    request = advance(iw, make_request(), "proposed")
    with pytest.raises(ValidationError):  # not accepted yet
        services.add_expense(actor=iw.peer, request=request, kind="meals", amount="9", spent_on=TODAY)
    services.answer_proposal(actor=iw.peer, proposal=request.proposals.get(), accept=True)
    for amount in ("0", "-3", "9000", "abc"):
        with pytest.raises(ValidationError):
            services.add_expense(actor=iw.peer, request=request, kind="meals", amount=amount, spent_on=TODAY)
    with pytest.raises(ValidationError):
        services.add_expense(actor=iw.second, request=request, kind="meals", amount="9", spent_on=TODAY)
    line = services.add_expense(actor=iw.peer, request=request, kind="meals", amount="9", spent_on=TODAY)
    with pytest.raises(ValidationError):
        services.decide_expense(actor=iw.peer, line=line, approve=True)
    with pytest.raises(ValidationError):
        services.decide_expense(actor=iw.team, line=line, approve=False, reason="")
    services.decide_expense(actor=iw.team, line=line, approve=True)
    with pytest.raises(ValidationError):
        services.decide_expense(actor=iw.team, line=line, approve=False, reason="Non")


def test_the_partner_feedback_link(client, iw, make_request):
    request = advance(iw, make_request(), "done")
    url = reverse("interventions:partner_feedback", args=[request.feedback_token])
    assert client.get(url).status_code == 200
    assert client.post(url, {"rating": "4", "comment": "Merci"}).status_code == 302
    assert "Votre avis est enregistré" in client.get(url).content.decode()
    assert client.get(reverse("interventions:partner_feedback", args=["inconnu"])).status_code == 404


def test_panels_on_the_start_pages(client, iw, make_request):
    request = advance(iw, make_request(), "proposed")
    client.force_login(iw.team)
    page = client.get(reverse("cohorts:groups_overview")).content.decode()
    assert "Voir les demandes d'intervention" in page
    client.force_login(iw.peer)
    page = client.get(reverse("attendance:trainee_home")).content.decode()
    assert (
        "Mes interventions" in page and reverse("interventions:my_proposal", args=[request.proposals.get().pk]) in page
    )
    client.force_login(iw.stranger)
    assert "Mes interventions" not in client.get(reverse("attendance:trainee_home")).content.decode()


def test_the_team_records_a_request_in_its_own_region_only(client, iw):
    url = reverse("interventions:request_create")
    client.force_login(iw.team)
    refused = client.post(url, form_data(iw, region=iw.other_region.pk, territory=""))
    assert refused.status_code == 400 and not InterventionRequest.objects.exists()
    response = client.post(url, form_data(iw))
    request = InterventionRequest.objects.get()
    assert response["Location"] == reverse("interventions:request_detail", args=[request.pk])
    assert (request.channel, request.created_by) == ("team", iw.team)
    client.force_login(iw.national)
    assert client.get(url).status_code == 403


def test_cancelling_without_a_reason_is_refused_next_to_the_field(client, iw, make_request):
    request = make_request()
    client.force_login(iw.team)
    url = reverse("interventions:request_stage", args=[request.pk])
    response = client.post(url, {"action": "cancel", "reason": ""})
    assert response.status_code == 400 and "Champ requis." in response.content.decode()
    request.refresh_from_db()
    assert request.stage == "received"
    client.post(url, {"action": "cancel", "reason": "Reporté à l'an prochain"})
    request.refresh_from_db()
    assert (request.stage, request.cancelled_reason) == ("cancelled", "Reporté à l'an prochain")
    # An illegal move from the page says why, and changes nothing.
    client.post(url, {"action": "qualify"}, follow=True)
    request.refresh_from_db()
    assert request.stage == "cancelled"


def test_the_peer_list_and_the_request_page_run_in_constant_queries(client, iw, make_request):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    first = advance(iw, make_request(), "preparation")
    services.add_expense(actor=iw.peer, request=first, kind="meals", amount="9", spent_on=TODAY)
    client.force_login(iw.peer)
    mine = reverse("interventions:my_interventions")
    few = count(mine)
    team_page = reverse("interventions:request_detail", args=[first.pk])
    for index in range(3):
        advance(iw, make_request(organisation_name=f"Structure {index}"), "proposed")
        services.add_expense(actor=iw.peer, request=first, kind="transport", amount="5", spent_on=TODAY)
    assert count(mine) == few
    client.force_login(iw.team)
    detail = count(team_page)
    for _ in range(2):
        services.add_expense(actor=iw.peer, request=first, kind="transport", amount="5", spent_on=TODAY)
    assert count(team_page) == detail
