"""The completion rules: who completed the training and what each document says."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.certificates.models import CompletionRule
from lms.certificates.selectors.attendance import attendance_by_trainee
from lms.certificates.selectors.common import HUNDRED, ZERO, format_hours, hours
from lms.certificates.selectors.group import (
    action_dates,
    completion_rule_for,
    enrolled_trainees,
    final_session_state,
    group_sessions,
    planned_hours,
)
from lms.certificates.selectors.learning import ObjectiveResult, final_results_by_trainee, intersession_work_by_trainee
from lms.cohorts.models import TrainingGroup


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
