"""Reads for certificates: the completion rules' inputs (one small function per source app), the
rules themselves, and the lists shown on the pages.

Each input function reads a whole group at once so that a page costs the same number of queries
whatever the number of trainees. An input whose source app is not installed answers None, and the
rule that needs it then does not hold ("information not available") rather than guessing.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.certificates.models import Certificate, CompletionRule, IssuingBatch, OrganisationSignatory
from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup

PARIS = ZoneInfo("Europe/Paris")
ZERO = Decimal("0")
HUNDRED = Decimal("100")


def hours(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_hours(value: Decimal | None) -> str:
    """The platform's one display of a number of hours: 35 h, 27 h 30."""
    from lms.formats import format_hours as platform_format_hours

    return platform_format_hours(value)


# --- Inputs: the group and its trainees --------------------------------------------------------------


def completion_rule_for(course) -> CompletionRule:
    """The course's rules, or the defaults (80 %, catch-ups count, everything required) when none was saved."""
    rule = CompletionRule.objects.filter(course=course).first()
    return rule or CompletionRule(course=course)


def enrolled_trainees(group: TrainingGroup) -> list:
    """The trainees enrolled in the group (not the waiting list, not those who withdrew)."""
    enrolments = (
        Enrolment.objects.filter(group=group, status=Enrolment.Status.ENROLLED)
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


# --- Inputs: attendance (lms.attendance) ----------------------------------------------------------------


def _attendance_installed() -> bool:
    return apps.is_installed("lms.attendance")


def attendance_by_trainee(group: TrainingGroup, sessions: list[ScheduledSession]) -> dict | None:
    """Per trainee id: attended hours, caught-up hours (both from the attendance app's one count,
    the same figures as on "Mon espace") and whether every half-day of the last session was attended.
    None without the app."""
    if not _attendance_installed():
        return None
    from lms.attendance.models import AttendanceSlot
    from lms.attendance.selectors import hours_by_trainee

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


# --- Inputs: intersession work and evaluations (lms.learning) ---------------------------------------------


def _learning_installed() -> bool:
    return apps.is_installed("lms.learning")


def intersession_work_by_trainee(group: TrainingGroup) -> tuple[int, dict[int, int]] | None:
    """(number of assignments given to the group, {trainee id: number handed in}), from the learning
    app's assignment table. None without the app. Submitted or reviewed counts as handed in (an oral
    presentation announced counts too)."""
    if not _learning_installed():
        return None
    from lms.learning.models import Submission
    from lms.learning.selectors import assignment_table

    table = assignment_table(group)
    done = {Submission.Status.SUBMITTED, Submission.Status.REVIEWED}
    handed_in = {trainee.pk: sum(1 for cell in cells if cell.status in done) for trainee, cells in table.rows}
    return len(table.assignments), handed_in


@dataclass(frozen=True)
class ObjectiveResult:
    """A final evaluation of one objective by the trainers, as printed on the attestation."""

    code: str
    wording: str
    level: int
    level_label: str


def final_results_by_trainee(group: TrainingGroup) -> tuple[int, dict[int, list[ObjectiveResult]]] | None:
    """(number of objectives evaluated in the course, {trainee id: the trainers' final evaluation per
    objective}), from the learning app's objective matrix. None without the app."""
    if not _learning_installed():
        return None
    from lms.learning.selectors import objective_matrix

    matrix = objective_matrix(group)
    results: dict[int, list[ObjectiveResult]] = {}
    for trainee, cells in matrix.rows:
        mine = results.setdefault(trainee.pk, [])
        for progress in cells:
            final = progress.final_trainers
            if final is not None:
                mine.append(
                    ObjectiveResult(
                        code=progress.objective.code,
                        wording=progress.objective.wording,
                        level=final.level,
                        level_label=final.level_label,
                    )
                )
    return len(matrix.objectives), results


def course_objectives(course) -> list:
    """The objectives printed on the attestation: those that apply to the course's audience
    (common, specific, and the joint sessions' transversal one), in kit order."""
    from courses.models import LearningObjective

    return [o for o in LearningObjective.objects.order_by("sort_order", "code") if o.applies_to(course.audience)]


# --- The rules ---------------------------------------------------------------------------------------------


@dataclass
class TraineeFacts:
    """What the rules look at for one trainee; None means "not available"."""

    planned_hours: Decimal
    attended_hours: Decimal | None = None
    caught_up_hours: Decimal | None = None
    final_session_attended: bool | None = None
    # The last session's date while it is still to come (None once held or when there is none).
    final_session_upcoming: datetime.date | None = None
    assignments_due: int | None = None
    assignments_submitted: int | None = None
    objectives_count: int = 0
    final_results: list[ObjectiveResult] | None = None


@dataclass
class RuleResult:
    """One completion rule for one trainee: whether it holds, said in plain words."""

    code: str
    label: str
    holds: bool
    detail: str
    easy_read: str = ""


@dataclass
class CompletionStatus:
    """A trainee's completion of a group: every rule, held or not."""

    trainee: object
    facts: TraineeFacts
    results: list[RuleResult] = field(default_factory=list)

    @property
    def completed(self) -> bool:
        return all(result.holds for result in self.results)

    @property
    def unmet(self) -> list[RuleResult]:
        return [result for result in self.results if not result.holds]


def counted_hours(rule: CompletionRule, facts: TraineeFacts) -> Decimal | None:
    """Attended hours plus the caught-up hours the rule lets count."""
    if facts.attended_hours is None:
        return None
    total = facts.attended_hours
    if rule.count_caught_up_absences and facts.caught_up_hours:
        caught_up = facts.caught_up_hours * Decimal(rule.caught_up_weight_percent) / HUNDRED
        if rule.max_caught_up_hours is not None:
            caught_up = min(caught_up, Decimal(rule.max_caught_up_hours))
        total += caught_up
    return hours(total)


def _percent(value: Decimal) -> str:
    return f"{value.quantize(Decimal('1'), rounding=ROUND_HALF_UP)} %"


def evaluate_rules(rule: CompletionRule, facts: TraineeFacts) -> list[RuleResult]:
    """Applies the course's completion rules to one trainee's facts."""
    results = []
    # Attendance share.
    minimum = Decimal(rule.min_attendance_percent)
    label = _("Présence : au moins %(percent)s des heures prévues") % {"percent": _percent(minimum)}
    counted = counted_hours(rule, facts)
    if minimum == 0:
        results.append(RuleResult("attendance", label, True, _("Aucune présence minimale n'est demandée.")))
    elif counted is None:
        results.append(RuleResult("attendance", label, False, _("Les présences ne sont pas encore disponibles.")))
    else:
        share = HUNDRED * counted / facts.planned_hours if facts.planned_hours else ZERO
        values = {
            "counted": format_hours(counted),
            "planned": format_hours(facts.planned_hours),
            "share": _percent(share),
            "minimum": _percent(minimum),
        }
        if rule.count_caught_up_absences and facts.caught_up_hours:
            values["attended"] = format_hours(facts.attended_hours)
            values["caught_up"] = format_hours(facts.caught_up_hours)
            detail = _(
                "%(attended)s de présence et %(caught_up)s rattrapées en ligne : %(counted)s comptées sur "
                "%(planned)s prévues (%(share)s). Minimum : %(minimum)s."
            )
            easy = (
                _(
                    "Il faut venir à %(minimum)s des heures. Vous êtes venu %(attended)s et vous avez rattrapé "
                    "%(caught_up)s en ligne : cela fait %(counted)s sur %(planned)s."
                )
                % values
            )
        else:
            detail = _("%(counted)s de présence sur %(planned)s prévues (%(share)s). Minimum : %(minimum)s.")
            easy = _("Il faut venir à %(minimum)s des heures. Vous êtes venu %(counted)s sur %(planned)s.") % values
        results.append(RuleResult("attendance", label, share >= minimum, detail % values, easy))
    if rule.require_final_session:
        label = _("Présence à la dernière séance")
        if facts.final_session_upcoming is not None:
            values = {"date": date_format(facts.final_session_upcoming, "j F Y")}
            results.append(
                RuleResult(
                    "final_session",
                    label,
                    False,
                    _("La dernière séance n'a pas encore eu lieu : elle est prévue le %(date)s.") % values,
                    _("La dernière séance est le %(date)s.") % values,
                )
            )
        elif facts.final_session_attended is None:
            results.append(
                RuleResult("final_session", label, False, _("Les présences ne sont pas encore disponibles."))
            )
        elif facts.final_session_attended:
            results.append(
                RuleResult(
                    "final_session",
                    label,
                    True,
                    _("Présent à la dernière séance."),
                    _("Vous êtes venu à la dernière séance."),
                )
            )
        else:
            results.append(
                RuleResult(
                    "final_session",
                    label,
                    False,
                    _("Absent à la dernière séance."),
                    _("Vous n'êtes pas venu à la dernière séance."),
                )
            )
    if rule.require_intersession_work:
        label = _("Travaux d'intersession rendus")
        if facts.assignments_due is None:
            results.append(RuleResult("intersession", label, False, _("Les travaux ne sont pas encore disponibles.")))
        else:
            values = {"done": facts.assignments_submitted or 0, "due": facts.assignments_due}
            holds = (facts.assignments_submitted or 0) >= facts.assignments_due
            if facts.assignments_due == 0:
                detail = _("Aucun travail d'intersession n'a été donné.")
            else:
                detail = _("%(done)s travaux rendus sur %(due)s.") % values
            easy = _("Vous avez rendu %(done)s travaux sur %(due)s.") % values
            results.append(RuleResult("intersession", label, holds, detail, easy))
    if rule.require_final_evaluation:
        label = _("Évaluation finale des objectifs faite")
        evaluated = len(facts.final_results or [])
        if facts.final_results is None:
            results.append(
                RuleResult("final_evaluation", label, False, _("Les évaluations ne sont pas encore disponibles."))
            )
        elif evaluated == 0:
            results.append(
                RuleResult(
                    "final_evaluation",
                    label,
                    False,
                    _("L'évaluation finale n'a pas été faite."),
                    _("Le bilan de fin de formation n'est pas encore fait."),
                )
            )
        elif facts.objectives_count and evaluated < facts.objectives_count:
            detail = _("%(done)s objectifs évalués sur %(total)s.") % {
                "done": evaluated,
                "total": facts.objectives_count,
            }
            results.append(
                RuleResult("final_evaluation", label, False, detail, _("Le bilan de fin de formation n'est pas fini."))
            )
        else:
            results.append(
                RuleResult(
                    "final_evaluation",
                    label,
                    True,
                    _("%(done)s objectifs évalués.") % {"done": evaluated},
                    _("Le bilan de fin de formation est fait."),
                )
            )
    return results


@dataclass
class GroupCompletion:
    """The whole group's completion, computed with a fixed number of queries."""

    group: TrainingGroup
    rule: CompletionRule
    planned_hours: Decimal
    start_date: datetime.date | None
    end_date: datetime.date | None
    statuses: list[CompletionStatus]

    def status_of(self, trainee) -> CompletionStatus | None:
        return next((s for s in self.statuses if s.trainee.pk == trainee.pk), None)


def group_completion(group: TrainingGroup, trainees: list | None = None) -> GroupCompletion:
    """Every enrolled trainee's completion status for the group (or only `trainees`)."""
    sessions = group_sessions(group)
    planned = planned_hours(group, sessions)
    rule = completion_rule_for(group.course)
    attendance = attendance_by_trainee(group, sessions)
    work = intersession_work_by_trainee(group)
    evaluations = final_results_by_trainee(group)
    objectives_count, results = evaluations if evaluations is not None else (0, None)
    trainees = enrolled_trainees(group) if trainees is None else trainees
    final = final_session_state(sessions)
    upcoming = final.session.date if final is not None and not final.held else None
    statuses = []
    for trainee in trainees:
        facts = TraineeFacts(planned_hours=planned, objectives_count=objectives_count, final_session_upcoming=upcoming)
        if attendance is not None:
            item = attendance.get(trainee.pk, {"attended": ZERO, "caught_up": ZERO, "final_session": False})
            facts.attended_hours = item["attended"]
            facts.caught_up_hours = item["caught_up"]
            facts.final_session_attended = item["final_session"]
        if work is not None:
            facts.assignments_due = work[0]
            facts.assignments_submitted = work[1].get(trainee.pk, 0)
        if results is not None:
            facts.final_results = results.get(trainee.pk, [])
        statuses.append(CompletionStatus(trainee, facts, evaluate_rules(rule, facts)))
    start, end = action_dates(group, sessions)
    return GroupCompletion(group, rule, planned, start, end, statuses)


# --- Lists for the pages -------------------------------------------------------------------------------


def certificates_of_group(group: TrainingGroup) -> QuerySet[Certificate]:
    return Certificate.objects.filter(group=group).select_related("trainee").order_by("trainee_name")


def certificates_of_trainee(trainee) -> QuerySet[Certificate]:
    """A trainee's own documents, newest first."""
    return Certificate.objects.filter(trainee=trainee).select_related("group").order_by("-issued_at")


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this verification code (spaces and case ignored), or None."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(cleaned) != 20:
        return None
    formatted = "-".join(cleaned[i : i + 4] for i in range(0, 20, 4))
    return Certificate.objects.filter(code=formatted).first()


def latest_batch(group: TrainingGroup) -> IssuingBatch | None:
    return IssuingBatch.objects.filter(group=group).order_by("-created_at", "-pk").first()


def signatory_of(organisation) -> OrganisationSignatory | None:
    return OrganisationSignatory.objects.filter(organisation=organisation).first()


def groups_for_issuing(groups: QuerySet[TrainingGroup]) -> QuerySet[TrainingGroup]:
    """The groups listed on the issuing page, with what the list shows."""
    return (
        groups.select_related("course", "organisation", "territory")
        .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.only("pk", "group_id", "revoked_at")))
        .order_by("-end_date", "name")
    )
