"""The intervention requests' part in personal-data rights: the peer's proposals, feedback and
expense lines (with receipts) are exported and erased with the person. A request itself holds a
partner's contact, not a platform user's: it stays, its peer side erased."""

from django.utils.translation import gettext_lazy as _

from lms.interventions.models import ExpenseLine, Feedback, Proposal, StageChange
from lms.people import privacy


def export_interventions(user) -> dict:
    proposals = Proposal.objects.filter(peer=user).select_related("request").order_by("proposed_at", "pk")
    feedback = Feedback.objects.filter(author=user).select_related("request")
    lines = ExpenseLine.objects.filter(submitted_by=user).select_related("request").order_by("spent_on", "pk")
    return {
        "propositions_d_intervention": [
            {
                "structure": proposal.request.organisation_name,
                "intervention": proposal.request.what,
                "lieu": proposal.request.place,
                "étape": proposal.request.get_stage_display(),
                "proposée_le": proposal.proposed_at,
                "réponse": proposal.get_status_display(),
                "répondu_le": proposal.answered_at,
                "motif_du_refus": proposal.decline_reason,
            }
            for proposal in proposals
        ],
        "avis_sur_les_interventions": [
            {"structure": item.request.organisation_name, "appréciation": item.rating, "commentaire": item.comment}
            for item in feedback
        ],
        "frais": [
            {
                "structure": line.request.organisation_name,
                "nature": line.get_kind_display(),
                "montant": str(line.amount),
                "date": line.spent_on,
                "détail": line.description,
                "qui_paie": line.get_payer_display(),
                "statut": line.get_status_display(),
                "justificatif": bool(line.receipt),
            }
            for line in lines
        ],
    }


def erase_interventions(user, pseudonym: str) -> None:
    """Deletes the person's proposals, feedback and expense lines (with their receipts); the requests'
    stage history keeps the moves with the pseudonym instead of the person's name."""
    name = user.get_full_name()
    StageChange.objects.filter(by=user).update(by_label=pseudonym)
    if name:
        touched = StageChange.objects.filter(request__proposals__peer=user, comment__contains=name).distinct()
        for change in touched:
            change.comment = change.comment.replace(name, pseudonym)
            change.save(update_fields=["comment"])
    lines = ExpenseLine.objects.filter(submitted_by=user)
    files = [(line.receipt.storage, line.receipt.name) for line in lines.exclude(receipt="")]
    lines.delete()
    Feedback.objects.filter(author=user).delete()
    Proposal.objects.filter(peer=user).delete()
    privacy.delete_files_after_commit(files)


def register() -> None:
    privacy.register(
        "interventions",
        label=_("Interventions chez les partenaires"),
        exporter=export_interventions,
        eraser=erase_interventions,
        order=35,
    )
