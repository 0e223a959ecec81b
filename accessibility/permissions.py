"""Who may do what in this app: the RGAA self-check (the national team, which publishes the
statement, and administrators), a trainee's accessibility needs and a session's arrangement plan."""

from django.db.models import Q
from django.http import Http404

from accessibility.models import ArrangementProvider
from lms.cohorts.permissions import leads_trainee_group, trainee_in_regions
from lms.people.models import Role, User
from lms.people.permissions import is_administrator, regional_team_regions
from lms.people.selectors import has_role


def can_run_self_check(user) -> bool:
    return user.is_authenticated and (is_administrator(user) or has_role(user, Role.NATIONAL_TEAM))


# --- Accessibility needs and arrangement plans ----------------------------------------------------
# Needs and plans serve delivery (a trainee's enrolment, a session): these rules read the cohorts'
# records, which is why this app sits above cohorts (see docs/architecture.md).


def can_view_accessibility_needs(user: User, trainee: User) -> bool:
    """A trainee's accessibility needs: the trainee, the trainers and peer trainers of the groups
    they are enrolled in, and the regional team of their region (also during selection). No one else,
    not even administrators or the national team."""
    if not user.is_authenticated:
        return False
    if user.pk == trainee.pk:
        return True
    if leads_trainee_group(user, trainee):
        return True
    return trainee_in_regions(trainee, regional_team_regions(user))


def can_record_accessibility_needs(user: User, trainee: User) -> bool:
    """Who records needs and consent: the trainee, or the regional team of their region."""
    if not user.is_authenticated:
        return False
    if user.pk == trainee.pk:
        return True
    return trainee_in_regions(trainee, regional_team_regions(user))


def access_trainee_needs(user: User, trainee_id) -> User:
    """The trainee whose needs `user` asks to see, if allowed (can_view_accessibility_needs);
    404 alike for an unknown person and one whose needs are not the asker's to see."""
    try:
        trainee = User.objects.filter(pk=int(trainee_id)).first()
    except (TypeError, ValueError):
        trainee = None
    if trainee is None or not can_view_accessibility_needs(user, trainee):
        raise Http404
    return trainee


def can_view_arrangement_plan(user: User, session) -> bool:
    """A session's arrangement plan (counts, no names): its trainers, the trainers of its groups,
    the regional team of their regions, administrators."""
    if not user.is_authenticated:
        return False
    if is_administrator(user) or user.pk in (session.trainer_id, session.peer_trainer_id):
        return True
    groups = session.groups.all()
    if groups.filter(Q(trainers=user) | Q(peer_trainers=user)).exists():
        return True
    return can_manage_arrangement_plan(user, session)


def can_manage_arrangement_plan(user: User, session) -> bool:
    """Booking arrangements (status, provider, cost): the regional team of the session's groups'
    regions, administrators."""
    if is_administrator(user):
        return True
    regions = regional_team_regions(user)
    return bool(regions) and session.groups.filter(territory__region_id__in=regions).exists()


# --- Arrangement providers ------------------------------------------------------------------------


def provider_regions(user: User) -> set[int] | None:
    """The regions whose providers `user` keeps: a regional team its own, administrators all (None)."""
    if is_administrator(user):
        return None
    return regional_team_regions(user)


def can_manage_providers(user: User, region_id: int) -> bool:
    regions = provider_regions(user)
    return regions is None or region_id in regions


def access_provider(user: User, pk: int):
    """The provider `pk` if `user` keeps its region's providers; 404 otherwise (also for an unknown pk)."""
    provider = ArrangementProvider.objects.select_related("region").filter(pk=pk).first()
    if provider is None or not can_manage_providers(user, provider.region_id):
        raise Http404
    return provider
