"""Writes on groups, selection, enrolment, scheduling and convocations, with the kit's rules.

One module per concern; every public name is re-exported here, so callers import
`lms.cohorts.services` (or `from lms.cohorts import services`) whatever module holds it.
"""

from lms.cohorts.models import INTERVIEW_GRIDS  # read by callers as services.INTERVIEW_GRIDS
from lms.cohorts.models.groups import validate_group
from lms.cohorts.services.calendar import issue_calendar_token
from lms.cohorts.services.constants import CLOSED_STATUSES, GROUP_FULL_MESSAGE, HOURS_TOLERANCE, GroupFullError
from lms.cohorts.services.convocations import convocation_context
from lms.cohorts.services.enrolment import check_can_enrol, enrol, enrol_application, waiting_list_queryset, withdraw
from lms.cohorts.services.groups import _check_leaders, check_can_manage_group, group_warnings, save_group, save_venue
from lms.cohorts.services.scheduling import (
    SESSION_DATE_MARGIN_DAYS,
    SESSION_FUTURE_LIMIT_DAYS,
    SESSION_PAST_LIMIT_DAYS,
    SessionPlan,
    add_months,
    rhythm_warnings,
    schedule_session,
    session_date_error,
    session_errors,
    session_warnings,
)
from lms.cohorts.services.selection import (
    CHARTER_MAX_AGE_YEARS,
    INTERVIEW_MAX_DAYS_AHEAD,
    RECORDED_APPLICATION_DELAY_DAYS,
    account_for,
    has_recorded_charter,
    interview_date_error,
    record_charter,
    record_interview,
    submit_application,
)

__all__ = [
    "issue_calendar_token",
    "INTERVIEW_GRIDS",
    "CHARTER_MAX_AGE_YEARS",
    "CLOSED_STATUSES",
    "GROUP_FULL_MESSAGE",
    "GroupFullError",
    "HOURS_TOLERANCE",
    "INTERVIEW_MAX_DAYS_AHEAD",
    "RECORDED_APPLICATION_DELAY_DAYS",
    "SESSION_DATE_MARGIN_DAYS",
    "SESSION_FUTURE_LIMIT_DAYS",
    "SESSION_PAST_LIMIT_DAYS",
    "SessionPlan",
    "_check_leaders",
    "account_for",
    "add_months",
    "check_can_enrol",
    "check_can_manage_group",
    "convocation_context",
    "enrol",
    "enrol_application",
    "group_warnings",
    "has_recorded_charter",
    "interview_date_error",
    "record_charter",
    "record_interview",
    "rhythm_warnings",
    "save_group",
    "save_venue",
    "schedule_session",
    "session_date_error",
    "session_errors",
    "session_warnings",
    "submit_application",
    "validate_group",
    "waiting_list_queryset",
    "withdraw",
]
