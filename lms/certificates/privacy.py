"""The certificates app's part in personal-data rights: the person's certificates.

Certificates are kept by law (proof of the training for funders and audits): erasure keeps the row,
its code and facts, and prints the pseudonym instead of the name, on the record, on the public
verification page and, once the erasure is committed, in the two PDF documents rendered again.
"""

from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lms.certificates import documents, selectors, services
from lms.certificates.models import Certificate, IssuingBatch, new_salt
from lms.certificates.selectors import format_hours
from lms.learning.selectors import final_results
from lms.people import privacy


def export_certificates(user) -> list[dict]:
    """The person's certificates as the verification page states them."""

    return [
        {
            "code_de_vérification": certificate.code,
            "nom_imprimé": certificate.trainee_name,
            "formation": certificate.course_title,
            "organisme_de_formation": certificate.organisation_name,
            "groupe": certificate.group.name,
            "début": certificate.start_date,
            "fin": certificate.end_date,
            "heures_réalisées": format_hours(certificate.hours),
            "délivré_le": certificate.issued_at,
            "révoqué_le": certificate.revoked_at,
            "motif_de_révocation": certificate.revocation_reason,
            "adresse_de_vérification": certificate.verification_url,
        }
        for certificate in Certificate.objects.filter(trainee=user).select_related("group").order_by("issued_at")
    ]


def _final_results(certificate) -> list[tuple[str, str, int, str]]:
    """The trainers' final evaluation printed on the attestation, read now: the learning app's
    eraser deletes the assessments later in the same erasure, yet the kept attestation must still
    state them."""
    results = []
    for progress in final_results(certificate.trainee, certificate.group):
        final = progress.final_trainers
        if final is not None:
            results.append((progress.objective.code, progress.objective.wording, final.level, final.level_label))
    return results


def erase_certificates(user, pseudonym: str) -> None:
    """Prints the pseudonym on the person's certificates; the PDFs are rendered again after commit."""

    name = privacy.full_name(user)
    for certificate in Certificate.objects.filter(trainee=user).select_related("group__course"):
        results = _final_results(certificate)
        # The Open Badge names the person by a salted hash of their e-mail. It is cleared, not
        # reissued: the anonymous address is made up later by the people app and reaches nobody, so
        # a badge for it would certify no one. The copy the person downloaded stays theirs; the new
        # salt leaves nothing on the record that links back to the old hash.
        fields = {"trainee_name": pseudonym, "badge_jwt": "", "email_salt": new_salt()}
        if certificate.revocation_reason:
            fields["revocation_reason"] = privacy.replace_names(certificate.revocation_reason, [name], pseudonym)
        Certificate.objects.filter(pk=certificate.pk).update(**fields)
        transaction.on_commit(partial(_queue_documents, certificate.pk, results))
    # A failed batch says who had not completed the course, by name.
    if len(name) >= privacy.MIN_NAME_LENGTH:
        for batch in IssuingBatch.objects.filter(error__icontains=name):
            batch.error = privacy.replace_names(batch.error, [name], pseudonym)
            batch.save(update_fields=["error"])


def _queue_documents(certificate_id: int, results: list) -> None:
    from django_q.tasks import async_task

    async_task("lms.certificates.privacy.render_documents_again", certificate_id, results)


def render_documents_again(certificate_id: int, results: list) -> None:
    """The background task: renders a kept certificate's two PDFs again from its record (which now
    bears the pseudonym), replacing the files that printed the name.

    The issuing code draws them: the record's own copied facts (code, course, dates, hours, issue
    date), the final evaluation read at erasure time, and the group's planned hours and the
    organisation's signatory as they are now.
    """
    from django.core.files.base import ContentFile

    certificate = Certificate.objects.select_related("group__course", "group__organisation", "trainee").get(
        pk=certificate_id
    )
    group = certificate.group
    completion = selectors.GroupCompletion(
        group, None, selectors.planned_hours(group), certificate.start_date, certificate.end_date, []
    )
    context = services.IssuingContext(group, completion)
    facts = selectors.TraineeFacts(
        planned_hours=completion.planned_hours,
        final_results=[selectors.ObjectiveResult(*result) for result in results],
    )
    data = context.document_data(certificate, selectors.CompletionStatus(certificate.trainee, facts))
    attestation = documents.render_attestation(data)
    realisation = documents.render_realisation(data)
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
        old = [name for name in (certificate.attestation_pdf.name, certificate.realisation_pdf.name) if name]
        certificate.attestation_pdf.save("attestation-de-fin-de-formation.pdf", ContentFile(attestation), save=False)
        certificate.realisation_pdf.save("certificat-de-realisation.pdf", ContentFile(realisation), save=False)
        certificate.save(update_fields=["attestation_pdf", "realisation_pdf"])
    storage = certificate.attestation_pdf.storage
    for name in old:
        storage.delete(name)


def register() -> None:
    # Before the learning app's eraser (55), which deletes the final evaluation the attestation prints.
    privacy.register(
        "certificates",
        label=_("Attestations et certificats"),
        exporter=export_certificates,
        eraser=erase_certificates,
        order=45,
    )
