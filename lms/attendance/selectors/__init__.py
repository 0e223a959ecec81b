"""Reads on attendance and catch-up: who attends a session, the attendance sheet of a session,
attended hours, catch-up items with progress, the trainee's home and the trainer's pages.

Listing reads run a fixed number of queries whatever the number of trainees or sessions.

One module per concern; every name is re-exported here, so callers keep importing
`lms.attendance.selectors`.
"""

from lms.attendance.selectors.catch_up import (
    CONTENT_KIND_LABELS,
    TEXT_BLOCK_TYPES,
    TEXT_ITEM_KEY,
    CatchUpItem,
    ContentOutline,
    SessionText,
    catch_up_for,
    catch_up_items,
    catch_ups_with_items,
)
from lms.attendance.selectors.home import (
    GroupAttendance,
    TraineeHome,
    own_signature,
    signable_slot,
    trainee_home,
    trainee_sessions,
)
from lms.attendance.selectors.hours import (
    TraineeHours,
    attended_hours,
    attended_hours_by_trainee,
    hours_by_group,
    hours_by_trainee,
    trainee_hours,
)
from lms.attendance.selectors.participants import is_session_trainee, local_now, session_trainees, signing_message
from lms.attendance.selectors.sheet import (
    AttendanceSheet,
    SheetCell,
    SheetRow,
    SlotColumn,
    attendance_sheet,
    session_for_sheet,
)
from lms.attendance.selectors.trainer import led_sessions

__all__ = [
    "AttendanceSheet",
    "CONTENT_KIND_LABELS",
    "CatchUpItem",
    "ContentOutline",
    "GroupAttendance",
    "SessionText",
    "SheetCell",
    "SheetRow",
    "SlotColumn",
    "TEXT_BLOCK_TYPES",
    "TEXT_ITEM_KEY",
    "TraineeHome",
    "TraineeHours",
    "attendance_sheet",
    "attended_hours",
    "attended_hours_by_trainee",
    "catch_up_for",
    "catch_up_items",
    "catch_ups_with_items",
    "hours_by_group",
    "hours_by_trainee",
    "is_session_trainee",
    "led_sessions",
    "local_now",
    "own_signature",
    "session_for_sheet",
    "session_trainees",
    "signable_slot",
    "signing_message",
    "trainee_home",
    "trainee_hours",
    "trainee_sessions",
]
