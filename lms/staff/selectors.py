"""Reads for the group page (the hub of a group) and the staff workspace: the state of each part of
a group at a glance, in a constant number of queries whatever the number of sessions or trainees."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from accessibility.models import AccessibilityNeed, ArrangementLine
from lms.attendance.models import AttendanceSlot, Signature
from lms.certificates.models import Certificate
from lms.cohorts.models import ConvocationLog, Enrolment, ScheduledSession, TrainingGroup
from lms.cohorts.permissions import managed_groups, visible_groups
from lms.learning.models import Assignment, ObjectiveAssessment, Submission


@dataclass
class SlotState:
    label: str
    signed: int
    expected: int
    opened: bool
    closed: bool


@dataclass
class SessionState:
    """What the group page shows about one session."""

    slots: list[SlotState] = field(default_factory=list)
    expected: int = 0
    convocations: int = 0
    arrangement_lines: int = 0
    arrangements_confirmed: int = 0

    @property
    def arrangements_pending(self) -> int:
        return self.arrangement_lines - self.arrangements_confirmed


@dataclass
class GroupSummary:
    """The group's figures outside sessions: work, objectives, certificates, needs."""

    assignments: int = 0
    submissions_to_review: int = 0
    submissions_reviewed: int = 0
    assessments: int = 0
    assessed_trainees: int = 0
    certificates: int = 0
    trainees_with_needs: int = 0


def session_states(sessions: list[ScheduledSession]) -> dict[int, SessionState]:
    """Per session: signatures per half-day against the expected trainees, countersigning,
    convocations sent, arrangement lines booked. Sessions must have their groups prefetched."""
    ids = [session.pk for session in sessions]
    group_ids = {group.pk for session in sessions for group in session.groups.all()}
    enrolled = dict(
        Enrolment.objects.enrolled()
        .filter(group_id__in=group_ids)
        .values("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    signed = dict(
        Signature.objects.filter(record__slot__session_id__in=ids)
        .values("record__slot_id")
        .annotate(n=Count("pk"))
        .values_list("record__slot_id", "n")
    )
    slots_by_session: dict[int, list[AttendanceSlot]] = {}
    for slot in AttendanceSlot.objects.filter(session_id__in=ids).order_by("half_day"):
        slots_by_session.setdefault(slot.session_id, []).append(slot)
    convocations = dict(
        ConvocationLog.objects.filter(session_id__in=ids)
        .values("session_id")
        .annotate(n=Count("trainee_id", distinct=True))
        .values_list("session_id", "n")
    )
    lines = {
        row["plan__session_id"]: row
        for row in ArrangementLine.objects.filter(plan__session_id__in=ids, still_needed=True)
        .values("plan__session_id")
        .annotate(
            total=Count("pk"),
            confirmed=Count(
                "pk", filter=Q(status__in=[ArrangementLine.Status.CONFIRMED, ArrangementLine.Status.PROVIDED])
            ),
        )
    }
    states = {}
    for session in sessions:
        expected = sum(enrolled.get(group.pk, 0) for group in session.groups.all())
        state = SessionState(expected=expected, convocations=convocations.get(session.pk, 0))
        for slot in slots_by_session.get(session.pk, []):
            state.slots.append(
                SlotState(
                    label=slot.get_half_day_display(),
                    signed=signed.get(slot.pk, 0),
                    expected=expected,
                    opened=slot.opened_at is not None,
                    closed=slot.closed_at is not None,
                )
            )
        if session.pk in lines:
            state.arrangement_lines = lines[session.pk]["total"]
            state.arrangements_confirmed = lines[session.pk]["confirmed"]
        states[session.pk] = state
    return states


def group_summary(group: TrainingGroup) -> GroupSummary:
    """The group's intersession work, objectives, certificates and needs, as counts."""
    enrolled_ids = Enrolment.objects.enrolled().filter(group=group).values("trainee_id")
    submissions = Submission.objects.filter(assignment__group=group).aggregate(
        to_review=Count("pk", filter=Q(status=Submission.Status.SUBMITTED)),
        reviewed=Count("pk", filter=Q(status=Submission.Status.REVIEWED)),
    )
    assessments = ObjectiveAssessment.objects.filter(group=group).aggregate(
        total=Count("pk"), trainees=Count("trainee_id", distinct=True)
    )
    return GroupSummary(
        assignments=Assignment.objects.filter(group=group).count(),
        submissions_to_review=submissions["to_review"],
        submissions_reviewed=submissions["reviewed"],
        assessments=assessments["total"],
        assessed_trainees=assessments["trainees"],
        certificates=Certificate.objects.filter(group=group, revoked_at__isnull=True).count(),
        trainees_with_needs=AccessibilityNeed.objects.filter(trainee_id__in=enrolled_ids)
        .values("trainee_id")
        .distinct()
        .count(),
    )


def trainees_with_needs(group: TrainingGroup) -> set[int]:
    """Ids of the group's enrolled trainees who recorded at least one need (no detail)."""
    enrolled_ids = Enrolment.objects.enrolled().filter(group=group).values("trainee_id")
    return set(AccessibilityNeed.objects.filter(trainee_id__in=enrolled_ids).values_list("trainee_id", flat=True))


def workspace_groups(user, *, today: datetime.date | None = None):
    """The groups listed in the staff workspace: those the person runs (every group for the national
    team, which reads), with their enrolled count, in one query."""
    today = today or timezone.localdate()
    groups = managed_groups(user)
    if not groups.exists():
        groups = visible_groups(user)
    return (
        groups.select_related("course", "territory__region", "organisation")
        .annotate(
            enrolled_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED), distinct=True),
            session_count=Count("scheduled_sessions", distinct=True),
        )
        .order_by("territory__name", "course__audience", "name")
    )
