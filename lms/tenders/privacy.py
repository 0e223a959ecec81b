"""The calls for tenders' part in personal-data rights: an organisation contact's registrations and an
evaluator's declarations, scores and consolidated marks are exported. Erasure pseudonymises the
contact of a registration; declarations, scores and consolidated marks are kept as procurement records
(they name the evaluator by account only)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.people import privacy
from lms.people.audit import record_access
from lms.tenders.models import ConsolidatedScore, Declaration, Question, Registration, Score


def _registrations(user):
    return Registration.objects.filter(Q(submitted_by=user) | Q(contact_email__iexact=user.email))


def export_tenders(user) -> dict:
    return {
        "inscriptions_organisme": [
            {
                "organisme": item.name,
                "siret": item.siret,
                "contact": item.contact_name,
                "e-mail": item.contact_email,
                "statut": item.get_status_display(),
                "envoyée_le": item.submitted_at,
            }
            for item in _registrations(user).order_by("pk")
        ],  # fmt: skip
        "déclarations_d_absence_de_conflit": [
            {"appel_d_offres": item.call.title, "déclarée_le": item.declared_at}
            for item in Declaration.objects.filter(evaluator=user).select_related("call").order_by("pk")
        ],
        "questions_posées": [
            {
                "appel_d_offres": item.call.title,
                "question": item.text,
                "posée_le": item.asked_at,
                "réponse": item.answer,
            }
            for item in Question.objects.filter(asked_by=user).select_related("call").order_by("pk")
        ],
        "notes_données": [
            {
                "offre": str(item.bid),
                "critère": item.criterion.label,
                "note": str(item.mark),
                "justification": item.justification,
                "le": item.scored_at,
            }
            for item in Score.objects.filter(evaluator=user)
            .select_related("criterion", "bid__organisation", "bid__lot__course", "bid__lot__territory")
            .order_by("pk")
        ],  # fmt: skip
        "notes_consolidées": [
            {
                "offre": str(item.bid),
                "critère": item.criterion.label,
                "note": str(item.mark),
                "justification": item.justification,
                "le": item.consolidated_at,
            }
            for item in ConsolidatedScore.objects.filter(consolidated_by=user)
            .select_related("criterion", "bid__organisation", "bid__lot__course", "bid__lot__territory")
            .order_by("pk")
        ],  # fmt: skip
    }


def erase_tenders(user, pseudonym: str) -> None:
    Question.objects.filter(asked_by=user).update(asked_by=None)  # published without a name already
    for registration in _registrations(user):
        record_access(None, "write", registration, "effacement des données de la personne")
        registration.contact_name = pseudonym
        registration.contact_email = f"{pseudonym}@efface.invalid"
        registration.submitted_by = None
        registration.save(update_fields=["contact_name", "contact_email", "submitted_by"])


def register() -> None:
    privacy.register("tenders", label=_("Appels d'offres"), exporter=export_tenders, eraser=erase_tenders, order=32)
