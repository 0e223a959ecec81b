"""The only write path of complaints and improvement actions: filing (public form, Mon espace, a
trainer's incident), acknowledging, answering and closing within working-day deadlines; actions
drawn from complaints or survey findings, tracked to their effectiveness check."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from lms.cohorts.selectors import sessions_led_by
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry, Region, User
from lms.surveys import conf
from lms.surveys.models import Complaint, ImprovementAction


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """`start` plus `days` working days (Monday to Friday; public holidays are not counted apart)."""
    current = start
    added = 0
    while added < days:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def _region_of(*, region, group, session, organisation) -> Region | None:
    if group is not None:
        return group.territory.region
    if session is not None:
        first = session.groups.select_related("territory__region").first()
        if first is not None:
            return first.territory.region
    if region is not None:
        return region
    return organisation.region if organisation is not None else None


def file_complaint(
    *,
    actor: User | None,
    channel: str,
    category: str,
    description: str,
    severity: str = Complaint.Severity.MEDIUM,
    region: Region | None = None,
    group=None,
    session=None,
    organisation=None,
    name: str = "",
    email: str = "",
    received_on: datetime.date | None = None,
) -> Complaint:
    """Records a complaint with its acknowledgement and answer deadlines. A signed-in complainant is
    linked to their account; a public one may stay anonymous (no name, no e-mail)."""
    if not (description or "").strip():
        raise ValidationError({"description": _("Décrivez ce qui s'est passé.")})
    if category not in Complaint.Category.values:
        raise ValidationError({"category": _("Choisissez une catégorie.")})
    where = _region_of(region=region, group=group, session=session, organisation=organisation)
    if where is None:
        raise ValidationError({"region": _("Dites dans quelle région a lieu la formation.")})
    received_on = received_on or timezone.localdate()
    signed_in = actor is not None and actor.is_authenticated
    with transaction.atomic():
        complaint = Complaint.objects.create(
            received_on=received_on,
            channel=channel,
            complainant=actor if signed_in and channel != Complaint.Channel.INCIDENT else None,
            complainant_name=name.strip(),
            complainant_email=email.strip(),
            region=where,
            group=group,
            session=session,
            organisation=organisation or (group.organisation if group is not None else None),
            category=category,
            severity=severity,
            description=description.strip(),
            acknowledge_by=add_working_days(received_on, conf.acknowledge_working_days()),
            answer_by=add_working_days(received_on, conf.answer_working_days()),
            recorded_by=actor if signed_in else None,
        )
    return complaint


def record_incident(*, actor: User, session, category: str, severity: str, description: str) -> Complaint:
    """An incident during training, recorded by one who leads the session (or its groups)."""

    if not sessions_led_by(actor).filter(pk=session.pk).exists():
        raise ValidationError({"session": _("Vous n'animez pas cette séance.")})
    return file_complaint(
        actor=actor,
        channel=Complaint.Channel.INCIDENT,
        category=category,
        severity=severity,
        description=description,
        session=session,
        group=session.groups.first(),
    )


def acknowledge(*, complaint: Complaint, actor: User, on: datetime.date | None = None) -> Complaint:
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.status != Complaint.Status.RECEIVED:
            raise ValidationError(_("L'accusé de réception a déjà été envoyé."))
        complaint.status = Complaint.Status.ACKNOWLEDGED
        complaint.acknowledged_on = on or timezone.localdate()
        complaint.save(update_fields=["status", "acknowledged_on"])
        _notify_complainant(complaint, COMPLAINT_ACKNOWLEDGED)
    return complaint


def answer_complaint(*, complaint: Complaint, actor: User, answer: str, on: datetime.date | None = None) -> Complaint:
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Écrivez la réponse envoyée à la personne.")})
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.status != Complaint.Status.ACKNOWLEDGED:
            raise ValidationError(
                _("On répond après l'accusé de réception, et une seule fois (statut : %(status)s).")
                % {"status": complaint.get_status_display()}
            )
        complaint.status = Complaint.Status.ANSWERED
        complaint.answer = answer.strip()
        complaint.answered_on = on or timezone.localdate()
        complaint.save(update_fields=["status", "answer", "answered_on"])
        _notify_complainant(complaint, COMPLAINT_ANSWERED)
    return complaint


COMPLAINT_ACKNOWLEDGED = "acknowledged"
COMPLAINT_ANSWERED = "answered"


def complainant_address(complaint: Complaint) -> str:
    """Where the complainant can be written to: the address they gave, else their account's; "" when
    anonymous."""
    if complaint.complainant_email:
        return complaint.complainant_email
    return complaint.complainant.email if complaint.complainant_id and complaint.complainant.email else ""


def _notify_complainant(complaint: Complaint, step: str) -> None:
    # Queued once the step is committed: a refused or rolled-back step sends nothing.
    if complainant_address(complaint):
        transaction.on_commit(lambda: async_task("lms.surveys.tasks.send_complaint_mail", complaint.pk, step))


def send_complaint_mail(*, complaint_id: int, step: str) -> bool:
    """Writes to the complainant that their complaint is acknowledged, or gives them the answer.
    Sends nothing for an anonymous complaint (or one erased since)."""
    complaint = Complaint.objects.select_related("complainant").filter(pk=complaint_id).first()
    address = complainant_address(complaint) if complaint else ""
    if not address:
        return False
    name = complaint.complainant_name or (complaint.complainant.first_name if complaint.complainant_id else "")
    form_url = settings.SITE_BASE_URL + reverse("surveys:complaint_public")
    context = {"complaint": complaint, "name": name, "step": step, "form_url": form_url}
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Votre réclamation est bien reçue")
            if step == COMPLAINT_ACKNOWLEDGED
            else _("La réponse à votre réclamation")
        )
        body = render_to_string("surveys/email/complaint_step.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return True


def close_complaint(
    *, complaint: Complaint, actor: User, satisfaction: str, on: datetime.date | None = None
) -> Complaint:
    if satisfaction not in Complaint.Satisfaction.values:
        raise ValidationError({"satisfaction": _("Dites si la personne est satisfaite de la réponse.")})
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.status != Complaint.Status.ANSWERED:
            raise ValidationError(_("Une réclamation se clôt après sa réponse."))
        complaint.status = Complaint.Status.CLOSED
        complaint.satisfaction = satisfaction
        complaint.closed_on = on or timezone.localdate()
        complaint.save(update_fields=["status", "satisfaction", "closed_on"])
    return complaint


def read_complainant(*, complaint: Complaint, actor: User) -> dict | None:
    """Who complained, for the one handling it; every reading is audited. None when anonymous."""
    if complaint.is_anonymous:
        return None
    person = complaint.complainant
    record_access(actor, AuditLogEntry.Action.READ, complaint, "identité de la personne", subject=person)
    return {
        "name": complaint.complainant_name or (person.get_full_name() if person else ""),
        "email": complaint.complainant_email or (person.email if person else ""),
    }


def create_action(
    *,
    actor: User,
    region: Region,
    source: str,
    finding: str,
    decision: str,
    title: str,
    owner: User,
    due_on: datetime.date,
    complaint: Complaint | None = None,
    campaign=None,
) -> ImprovementAction:
    """An improvement action, drawn from a complaint, a survey finding or the annual review."""
    errors = {}
    if source == ImprovementAction.Source.COMPLAINT and complaint is None:
        errors["complaint"] = _("Choisissez la réclamation dont l'action découle.")
    if source == ImprovementAction.Source.SURVEY and campaign is None:
        errors["campaign"] = _("Choisissez la campagne de questionnaire dont l'action découle.")
    if complaint is not None and complaint.region_id != region.pk:
        errors["complaint"] = _("La réclamation n'est pas de la région %(region)s.") % {"region": region}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return ImprovementAction.objects.create(
            region=region,
            source=source,
            complaint=complaint,
            campaign=campaign,
            finding=finding.strip(),
            decision=decision.strip(),
            title=title.strip(),
            owner=owner,
            due_on=due_on,
            created_on=timezone.localdate(),
        )


def update_action(*, action: ImprovementAction, actor: User, status: str, effectiveness: str = "") -> ImprovementAction:
    """Moves an action on; "efficacité vérifiée" needs the result of the check."""
    if status not in ImprovementAction.Status.values:
        raise ValidationError({"status": _("Statut inconnu.")})
    if status == ImprovementAction.Status.CHECKED and not (effectiveness or "").strip():
        raise ValidationError({"effectiveness": _("Dites ce que la vérification a montré.")})
    with transaction.atomic():
        action = ImprovementAction.objects.select_for_update().get(pk=action.pk)
        action.status = status
        action.effectiveness = (effectiveness or "").strip()
        action.checked_on = timezone.localdate() if status == ImprovementAction.Status.CHECKED else None
        action.save(update_fields=["status", "effectiveness", "checked_on"])
    return action
