"""Attendance and catch-up records (re-exported from their modules)."""

from lms.attendance.models.attendance import (
    ABSENT_STATUSES,
    ATTENDING_STATUSES,
    ATTESTATION_METHODS,
    PARIS,
    Amendment,
    AttendanceRecord,
    AttendanceSheetArchive,
    AttendanceSlot,
    AttendanceStatus,
    Signature,
    SignatureMethod,
)
from lms.attendance.models.catchup import CatchUp, CatchUpProgress, SessionMaterial

__all__ = [
    "ABSENT_STATUSES",
    "ATTENDING_STATUSES",
    "ATTESTATION_METHODS",
    "PARIS",
    "Amendment",
    "AttendanceRecord",
    "AttendanceSheetArchive",
    "AttendanceSlot",
    "AttendanceStatus",
    "CatchUp",
    "CatchUpProgress",
    "SessionMaterial",
    "Signature",
    "SignatureMethod",
]
