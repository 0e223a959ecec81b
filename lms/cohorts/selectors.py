"""Reads on groups, sessions and selection, query-efficient (other apps call these too)."""

import datetime

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from lms.cohorts.models import (
    Application,
    CalendarToken,
    Enrolment,
    ScheduledSession,
    TrainingGroup,
)
from lms.cohorts.permissions import visible_applications, visible_groups
from lms.people.models import User

SESSION_RELATED = ("session_page", "venue", "trainer", "peer_trainer")


def _sessions() -> QuerySet[ScheduledSession]:
    groups = TrainingGroup.objects.select_related("course", "territory", "organisation")
    return ScheduledSession.objects.select_related(*SESSION_RELATED).prefetch_related(
        Prefetch("groups", queryset=groups)
    )


def enrolled_trainees(group: TrainingGroup) -> QuerySet[User]:
    """The trainees currently enrolled in `group` (not waiting, not withdrawn), by name."""
    return User.objects.filter(enrolments__group=group, enrolments__status=Enrolment.Status.ENROLLED).order_by(
        "last_name", "first_name"
    )


def waiting_list(group: TrainingGroup) -> QuerySet[Enrolment]:
    """The group's waiting list, first come first served."""
    return (
        Enrolment.objects.filter(group=group, status=Enrolment.Status.WAITING)
        .select_related("trainee", "application")
        .order_by("waitlisted_at", "pk")
    )


def enrolments_of_group(group: TrainingGroup) -> QuerySet[Enrolment]:
    """Every enrolment of the group (enrolled, waiting, withdrawn) with the trainee."""
    return (
        Enrolment.objects.filter(group=group)
        .select_related("trainee", "application")
        .order_by("status", "waitlisted_at", "trainee__last_name")
    )


def sessions_for_group(group: TrainingGroup) -> QuerySet[ScheduledSession]:
    """The group's sessions (joint ones included), in date order."""
    return _sessions().filter(groups=group).order_by("date", "start_time")


def sessions_for_trainee(trainee: User) -> QuerySet[ScheduledSession]:
    """The sessions of the groups the trainee is enrolled in, in date order."""
    group_ids = Enrolment.objects.enrolled().filter(trainee=trainee).values("group_id")
    ids = ScheduledSession.objects.filter(groups__in=group_ids).values("pk")
    return _sessions().filter(pk__in=ids).order_by("date", "start_time")


def next_session_for(trainee: User, *, today: datetime.date | None = None) -> ScheduledSession | None:
    """The trainee's next session from today on, or None."""
    today = today or timezone.localdate()
    return (
        sessions_for_trainee(trainee).filter(date__gte=today).exclude(status=ScheduledSession.Status.CANCELLED).first()
    )


def participants_of_session(session: ScheduledSession) -> QuerySet[User]:
    """The trainees enrolled in any of the session's groups (a joint session has two groups)."""
    group_ids = session.groups.values("pk")
    return User.objects.filter(
        pk__in=Enrolment.objects.enrolled().filter(group__in=group_ids).values("trainee_id")
    ).order_by("last_name", "first_name")


def sessions_led_by(user: User) -> QuerySet[ScheduledSession]:
    """Sessions a trainer or peer trainer animates, or that belong to groups they lead."""
    led_groups = TrainingGroup.objects.filter(Q(trainers=user) | Q(peer_trainers=user)).values("pk")
    ids = ScheduledSession.objects.filter(Q(trainer=user) | Q(peer_trainer=user) | Q(groups__in=led_groups)).values(
        "pk"
    )
    return _sessions().filter(pk__in=ids).order_by("date", "start_time")


def sessions_for_calendar(user: User) -> QuerySet[ScheduledSession]:
    """Everything that goes in a person's private calendar: sessions they follow or lead."""
    led_groups = TrainingGroup.objects.filter(Q(trainers=user) | Q(peer_trainers=user)).values("pk")
    own_groups = Enrolment.objects.enrolled().filter(trainee=user).values("group_id")
    ids = ScheduledSession.objects.filter(
        Q(trainer=user) | Q(peer_trainer=user) | Q(groups__in=led_groups) | Q(groups__in=own_groups)
    ).values("pk")
    return _sessions().filter(pk__in=ids).order_by("date", "start_time")


def groups_of_trainee(trainee: User) -> QuerySet[TrainingGroup]:
    """Groups the trainee is enrolled in, with course, territory, organisation and leaders."""
    return (
        TrainingGroup.objects.filter(enrolments__trainee=trainee, enrolments__status=Enrolment.Status.ENROLLED)
        .select_related("course", "territory", "organisation")
        .prefetch_related("trainers", "peer_trainers")
    )


def groups_overview(user: User, *, today: datetime.date | None = None) -> QuerySet[TrainingGroup]:
    """The groups `user` may see, with fill counts, next session date and what warnings need
    (leaders and sessions prefetched): a constant number of queries."""
    today = today or timezone.localdate()
    return (
        visible_groups(user)
        .select_related("course", "territory__region", "organisation")
        .annotate(
            enrolled_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED), distinct=True),
            waiting_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING), distinct=True),
            next_session_date=Min(
                "scheduled_sessions__date",
                filter=Q(scheduled_sessions__date__gte=today)
                & ~Q(scheduled_sessions__status=ScheduledSession.Status.CANCELLED),
            ),
        )
        .prefetch_related("trainers", "peer_trainers", "scheduled_sessions")
        .order_by("territory__name", "course__audience", "name")
    )


def group_detail(pk: int) -> TrainingGroup:
    return (
        TrainingGroup.objects.select_related("course", "territory__region", "organisation", "venue")
        .prefetch_related("trainers", "peer_trainers", "scheduled_sessions")
        .get(pk=pk)
    )


def applications_for(user: User) -> QuerySet[Application]:
    """Applications the user may handle (regional team of the region, administrators)."""
    return (
        visible_applications(user).select_related("course", "territory", "interview", "charter").order_by("-created_at")
    )


def with_duplicates(applications, user: User) -> list[Application]:
    """Sets `application.duplicates` on each: the other applications `user` may see with the same
    e-mail for the same course (a person may reapply: flagged, not refused). One query for the lot."""
    applications = list(applications)
    emails = {application.email.strip().lower() for application in applications}
    if not emails:
        return applications
    others = (
        visible_applications(user)
        .annotate(email_key=Lower("email"))
        .filter(email_key__in=emails, course_id__in={application.course_id for application in applications})
        .only("pk", "email", "course_id", "first_name", "last_name", "status", "created_at")
        .order_by("created_at", "pk")
    )
    by_key = {}
    for other in others:
        by_key.setdefault((other.email_key, other.course_id), []).append(other)
    for application in applications:
        key = (application.email.strip().lower(), application.course_id)
        application.duplicates = [other for other in by_key.get(key, []) if other.pk != application.pk]
    return applications


def open_groups_for(application: Application) -> QuerySet[TrainingGroup]:
    """Groups an accepted candidate can join: same course, same region, not closed."""
    return (
        TrainingGroup.objects.filter(course=application.course, territory__region=application.territory.region_id)
        .exclude(status__in=[TrainingGroup.Status.FINISHED, TrainingGroup.Status.CANCELLED])
        .select_related("territory")
        .order_by("name")
    )


def calendar_token_for(user: User) -> CalendarToken | None:
    """The user's feed address, None until they create one (reading a page never creates it)."""
    return CalendarToken.objects.filter(user=user).first()
