"""Attendance's answers to the cohorts app's events: nothing signed is ever lost."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from lms import events
from lms.attendance.models import AttendanceSlot


def signed_half_days(session) -> set[str]:
    """The half-days of the session with a trainee's signature or the trainer's countersignature."""
    slots = AttendanceSlot.objects.filter(session=session).filter(
        Q(records__signature__isnull=False) | Q(closed_at__isnull=False)
    )
    return set(slots.values_list("half_day", flat=True))


def protect_signed_sessions(*, session, change: str, date=None, half_days=None, **_payload) -> None:
    """Refuses to delete, cancel or move to another date a session whose attendance was signed, and to
    change its times so that a signed half-day disappears."""
    signed = signed_half_days(session)
    if not signed:
        return
    if change == "delete":
        raise ValidationError(_("Des présences ont été signées pour cette séance : elle ne peut pas être supprimée."))
    if change == "cancel":
        raise ValidationError(
            _("Des présences ont été signées pour cette séance : elle a eu lieu et ne peut pas être annulée.")
        )
    if change == "move" and date is not None and date != session.date:
        raise ValidationError(
            _(
                "Des présences ont été signées pour cette séance : elle ne peut pas être déplacée à une autre date. "
                "Seuls les horaires ou le lieu peuvent être corrigés."
            )
        )
    if change == "move" and half_days is not None and signed - {str(slot) for slot in half_days}:
        raise ValidationError(
            _("Des présences ont été signées sur une demi-journée que ces horaires supprimeraient : impossible.")
        )


def register() -> None:
    events.subscribe(events.SESSION_CHANGING, protect_signed_sessions)
