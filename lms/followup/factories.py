"""Builders for the follow-up tests: plans opened as the service opens them, at a chosen moment."""

import datetime

from django.utils import timezone

from lms.followup.models import FollowUpPlan
from lms.followup.selectors import default_owner, kind_for_group


def plan(trainee, group, *, status: str = FollowUpPlan.Status.DRAFT, opened_at=None, **fields) -> FollowUpPlan:
    """A plan written straight to the database (tests only; the product opens plans through services)."""
    return FollowUpPlan.objects.create(
        trainee=trainee,
        group=group,
        kind=kind_for_group(group),
        owner=default_owner(group),
        status=status,
        opened_at=opened_at or timezone.now(),
        submitted_at=timezone.now() if status != FollowUpPlan.Status.DRAFT else None,
        **fields,
    )


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """A moment of `day` in the platform's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
