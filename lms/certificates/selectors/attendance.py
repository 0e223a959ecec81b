"""Inputs from lms.attendance: attended hours per trainee."""

from lms.attendance.models import AttendanceSlot
from lms.attendance.selectors import hours_by_trainee
from lms.certificates.selectors.common import hours
from lms.certificates.selectors.group import final_session
from lms.cohorts.models import ScheduledSession, TrainingGroup


def attendance_by_trainee(group: TrainingGroup, sessions: list[ScheduledSession]) -> dict:
    """Per trainee id: attended hours, caught-up hours (both from the attendance app's one count,
    the same figures as on "Mon espace") and whether every half-day of the last session was attended."""
    figures = hours_by_trainee(group)
    final = final_session(sessions)
    final_slots = set(AttendanceSlot.objects.filter(session=final).values_list("pk", flat=True)) if final else set()
    return {
        trainee_id: {
            "attended": hours(item.attended),
            "caught_up": hours(item.caught_up),
            "final_session": bool(final_slots) and final_slots <= item.attended_slot_ids,
        }
        for trainee_id, item in figures.items()
    }
