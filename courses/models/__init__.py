"""The curriculum's models: objectives (snippets) and the page tree."""

from courses.models.objectives import Audience, LearningObjective, ObjectiveScope
from courses.models.pages import (
    ComplementaryModulePage,
    CourseIndexPage,
    CoursePage,
    HomePage,
    ModuleTopic,
    SessionPage,
)

__all__ = [
    "Audience",
    "ComplementaryModulePage",
    "CourseIndexPage",
    "CoursePage",
    "HomePage",
    "LearningObjective",
    "ModuleTopic",
    "ObjectiveScope",
    "SessionPage",
]
