"""The catalogue's outcome indicators: objectives reached at the final evaluation (trainers and self),
arrangements confirmed, follow-up answers at 3, 6 and 12 months, survey response rate; small counts
hidden there too."""

import datetime

from accessibility.models import ArrangementKind, ArrangementLine, ArrangementPlan
from lms.followup.factories import at, plan
from lms.followup.models import Milestone, Questionnaire
from lms.learning.factories import LearningObjectiveFactory
from lms.learning.models import Level, ObjectiveAssessment
from lms.reporting.catalogue import GROUP, HIDDEN, REGION, Scope, breakdown
from lms.surveys.factories import CampaignFactory
from lms.surveys.models import Invitation

FINAL, SELF, TRAINERS = (
    ObjectiveAssessment.Kind.FINAL,
    ObjectiveAssessment.Assessor.SELF,
    ObjectiveAssessment.Assessor.TRAINERS,
)


def assess(group, trainee, objective, *, assessor, level, kind=FINAL):
    ObjectiveAssessment.objects.create(
        group=group, trainee=trainee, objective=objective, kind=kind, assessor=assessor, level=level
    )


def row_of(group):
    return breakdown(Scope(group=group.pk), GROUP, keys=[group.pk]).rows[0]


def test_objectives_reached_at_the_final_evaluation_by_trainers_and_by_trainees(rw):
    first, second = LearningObjectiveFactory(), LearningObjectiveFactory()
    for index, trainee in enumerate(rw.people[:6]):
        # Trainers: the first objective reached by all six, the second by the first three (9 of 12).
        assess(rw.group, trainee, first, assessor=TRAINERS, level=Level.ACQUIRED)
        assess(rw.group, trainee, second, assessor=TRAINERS, level=Level.MASTERED if index < 3 else Level.STARTING)
        # Trainees say they reached both, but one says "not yet" on the second (11 of 12).
        assess(rw.group, trainee, first, assessor=SELF, level=Level.MASTERED)
        assess(rw.group, trainee, second, assessor=SELF, level=Level.NOT_YET if index == 0 else Level.ACQUIRED)
        # The entry positioning is not an outcome.
        assess(rw.group, trainee, first, assessor=SELF, level=Level.NOT_YET, kind=ObjectiveAssessment.Kind.ENTRY)
    row = row_of(rw.group)
    assert row.cell("objectives_reached_observed").display == "75 %"
    assert row.cell("objectives_reached_self").display == "92 %"
    # The small group's three trainees: hidden, whatever their results.
    for trainee in rw.small_people:
        assess(rw.small, trainee, first, assessor=TRAINERS, level=Level.ACQUIRED)
    assert row_of(rw.small).cell("objectives_reached_observed").display == HIDDEN


def test_arrangements_confirmed_among_those_still_needed(rw):
    arrangement_plan, _ = ArrangementPlan.objects.get_or_create(session=rw.session)
    assert not arrangement_plan.lines.exists()
    statuses = ["confirmed", "provided", "confirmed", "requested", "needed", "needed"]
    kinds = [ArrangementKind.LSF, ArrangementKind.LPC, ArrangementKind.CAPTIONING, ArrangementKind.FALC_DOCUMENTS]
    for index, status in enumerate(statuses):
        ArrangementLine.objects.create(
            plan=arrangement_plan, kind=kinds[index % 4], description=f"l{index}", status=status, beneficiary_count=1
        )
    # No longer needed (the person left): not counted.
    ArrangementLine.objects.create(plan=arrangement_plan, kind=ArrangementKind.LSF, description="x", still_needed=False)
    assert row_of(rw.group).cell("arrangements_confirmed_rate").display == "50 %"
    ArrangementLine.objects.filter(plan=arrangement_plan, still_needed=True).exclude(
        description__in=["l0", "l1"]
    ).delete()
    assert row_of(rw.group).cell("arrangements_confirmed_rate").display == HIDDEN  # two lines: fewer than 5


def test_follow_up_answers_by_milestone(rw):
    sent, answered = at(datetime.date(2026, 6, 2)), at(datetime.date(2026, 6, 9))
    for index, trainee in enumerate(rw.people[:6]):
        followup = plan(trainee, rw.group)
        Questionnaire.objects.create(
            plan=followup,
            milestone=Milestone.THREE_MONTHS,
            due_on=datetime.date(2026, 6, 2),
            sent_at=sent,
            answered_at=answered if index < 4 else None,
        )
        # The 6-month questionnaires are not sent yet: nothing to count.
        Questionnaire.objects.create(plan=followup, milestone=Milestone.SIX_MONTHS, due_on=datetime.date(2026, 9, 2))
    row = row_of(rw.group)
    assert row.cell("followup_answered_3m").display == "67 %"
    assert row.cell("followup_answered_6m").display == "—"
    assert row.cell("followup_answered_12m").display == "—"


def test_survey_response_rate_and_the_national_roll_up(rw):
    for group, people, answering in [(rw.group, rw.people[:6], 3), (rw.far, rw.far_people, 6)]:
        campaign = CampaignFactory(group=group)
        for index, person in enumerate(people):
            Invitation.objects.create(
                campaign=campaign,
                person=person,
                nonce=f"n{person.pk}",
                token_hash=f"h{person.pk}",
                sent_at=at(datetime.date(2026, 9, 1)),
                answered=index < answering,
            )
    assert row_of(rw.group).cell("survey_response_rate").display == "50 %"
    table = breakdown(Scope(), REGION)
    assert table.total.cell("survey_response_rate").display == "75 %"  # 9 of 12
