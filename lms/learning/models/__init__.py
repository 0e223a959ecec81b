"""Models of the learning app (re-exported so that `lms.learning.models.X` works)."""

from lms.learning.models.objectives import (
    LEVEL_EASY_READ,
    IntermediateGoal,
    Level,
    ObjectiveAssessment,
    level_wording,
)
from lms.learning.models.work import (
    AnswerForm,
    Assignment,
    DeadlineExtension,
    Feedback,
    Submission,
    private_upload_path,
)

__all__ = [
    "LEVEL_EASY_READ",
    "level_wording",
    "AnswerForm",
    "Assignment",
    "DeadlineExtension",
    "Feedback",
    "IntermediateGoal",
    "Level",
    "ObjectiveAssessment",
    "Submission",
    "private_upload_path",
]
