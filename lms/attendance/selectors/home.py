"""The trainee home (Mon espace): next session, slots to sign, catch-ups, own attendance."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from accessibility.models import ArrangementLine
from lms.attendance.models import (
    AttendanceRecord,
    AttendanceSlot,
    CatchUp,
)
from lms.attendance.selectors.catch_up import catch_ups_with_items
from lms.attendance.selectors.hours import TraineeHours, _hours_from
from lms.attendance.selectors.participants import local_now
from lms.attendance.selectors.sheet import _records_queryset, _with_amendment_ids
from lms.cohorts.models import Enrolment, HalfDay, ScheduledSession, TrainingGroup
from lms.people.models import User

# "Mon espace" lists a trainee's latest half-days; the whole list has its own page.
RECENT_RECORDS = 8


@dataclass
class GroupAttendance:
    group: TrainingGroup
    hours: Decimal
    records: list[AttendanceRecord]
    caught_up: Decimal = Decimal("0")

    @property
    def recent(self) -> list[AttendanceRecord]:
        """The latest half-days, in time order."""
        return self.records[-RECENT_RECORDS:]

    @property
    def has_more(self) -> bool:
        return len(self.records) > RECENT_RECORDS


@dataclass
class TraineeHome:
    next_session: ScheduledSession | None
    slots_to_sign: list[AttendanceSlot]
    catch_ups: list[CatchUp]
    attendance: list[GroupAttendance]
    arrangements: list = field(default_factory=list)

    @property
    def catch_ups_to_do(self) -> list[CatchUp]:
        return [catch_up for catch_up in self.catch_ups if catch_up.completed_at is None]


def trainee_sessions(user: User) -> QuerySet[ScheduledSession]:
    return ScheduledSession.objects.filter(
        pk__in=ScheduledSession.objects.filter(
            groups__enrolments__trainee=user, groups__enrolments__status=Enrolment.Status.ENROLLED
        ).values("pk")
    )


def trainee_home(user: User, *, now: datetime.datetime | None = None) -> TraineeHome:
    """The trainee's home page: next session, slots open for signing now, catch-ups, own attendance."""
    now = local_now(now)
    sessions = trainee_sessions(user).select_related("session_page", "venue")
    next_session = (
        sessions.filter(Q(date__gt=now.date()) | Q(date=now.date(), end_time__gt=now.time()))
        .order_by("date", "start_time")
        .first()
    )
    arrangements = []
    if next_session is not None:
        # What the session provides (interpreting, captioning…), never who needs it.
        arrangements = list(
            ArrangementLine.objects.filter(plan__session=next_session, still_needed=True).order_by("kind", "half_day")
        )
    slots_to_sign = list(
        AttendanceSlot.objects.filter(
            session__in=trainee_sessions(user).values("pk"),
            opened_at__isnull=False,
            closed_at__isnull=True,
            session__date=now.date(),
        )
        .exclude(pk__in=AttendanceRecord.objects.filter(trainee=user, signature__isnull=False).values("slot_id"))
        .select_related("session__session_page")
        .order_by("session__start_time", "half_day")
    )
    # Opened early: listed with the time signing opens, as the trainer was told.
    slots_to_sign = [slot for slot in slots_to_sign if slot.signing_state(now) in ("open", "too_early")]
    for slot in slots_to_sign:
        slot.can_sign_now = slot.signing_state(now) == "open"
    catch_ups = catch_ups_with_items(CatchUp.objects.filter(trainee=user))
    groups = list(
        TrainingGroup.objects.filter(enrolments__trainee=user, enrolments__status=Enrolment.Status.ENROLLED)
        .select_related("course")
        .order_by("start_date", "pk")
    )
    # Curriculum pages are prefetched, not joined: a trainee's records share a few pages, and a
    # Wagtail page per joined row costs more than the rest of the page.
    records = _with_amendment_ids(
        _records_queryset()
        .filter(trainee=user)
        .prefetch_related("slot__session__session_page", "slot__session__groups")
    )
    records.sort(key=lambda r: (r.slot.session.date, r.slot.session.start_time, r.slot.half_day != HalfDay.MORNING))
    # The same figures as hours_by_trainee(), from what this page has already read.
    completed_sessions = {c.session_id for c in catch_ups if c.completed_at is not None}
    caught_up_slots: dict[int, list[AttendanceSlot]] = {}
    if completed_sessions:
        for slot in (
            AttendanceSlot.objects.filter(session_id__in=completed_sessions)
            .select_related("session")
            .prefetch_related("session__groups")
        ):
            caught_up_slots.setdefault(slot.session_id, []).append(slot)
    attendance = []
    for group in groups:
        mine = [r for r in records if any(g.pk == group.pk for g in r.slot.session.groups.all())]
        slots = {
            pk: found
            for pk, found in caught_up_slots.items()
            if any(g.pk == group.pk for g in found[0].session.groups.all())
        }
        figures = _hours_from(mine, [(user.pk, pk) for pk in slots], slots).get(user.pk, TraineeHours())
        attendance.append(GroupAttendance(group, figures.attended, mine, figures.caught_up))
    return TraineeHome(next_session, slots_to_sign, catch_ups, attendance, arrangements)


def signable_slot(user: User, slot_id: int) -> AttendanceSlot | None:
    """A slot of one of the trainee's sessions, with its session, or None."""
    return (
        AttendanceSlot.objects.filter(pk=slot_id, session__in=trainee_sessions(user).values("pk"))
        .select_related("session__session_page")
        .first()
    )


def own_signature(user: User, slot: AttendanceSlot):
    record = AttendanceRecord.objects.filter(slot=slot, trainee=user).select_related("signature").first()
    return getattr(record, "signature", None) if record else None
