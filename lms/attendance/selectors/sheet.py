"""The attendance sheet of a session (the page and the PDF)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from lms.attendance.models import (
    ABSENT_STATUSES,
    ATTENDING_STATUSES,
    AttendanceRecord,
    AttendanceSlot,
    CatchUp,
)
from lms.attendance.selectors.catch_up import catch_ups_with_items
from lms.attendance.selectors.participants import session_trainees, signing_message
from lms.cohorts.models import Enrolment, HalfDay, ScheduledSession, TrainingGroup
from lms.people.models import User


@dataclass
class SheetCell:
    half_day: str
    slot: AttendanceSlot | None
    record: AttendanceRecord | None
    trainee_id: int = 0

    @property
    def uid(self) -> str:
        """A unique id for this cell's form fields."""
        return f"{self.slot.pk if self.slot else self.half_day}-{self.trainee_id}"

    @property
    def signature(self):
        return getattr(self.record, "signature", None) if self.record else None

    @property
    def counts(self) -> bool:
        return self.record is not None and _record_counts(self.record)


@dataclass
class SheetRow:
    trainee: User
    cells: list[SheetCell]
    hours: Decimal
    catch_up: CatchUp | None = None
    catch_up_items: list = field(default_factory=list)
    group: TrainingGroup | None = None

    @property
    def course(self):
        """The trainee's own course (a joint session gathers trainees of both courses)."""
        return self.group.course if self.group else None

    @property
    def was_absent(self) -> bool:
        return any(cell.record is not None and cell.record.status in ABSENT_STATUSES for cell in self.cells)

    @property
    def catch_up_done(self) -> int:
        return sum(1 for item in self.catch_up_items if item.done)


@dataclass
class SlotColumn:
    half_day: str
    label: str
    start_time: datetime.time
    end_time: datetime.time
    slot: AttendanceSlot | None
    signing_message: str = ""


@dataclass
class AttendanceSheet:
    session: ScheduledSession
    groups: list[TrainingGroup]
    columns: list[SlotColumn]
    rows: list[SheetRow]

    @property
    def trainers(self) -> list[User]:
        people = [self.session.trainer, self.session.peer_trainer]
        for group in self.groups:
            people += list(group.trainers.all()) + list(group.peer_trainers.all())
        seen, result = set(), []
        for person in people:
            if person is not None and person.pk not in seen:
                seen.add(person.pk)
                result.append(person)
        return result

    @property
    def organisations(self) -> list:
        seen, result = set(), []
        for group in self.groups:
            if group.organisation_id not in seen:
                seen.add(group.organisation_id)
                result.append(group.organisation)
        return result

    @property
    def course(self):
        return self.groups[0].course if self.groups else None

    @property
    def courses(self) -> list:
        """Every course of the session's groups, once each (two for a joint session)."""
        seen, result = set(), []
        for group in self.groups:
            if group.course_id not in seen:
                seen.add(group.course_id)
                result.append(group.course)
        return result

    @property
    def is_joint(self) -> bool:
        return len(self.groups) > 1

    @property
    def absentees(self) -> list[SheetRow]:
        return [row for row in self.rows if row.was_absent or row.catch_up is not None]


def _record_counts(record: AttendanceRecord) -> bool:
    """A record counts towards attended hours when the trainee attended and it is signed (or a
    logged amendment established the presence)."""
    if record.status not in ATTENDING_STATUSES:
        return False
    return hasattr(record, "signature") or bool(getattr(record, "amendment_ids", None))


def _record_hours(record: AttendanceRecord) -> Decimal:
    if not _record_counts(record):
        return Decimal("0")
    return max(Decimal("0"), record.slot.hours - Decimal(record.minutes_missed) / Decimal(60))


def _records_queryset() -> QuerySet[AttendanceRecord]:
    return AttendanceRecord.objects.select_related("signature", "slot__session").prefetch_related(
        Prefetch("amendments", to_attr="amendment_list")
    )


def _with_amendment_ids(records) -> list[AttendanceRecord]:
    records = list(records)
    for record in records:
        record.amendment_ids = [amendment.pk for amendment in record.amendment_list]
    return records


def session_for_sheet(session_id: int) -> ScheduledSession:
    return (
        ScheduledSession.objects.select_related("session_page", "venue", "trainer", "peer_trainer")
        .prefetch_related(
            Prefetch(
                "groups",
                queryset=TrainingGroup.objects.select_related("course", "organisation").prefetch_related(
                    "trainers", "peer_trainers"
                ),
            )
        )
        .get(pk=session_id)
    )


def attendance_sheet(session: ScheduledSession, *, with_catch_up: bool = False) -> AttendanceSheet:
    """Everything the attendance page and the PDF sheet show for one session, in a fixed number of queries."""
    slots = {
        slot.half_day: slot
        for slot in AttendanceSlot.objects.filter(session=session).select_related("opened_by", "closed_by")
    }
    columns = []
    for half_day in session.half_days:
        slot = slots.get(half_day) or AttendanceSlot(session=session, half_day=half_day)
        if slot.pk:
            slot.session = session
        columns.append(
            SlotColumn(
                half_day,
                HalfDay(half_day).label,
                slot.start_time,
                slot.end_time,
                slot if slot.pk else None,
                signing_message(slot) if slot.pk and slot.opened_at and not slot.closed_at else "",
            )
        )
    records = _with_amendment_ids(_records_queryset().filter(slot__session=session))
    by_key = {}
    for record in records:
        record.slot = slots[record.slot.half_day]
        by_key[(record.trainee_id, record.slot.half_day)] = record
    catch_ups = {}
    if with_catch_up:
        catch_ups = {
            catch_up.trainee_id: catch_up
            for catch_up in catch_ups_with_items(CatchUp.objects.filter(session=session), session=session)
        }
    groups = list(session.groups.all())
    groups_by_pk = {group.pk: group for group in groups}
    group_of = dict(
        Enrolment.objects.enrolled()
        .filter(group__in=groups_by_pk)
        .order_by("group__name", "pk")
        .values_list("trainee_id", "group_id")
    )
    rows = []
    for trainee in session_trainees(session):
        cells = [SheetCell(c.half_day, c.slot, by_key.get((trainee.pk, c.half_day)), trainee.pk) for c in columns]
        hours = sum((_record_hours(cell.record) for cell in cells if cell.record), Decimal("0"))
        catch_up = catch_ups.get(trainee.pk)
        group = groups_by_pk.get(group_of.get(trainee.pk))
        rows.append(SheetRow(trainee, cells, hours, catch_up, catch_up.items if catch_up else [], group))
    return AttendanceSheet(session, groups, columns, rows)
