"""Builders for the reporting tests and demo: a group's delivery records (attendance, catch-ups,
answers, certificates) written directly, the figures the catalogue then reads."""

import datetime
from decimal import Decimal

from django.utils import timezone

from lms.attendance.models import (
    ATTENDING_STATUSES,
    AttendanceRecord,
    AttendanceSlot,
    AttendanceStatus,
    CatchUp,
    Signature,
    SignatureMethod,
)
from lms.certificates.models import Certificate
from lms.cohorts.models import HalfDay
from lms.learning.factories import schedule
from lms.learning.models import Assignment, Submission


def attendance(session, statuses: dict) -> None:
    """One morning slot of `session` with each trainee's status; a catch-up opened for each absence."""
    slot, _created = AttendanceSlot.objects.get_or_create(session=session, half_day=HalfDay.MORNING)
    for trainee, status in statuses.items():
        AttendanceRecord.objects.update_or_create(slot=slot, trainee=trainee, defaults={"status": status})
        if status in (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED):
            CatchUp.objects.get_or_create(trainee=trainee, session=session, defaults={"opened_at": timezone.now()})


def signed_attendance(session, statuses: dict) -> None:
    """One morning slot of `session` where each trainee signed with a (status, minutes missed) pair:
    the signed records the attended hours are counted from."""
    slot, _created = AttendanceSlot.objects.get_or_create(session=session, half_day=HalfDay.MORNING)
    for trainee, (status, minutes_missed) in statuses.items():
        record, _created = AttendanceRecord.objects.update_or_create(
            slot=slot, trainee=trainee, defaults={"status": status, "minutes_missed": minutes_missed}
        )
        if status in ATTENDING_STATUSES:
            Signature.objects.get_or_create(
                record=record,
                defaults={"method": SignatureMethod.ONE_TAP, "signed_at": timezone.now(), "recorded_by": trainee},
            )


def complete_catch_up(trainee, session) -> None:
    CatchUp.objects.filter(trainee=trainee, session=session).update(completed_at=timezone.now())


def returned_work(group, *trainees) -> None:
    """Each trainee's submitted answer to every assignment of `group`."""
    for assignment in Assignment.objects.filter(group=group):
        for trainee in trainees:
            Submission.objects.update_or_create(
                assignment=assignment,
                trainee=trainee,
                defaults={"answer_form": "text", "text": "Ma réponse.", "status": Submission.Status.SUBMITTED,
                          "submitted_at": timezone.now(), "submission_count": 1},
            )  # fmt: skip


def certify(group, *trainees) -> None:
    for trainee in trainees:
        Certificate.objects.get_or_create(
            group=group,
            trainee=trainee,
            defaults={
                "trainee_name": trainee.get_full_name(),
                "course_title": group.course.title,
                "organisation_name": group.organisation.name,
                "start_date": group.start_date or datetime.date(2026, 1, 1),
                "end_date": group.end_date or datetime.date(2026, 6, 30),
                "hours": Decimal("21.00"),
                "issued_at": timezone.now(),
            },
        )


__all__ = ["attendance", "certify", "complete_catch_up", "returned_work", "schedule", "signed_attendance"]
