"""The cohorts app's part in personal-data rights: applications, selection interviews, enrolments,
convocations and the private calendar feed.

Applications and interviews are not kept by law: erasure deletes them (interview notes are
sensitive, so their deletion is audited), with the employer's charter when no other application
relies on it. Enrolments back attendance sheets and certificates, which are kept by law: they stay,
and only point to the anonymised account. Convocation logs stay too (proof of convocation): they
store no name or address, only keys and dates.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.cohorts.models import INTERVIEW_GRIDS, Application, CalendarToken, ConvocationLog, EngagementCharter, Enrolment
from lms.people import privacy
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry


def _interview_export(interview, audience: str, reader) -> dict:
    """The interview as the person may read it, notes included (right of access); reading the
    notes is audited like any other reading."""

    if interview.notes:
        record_access(
            reader, AuditLogEntry.Action.READ, interview, "notes d'entretien (export de ses données)", subject=reader
        )
    return {
        "date": interview.held_on,
        "grille": [
            {
                "critère": str(interview._meta.get_field(name).verbose_name),
                "appréciation": getattr(interview, f"get_{name}_display")(),
            }
            for name in INTERVIEW_GRIDS.get(audience, [])
        ],
        "décision": interview.get_decision_display(),
        "motif_de_la_décision": interview.decision_reason,
        "notes_d'entretien": interview.notes,
    }


def _charter_export(charter) -> dict:
    return {
        "structure_employeuse": charter.employer_name,
        "signataire": charter.signatory_name,
        "fonction_du_signataire": charter.signatory_role,
        "signée_le": charter.signed_on,
        "forme": charter.get_method_display(),
        "document_déposé": bool(charter.document),
    }


def export_selection(user) -> dict:
    """The person's applications as they wrote them, with the interview and the charter, their
    enrolments and the convocations sent. Only applications linked to the account are exported:
    one merely bearing the same e-mail address might have been typed by someone else."""

    applications = (
        Application.objects.filter(candidate=user)
        .select_related("course", "territory", "charter", "interview")
        .order_by("created_at", "pk")
    )
    exported_applications = []
    for application in applications:
        interview = getattr(application, "interview", None)
        exported_applications.append(
            {
                "formation": application.course.title,
                "territoire": str(application.territory),
                "prénom": application.first_name,
                "nom": application.last_name,
                "adresse_e-mail": application.email,
                "téléphone": application.phone,
                "structure_employeuse": application.employer_name,
                "fonction": application.job_title,
                "motivation": application.motivation,
                "besoins_pour_l'entretien": application.interview_needs,
                "origine": application.get_source_display(),
                "statut": application.get_status_display(),
                "reçue_le": application.created_at,
                "entretien": (_interview_export(interview, application.course.audience, user) if interview else None),
                "charte_d'engagement": _charter_export(application.charter) if application.charter else None,
            }
        )
    enrolments = Enrolment.objects.filter(trainee=user).select_related("group__course").order_by("created_at", "pk")
    convocations = (
        ConvocationLog.objects.filter(trainee=user)
        .select_related("session__session_page")
        .order_by("session__date", "sent_at")
    )
    return {
        "candidatures": exported_applications,
        "inscriptions": [
            {
                "groupe": enrolment.group.name,
                "formation": enrolment.group.course.title,
                "statut": enrolment.get_status_display(),
                "inscription_le": enrolment.created_at,
                "liste_d'attente_le": enrolment.waitlisted_at,
                "désistement_le": enrolment.withdrawn_at,
                "début_du_groupe": enrolment.group.start_date,
                "fin_du_groupe": enrolment.group.end_date,
            }
            for enrolment in enrolments
        ],
        "convocations_envoyées": [
            {
                "séance": convocation.session.session_page.title,
                "date_de_la_séance": convocation.session.date,
                "envoi": convocation.get_kind_display(),
                "envoyée_le": convocation.sent_at,
            }
            for convocation in convocations
        ],
    }


def erase_selection(user, pseudonym: str) -> None:
    """Deletes the person's applications and interviews (each interview deletion audited), the
    charter files only their applications used, and the calendar token so that the private feed
    address stops working. Enrolments and convocation logs stay, pointing to the anonymised account."""

    # An application not yet linked to an account is the person's when it bears their address:
    # enrolment links accounts by e-mail the same way. Runs before people's eraser changes it.
    applications = list(
        Application.objects.filter(
            Q(candidate=user) | Q(candidate__isnull=True, email__iexact=user.email)
        ).select_related("interview")
    )
    interview_ids = []
    for application in applications:
        interview = getattr(application, "interview", None)
        if interview is None:
            continue
        interview_ids.append(str(interview.pk))
        # The entry's label names the interview after the candidate: the pseudonym, not the name.
        application.first_name, application.last_name = pseudonym, ""
        record_access(None, AuditLogEntry.Action.DELETE, interview, "effacement des données personnelles", subject=user)
    # Earlier entries about these interviews were labelled with the candidate's name.
    AuditLogEntry.objects.filter(record_type="cohorts.selectioninterview", record_id__in=interview_ids).update(
        record_label=f"Entretien — {pseudonym}"
    )
    charter_ids = {application.charter_id for application in applications if application.charter_id}
    Application.objects.filter(pk__in=[application.pk for application in applications]).delete()
    files = []
    for charter in EngagementCharter.objects.filter(pk__in=charter_ids, applications__isnull=True):
        if charter.document:
            files.append((charter.document.storage, charter.document.name))
        charter.delete()
    CalendarToken.objects.filter(user=user).delete()
    privacy.delete_files_after_commit(files)


def register() -> None:
    privacy.register(
        "cohorts",
        label=_("Candidatures, inscriptions et convocations"),
        exporter=export_selection,
        eraser=erase_selection,
        order=50,
    )
