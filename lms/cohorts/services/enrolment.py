"""Enrolment: places, the waiting list and withdrawals."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import events
from lms.cohorts.models import (
    Application,
    Enrolment,
    TrainingGroup,
)
from lms.cohorts.services.constants import CLOSED_STATUSES, GROUP_FULL_MESSAGE, GroupFullError
from lms.cohorts.services.selection import account_for, has_recorded_charter
from lms.people.models import User


def _locked_group(group: TrainingGroup) -> TrainingGroup:
    # The row lock serialises enrolments of one group on PostgreSQL; SQLite's IMMEDIATE
    # transactions serialise all writers anyway.
    return TrainingGroup.objects.select_for_update().select_related("course").get(pk=group.pk)


def _enrolled_count(group: TrainingGroup) -> int:
    return Enrolment.objects.enrolled().filter(group=group).count()


def check_can_enrol(group: TrainingGroup, trainee: User) -> None:
    """Rules that do not depend on seats: group open, charter for referents."""
    if group.status in CLOSED_STATUSES:
        raise ValidationError(
            _("Le groupe « %(name)s » est %(lower)s : inscription impossible.")
            % {"name": group.name, "lower": group.get_status_display().lower()}
        )
    if group.course.audience == "referents" and not has_recorded_charter(trainee, group.course):
        raise ValidationError(
            _("%(trainee)s ne peut pas être inscrit : la charte d'engagement de son employeur n'est pas enregistrée.")
            % {"trainee": trainee}
        )


def enrol(
    group: TrainingGroup, trainee: User, *, application: Application | None = None, waitlist: bool = False
) -> Enrolment:
    """Enrols a trainee if a seat is free. A full group raises GroupFullError, or puts the
    trainee on the waiting list when `waitlist` is true."""
    with transaction.atomic():
        group = _locked_group(group)
        check_can_enrol(group, trainee)
        existing = Enrolment.objects.filter(group=group, trainee=trainee).first()
        if existing and existing.status == Enrolment.Status.ENROLLED:
            raise ValidationError(_("%(trainee)s est déjà inscrit dans ce groupe.") % {"trainee": trainee})
        if existing and existing.status == Enrolment.Status.WAITING and not waitlist:
            raise ValidationError(_("%(trainee)s est déjà sur la liste d'attente de ce groupe.") % {"trainee": trainee})
        full = _enrolled_count(group) >= group.capacity
        if full and not waitlist:
            raise GroupFullError(GROUP_FULL_MESSAGE, code="group_full")
        enrolment = existing or Enrolment(group=group, trainee=trainee)
        if full:
            if enrolment.status == Enrolment.Status.WAITING:
                return enrolment
            enrolment.status = Enrolment.Status.WAITING
            enrolment.waitlisted_at = timezone.now()
        else:
            enrolment.status = Enrolment.Status.ENROLLED
            enrolment.waitlisted_at = None
        enrolment.withdrawn_at = None
        enrolment.application = application or enrolment.application
        enrolment.save()
        if application:
            application.status = Application.Status.ENROLLED if not full else Application.Status.WAITING
            application.save(update_fields=["status"])
        if enrolment.status == Enrolment.Status.ENROLLED:
            # What sessions need follows their participants (accessibility refreshes its plans).
            events.publish(events.ENROLMENT_CHANGED, enrolment=enrolment, change="enrolled")
        return enrolment


def enrol_application(application: Application, group: TrainingGroup, *, actor: User | None = None) -> Enrolment:
    """Enrols an accepted candidate in a group of their course, or puts them on its waiting list."""
    with transaction.atomic():
        # The row lock makes a double click wait for the first one, then see its result.
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("course", "candidate")
            .get(pk=application.pk)
        )
        if application.status not in (Application.Status.ACCEPTED, Application.Status.WAITING):
            raise ValidationError(_("Seule une candidature retenue après entretien peut mener à une inscription."))
        if group.course_id != application.course_id:
            raise ValidationError(_("Ce groupe ne suit pas la formation demandée dans la candidature."))
        if application.course.audience == "referents" and not application.charter_id:
            raise ValidationError(
                _("La charte d'engagement de l'employeur doit être enregistrée avant d'inscrire un référent.")
            )
        trainee = account_for(application, actor=actor)
        return enrol(group, trainee, application=application, waitlist=True)


def withdraw(enrolment: Enrolment) -> Enrolment | None:
    """Records a withdrawal; the freed seat goes to the first person on the waiting list, who is
    returned (None if nobody was waiting)."""
    with transaction.atomic():
        group = _locked_group(enrolment.group)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status == Enrolment.Status.WITHDRAWN:
            raise ValidationError(_("Ce désistement est déjà enregistré."))
        freed_seat = enrolment.status == Enrolment.Status.ENROLLED
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.withdrawn_at = timezone.now()
        enrolment.save(update_fields=["status", "withdrawn_at", "updated_at"])
        if enrolment.application_id:
            Application.objects.filter(pk=enrolment.application_id).update(status=Application.Status.WITHDRAWN)
        promoted = None
        if freed_seat and _enrolled_count(group) < group.capacity:
            promoted = waiting_list_queryset(group).select_for_update().first()
        if promoted is not None:
            promoted.status = Enrolment.Status.ENROLLED
            promoted.waitlisted_at = None
            promoted.save(update_fields=["status", "waitlisted_at", "updated_at"])
            if promoted.application_id:
                Application.objects.filter(pk=promoted.application_id).update(status=Application.Status.ENROLLED)
            transaction.on_commit(lambda: _queue_seat_offer(promoted.pk))
        if freed_seat:
            events.publish(events.ENROLMENT_CHANGED, enrolment=enrolment, change="withdrawn")
        return promoted


def waiting_list_queryset(group: TrainingGroup):
    return Enrolment.objects.filter(group=group, status=Enrolment.Status.WAITING).order_by("waitlisted_at", "pk")


def _queue_seat_offer(enrolment_id: int) -> None:
    from django_q.tasks import async_task

    async_task("lms.cohorts.tasks.send_seat_offer", enrolment_id)
