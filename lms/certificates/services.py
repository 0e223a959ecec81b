"""Writes for certificates: issuing (one trainee, or a whole group in a background batch),
revoking, and the organisation's signatory."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from lms.certificates import badges, documents, selectors
from lms.certificates.models import Certificate, CompletionRule, IssuingBatch, OrganisationSignatory
from lms.certificates.permissions import can_edit_completion_rules
from lms.cohorts.models import ScheduledSession, TrainingGroup
from lms.cohorts.permissions import can_manage_group

logger = logging.getLogger(__name__)


def _read(field_file) -> bytes | None:
    if not field_file:
        return None
    with field_file.open("rb") as handle:
        return handle.read()


def require_signatory(organisation) -> OrganisationSignatory:
    """The organisation's signatory; documents cannot be issued without a named legal representative."""
    signatory = selectors.signatory_of(organisation)
    if signatory is None or not signatory.signatory_name.strip():
        raise ValidationError(
            _(
                "Renseignez d'abord le représentant légal de l'organisme de formation (nom, cachet, signature) "
                "avant de délivrer les documents."
            )
        )
    return signatory


class IssuingContext:
    """What every certificate of a group shares, read once per batch."""

    def __init__(self, group: TrainingGroup, completion: selectors.GroupCompletion):
        organisation = group.organisation
        signatory = require_signatory(organisation)
        self.group = group
        self.completion = completion
        self.organisation = organisation
        self.signatory = signatory
        self.stamp = _read(signatory.stamp)
        self.signature = _read(signatory.signature)
        self.objectives = [(o.code, o.wording) for o in selectors.course_objectives(group.course)]
        address = ", ".join(
            part for part in (organisation.address, f"{organisation.postcode} {organisation.city}".strip()) if part
        )
        self.address = address

    def document_data(self, certificate: Certificate, status: selectors.CompletionStatus) -> documents.DocumentData:
        results = [(r.code, r.wording, r.level_label) for r in (status.facts.final_results or [])]
        return documents.DocumentData(
            code=certificate.code,
            verification_url=certificate.verification_url,
            trainee_name=certificate.trainee_name,
            course_title=certificate.course_title,
            organisation_name=certificate.organisation_name,
            organisation_address=self.address,
            organisation_siret=self.organisation.siret,
            organisation_nda=self.organisation.activity_declaration_number,
            signatory_name=self.signatory.signatory_name,
            signatory_title=self.signatory.signatory_title,
            place=self.signatory.place or self.organisation.city,
            start_date=certificate.start_date,
            end_date=certificate.end_date,
            hours=certificate.hours,
            planned_hours=self.completion.planned_hours,
            issued_on=timezone.localdate(certificate.issued_at),
            objectives=self.objectives,
            results=results,
            stamp=self.stamp,
            signature=self.signature,
        )


def issue_certificate(
    context: IssuingContext, status: selectors.CompletionStatus, *, issued_by=None
) -> tuple[Certificate, bool]:
    """Issues one trainee's documents if they completed the course; returns (certificate, created).
    Idempotent: an existing certificate (even revoked) is returned untouched."""
    group, trainee = context.group, status.trainee
    existing = Certificate.objects.filter(group=group, trainee=trainee).first()
    if existing is not None:
        return existing, False
    if not status.completed:
        reasons = " ; ".join(result.detail for result in status.unmet)
        raise ValidationError(
            _("%(full_name)s n'a pas terminé la formation : %(reasons)s")
            % {"full_name": trainee.get_full_name(), "reasons": reasons}
        )
    certificate = Certificate(
        group=group,
        trainee=trainee,
        trainee_name=trainee.get_full_name() or trainee.email,
        course_title=group.course.title,
        organisation_name=context.organisation.name,
        start_date=context.completion.start_date or timezone.localdate(),
        end_date=context.completion.end_date or timezone.localdate(),
        hours=status.facts.attended_hours or 0,
        issued_at=timezone.now(),
        issued_by=issued_by,
    )
    data = context.document_data(certificate, status)
    certificate.attestation_pdf.save(
        "attestation-de-fin-de-formation.pdf", ContentFile(documents.render_attestation(data)), save=False
    )
    certificate.realisation_pdf.save(
        "certificat-de-realisation.pdf", ContentFile(documents.render_realisation(data)), save=False
    )
    certificate.badge_jwt = badges.sign(badges.credential(certificate, group.course))
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        # Issued concurrently by another batch: keep theirs, drop our files.
        certificate.attestation_pdf.delete(save=False)
        certificate.realisation_pdf.delete(save=False)
        return Certificate.objects.get(group=group, trainee=trainee), False
    return certificate, True


def check_group_can_be_issued(group: TrainingGroup) -> None:
    """Documents are issued once the training is over."""
    if group.status == TrainingGroup.Status.CANCELLED:
        raise ValidationError(_("Ce groupe a été annulé : aucun document ne peut être délivré."))
    if group.status == TrainingGroup.Status.FINISHED:
        return
    last = (
        group.scheduled_sessions.exclude(status=ScheduledSession.Status.CANCELLED)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    end = last or group.end_date
    if end is None or end > timezone.localdate():
        raise ValidationError(
            _("La formation de ce groupe n'est pas terminée : les documents se délivrent après la dernière séance.")
        )


def start_group_issuing(user, group: TrainingGroup) -> IssuingBatch:
    """Queues the issuing of the whole group's documents (django-q2) and returns the batch to follow.
    A batch already waiting or running is returned instead of starting a second one."""
    if not can_manage_group(user, group):
        raise PermissionDenied
    check_group_can_be_issued(group)
    require_signatory(group.organisation)
    with transaction.atomic():
        TrainingGroup.objects.select_for_update().filter(pk=group.pk).first()
        active = IssuingBatch.objects.filter(
            group=group, status__in=[IssuingBatch.Status.QUEUED, IssuingBatch.Status.RUNNING]
        ).first()
        if active is not None:
            return active
        batch = IssuingBatch.objects.create(group=group, requested_by=user)
    async_task("lms.certificates.services.run_issuing_batch", batch.pk, task_name=f"certificats-groupe-{group.pk}")
    batch.refresh_from_db()
    return batch


def run_issuing_batch(batch_id: int) -> dict:
    """The background task: issues the documents of every trainee who completed the course, updating
    the batch's counters after each trainee so that the page's progress bar moves. A batch runs once:
    the task claims it (queued → running) in one conditional update, so a second delivery of the same
    task (a broker retry, another cluster) leaves it and its counters alone."""
    claimed = IssuingBatch.objects.filter(pk=batch_id, status=IssuingBatch.Status.QUEUED).update(
        status=IssuingBatch.Status.RUNNING
    )
    if not claimed:
        return {"status": "skipped"}
    batch = IssuingBatch.objects.select_related("group__course", "group__organisation").get(pk=batch_id)
    try:
        completion = selectors.group_completion(batch.group)
        context = IssuingContext(batch.group, completion)
        IssuingBatch.objects.filter(pk=batch.pk).update(total=len(completion.statuses))
        existing = {c.trainee_id: c for c in Certificate.objects.filter(group=batch.group)}
        for status in completion.statuses:
            counter = "issued_count"
            previous = existing.get(status.trainee.pk)
            if previous is not None:
                counter = "revoked_count" if previous.is_revoked else "existing_count"
            elif not status.completed:
                counter = "incomplete_count"
            else:
                _certificate, created = issue_certificate(context, status, issued_by=batch.requested_by)
                if not created:
                    counter = "existing_count"
            IssuingBatch.objects.filter(pk=batch.pk).update(processed=F("processed") + 1, **{counter: F(counter) + 1})
    except Exception as error:  # the batch must end visibly failed, whatever went wrong
        logger.exception("Échec du lot de délivrance %s", batch_id)
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        IssuingBatch.objects.filter(pk=batch.pk).update(
            status=IssuingBatch.Status.FAILED, error=message, finished_at=timezone.now()
        )
        return {"status": "failed"}
    IssuingBatch.objects.filter(pk=batch.pk).update(status=IssuingBatch.Status.DONE, finished_at=timezone.now())
    batch.refresh_from_db()
    return {"status": batch.status, "issued": batch.issued_count}


@transaction.atomic
def revoke_certificate(certificate: Certificate, user, reason: str) -> Certificate:
    """Revokes a certificate with a reason; the public verification page then says so, with the date."""
    if not can_manage_group(user, certificate.group):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif de la révocation.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise ValidationError(_("Ce certificat est déjà révoqué."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = user
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


@transaction.atomic
def save_signatory(
    organisation, *, signatory_name: str, signatory_title: str = "", place: str = "", stamp=None, signature=None
):
    """Creates or updates the organisation's signatory; new images replace the previous ones."""
    signatory_name = (signatory_name or "").strip()
    if not signatory_name:
        raise ValidationError({"signatory_name": _("Indiquez le nom du représentant légal.")})
    signatory, _created = OrganisationSignatory.objects.get_or_create(
        organisation=organisation, defaults={"signatory_name": signatory_name}
    )
    signatory.signatory_name = signatory_name
    signatory.signatory_title = (signatory_title or "").strip()
    signatory.place = (place or "").strip()
    if stamp:
        signatory.stamp = stamp
    if signature:
        signatory.signature = signature
    signatory.save()
    return signatory


@transaction.atomic
def save_completion_rule(rule: CompletionRule, *, actor) -> CompletionRule:
    """Creates or updates a course's completion rules (national team, administrators), with the
    model's bounds checked (percentages 0–100, no negative cap)."""
    if not can_edit_completion_rules(actor):
        raise PermissionDenied(_("Seule l'équipe nationale modifie les règles de fin de formation."))
    rule.full_clean()
    if not rule.count_caught_up_absences and rule.max_caught_up_hours:
        raise ValidationError(
            {
                "max_caught_up_hours": _(
                    "Un plafond d'heures rattrapées n'a de sens que si les absences rattrapées sont comptées."
                )
            }
        )
    rule.save()
    return rule
