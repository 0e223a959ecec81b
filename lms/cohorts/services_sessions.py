"""Writes on a scheduled session's life after it was planned: edit, move, cancel, delete, and resending
its convocations. The kit's scheduling rules are re-checked (services.session_errors); participants and
leaders are told through django-q2 tasks once the transaction is committed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from lms import events
from lms.cohorts.models import ConvocationLog, ScheduledSession, SessionChange, TrainingGroup
from lms.cohorts.permissions import can_manage_group
from lms.cohorts.selectors import participants_of_session
from lms.cohorts.services import SessionPlan, session_errors, session_warnings
from lms.people.models import User

# Fields a session edit may change; the first ones (when, where) make it a move.
MOVE_FIELDS = ("date", "start_time", "end_time", "venue", "remote_url")
EDIT_FIELDS = ("session_page", *MOVE_FIELDS, "trainer", "peer_trainer")


def _check_manager(actor: User, session: ScheduledSession) -> list[TrainingGroup]:
    groups = list(session.groups.select_related("course", "territory").order_by("pk"))
    if not groups or not all(can_manage_group(actor, group) for group in groups):
        raise PermissionDenied(_("Seules les personnes qui gèrent le groupe peuvent modifier ses séances."))
    return groups


def _locked(session: ScheduledSession) -> ScheduledSession:
    return ScheduledSession.objects.select_for_update().get(pk=session.pk)


def _describe(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if name == "date":
        return formats.date_format(value, "l j F Y")
    if name in ("start_time", "end_time"):
        return value.strftime("%H:%M")
    if name == "session_page":
        return value.title
    return str(value)


def _summary(before: dict, after: dict) -> str:
    """What changed, one line per fact, in French (the e-mails are in French)."""
    labels = {
        "session_page": _("Séance du programme"),
        "date": _("Date"),
        "venue": _("Lieu"),
        "remote_url": _("Lien de visioconférence"),
        "trainer": _("Formateur ou formatrice"),
        "peer_trainer": _("Formateur ou formatrice pair"),
    }
    lines = []
    for name in EDIT_FIELDS:
        if name in ("start_time", "end_time") or before[name] == after[name]:
            continue
        lines.append(f"{labels[name]} : {_describe(name, before[name])} → {_describe(name, after[name])}")
    if (before["start_time"], before["end_time"]) != (after["start_time"], after["end_time"]):
        old = f"{_describe('start_time', before['start_time'])}–{_describe('end_time', before['end_time'])}"
        new = f"{_describe('start_time', after['start_time'])}–{_describe('end_time', after['end_time'])}"
        lines.insert(1 if before["date"] != after["date"] else 0, f"{_('Horaires')} : {old} → {new}")
    return "\n".join(lines)


def _queue_notices(change_id: int, extra_leader_ids=()) -> None:
    from django_q.tasks import async_task

    async_task("lms.cohorts.tasks.notify_session_change", change_id, sorted(set(extra_leader_ids) - {None}))


def update_session(
    session: ScheduledSession, *, actor: User, reason: str = "", **changes
) -> tuple[ScheduledSession, list[str], SessionChange]:
    """Edits or moves a session (any of EDIT_FIELDS) with the kit's rules re-checked. Returns the
    session, the warnings to show and the recorded change; participants and leaders are told."""
    unknown = set(changes) - set(EDIT_FIELDS)
    if unknown:
        raise ValueError(_("Champs inconnus : %(fields)s") % {"fields": sorted(unknown)})
    with transaction.atomic():
        groups = _check_manager(actor, session)
        list(TrainingGroup.objects.select_for_update().filter(pk__in=[g.pk for g in groups]))
        session = _locked(session)
        if session.is_cancelled:
            raise ValidationError(_("Cette séance est annulée : elle ne peut plus être modifiée."))
        before = {name: getattr(session, name) for name in EDIT_FIELDS}
        after = {**before, **changes}
        if before == after:
            raise ValidationError(_("Rien n'a changé : modifiez au moins une information de la séance."))
        today = timezone.localdate()
        if after["date"] != before["date"] and after["date"] < today:
            raise ValidationError({"date": _("La nouvelle date est passée : choisissez une date à venir.")})
        plan = SessionPlan(groups=groups, instance=session, **after)
        if plan.end_time <= plan.start_time:
            raise ValidationError({"end_time": _("L'heure de fin doit être après l'heure de début.")})
        moved = any(before[name] != after[name] for name in MOVE_FIELDS)
        if (
            before["date"] != after["date"]
            or before["start_time"] != after["start_time"]
            or (before["end_time"] != after["end_time"])
        ):
            probe = ScheduledSession(date=after["date"], start_time=after["start_time"], end_time=after["end_time"])
            events.publish(
                events.SESSION_CHANGING, session=session, change="move", date=after["date"], half_days=probe.half_days
            )
        errors = session_errors(plan)
        if errors:
            raise ValidationError(errors)
        warnings = session_warnings(plan)
        now = timezone.now()
        with translation.override("fr"):
            summary = _summary(before, after)
        for name, value in after.items():
            setattr(session, name, value)
        session.sequence += 1
        session.changed_at = now
        session.save()
        change = SessionChange.objects.create(
            session=session,
            kind=SessionChange.Kind.MOVED if moved else SessionChange.Kind.EDITED,
            summary=summary,
            reason=(reason or "").strip(),
            sequence=session.sequence,
            changed_by=actor,
            changed_at=now,
        )
        events.publish(events.SESSION_CHANGED, session=session, change=change)
        # A trainer taken off the session is told too.
        former = [getattr(before[name], "pk", None) for name in ("trainer", "peer_trainer")]
        transaction.on_commit(lambda: _queue_notices(change.pk, former))
    return session, warnings, change


def cancel_session(session: ScheduledSession, *, actor: User, reason: str) -> SessionChange:
    """Cancels a session: it stays on record (convocations, arrangement plan, history), disappears from
    no one's calendar (it shows as cancelled) and everyone concerned is told why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif de l'annulation : il est communiqué aux stagiaires.")})
    with transaction.atomic():
        _check_manager(actor, session)
        session = _locked(session)
        if session.is_cancelled:
            raise ValidationError(_("Cette séance est déjà annulée."))
        events.publish(events.SESSION_CHANGING, session=session, change="cancel")
        now = timezone.now()
        session.status = ScheduledSession.Status.CANCELLED
        session.cancelled_at = now
        session.cancellation_reason = reason
        session.sequence += 1
        session.changed_at = now
        session.save(update_fields=["status", "cancelled_at", "cancellation_reason", "sequence", "changed_at"])
        with translation.override("fr"):
            summary = _("Séance du %(date)s annulée.") % {"date": _describe("date", session.date)}
        change = SessionChange.objects.create(
            session=session,
            kind=SessionChange.Kind.CANCELLED,
            summary=summary,
            reason=reason,
            sequence=session.sequence,
            changed_by=actor,
            changed_at=now,
        )
        events.publish(events.SESSION_CHANGED, session=session, change=change)
        transaction.on_commit(lambda: _queue_notices(change.pk))
    return change


def delete_session(session: ScheduledSession, *, actor: User) -> None:
    """Deletes a session scheduled by mistake: never one with signatures, nor one already announced
    (convocations sent): that one is cancelled instead, so that people are told."""
    with transaction.atomic():
        _check_manager(actor, session)
        session = _locked(session)
        events.publish(events.SESSION_CHANGING, session=session, change="delete")
        if ConvocationLog.objects.filter(session=session).exists():
            raise ValidationError(
                _(
                    "Des convocations ont déjà été envoyées pour cette séance : annulez-la plutôt que de la "
                    "supprimer, pour que les stagiaires soient prévenus."
                )
            )
        groups = list(session.groups.all())
        session.delete()
        events.publish(events.SESSION_DELETED, groups=groups)


def resend_convocations(session: ScheduledSession, *, actor: User, trainees=None) -> int:
    """Queues the convocation again for the given participants (all of them when None). Returns how
    many e-mails were queued."""

    with transaction.atomic():
        _check_manager(actor, session)
        session = _locked(session)
        if session.is_cancelled:
            raise ValidationError(_("Cette séance est annulée : aucune convocation n'est envoyée."))
        if session.date < timezone.localdate():
            raise ValidationError(_("Cette séance est passée : la convocation ne peut plus être renvoyée."))
        participants = list(participants_of_session(session))
        if trainees is not None:
            wanted = {trainee.pk for trainee in trainees}
            if not wanted or not wanted <= {person.pk for person in participants}:
                raise ValidationError(_("Cette personne ne participe pas à la séance."))
            participants = [person for person in participants if person.pk in wanted]
        if not participants:
            raise ValidationError(_("Personne n'est inscrit à cette séance : aucune convocation à envoyer."))
        ids = [person.pk for person in participants]

        def queue():
            from django_q.tasks import async_task

            for trainee_id in ids:
                async_task(
                    "lms.cohorts.tasks.send_convocation",
                    session.pk,
                    trainee_id,
                    str(ConvocationLog.Kind.RESENT),
                    sent_by_id=actor.pk,
                )

        transaction.on_commit(queue)
    return len(ids)
