"""Positioning, intermediate goals and final evaluation, with their scope and permission rules."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lms.learning import selectors, services
from lms.learning.models import IntermediateGoal, ObjectiveAssessment

pytestmark = pytest.mark.django_db
ENTRY, INTERMEDIATE, FINAL = "entry", "intermediate", "final"


def test_each_course_has_its_own_objectives(world, objectives):
    ip = [o.code for o in selectors.course_objectives(world["ip_group"].course)]
    rp = [o.code for o in selectors.course_objectives(world["rp_group"].course)]
    assert len(ip) == 15 and len(rp) == 14
    assert {"IP1", "IP2", "IP3"} <= set(ip) and not {"RP1", "RP2"} & set(ip)
    assert {"RP1", "RP2"} <= set(rp) and not {"IP1", "IP2", "IP3"} & set(rp)


def test_trainee_positions_themself_and_trainers_add_theirs(world, objectives):
    group, trainee = world["ip_group"], world["trainee"]
    services.record_assessments(
        group, trainee, kind=ENTRY, levels={objectives["C1"]: 1, objectives["IP1"]: 2}, by=trainee
    )
    services.record_assessment(group, trainee, objectives["C1"], kind=ENTRY, level=2, by=world["peer_trainer"])
    records = ObjectiveAssessment.objects.filter(trainee=trainee)
    assert {(r.objective.code, r.assessor, r.level) for r in records} == {
        ("C1", "self", 1),
        ("IP1", "self", 2),
        ("C1", "trainers", 2),
    }
    # Positioning again replaces the earlier level of the same moment.
    services.record_assessment(group, trainee, objectives["C1"], kind=ENTRY, level=3, by=trainee)
    assert records.get(objective__code="C1", assessor="self").level == 3
    assert records.count() == 3


def test_a_peer_intervener_cannot_be_evaluated_on_a_referents_only_objective(world, objectives):
    with pytest.raises(ValidationError) as error:
        services.record_assessment(
            world["ip_group"], world["trainee"], objectives["RP1"], kind=FINAL, level=3, by=world["trainer"]
        )
    assert error.value.messages == [
        "L'objectif RP1 ne fait pas partie de la formation des intervenants-pairs : "
        "il est réservé aux référents de l'intervention par les pairs."
    ]
    with pytest.raises(ValidationError, match="il est réservé aux intervenants-pairs"):
        services.record_assessment(
            world["rp_group"], world["referent"], objectives["IP2"], kind=ENTRY, level=1, by=world["referent"]
        )
    assert not ObjectiveAssessment.objects.exists()


def test_only_the_trainee_and_the_groups_trainers_assess(world, objectives):
    group = world["ip_group"]
    for intruder in (world["other"], world["outsider_trainer"], world["referent"]):
        with pytest.raises(PermissionDenied):
            services.record_assessment(group, world["trainee"], objectives["C1"], kind=ENTRY, level=1, by=intruder)
    with pytest.raises(ValidationError, match="Cette personne n'est pas inscrite dans ce groupe."):
        services.record_assessment(group, world["referent"], objectives["C1"], kind=ENTRY, level=1, by=world["trainer"])


def test_refuses_an_unknown_level_or_an_empty_form(world, objectives):
    group, trainee = world["ip_group"], world["trainee"]
    with pytest.raises(ValidationError, match="Niveau inconnu pour l'objectif C2."):
        services.record_assessment(group, trainee, objectives["C2"], kind=ENTRY, level=7, by=trainee)
    with pytest.raises(ValidationError, match="Choisissez un niveau pour au moins un objectif."):
        services.record_assessments(group, trainee, kind=ENTRY, levels={}, by=trainee)


def test_intermediate_goal_reached_partly_reached_or_adjusted(world, objectives):
    group, trainee, trainer = world["ip_group"], world["trainee"], world["trainer"]
    today = timezone.localdate()
    goal = services.set_intermediate_goal(
        group, trainee, description="Raconter son parcours", objectives=[objectives["C2"]], by=trainer
    )
    assert goal.status == "open" and list(goal.objectives.all()) == [objectives["C2"]]
    services.review_intermediate_goal(goal, status="partly_reached", status_date=today, by=world["peer_trainer"])
    goal.refresh_from_db()
    assert (goal.status, goal.status_date, goal.reviewed_by) == ("partly_reached", today, world["peer_trainer"])

    replacement = services.review_intermediate_goal(
        goal,
        status="adjusted",
        status_date=today,
        by=trainer,
        comment="Trop ambitieux",
        adjusted_description="Raconter un épisode de son parcours",
    )
    assert replacement.replaces == goal and replacement.status == "open"
    assert list(replacement.objectives.all()) == [objectives["C2"]]
    with pytest.raises(ValidationError, match="Cet objectif a déjà été ajusté"):
        services.review_intermediate_goal(goal, status="reached", status_date=today, by=trainer)
    services.review_intermediate_goal(replacement, status="reached", status_date=today, by=trainer)
    assert IntermediateGoal.objects.filter(status="reached").get() == replacement


def test_intermediate_goal_refusals(world, objectives):
    group, trainee, trainer = world["ip_group"], world["trainee"], world["trainer"]
    with pytest.raises(ValidationError, match="Décrivez l'objectif intermédiaire."):
        services.set_intermediate_goal(group, trainee, description=" ", objectives=[objectives["C1"]], by=trainer)
    with pytest.raises(ValidationError, match="Reliez l'objectif intermédiaire à au moins un objectif"):
        services.set_intermediate_goal(group, trainee, description="But", objectives=[], by=trainer)
    with pytest.raises(
        ValidationError, match="L'objectif RP2 ne fait pas partie de la formation des intervenants-pairs"
    ):
        services.set_intermediate_goal(group, trainee, description="But", objectives=[objectives["RP2"]], by=trainer)
    with pytest.raises(PermissionDenied):
        services.set_intermediate_goal(group, trainee, description="But", objectives=[objectives["C1"]], by=trainee)
    goal = services.set_intermediate_goal(group, trainee, description="But", objectives=[objectives["C1"]], by=trainer)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="La date du constat ne peut pas être dans le futur."):
        services.review_intermediate_goal(goal, status="reached", status_date=tomorrow, by=trainer)
    with pytest.raises(ValidationError, match="Choisissez : atteint, partiellement atteint ou ajusté."):
        services.review_intermediate_goal(goal, status="open", status_date=timezone.localdate(), by=trainer)
    with pytest.raises(ValidationError, match="Écrivez l'objectif ajusté"):
        services.review_intermediate_goal(goal, status="adjusted", status_date=timezone.localdate(), by=trainer)
    with pytest.raises(PermissionDenied):
        services.review_intermediate_goal(goal, status="reached", status_date=timezone.localdate(), by=trainee)


def test_final_results_feed_the_certificate(world, objectives):
    group, trainee, trainer = world["ip_group"], world["trainee"], world["trainer"]
    services.record_assessments(
        group, trainee, kind=ENTRY, levels={objectives["C1"]: 1, objectives["C2"]: 2}, by=trainee
    )
    services.record_assessments(
        group, trainee, kind=FINAL, levels={objectives["C1"]: 4, objectives["C2"]: 3}, by=trainee
    )
    services.record_assessments(
        group, trainee, kind=FINAL, levels={objectives["C1"]: 3, objectives["C2"]: 2}, by=trainer
    )
    results = {item.objective.code: item for item in selectors.final_results(trainee, group)}
    assert len(results) == 15
    assert (results["C1"].entry_self.level, results["C1"].final_self.level, results["C1"].final_trainers.level) == (
        1,
        4,
        3,
    )
    assert results["C1"].reached is True
    assert results["C2"].reached is False
    assert results["C3"].reached is None and results["C3"].latest is None


def test_matrix_shows_each_cells_latest_level(world, objectives):
    group, trainee = world["ip_group"], world["trainee"]
    services.record_assessment(group, trainee, objectives["C1"], kind=ENTRY, level=1, by=trainee)
    services.record_assessment(group, trainee, objectives["C1"], kind=INTERMEDIATE, level=3, by=world["trainer"])
    matrix = selectors.objective_matrix(group)
    assert [t for t, _cells in matrix.rows] == [world["trainee"], world["other"]]  # Haddad, Petit
    cells = dict(matrix.rows)[trainee]
    assert cells[0].objective.code == "C1" and cells[0].latest.level == 3
    assert cells[1].latest is None
