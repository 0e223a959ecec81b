"""The trainer pages: the sessions whose attendance they take or follow."""

from django.db.models import Prefetch, Q, QuerySet

from lms.attendance.models import (
    CatchUp,
)
from lms.cohorts.models import ScheduledSession
from lms.cohorts.permissions import groups_with_trainee_access
from lms.people.models import User
from lms.people.permissions import is_administrator


def led_sessions(user: User, *, with_group_records: bool = False) -> QuerySet[ScheduledSession]:
    """Sessions whose attendance the user takes, with their slots and catch-ups, soonest first.
    `with_group_records` adds the sessions of the groups whose records the user sees (regional team,
    organisation staff), who follow the attendance without taking it."""
    sessions = ScheduledSession.objects.all()
    if not is_administrator(user):
        scope = Q(trainer=user) | Q(peer_trainer=user) | Q(groups__trainers=user) | Q(groups__peer_trainers=user)
        if with_group_records:
            scope |= Q(groups__in=groups_with_trainee_access(user).values("pk"))
        sessions = sessions.filter(pk__in=ScheduledSession.objects.filter(scope).values("pk"))
    return (
        sessions.select_related("session_page", "venue")
        .prefetch_related(
            "groups",
            Prefetch("attendance_slots", to_attr="slot_list"),
            Prefetch(
                "catch_ups", queryset=CatchUp.objects.only("pk", "session_id", "completed_at"), to_attr="catch_up_list"
            ),
        )
        .order_by("date", "start_time")
    )
