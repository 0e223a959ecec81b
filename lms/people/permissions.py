"""The one place that says who may see and do what with groups and trainees' records.

- a trainee: their own records and the groups they are enrolled in;
- trainers and peer trainers: the groups they lead and those groups' trainees;
- a regional team member: the groups of their region and their trainees;
- training organisation staff: the groups their organisation delivers and their trainees;
- the national team: every group, as aggregates only (no individual trainee record);
- administrators: everything.
Views and selectors ask these functions; none decides on its own.
"""

from django.db.models import Q, QuerySet

from lms.people.models import Role, User
from lms.people.selectors import has_role, roles_of


def is_administrator(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))


def _group_scope_filter(user: User, *, include_trainees: bool, include_national: bool) -> Q | None:
    """A Q on TrainingGroup selecting the groups `user` reaches; None means all groups."""
    if is_administrator(user) or (include_national and has_role(user, Role.NATIONAL_TEAM)):
        return None
    roles = roles_of(user)
    q = Q(pk__in=[])
    if roles & {Role.TRAINER, Role.PEER_TRAINER}:
        q |= Q(trainers=user) | Q(peer_trainers=user)
    if Role.REGIONAL_TEAM in roles:
        q |= Q(
            territory__region__role_assignments__user=user,
            territory__region__role_assignments__role=Role.REGIONAL_TEAM,
        )
    if Role.ORGANISATION_STAFF in roles:
        q |= Q(
            organisation__role_assignments__user=user,
            organisation__role_assignments__role=Role.ORGANISATION_STAFF,
        )
    if include_trainees:
        q |= Q(enrolments__trainee=user, enrolments__status="enrolled")
    return q


def visible_groups(user: User) -> QuerySet:
    """Groups the user may see listed (the national team sees all, for aggregates)."""
    from lms.cohorts.models import TrainingGroup

    if not user.is_authenticated:
        return TrainingGroup.objects.none()
    scope = _group_scope_filter(user, include_trainees=True, include_national=True)
    groups = TrainingGroup.objects.all()
    if scope is not None:
        groups = TrainingGroup.objects.filter(pk__in=TrainingGroup.objects.filter(scope).values("pk"))
    return groups


def groups_with_trainee_access(user: User) -> QuerySet:
    """Groups whose trainees' individual records the user may see (not the national team, not
    fellow trainees)."""
    from lms.cohorts.models import TrainingGroup

    if not user.is_authenticated:
        return TrainingGroup.objects.none()
    scope = _group_scope_filter(user, include_trainees=False, include_national=False)
    if scope is None:
        return TrainingGroup.objects.all()
    return TrainingGroup.objects.filter(pk__in=TrainingGroup.objects.filter(scope).values("pk"))


def can_view_group(user: User, group) -> bool:
    return visible_groups(user).filter(pk=group.pk).exists()


def can_lead_group(user: User, group) -> bool:
    """Trainers and peer trainers of the group (and administrators): attendance, feedback, evaluations."""
    if is_administrator(user):
        return True
    return group.trainers.filter(pk=user.pk).exists() or group.peer_trainers.filter(pk=user.pk).exists()


def can_manage_group(user: User, group) -> bool:
    """The regional team of the group's region, its organisation's staff, administrators:
    enrolment, scheduling, issuing documents."""
    if is_administrator(user):
        return True
    if (
        has_role(user, Role.REGIONAL_TEAM)
        and user.role_assignments.filter(role=Role.REGIONAL_TEAM, region_id=group.territory.region_id).exists()
    ):
        return True
    return (
        has_role(user, Role.ORGANISATION_STAFF)
        and user.role_assignments.filter(role=Role.ORGANISATION_STAFF, organisation_id=group.organisation_id).exists()
    )


def can_view_trainee_records(user: User, trainee: User) -> bool:
    """Whether `user` may see `trainee`'s individual records (attendance, work, evaluations)."""
    if not user.is_authenticated:
        return False
    if user.pk == trainee.pk:
        return True
    return groups_with_trainee_access(user).filter(enrolments__trainee=trainee).exists()
