"""Reads for the sessions' lifecycle pages: a group's convocations at a glance, a session's history."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from lms.cohorts.models import ConvocationLog, Enrolment, ScheduledSession, SessionChange, TrainingGroup
from lms.cohorts.selectors import _sessions
from lms.people.models import User


@dataclass
class ConvocationRow:
    trainee: User
    logs: list = field(default_factory=list)


@dataclass
class SessionConvocations:
    session: ScheduledSession
    rows: list

    @property
    def convened_count(self) -> int:
        return sum(1 for row in self.rows if row.logs)


def convocations_of_group(group: TrainingGroup, *, session_id: int | None = None) -> list[SessionConvocations]:
    """For each session of the group (or the one asked), every participant with the convocations sent
    to them, newest first: a constant number of queries whatever the number of sessions or trainees."""
    sessions = _sessions().filter(groups=group).order_by("date", "start_time")
    if session_id is not None:
        sessions = sessions.filter(pk=session_id)
    sessions = list(
        sessions.prefetch_related(
            Prefetch(
                "convocations",
                queryset=ConvocationLog.objects.select_related("sent_by", "trainee").order_by("-sent_at"),
            )
        )
    )
    group_ids = {g.pk for session in sessions for g in session.groups.all()}
    members: dict[int, list[User]] = {}
    enrolments = (
        Enrolment.objects.enrolled()
        .filter(group_id__in=group_ids)
        .select_related("trainee")
        .order_by("trainee__last_name", "trainee__first_name", "pk")
    )
    for enrolment in enrolments:
        members.setdefault(enrolment.group_id, []).append(enrolment.trainee)
    result = []
    for session in sessions:
        logs: dict[int, list] = {}
        for log in session.convocations.all():
            logs.setdefault(log.trainee_id, []).append(log)
        trainees = {t.pk: t for g in session.groups.all() for t in members.get(g.pk, [])}
        ordered = sorted(trainees.values(), key=lambda t: (t.last_name, t.first_name, t.pk))
        rows = [ConvocationRow(trainee=t, logs=logs.pop(t.pk, [])) for t in ordered]
        # People convened who are no longer enrolled keep their line: the log is a record.
        for trainee_logs in logs.values():
            rows.append(ConvocationRow(trainee=trainee_logs[0].trainee, logs=trainee_logs))
        result.append(SessionConvocations(session=session, rows=rows))
    return result


def session_history(session: ScheduledSession):
    """The session's changes, newest first, with who made them."""
    return SessionChange.objects.filter(session=session).select_related("changed_by")
