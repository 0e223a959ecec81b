"""The learning demo: every state seeded for the demo groups, idempotent, harmless without groups."""

import pytest

from lms.learning import demo
from lms.learning.models import (
    Assignment,
    DeadlineExtension,
    Feedback,
    IntermediateGoal,
    ObjectiveAssessment,
    Submission,
)

pytestmark = pytest.mark.django_db
MODELS = (Assignment, Submission, Feedback, DeadlineExtension, ObjectiveAssessment, IntermediateGoal)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_without_groups_the_demo_does_nothing(objectives):
    demo.seed()
    assert set(counts().values()) == {0}


def test_demo_seeds_every_state_once(world):
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first

    statuses = set(Submission.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "reviewed"}
    # Two trainees × two assignments: one of the four cells stays to do.
    assert Submission.objects.filter(assignment__group=world["ip_group"]).count() == 3
    assert Feedback.objects.exists()
    assert DeadlineExtension.objects.filter(trainee=world["other"]).exists()
    assert set(ObjectiveAssessment.objects.values_list("kind", "assessor")) >= {
        ("entry", "self"),
        ("entry", "trainers"),
        ("intermediate", "trainers"),
        ("final", "self"),
        ("final", "trainers"),
    }
    assert set(IntermediateGoal.objects.values_list("status", flat=True)) == {
        "open",
        "reached",
        "partly_reached",
        "adjusted",
    }
    # Scope holds in the demo too: no referents-only objective for peer interveners.
    assert not ObjectiveAssessment.objects.filter(group=world["ip_group"], objective__scope="referents").exists()
