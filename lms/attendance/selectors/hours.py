"""Attended hours: the one source of the figure (Mon espace, the attestations, the certificates)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F

from lms.attendance.models import (
    ATTENDING_STATUSES,
    AttendanceSlot,
    CatchUp,
)
from lms.attendance.selectors.sheet import _record_hours, _records_queryset, _with_amendment_ids
from lms.cohorts.models import TrainingGroup
from lms.people.models import User


@dataclass(frozen=True)
class TraineeHours:
    """A trainee's hours in one group, as every page, PDF and certificate shows them: `attended` are
    the signed (or amended) half-days less the minutes missed; `caught_up` the half-days missed of
    sessions whose online catch-up is completed."""

    attended: Decimal = Decimal("0")
    caught_up: Decimal = Decimal("0")
    attended_slot_ids: frozenset = frozenset()


def hours_by_trainee(group: TrainingGroup, *, trainee_ids=None) -> dict[int, TraineeHours]:
    """Every trainee's hours in `group` (trainee id → TraineeHours), in a fixed number of queries;
    `trainee_ids` limits the read to some trainees (the trainee's own home page)."""
    records = _records_queryset().filter(slot__session__groups=group).distinct()
    catch_ups = CatchUp.objects.filter(session__groups=group, completed_at__isnull=False)
    if trainee_ids is not None:
        records = records.filter(trainee_id__in=trainee_ids)
        catch_ups = catch_ups.filter(trainee_id__in=trainee_ids)
    completed = list(catch_ups.values_list("trainee_id", "session_id"))
    slots_by_session: dict[int, list[AttendanceSlot]] = {}
    if completed:
        for slot in AttendanceSlot.objects.filter(session_id__in={s for _t, s in completed}).select_related("session"):
            slots_by_session.setdefault(slot.session_id, []).append(slot)
    return _hours_from(_with_amendment_ids(records), completed, slots_by_session)


def hours_by_group(groups) -> dict[int, dict[int, TraineeHours]]:
    """Every trainee's hours in each of `groups` (a queryset; group id → trainee id → TraineeHours):
    the figures of `hours_by_trainee`, for many groups in a fixed number of queries whatever their
    number. A joint session's records count in each of its groups, as they do group by group."""
    records = _with_amendment_ids(
        _records_queryset().filter(slot__session__groups__in=groups).annotate(in_group_id=F("slot__session__groups"))
    )
    completed = list(
        CatchUp.objects.filter(session__groups__in=groups, completed_at__isnull=False).values_list(
            "session__groups", "trainee_id", "session_id"
        )
    )
    slots_by_session: dict[int, list[AttendanceSlot]] = {}
    if completed:
        for slot in AttendanceSlot.objects.filter(session_id__in={s for _g, _t, s in completed}).select_related(
            "session"
        ):
            slots_by_session.setdefault(slot.session_id, []).append(slot)
    records_by_group: dict[int, list] = {}
    for record in records:
        records_by_group.setdefault(record.in_group_id, []).append(record)
    completed_by_group: dict[int, list] = {}
    for group_id, trainee_id, session_id in completed:
        completed_by_group.setdefault(group_id, []).append((trainee_id, session_id))
    return {
        group_id: _hours_from(
            records_by_group.get(group_id, []), completed_by_group.get(group_id, []), slots_by_session
        )
        for group_id in set(records_by_group) | set(completed_by_group)
    }


def _hours_from(records, completed, slots_by_session) -> dict[int, TraineeHours]:
    """The hours figures from already read records, (trainee id, session id) pairs of completed
    catch-ups and the slots of those sessions: no query of its own."""
    attended: dict[int, Decimal] = {}
    attended_slots: dict[int, set[int]] = {}
    for record in records:
        if record.status not in ATTENDING_STATUSES:
            continue
        attended[record.trainee_id] = attended.get(record.trainee_id, Decimal("0")) + _record_hours(record)
        attended_slots.setdefault(record.trainee_id, set()).add(record.slot_id)
    caught_up: dict[int, Decimal] = {}
    for trainee_id, session_id in completed:
        mine = attended_slots.get(trainee_id, set())
        missed = sum((slot.hours for slot in slots_by_session.get(session_id, []) if slot.pk not in mine), Decimal("0"))
        caught_up[trainee_id] = caught_up.get(trainee_id, Decimal("0")) + missed
    return {
        trainee_id: TraineeHours(
            attended.get(trainee_id, Decimal("0")),
            caught_up.get(trainee_id, Decimal("0")),
            frozenset(attended_slots.get(trainee_id, set())),
        )
        for trainee_id in set(attended) | set(attended_slots) | set(caught_up)
    }


def trainee_hours(trainee: User, group: TrainingGroup) -> TraineeHours:
    """One trainee's hours in one group (the same computation as for the whole group)."""
    return hours_by_trainee(group, trainee_ids=[trainee.pk]).get(trainee.pk, TraineeHours())


def attended_hours_by_trainee(group: TrainingGroup) -> dict[int, Decimal]:
    """Attended hours of each trainee of `group` (trainee id → hours), from signed or amended slots."""
    return {pk: item.attended for pk, item in hours_by_trainee(group).items() if item.attended_slot_ids}


def attended_hours(trainee: User, group: TrainingGroup) -> Decimal:
    """The hours `trainee` attended in `group`'s sessions: each signed half-day, minus the minutes
    missed when late or leaving early."""
    return trainee_hours(trainee, group).attended
