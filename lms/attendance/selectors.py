"""Reads on attendance and catch-up: who may take attendance, the attendance sheet of a session,
attended hours, catch-up items with progress, the trainee's home and the trainer's pages.

Listing reads run a fixed number of queries whatever the number of trainees or sessions.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.attendance.models import (
    ABSENT_STATUSES,
    ATTENDING_STATUSES,
    PARIS,
    AttendanceRecord,
    AttendanceSlot,
    CatchUp,
    CatchUpProgress,
    SessionMaterial,
)
from lms.cohorts.models import Enrolment, HalfDay, ScheduledSession, TrainingGroup
from lms.people.models import User
from lms.people.permissions import groups_with_trainee_access, is_administrator

# --- Who may do what ------------------------------------------------------------------------------


def can_take_attendance(user: User, session: ScheduledSession) -> bool:
    """The session's trainer and peer trainer, the trainers of its groups, administrators."""
    if not user.is_authenticated:
        return False
    if is_administrator(user) or user.pk in (session.trainer_id, session.peer_trainer_id):
        return True
    return session.groups.filter(Q(trainers=user) | Q(peer_trainers=user)).exists()


def can_view_session_attendance(user: User, session: ScheduledSession) -> bool:
    """Who sees the attendance of a whole session: its leaders and whoever sees its groups' trainees
    individually (regional team, organisation staff)."""
    if can_take_attendance(user, session):
        return True
    return groups_with_trainee_access(user).filter(scheduled_sessions=session).exists()


def can_view_signature(user: User, signature) -> bool:
    """A signature follows its record's group: the signer, the session's leaders, or whoever sees the
    signer's individual records through a group of this session the signer is enrolled in."""
    record = signature.record
    session = record.slot.session
    if record.trainee_id == user.pk or can_take_attendance(user, session):
        return True
    signer_groups = session.groups.filter(
        enrolments__trainee=record.trainee, enrolments__status=Enrolment.Status.ENROLLED
    )
    return groups_with_trainee_access(user).filter(pk__in=signer_groups.values("pk")).exists()


def is_session_trainee(trainee: User, session: ScheduledSession) -> bool:
    return Enrolment.objects.filter(
        trainee=trainee, group__scheduled_sessions=session, status=Enrolment.Status.ENROLLED
    ).exists()


def session_trainees(session: ScheduledSession) -> QuerySet[User]:
    """The trainees enrolled in the session's groups (both groups for a joint session)."""
    return User.objects.filter(
        pk__in=Enrolment.objects.filter(group__scheduled_sessions=session, status=Enrolment.Status.ENROLLED).values(
            "trainee_id"
        )
    ).order_by("last_name", "first_name", "pk")


def local_now(now: datetime.datetime | None = None) -> datetime.datetime:
    return timezone.localtime(now or timezone.now(), PARIS)


def signing_message(slot: AttendanceSlot, now: datetime.datetime | None = None) -> str:
    """What the trainer is told about an opened slot: exactly what its trainees can do at `now`."""
    now = local_now(now)
    state = slot.signing_state(now)
    if state == "too_early":
        opens = local_now(slot.signing_opens_at)
        return _("L'émargement est ouvert : les stagiaires pourront signer à partir de %(time)s.") % {
            "time": f"{opens:%H:%M}"
        }
    if state == "open":
        return _("L'émargement est ouvert : les stagiaires peuvent signer jusqu'à %(time)s.") % {
            "time": f"{local_now(slot.ends_at):%H:%M}"
        }
    if state == "ended":
        return _("L'émargement est ouvert, mais le créneau est terminé : attestez les présences puis contresignez.")
    if state == "closed":
        return _("Ce créneau est contresigné et clos.")
    return _("L'émargement n'est pas ouvert.")


# --- Attendance sheet -----------------------------------------------------------------------------


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
        Enrolment.objects.filter(group__in=groups_by_pk, status=Enrolment.Status.ENROLLED)
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


# --- Attended hours: the one source of the figure ---------------------------------------------------


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


# --- Catch-up -------------------------------------------------------------------------------------


@dataclass
class CatchUpItem:
    """One thing to go through in a catch-up: a trainer's material or a piece of the session's content."""

    key: str
    title: str
    kind: str
    viewed: bool = False
    completed: bool = False
    needs_completion: bool = False
    material: SessionMaterial | None = None
    content: object = None
    content_kind: str = ""
    activity_id: int | None = None

    @property
    def done(self) -> bool:
        return self.completed if self.needs_completion else (self.viewed or self.completed)


CONTENT_KIND_LABELS = {
    "video": _("Vidéo"),
    "h5p": _("Activité interactive"),
    "document": _("Document"),
    "easy_read": _("Texte facile à lire"),
    "text": _("Texte de la séance"),
}
# The session's teaching text (paragraphs, quotes, pictogram instructions): one catch-up item that
# shows them all in page order, placed where the first of them stands.
TEXT_BLOCK_TYPES = ("paragraph", "quote", "pictogram_instructions")
TEXT_ITEM_KEY = "content-text"


@dataclass(frozen=True)
class SessionText:
    """The blocks of a session's text, by their ids, for the catch-up item that gathers them."""

    block_ids: tuple[str, ...]


def _with_text_item(outline: list, raw_blocks, *, detailed: bool) -> list:
    """`outline` with the session-text item inserted where the first text block stands."""
    text_ids, position, trackable_before = [], None, 0
    for block in raw_blocks:
        if block.get("type") in TEXT_BLOCK_TYPES:
            text_ids.append(str(block.get("id")))
            if position is None:
                position = trackable_before
        elif any(o.key == f"content-{block.get('id')}" for o in outline):
            trackable_before += 1
    if position is None:
        return outline
    title = str(_("Le texte de la séance")) if detailed else ""
    item = SessionText(tuple(text_ids)) if detailed else None
    return [*outline[:position], ContentOutline(TEXT_ITEM_KEY, "text", None, title, item), *outline[position:]]


@dataclass(frozen=True)
class ContentOutline:
    """What the catch-up needs of a content item to count it: its key, kind and H5P activity."""

    key: str
    kind: str
    activity_id: int | None
    title: str = ""
    item: object = None


def _content_outline(session_page) -> list[ContentOutline]:
    """The trackable items of a session page read from its raw stream data: no query, so listing
    pages stay constant whatever the number of sessions."""
    from courses.selectors import TRACKABLE_KINDS

    outline = []
    for block in session_page.body.raw_data:
        kind = TRACKABLE_KINDS.get(block["type"])
        if kind is None:
            continue
        activity_id = (block.get("value") or {}).get("activity") if kind == "h5p" else None
        outline.append(ContentOutline(f"content-{block['id']}", kind, activity_id))
    return _with_text_item(outline, session_page.body.raw_data, detailed=False)


def _content_detailed(session_page) -> list[ContentOutline]:
    """The same items with their titles, through the curriculum's own reading of the page."""
    from courses.selectors import session_content_items

    outline = [
        ContentOutline(f"content-{item.block_id}", item.kind, item.activity_id, item.title, item)
        for item in session_content_items(session_page)
    ]
    return _with_text_item(outline, session_page.body.raw_data, detailed=True)


def _h5p_completed(catch_ups, outlines: dict[int, list[ContentOutline]]) -> set[tuple[int, int]]:
    """(trainee id, activity id) pairs whose H5P activity is completed, from the xAPI results."""
    activity_ids = {o.activity_id for items in outlines.values() for o in items if o.activity_id}
    trainee_ids = {catch_up.trainee_id for catch_up in catch_ups}
    if not activity_ids or not trainee_ids:
        return set()
    if len(trainee_ids) == 1:
        from courses.selectors import h5p_completion

        trainee = catch_ups[0].trainee
        results = h5p_completion(trainee, sorted(activity_ids))
        return {(trainee.pk, pk) for pk, result in results.items() if result["completed"]}
    # Several trainees (the trainer's page): one query for all rather than one per trainee.
    from wagtail_lms.models import H5PAttempt

    return set(
        H5PAttempt.objects.filter(
            user_id__in=trainee_ids, activity_id__in=activity_ids, completion_status="completed"
        ).values_list("user_id", "activity_id")
    )


def _material_items(materials, progress) -> list[CatchUpItem]:
    items = []
    for material in materials:
        key = f"material-{material.pk}"
        entry = progress.get(key)
        items.append(
            CatchUpItem(
                key=key,
                title=material.title,
                kind=material.get_kind_display(),
                viewed=bool(entry and entry.viewed_at),
                completed=bool(entry and entry.completed_at),
                material=material,
            )
        )
    return items


def catch_ups_with_items(
    catch_ups: QuerySet[CatchUp], *, session: ScheduledSession | None = None, detailed: bool = False
) -> list[CatchUp]:
    """Catch-ups with `.items` (the session's content then the trainers' materials, each with its
    progress), `.done_count` and `.percent`, in a fixed number of queries. `detailed` adds the
    content items' titles (one catch-up pages only: it loads the page's chosen snippets)."""
    catch_ups = list(
        catch_ups.select_related("trainee", "session__session_page", "session__venue").prefetch_related(
            Prefetch("progress", queryset=CatchUpProgress.objects.all(), to_attr="progress_list"),
        )
    )
    session_ids = {catch_up.session_id for catch_up in catch_ups}
    materials: dict[int, list[SessionMaterial]] = {pk: [] for pk in session_ids}
    for material in SessionMaterial.objects.filter(session_id__in=session_ids):
        materials[material.session_id].append(material)
    outlines: dict[int, list[ContentOutline]] = {}
    for catch_up in catch_ups:
        if session is not None:
            catch_up.session = session
        page = catch_up.session.session_page
        if page.pk not in outlines:
            outlines[page.pk] = _content_detailed(page) if detailed else _content_outline(page)
    completed_h5p = _h5p_completed(catch_ups, outlines)
    for catch_up in catch_ups:
        progress = {entry.item_key: entry for entry in catch_up.progress_list}
        items = []
        for outline in outlines[catch_up.session.session_page.pk]:
            entry = progress.get(outline.key)
            needs_completion = outline.kind == "h5p" and outline.activity_id is not None
            items.append(
                CatchUpItem(
                    key=outline.key,
                    title=outline.title or str(CONTENT_KIND_LABELS.get(outline.kind, outline.kind)),
                    kind=str(CONTENT_KIND_LABELS.get(outline.kind, outline.kind)),
                    viewed=bool(entry and entry.viewed_at),
                    completed=(catch_up.trainee_id, outline.activity_id) in completed_h5p
                    if needs_completion
                    else bool(entry and entry.completed_at),
                    needs_completion=needs_completion,
                    content=outline.item,
                    content_kind=outline.kind,
                    activity_id=outline.activity_id,
                )
            )
        items += _material_items(materials[catch_up.session_id], progress)
        catch_up.items = items
        catch_up.done_count = sum(1 for item in items if item.done)
        catch_up.percent = round(100 * catch_up.done_count / len(items)) if items else 0
    return catch_ups


def catch_up_items(catch_up: CatchUp) -> list[CatchUpItem]:
    """The items of one catch-up, with what the trainee has viewed or completed."""
    return catch_ups_with_items(CatchUp.objects.filter(pk=catch_up.pk))[0].items


def catch_up_for(user: User, catch_up_id: int) -> CatchUp | None:
    """A catch-up with its items, only for its own trainee."""
    found = catch_ups_with_items(CatchUp.objects.filter(pk=catch_up_id, trainee=user), detailed=True)
    return found[0] if found else None


def material_viewers_filter(user: User) -> Q:
    """Materials a user may open: those of sessions of their groups (trainee), or that they lead or
    supervise."""
    groups = groups_with_trainee_access(user).values("pk")
    enrolled = Enrolment.objects.filter(trainee=user, status=Enrolment.Status.ENROLLED).values("group_id")
    return (
        Q(session__groups__in=enrolled)
        | Q(session__groups__in=groups)
        | Q(session__trainer=user)
        | Q(session__peer_trainer=user)
    )


# --- Trainee's home -------------------------------------------------------------------------------


@dataclass
class GroupAttendance:
    group: TrainingGroup
    hours: Decimal
    records: list[AttendanceRecord]
    caught_up: Decimal = Decimal("0")


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
        from accessibility.models import ArrangementLine

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
    records = _with_amendment_ids(
        _records_queryset()
        .filter(trainee=user)
        .select_related("slot__session__session_page")
        .prefetch_related("slot__session__groups")
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


# --- Trainer's pages ------------------------------------------------------------------------------


def led_sessions(user: User, *, with_group_records: bool = False) -> QuerySet[ScheduledSession]:
    """Sessions whose attendance the user takes, with their slots and catch-ups, soonest first.
    `with_group_records` adds the sessions of the groups whose records the user sees (regional team,
    organisation staff), who follow the attendance without taking it."""
    sessions = ScheduledSession.objects.all()
    if not is_administrator(user):
        scope = Q(trainer=user) | Q(peer_trainer=user) | Q(groups__trainers=user) | Q(groups__peer_trainers=user)
        if with_group_records:
            scope |= Q(groups__in=groups_with_trainee_access(user).values("pk"))
        sessions = sessions.filter(pk__in=ScheduledSession.objects.filter(scope).values("pk"))
    return (
        sessions.select_related("session_page", "venue")
        .prefetch_related(
            "groups",
            Prefetch("attendance_slots", to_attr="slot_list"),
            Prefetch(
                "catch_ups", queryset=CatchUp.objects.only("pk", "session_id", "completed_at"), to_attr="catch_up_list"
            ),
        )
        .order_by("date", "start_time")
    )
