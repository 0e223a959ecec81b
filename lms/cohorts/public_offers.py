"""Reads for the public course pages: the groups open to applications with their dates, place,
seats left and application deadline, in two queries whatever the number of groups."""

import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from courses.offers import GroupOffer
from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup

OPEN_STATUSES = (TrainingGroup.Status.PLANNED, TrainingGroup.Status.RECRUITING)


def _apply_by(group: TrainingGroup, first_day: datetime.date | None) -> datetime.date | None:
    """The group's own deadline, else the eve of its first session."""
    if group.applications_close_on:
        return group.applications_close_on
    first = first_day or group.start_date
    return first - datetime.timedelta(days=1) if first else None


def public_group_offers(course_ids: list[int], *, today: datetime.date | None = None) -> dict[int, list[GroupOffer]]:
    """Course id → the groups still taking applications (planned or recruiting, deadline not passed)."""
    today = today or timezone.localdate()
    groups = (
        TrainingGroup.objects.filter(course_id__in=course_ids, status__in=OPEN_STATUSES)
        .select_related("territory", "venue")
        .annotate(enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED), distinct=True))
        .prefetch_related(
            Prefetch(
                "scheduled_sessions",
                queryset=ScheduledSession.objects.select_related("venue").order_by("date", "start_time"),
                to_attr="session_list",
            )
        )
        .order_by("start_date", "name", "pk")
    )
    offers: dict[int, list[GroupOffer]] = {pk: [] for pk in course_ids}
    for group in groups:
        sessions = group.session_list
        first_day = sessions[0].date if sessions else group.start_date
        last_day = sessions[-1].date if sessions else group.end_date
        apply_by = _apply_by(group, sessions[0].date if sessions else None)
        if apply_by is not None and apply_by < today:
            continue
        venue = group.venue or next((s.venue for s in sessions if s.venue is not None), None)
        place = f"{venue.city} ({group.territory.name})" if venue else group.territory.name
        offers[group.course_id].append(
            GroupOffer(
                course_id=group.course_id,
                name=group.name,
                start_date=first_day,
                end_date=last_day,
                place=place,
                seats_left=max(0, group.capacity - group.enrolled),
                apply_by=apply_by,
                sessions_count=len(sessions),
            )
        )
    return offers
