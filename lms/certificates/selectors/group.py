"""Inputs: the group, its sessions, its trainees and its completion rule."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from lms.certificates.models import CompletionRule
from lms.certificates.selectors.common import PARIS, hours
from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup


def completion_rule_for(course) -> CompletionRule:
    """The course's rules, or the defaults (80 %, catch-ups count, everything required) when none was saved."""
    rule = CompletionRule.objects.filter(course=course).first()
    return rule or CompletionRule(course=course)


def enrolled_trainees(group: TrainingGroup) -> list:
    """The trainees enrolled in the group (not the waiting list, not those who withdrew)."""
    enrolments = (
        Enrolment.objects.enrolled()
        .filter(group=group)
        .select_related("trainee")
        .order_by("trainee__last_name", "trainee__first_name", "trainee__pk")
    )
    return [enrolment.trainee for enrolment in enrolments]


def group_sessions(group: TrainingGroup) -> list[ScheduledSession]:
    """The group's sessions in date order, cancelled ones left out: they are neither planned hours
    nor the last session."""
    return list(
        group.scheduled_sessions.exclude(status=ScheduledSession.Status.CANCELLED).order_by("date", "start_time", "pk")
    )


def planned_hours(group: TrainingGroup, sessions: list[ScheduledSession] | None = None) -> Decimal:
    """Hours scheduled for the group; the course's planned total while nothing is scheduled."""
    sessions = group_sessions(group) if sessions is None else sessions
    if sessions:
        return hours(sum(Decimal(str(s.duration_hours)) for s in sessions))
    return hours(group.course.planned_total_hours)


@dataclass(frozen=True)
class FinalSession:
    """The group's last scheduled session and whether it has been held at the time of reading."""

    session: ScheduledSession
    held: bool


def final_session(sessions: list[ScheduledSession]) -> ScheduledSession | None:
    """The last of the group's sessions in date order (the one "présence à la dernière séance" means)."""
    return sessions[-1] if sessions else None


def final_session_state(sessions: list[ScheduledSession], now: datetime.datetime | None = None) -> FinalSession | None:
    """The last session and whether it is over (its end has passed, Paris time)."""
    final = final_session(sessions)
    if final is None:
        return None
    now = timezone.localtime(now or timezone.now(), PARIS)
    ends = datetime.datetime.combine(final.date, final.end_time, tzinfo=PARIS)
    return FinalSession(final, ends <= now)


def action_dates(group: TrainingGroup, sessions: list[ScheduledSession] | None = None):
    """(first day, last day) of the action: its sessions' dates, else the group's own dates."""
    sessions = group_sessions(group) if sessions is None else sessions
    if sessions:
        return sessions[0].date, sessions[-1].date
    return group.start_date, group.end_date
