"""Inputs from lms.learning: intersession work and final evaluations per trainee."""

from dataclasses import dataclass

from courses.models import LearningObjective
from lms.cohorts.models import TrainingGroup
from lms.learning.models import Submission
from lms.learning.selectors import assignment_table, objective_matrix


def intersession_work_by_trainee(group: TrainingGroup) -> tuple[int, dict[int, int]]:
    """(number of assignments given to the group, {trainee id: number handed in}), from the learning
    app's assignment table. Submitted or reviewed counts as handed in (an oral
    presentation announced counts too)."""
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


def final_results_by_trainee(group: TrainingGroup) -> tuple[int, dict[int, list[ObjectiveResult]]]:
    """(number of objectives evaluated in the course, {trainee id: the trainers' final evaluation per
    objective}), from the learning app's objective matrix."""
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

    return [o for o in LearningObjective.objects.order_by("sort_order", "code") if o.applies_to(course.audience)]
