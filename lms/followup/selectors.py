"""Reads of the follow-up app: when a course has ended, what the training produced for a trainee,
the team's plan list and the person's own plans. Query counts do not grow with the rows."""

import datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.cohorts import selectors as cohorts_selectors
from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup
from lms.followup.models import FollowUpPlan, Meeting, NextAction, PlanAction, PlanKind
from lms.learning import selectors as learning
from lms.people.models import Role, RoleAssignment, User

KIND_FOR_AUDIENCE = {"peer_interveners": PlanKind.INTERVENTION_PROJECT, "referents": PlanKind.ACTION_PLAN}


def kind_for_group(group: TrainingGroup) -> str:
    """An intervention project after the peer-interveners course, an action plan after the referents one."""
    return KIND_FOR_AUDIENCE.get(group.course.audience, PlanKind.INTERVENTION_PROJECT)


def last_session(group: TrainingGroup) -> ScheduledSession | None:
    """The group's last scheduled, non-cancelled session."""
    return (
        ScheduledSession.objects.filter(groups=group, status=ScheduledSession.Status.SCHEDULED)
        .order_by("-date", "-end_time")
        .first()
    )


def _is_held(session: ScheduledSession | None, now: datetime.datetime) -> bool:
    if session is None:
        return False
    local = timezone.localtime(now)
    return session.date < local.date() or (session.date == local.date() and session.end_time <= local.time())


def course_has_ended(group: TrainingGroup, *, now: datetime.datetime | None = None) -> bool:
    """Whether the group's last scheduled, non-cancelled session has been held."""
    if group.status == TrainingGroup.Status.CANCELLED:
        return False
    return _is_held(last_session(group), now or timezone.now())


def groups_just_ended(*, now: datetime.datetime | None = None) -> list[TrainingGroup]:
    """Groups whose last session has been held and that still have an enrolled trainee without a plan."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    has_plan = FollowUpPlan.objects.filter(group_id=OuterRef("group_id"), trainee_id=OuterRef("trainee_id"))
    missing = (
        Enrolment.objects.enrolled()
        .filter(group=OuterRef("pk"))
        .annotate(has_plan=Exists(has_plan))
        .filter(has_plan=False)
    )
    candidates = (
        TrainingGroup.objects.exclude(status=TrainingGroup.Status.CANCELLED)
        .annotate(last_date=Max("scheduled_sessions__date", filter=Q(scheduled_sessions__status="scheduled")))
        .filter(last_date__lte=today)
        .filter(Exists(missing))
        .select_related("course", "territory")
    )
    # A group whose last session is today has ended only once that session is over.
    return [group for group in candidates if group.last_date < today or course_has_ended(group, now=now)]


def trainees_without_plan(group: TrainingGroup) -> QuerySet[User]:
    return cohorts_selectors.enrolled_trainees(group).exclude(followup_plans__group=group)


def default_owner(group: TrainingGroup) -> User | None:
    """The regional team member who owns new plans of the group's region: the first one appointed."""
    assignment = (
        RoleAssignment.objects.filter(
            role=Role.REGIONAL_TEAM, region_id=group.territory.region_id, user__is_active=True
        )
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    return assignment.user if assignment else None


def training_summary(trainee: User, group: TrainingGroup) -> str:
    """What the training produced for the person, as text to start the plan from: the objectives the
    trainers' final evaluation found acquired (with their comments) and the person's own goals."""

    lines = []
    reached = []
    for progress in learning.final_results(trainee, group):
        final = progress.final_trainers or progress.final_self
        if final is None:
            continue
        if progress.reached:
            reached.append(progress.objective.code)
        if final.comment:
            lines.append(f"{progress.objective.code} : {final.comment}")
    if reached:
        lines.insert(0, _("Objectifs acquis à l'évaluation finale : %(codes)s.") % {"codes": ", ".join(reached)})
    goals = [goal.description for goal in learning.intermediate_goals(group, trainee) if goal.description]
    if goals:
        lines.append(_("Mes objectifs pendant la formation :"))
        lines.extend(f"- {goal}" for goal in goals)
    return "\n".join(lines)


def plan_content(plan: FollowUpPlan) -> dict:
    """The plan as it stands, JSON-serialisable: what a validated version keeps."""
    content = {
        "type": plan.get_kind_display(),
        "acquis_de_la_formation": plan.training_summary,
    }
    if plan.is_intervention_project:
        content.update(
            {
                "thèmes": plan.themes,
                "publics": plan.audiences,
                "formats": plan.format_labels,
                "secteur": plan.area,
                "disponibilités": plan.availability,
                "besoins_pour_intervenir": plan.intervention_needs,
            }
        )
    else:
        content.update(
            {
                "type_de_structure": plan.get_workplace_display() if plan.workplace else "",
                "contexte": plan.workplace_context,
                "actions": [
                    {
                        "action": action.title,
                        "porteur": action.owner_name,
                        "échéance": action.due_date.isoformat() if action.due_date else None,
                        "statut": action.get_status_display(),
                        "preuve": action.evidence_note,
                        "document": bool(action.evidence_document),
                    }
                    for action in plan.actions.all()
                ],
            }
        )
    return content


def team_plans(plans: QuerySet[FollowUpPlan], *, status: str = "") -> list[FollowUpPlan]:
    """The team's follow-up list, with each plan's next open action date: a constant number of queries."""
    if status:
        plans = plans.filter(status=status)
    open_actions = Q(actions__status__in=[PlanAction.Status.TODO, PlanAction.Status.IN_PROGRESS])
    return list(
        plans.select_related("trainee", "owner", "group__course", "group__territory")
        .annotate(
            next_due=Min("actions__due_date", filter=open_actions),
            version_count=Count("versions", distinct=True),
        )
        .order_by("status", "trainee__last_name", "trainee__first_name", "pk")
    )


def plans_of_person(trainee: User) -> list[FollowUpPlan]:
    """The person's own plans, newest first."""
    return list(
        FollowUpPlan.objects.filter(trainee=trainee)
        .select_related("group__course", "owner")
        .prefetch_related("actions")
        .order_by("-opened_at", "-pk")
    )


def plan_versions(plan: FollowUpPlan):
    return plan.versions.select_related("validated_by").order_by("-number")


def version_rows(version) -> list[tuple[str, str]]:
    """A validated version as (heading, text) pairs, for display."""
    rows = []
    for key, value in version.content.items():
        if key == "actions":
            text = "; ".join(f"{action['action']} ({action['statut']})" for action in value)
        elif isinstance(value, list):
            text = ", ".join(str(item) for item in value)
        else:
            text = str(value or "")
        rows.append((key.replace("_", " ").capitalize(), text or "—"))
    return rows


def meetings_of_plan(plan: FollowUpPlan, *, person_view: bool) -> list:
    """The meetings the plan's person was invited to (individual and network), newest first, with their
    next actions for this plan. In the person's view, a team-only summary is blanked out."""
    from django.db.models import Prefetch

    meetings = list(
        Meeting.objects.filter(participants__plan=plan)
        .exclude(status=Meeting.Status.CANCELLED)
        .prefetch_related(Prefetch("next_actions", queryset=NextAction.objects.filter(plan=plan), to_attr="agreed"))
        .order_by("-starts_at", "-pk")
        .distinct()
    )
    if person_view:
        for meeting in meetings:
            if not meeting.summary_shared:
                meeting.summary = ""
    return meetings


def network_plans(region_id: int, audience: str) -> QuerySet[FollowUpPlan]:
    """The plans of one network (peer interveners or referents) of a region, to invite to a meeting."""
    return (
        FollowUpPlan.objects.filter(group__territory__region_id=region_id, kind=audience)
        .select_related("trainee", "group__territory")
        .order_by("trainee__last_name", "trainee__first_name")
    )


def meeting_participants(meeting) -> list:
    return list(meeting.participants.select_related("person", "plan").order_by("person__last_name"))


def add_calendar_events(*, user, events: list, **_payload) -> None:
    """Subscriber of CALENDAR_EVENTS: the person's accompaniment meetings join their iCalendar feed
    (date, place or link; never a summary). A cancelled meeting stays as CANCELLED so that calendar
    apps drop it."""
    import datetime

    from django.utils.translation import gettext as _

    meetings = (
        Meeting.objects.filter(
            participants__person=user,
            starts_at__isnull=False,
            status__in=[Meeting.Status.SCHEDULED, Meeting.Status.HELD, Meeting.Status.CANCELLED],
        )
        .order_by("starts_at", "pk")
        .distinct()
    )
    for meeting in meetings:
        title = meeting.title or str(meeting.get_kind_display())
        events.append(
            {
                "uid": f"followup-meeting-{meeting.pk}@epop",
                "start": meeting.starts_at,
                "end": meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes),
                "summary": _("EPoP — %(title)s") % {"title": title},
                "location": meeting.place or meeting.video_url,
                "url": meeting.video_url,
                "cancelled": meeting.status == Meeting.Status.CANCELLED,
            }
        )
