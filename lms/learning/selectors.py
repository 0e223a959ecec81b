"""Reads on intersession work and objective assessments, each in a constant number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.models import LearningObjective
from courses.selectors import objectives_for_course
from lms.cohorts.models import TrainingGroup
from lms.learning.models import (
    Assignment,
    DeadlineExtension,
    Feedback,
    IntermediateGoal,
    Level,
    ObjectiveAssessment,
    Submission,
    level_wording,
)
from lms.people.models import User

TODO = "todo"
STATUS_LABELS = {
    TODO: _("À faire"),
    Submission.Status.DRAFT: _("Brouillon"),
    Submission.Status.SUBMITTED: _("Rendu"),
    Submission.Status.REVIEWED: _("Relu"),
}


# --- Shared ----------------------------------------------------------------------------------------


def course_objectives(course) -> list[LearningObjective]:
    """The objectives a course's trainees are positioned and evaluated on: the common ones and those
    of the course's audience (15 for peer interveners, 14 for referents; the joint sessions'
    transversal objective is not assessed per trainee)."""
    return list(objectives_for_course(course))


def enrolled_trainees(group):
    """The group's enrolled trainees, by name."""

    return User.objects.filter(enrolments__group=group, enrolments__status="enrolled").order_by(
        "last_name", "first_name", "pk"
    )


def is_enrolled(trainee, group) -> bool:
    return group.enrolments.filter(trainee=trainee, status="enrolled").exists()


def trainee_groups(trainee):
    """The groups a trainee is enrolled in, with their course."""

    return TrainingGroup.objects.filter(enrolments__trainee=trainee, enrolments__status="enrolled").select_related(
        "course"
    )


# --- Intersession work --------------------------------------------------------------------------------


@dataclass
class AssignmentStatus:
    """One assignment as one trainee sees it: status, effective deadline, extension."""

    assignment: Assignment
    submission: Submission | None
    extension: DeadlineExtension | None

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else TODO

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def due_at(self) -> datetime.datetime | None:
        return self.extension.due_at if self.extension else self.assignment.due_at

    @property
    def is_late(self) -> bool:
        """Submitted after the deadline, or still not submitted once it has passed."""
        if self.due_at is None:
            return False
        if self.submission and self.submission.submitted_at:
            return self.submission.submitted_at > self.due_at
        return timezone.now() > self.due_at

    @property
    def is_open(self) -> bool:
        return self.status in (TODO, Submission.Status.DRAFT)

    @property
    def given_on(self) -> datetime.date:
        return self.assignment.scheduled_session.date

    @property
    def url(self) -> str:
        """The trainee's answer page for this assignment."""
        return reverse("learning:answer", args=[self.assignment.pk])


def _assignments():
    # Pages are prefetched, not joined: many assignments share a few pages, and each joined row
    # would build its own Wagtail page.
    return Assignment.objects.select_related("scheduled_session", "group").prefetch_related(
        "scheduled_session__session_page", "group__course"
    )


def trainee_assignments(trainee, group=None) -> list[AssignmentStatus]:
    """All of a trainee's assignments in the groups they are enrolled in, oldest first."""
    assignments = _assignments().filter(group__enrolments__trainee=trainee, group__enrolments__status="enrolled")
    if group is not None:
        assignments = assignments.filter(group=group)
    assignments = list(assignments)
    ids = [a.pk for a in assignments]
    submissions = {s.assignment_id: s for s in Submission.objects.filter(trainee=trainee, assignment_id__in=ids)}
    extensions = {e.assignment_id: e for e in DeadlineExtension.objects.filter(trainee=trainee, assignment_id__in=ids)}
    return [AssignmentStatus(a, submissions.get(a.pk), extensions.get(a.pk)) for a in assignments]


@dataclass
class RemainingWork:
    """A trainee's remaining intersession work, the one answer of "Mon espace" and "Travaux":
    `to_do` (given at a held session, or already started as a draft), `upcoming` (tasks of sessions
    still to come, not started) and `done` (handed in)."""

    to_do: list[AssignmentStatus]
    upcoming: list[AssignmentStatus]
    done: list[AssignmentStatus]


def remaining_work(trainee, *, today: datetime.date | None = None) -> RemainingWork:
    """Splits the trainee's assignments into what is to do now, what comes with later sessions and
    what is handed in; to-do soonest deadline first."""
    today = today or timezone.localdate()
    rows = trainee_assignments(trainee)
    far_future = timezone.make_aware(datetime.datetime.max - datetime.timedelta(days=2))
    to_do = [row for row in rows if row.is_open and (row.given_on <= today or row.submission is not None)]
    upcoming = [row for row in rows if row.is_open and row not in to_do]
    done = [row for row in rows if not row.is_open]
    to_do.sort(key=lambda row: (row.due_at or far_future, row.assignment.pk))
    upcoming.sort(key=lambda row: (row.given_on, row.assignment.pk))
    return RemainingWork(to_do, upcoming, done)


def assignments_to_do(trainee) -> list[AssignmentStatus]:
    """What a trainee still has to hand in now (to do or draft), soonest deadline first."""
    return remaining_work(trainee).to_do


def assignment_status(assignment: Assignment, trainee) -> AssignmentStatus:
    """One trainee's view of one assignment, with the submission's feedback (authors included)."""
    submission = (
        Submission.objects.filter(assignment=assignment, trainee=trainee)
        .prefetch_related(Prefetch("feedback", queryset=Feedback.objects.select_related("author")))
        .first()
    )
    extension = DeadlineExtension.objects.filter(assignment=assignment, trainee=trainee).first()
    return AssignmentStatus(assignment, submission, extension)


def assignment_for_trainee(assignment_id: int, trainee) -> Assignment | None:
    """An assignment of a group the trainee is enrolled in, or None."""
    return (
        _assignments()
        .filter(pk=assignment_id, group__enrolments__trainee=trainee, group__enrolments__status="enrolled")
        .first()
    )


def get_assignment(assignment_id: int) -> Assignment | None:
    return _assignments().filter(pk=assignment_id).first()


@dataclass
class AssignmentTable:
    """A group's trainees × assignments, each cell an AssignmentStatus."""

    group: object
    assignments: list
    rows: list = field(default_factory=list)  # [(trainee, [AssignmentStatus, ...])]

    def counts(self) -> list[dict]:
        """Per assignment, how many trainees are in each status."""
        totals = [dict.fromkeys(STATUS_LABELS, 0) for _assignment in self.assignments]
        for _trainee, cells in self.rows:
            for index, cell in enumerate(cells):
                totals[index][cell.status] += 1
        return totals


def assignment_table(group) -> AssignmentTable:
    """The group × assignments table for its trainers: five queries, whatever the group's size."""
    assignments = list(_assignments().filter(group=group))
    trainees = list(enrolled_trainees(group))
    submissions = {
        (s.assignment_id, s.trainee_id): s
        for s in Submission.objects.filter(assignment__group=group).annotate(feedback_count=Count("feedback"))
    }
    extensions = {(e.assignment_id, e.trainee_id): e for e in DeadlineExtension.objects.filter(assignment__group=group)}
    table = AssignmentTable(group=group, assignments=assignments)
    for trainee in trainees:
        table.rows.append(
            (
                trainee,
                [
                    AssignmentStatus(a, submissions.get((a.pk, trainee.pk)), extensions.get((a.pk, trainee.pk)))
                    for a in assignments
                ],
            )
        )
    return table


def submission_with_media(submission_id: int) -> Submission | None:
    return Submission.objects.select_related("assignment__group").filter(pk=submission_id).first()


def feedback_with_media(feedback_id: int) -> Feedback | None:
    return Feedback.objects.select_related("submission__assignment__group").filter(pk=feedback_id).first()


# --- Objectives ----------------------------------------------------------------------------------------


@dataclass
class LevelView:
    """A level with its labels as the one who answers says them, for display."""

    value: int
    assessor: str = "self"

    @property
    def label(self) -> str:
        return level_wording(self.value, self.assessor)[0]

    @property
    def easy_read(self) -> str:
        return level_wording(self.value, self.assessor)[1]


def levels(assessor: str = "self") -> list[LevelView]:
    """The scale, lowest first, worded for `assessor` ("self" or "trainers")."""
    return [LevelView(value, assessor) for value in Level.values]


@dataclass
class ObjectiveProgress:
    """One objective for one trainee: each recorded assessment, by moment and assessor."""

    objective: LearningObjective
    assessments: dict = field(default_factory=dict)  # {(kind, assessor): ObjectiveAssessment}

    def get(self, kind: str, assessor: str) -> ObjectiveAssessment | None:
        return self.assessments.get((kind, assessor))

    @property
    def entry_self(self):
        return self.get(ObjectiveAssessment.Kind.ENTRY, ObjectiveAssessment.Assessor.SELF)

    @property
    def entry_trainers(self):
        return self.get(ObjectiveAssessment.Kind.ENTRY, ObjectiveAssessment.Assessor.TRAINERS)

    @property
    def intermediate_self(self):
        return self.get(ObjectiveAssessment.Kind.INTERMEDIATE, ObjectiveAssessment.Assessor.SELF)

    @property
    def intermediate_trainers(self):
        return self.get(ObjectiveAssessment.Kind.INTERMEDIATE, ObjectiveAssessment.Assessor.TRAINERS)

    @property
    def final_self(self):
        return self.get(ObjectiveAssessment.Kind.FINAL, ObjectiveAssessment.Assessor.SELF)

    @property
    def final_trainers(self):
        return self.get(ObjectiveAssessment.Kind.FINAL, ObjectiveAssessment.Assessor.TRAINERS)

    @property
    def latest(self) -> ObjectiveAssessment | None:
        if not self.assessments:
            return None
        return max(self.assessments.values(), key=lambda a: (a.recorded_at, a.pk))

    @property
    def reached(self) -> bool | None:
        """Whether the trainers' final evaluation says the objective is acquired (None: not evaluated)."""
        final = self.final_trainers
        return None if final is None else final.level >= Level.ACQUIRED


def _progress_by_trainee(group, objectives, trainee=None) -> dict:
    assessments = ObjectiveAssessment.objects.filter(group=group, objective__in=[o.pk for o in objectives])
    if trainee is not None:
        assessments = assessments.filter(trainee=trainee)
    progress = {}
    for assessment in assessments:
        progress.setdefault(assessment.trainee_id, {}).setdefault(assessment.objective_id, {})[
            (assessment.kind, assessment.assessor)
        ] = assessment
    return progress


@dataclass
class ObjectiveMatrix:
    """The group's trainees × the course's objectives, each cell the trainee's progress on it."""

    group: object
    objectives: list
    rows: list = field(default_factory=list)  # [(trainee, [ObjectiveProgress, ...])]


def objective_matrix(group) -> ObjectiveMatrix:
    """The trainees × objectives matrix for the group's trainers: a constant number of queries."""
    objectives = course_objectives(group.course)
    trainees = list(enrolled_trainees(group))
    progress = _progress_by_trainee(group, objectives)
    matrix = ObjectiveMatrix(group=group, objectives=objectives)
    for trainee in trainees:
        mine = progress.get(trainee.pk, {})
        matrix.rows.append((trainee, [ObjectiveProgress(o, mine.get(o.pk, {})) for o in objectives]))
    return matrix


def trainee_progress(group, trainee) -> list[ObjectiveProgress]:
    """One trainee's progress on each objective of the group's course."""
    objectives = course_objectives(group.course)
    mine = _progress_by_trainee(group, objectives, trainee).get(trainee.pk, {})
    return [ObjectiveProgress(o, mine.get(o.pk, {})) for o in objectives]


def intermediate_goals(group, trainee) -> list[IntermediateGoal]:
    """A trainee's intermediate goals in a group, oldest first, with their objectives."""
    return list(
        IntermediateGoal.objects.filter(group=group, trainee=trainee)
        .select_related("set_by", "reviewed_by", "replaces")
        .prefetch_related("objectives")
    )


def final_results(trainee, group) -> list[ObjectiveProgress]:
    """The results that feed the end-of-training certificate: per course objective, the entry
    positioning and the final evaluation by the trainee and by the trainers (`reached` says whether
    the trainers judged it acquired)."""
    return trainee_progress(group, trainee)


def export_rows(group) -> list[list[str]]:
    """Rows of the Qualiopi (indicator 11) export: one per trainee and objective, header first."""
    objectives = course_objectives(group.course)
    trainees = list(enrolled_trainees(group))
    progress = _progress_by_trainee(group, objectives)
    goals = {}
    for goal in IntermediateGoal.objects.filter(group=group).prefetch_related("objectives"):
        for objective in goal.objectives.all():
            goals.setdefault((goal.trainee_id, objective.pk), []).append(goal)
    header = [
        "Groupe",
        "Formation",
        "Stagiaire",
        "E-mail",
        gettext("Code objectif"),
        "Objectif",
        gettext("Positionnement d'entrée (stagiaire)"),
        gettext("Positionnement d'entrée (formateurs)"),
        gettext("Objectifs intermédiaires atteints"),
        gettext("Objectifs intermédiaires partiellement atteints"),
        gettext("Objectifs intermédiaires ajustés"),
        gettext("Évaluation finale (stagiaire)"),
        gettext("Évaluation finale (formateurs)"),
        gettext("Objectif atteint"),
        gettext("Date de l'évaluation finale"),
    ]
    rows = [header]
    for trainee in trainees:
        mine = progress.get(trainee.pk, {})
        for objective in objectives:
            item = ObjectiveProgress(objective, mine.get(objective.pk, {}))
            linked = goals.get((trainee.pk, objective.pk), [])
            final = item.final_trainers
            rows.append(
                [
                    group.name,
                    group.course.title,
                    trainee.get_full_name(),
                    trainee.email,
                    objective.code,
                    objective.wording,
                    _level_text(item.entry_self),
                    _level_text(item.entry_trainers),
                    str(sum(g.status == IntermediateGoal.Status.REACHED for g in linked)),
                    str(sum(g.status == IntermediateGoal.Status.PARTLY_REACHED for g in linked)),
                    str(sum(g.status == IntermediateGoal.Status.ADJUSTED for g in linked)),
                    _level_text(item.final_self),
                    _level_text(final),
                    "" if item.reached is None else ("oui" if item.reached else "non"),
                    timezone.localtime(final.recorded_at).strftime("%d/%m/%Y") if final else "",
                ]
            )
    return rows


def _level_text(assessment) -> str:
    if assessment is None:
        return ""
    return f"{assessment.level} — {assessment.level_label}"
