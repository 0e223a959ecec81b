"""The surveys app's part in personal-data rights. Invitations say only that a person was invited,
reminded and has answered (never what): exported, and deleted on erasure. Responses hold no person,
so there is nothing of theirs to find there. Complaints: the person's own, exported; on erasure the
complaint stays in the register (kept as quality evidence) without the name, e-mail or account."""

from django.utils.translation import gettext_lazy as _

from lms.people import privacy
from lms.surveys.models import Complaint, Invitation


def export_surveys(user) -> dict:
    invitations = Invitation.objects.filter(person=user).select_related("campaign__template", "campaign__group")
    complaints = Complaint.objects.filter(complainant=user)
    return {
        "questionnaires": [
            {
                "questionnaire": invitation.campaign.template.title,
                "groupe": invitation.campaign.group.name,
                "envoyé_le": invitation.sent_at,
                "relances": invitation.reminded_count,
                "a_répondu": invitation.answered,
            }
            for invitation in invitations
        ],
        "réclamations": [
            {
                "reçue_le": complaint.received_on,
                "catégorie": complaint.get_category_display(),
                "description": complaint.description,
                "statut": complaint.get_status_display(),
                "réponse": complaint.answer,
            }
            for complaint in complaints
        ],
    }


def erase_surveys(user, pseudonym: str) -> None:
    Invitation.objects.filter(person=user).delete()
    Complaint.objects.filter(complainant=user).update(complainant=None, complainant_name="", complainant_email="")


def register() -> None:
    privacy.register(
        "surveys", label=_("Questionnaires et réclamations"), exporter=export_surveys, eraser=erase_surveys, order=70
    )
