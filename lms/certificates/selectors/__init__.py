"""Reads for certificates: the completion rules' inputs (one small function per source app), the
rules themselves, and the lists shown on the pages.

Each input function reads a whole group at once so that a page costs the same number of queries
whatever the number of trainees. An input whose source app is not installed answers None, and the
rule that needs it then does not hold ("information not available") rather than guessing.

One module per concern; every name is re-exported here, so callers keep importing
`lms.certificates.selectors`.
"""

from lms.certificates.selectors.attendance import attendance_by_trainee
from lms.certificates.selectors.common import HUNDRED, PARIS, ZERO, format_hours, hours
from lms.certificates.selectors.group import (
    FinalSession,
    action_dates,
    completion_rule_for,
    enrolled_trainees,
    final_session,
    final_session_state,
    group_sessions,
    planned_hours,
)
from lms.certificates.selectors.learning import (
    ObjectiveResult,
    course_objectives,
    final_results_by_trainee,
    intersession_work_by_trainee,
)
from lms.certificates.selectors.lists import (
    certificate_by_code,
    certificates_of_group,
    certificates_of_trainee,
    groups_for_issuing,
    latest_batch,
    signatory_of,
)
from lms.certificates.selectors.rules import (
    CompletionStatus,
    GroupCompletion,
    RuleResult,
    TraineeFacts,
    counted_hours,
    evaluate_rules,
    group_completion,
)

__all__ = [
    "CompletionStatus",
    "FinalSession",
    "GroupCompletion",
    "HUNDRED",
    "ObjectiveResult",
    "PARIS",
    "RuleResult",
    "TraineeFacts",
    "ZERO",
    "action_dates",
    "attendance_by_trainee",
    "certificate_by_code",
    "certificates_of_group",
    "certificates_of_trainee",
    "completion_rule_for",
    "counted_hours",
    "course_objectives",
    "enrolled_trainees",
    "evaluate_rules",
    "final_results_by_trainee",
    "final_session",
    "final_session_state",
    "format_hours",
    "group_completion",
    "group_sessions",
    "groups_for_issuing",
    "hours",
    "intersession_work_by_trainee",
    "latest_batch",
    "planned_hours",
    "signatory_of",
]
