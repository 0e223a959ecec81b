"""Who may see and do what with follow-up plans, in one place. A plan belongs to its group's region:

- the person: their own plans (and, in meetings, only what is shared with them);
- the regional team of the group's region: its plans, to read, write, review and validate;
- administrators: everything.
The national team and the training organisations see no individual plan (aggregates only, as for
every trainee record). Helpers fetch and authorise in one call and answer 404 alike for a plan that
does not exist and one that is not the asker's."""

from django.db.models import QuerySet
from django.http import Http404

from lms.followup.models import FollowUpPlan, Meeting
from lms.people.models import Role, User
from lms.people.permissions import is_administrator
from lms.people.selectors import has_role


def team_region_ids(user: User) -> set[int]:
    """The regions where `user` is on the regional team (cached on the user for the request)."""
    if not user.is_authenticated or not has_role(user, Role.REGIONAL_TEAM):
        return set()
    if not hasattr(user, "_followup_regions"):
        user._followup_regions = set(
            user.role_assignments.filter(role=Role.REGIONAL_TEAM).values_list("region_id", flat=True)
        )
    return user._followup_regions


def can_use_team_pages(user: User) -> bool:
    """The follow-up list ("Suivi") and its alerts: the regional team and administrators."""
    return user.is_authenticated and (is_administrator(user) or bool(team_region_ids(user)))


def can_manage_plan(user: User, plan: FollowUpPlan) -> bool:
    """Writing, reviewing and validating a plan: its region's team, administrators."""
    if not user.is_authenticated:
        return False
    return is_administrator(user) or plan.group.territory.region_id in team_region_ids(user)


def is_plan_person(user: User, plan: FollowUpPlan) -> bool:
    return user.is_authenticated and user.pk == plan.trainee_id


def can_read_plan(user: User, plan: FollowUpPlan) -> bool:
    return is_plan_person(user, plan) or can_manage_plan(user, plan)


def managed_plans(user: User) -> QuerySet[FollowUpPlan]:
    """Plans the user's team follows (all for administrators, none for anyone else)."""
    if not user.is_authenticated:
        return FollowUpPlan.objects.none()
    if is_administrator(user):
        return FollowUpPlan.objects.all()
    return FollowUpPlan.objects.filter(group__territory__region_id__in=team_region_ids(user))


def _plans():
    return FollowUpPlan.objects.select_related("trainee", "owner", "group__territory__region", "group__course")


def access_plan(user: User, pk, *, manage: bool = False) -> FollowUpPlan:
    """The plan `pk` if `user` may read it (manage it, with `manage`); 404 otherwise."""
    plan = _plans().filter(pk=_int_or_404(pk)).first()
    if plan is None:
        raise Http404
    allowed = can_manage_plan(user, plan) if manage else can_read_plan(user, plan)
    if not allowed:
        raise Http404
    return plan


def access_own_plan(user: User, pk) -> FollowUpPlan:
    """The person's own plan `pk` (Mon espace); 404 for anyone else's, even to staff."""
    plan = _plans().filter(pk=_int_or_404(pk), trainee_id=user.pk).first() if user.is_authenticated else None
    if plan is None:
        raise Http404
    return plan


def _int_or_404(pk) -> int:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value < 2**63:
        raise Http404
    return value


def can_manage_meeting(user: User, meeting) -> bool:
    """A meeting belongs to its region: its team and administrators organise it and read every summary."""
    return user.is_authenticated and (is_administrator(user) or meeting.region_id in team_region_ids(user))


def access_meeting(user: User, pk):
    """The meeting `pk` for its region's team or administrators; 404 otherwise (the person reads their
    meetings on their plan's page, shared summaries only)."""

    meeting = Meeting.objects.select_related("plan__trainee", "region").filter(pk=_int_or_404(pk)).first()
    if meeting is None or not can_manage_meeting(user, meeting):
        raise Http404
    return meeting
