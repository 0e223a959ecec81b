"""The peer's proposals, feedback and expense lines in the person's data export and erasure."""

import pytest

from lms.interventions import services
from lms.interventions.models import ExpenseLine, Feedback, InterventionRequest, Proposal
from lms.interventions.privacy import erase_interventions, export_interventions
from lms.people import privacy
from tests.interventions.conftest import TODAY, advance

pytestmark = pytest.mark.django_db


def test_export_and_erasure(iw, make_request, django_capture_on_commit_callbacks):
    request = advance(iw, make_request(), "done")
    proposal = request.proposals.get()
    services.give_peer_feedback(actor=iw.peer, proposal=proposal, rating=4, comment="Bien")
    services.add_expense(actor=iw.peer, request=request, kind="meals", amount="9", spent_on=TODAY)
    assert "interventions" in {handler.name for handler in privacy.handlers()}
    exported = export_interventions(iw.peer)
    assert exported["propositions_d_intervention"][0]["structure"] == "Foyer Les Tilleuls"
    assert exported["avis_sur_les_interventions"][0]["commentaire"] == "Bien"
    assert exported["frais"][0]["montant"] == "9.00"
    with django_capture_on_commit_callbacks(execute=True):
        erase_interventions(iw.peer, "personne-1")
    assert not Proposal.objects.exists() and not Feedback.objects.exists() and not ExpenseLine.objects.exists()
    # The partner's request stays, without the peer's side; its history names the pseudonym.
    assert InterventionRequest.objects.get().stage == "done"
    history = " ".join(f"{c.by_label} {c.comment}" for c in request.stage_changes.all())
    assert "Samia" not in history and "personne-1" in history


def test_writes_are_audited(iw, make_request):
    from lms.people.models import AuditLogEntry

    advance(iw, make_request(), "accepted")
    details = set(
        AuditLogEntry.objects.filter(record_type__startswith="interventions.").values_list("detail", flat=True)
    )
    assert {"demande d'intervention reçue", "demande qualifiée", "proposition d'intervention", "acceptation"} <= details
