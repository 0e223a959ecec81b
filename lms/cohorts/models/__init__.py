"""Delivery side of a course: groups, sessions, selection, convocations (re-exported here)."""

from lms.cohorts.models.changes import SessionChange
from lms.cohorts.models.convocations import ConvocationLog
from lms.cohorts.models.groups import (
    MIDDAY,
    CalendarToken,
    Enrolment,
    HalfDay,
    ScheduledSession,
    TrainingGroup,
    Venue,
)
from lms.cohorts.models.selection import (
    INTERVIEW_GRIDS,
    Application,
    Assessment,
    EngagementCharter,
    SelectionInterview,
)

__all__ = [
    "MIDDAY",
    "INTERVIEW_GRIDS",
    "Application",
    "Assessment",
    "CalendarToken",
    "ConvocationLog",
    "EngagementCharter",
    "Enrolment",
    "HalfDay",
    "ScheduledSession",
    "SelectionInterview",
    "SessionChange",
    "TrainingGroup",
    "Venue",
]
