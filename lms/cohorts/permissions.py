"""Who may see and do what with groups, their sessions, their trainees and applications.

- a trainee: their own records and the groups they are enrolled in;
- trainers and peer trainers: the groups they lead and those groups' trainees;
- a regional team member: the groups of their region and their trainees, and selection there;
- training organisation staff: the groups their organisation delivers and their trainees;
- the national team: every group, as aggregates only (no individual trainee record);
- administrators: everything.
Views, selectors and the apps above ask these functions; none decides on its own.
"""

from django.db.models import Q, QuerySet

from lms.cohorts.models import Application, Enrolment, TrainingGroup
from lms.people.models import Role, Territory, TrainingOrganisation, User
from lms.people.permissions import is_administrator, regional_team_regions
from lms.people.selectors import has_role, roles_of


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
        q |= Q(enrolments__trainee=user, enrolments__status=Enrolment.Status.ENROLLED)
    return q


def visible_groups(user: User) -> QuerySet:
    """Groups the user may see listed (the national team sees all, for aggregates)."""
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
    if group.territory.region_id in regional_team_regions(user):
        return True
    return (
        has_role(user, Role.ORGANISATION_STAFF)
        and user.role_assignments.filter(role=Role.ORGANISATION_STAFF, organisation_id=group.organisation_id).exists()
    )


def is_regional_team_of_group(user: User, group) -> bool:
    """The regional team of the group's region (the group page's needs and arrangement links)."""
    return group.territory.region_id in regional_team_regions(user)


def can_view_trainee_records(user: User, trainee: User, *, group=None) -> bool:
    """Whether `user` may see `trainee`'s individual records (attendance, work, evaluations).

    Staff reach a trainee only through an active enrolment (not withdrawn, not on the waiting list)
    in a group they lead or manage; with `group` (the group the record belongs to), through that
    group only: a record of one group is never reached through another.
    """
    if not user.is_authenticated:
        return False
    if user.pk == trainee.pk:
        return True
    groups = groups_with_trainee_access(user)
    if group is not None:
        groups = groups.filter(pk=group.pk)
    return Enrolment.objects.enrolled().filter(trainee=trainee, group__in=groups.values("pk")).exists()


def trainee_in_regions(trainee: User, regions: set[int]) -> bool:
    """Whether the trainee has a place (an active enrolment) in a group of one of `regions`, or an
    application still in selection there. Withdrawn places, waiting lists and closed applications
    do not count."""
    if not regions:
        return False
    return (
        Enrolment.objects.enrolled().filter(trainee=trainee, group__territory__region_id__in=regions).exists()
        or Application.objects.filter(
            candidate=trainee,
            status__in=[Application.Status.RECEIVED, Application.Status.ACCEPTED],
            territory__region_id__in=regions,
        ).exists()
    )


def leads_trainee_group(user: User, trainee: User) -> bool:
    """Whether `user` trains or peer-trains a group `trainee` is enrolled in."""
    return (
        has_role(user, Role.TRAINER, Role.PEER_TRAINER)
        and Enrolment.objects.enrolled()
        .filter(trainee=trainee)
        .filter(Q(group__trainers=user) | Q(group__peer_trainers=user))
        .exists()
    )


# --- Selection ------------------------------------------------------------------------------------


def can_run_selection(user: User) -> bool:
    """The selection pages (applications, interviews, charters): the regional team, administrators."""
    return user.is_authenticated and (is_administrator(user) or has_role(user, Role.REGIONAL_TEAM))


def selection_territories(user: User) -> QuerySet:
    """Territories where the user may record an application: their region's, or all for administrators."""
    if is_administrator(user):
        return Territory.objects.all()
    return Territory.objects.filter(region_id__in=regional_team_regions(user))


def visible_applications(user: User) -> QuerySet:
    """Applications (candidacies) the user handles: the regional team of the territory's region,
    administrators."""
    if not user.is_authenticated:
        return Application.objects.none()
    if is_administrator(user):
        return Application.objects.all()
    return Application.objects.filter(territory__region_id__in=regional_team_regions(user))


def can_handle_application(user: User, application) -> bool:
    """Recording interviews, charters and enrolments for an application."""
    return is_administrator(user) or application.territory.region_id in regional_team_regions(user)


def can_enrol_application(user: User, application) -> bool:
    """Whether the enrolment form shows: an application the user handles that was accepted or put on
    the waiting list."""
    return application.status in (
        Application.Status.ACCEPTED,
        Application.Status.WAITING,
    ) and can_handle_application(user, application)


def can_read_interview_notes(user: User, application) -> bool:
    """Selection interview notes are sensitive: the regional team of the region and administrators
    only (not trainers, not the organisation, not the national team)."""
    return user.is_authenticated and can_handle_application(user, application)


# --- Groups overview, creating groups and venues --------------------------------------------------


def can_view_groups_overview(user: User) -> bool:
    """The groups dashboard: regional team, organisation staff, national team, administrators."""
    return is_administrator(user) or has_role(user, Role.REGIONAL_TEAM, Role.ORGANISATION_STAFF, Role.NATIONAL_TEAM)


def managed_groups(user: User) -> QuerySet:
    """Groups the user manages (the query form of can_manage_group): regional team of the region,
    the organisation's staff, administrators."""
    if not user.is_authenticated:
        return TrainingGroup.objects.none()
    if is_administrator(user):
        return TrainingGroup.objects.all()
    regions = user.role_assignments.filter(role=Role.REGIONAL_TEAM).values("region_id")
    organisations = user.role_assignments.filter(role=Role.ORGANISATION_STAFF).values("organisation_id")
    return TrainingGroup.objects.filter(Q(territory__region_id__in=regions) | Q(organisation_id__in=organisations))


def can_create_groups(user: User) -> bool:
    """Creating groups and venues: the regional team, organisation staff, administrators (not the
    national team, which reads)."""
    return user.is_authenticated and (
        is_administrator(user) or has_role(user, Role.REGIONAL_TEAM, Role.ORGANISATION_STAFF)
    )


def leads_group_sessions(user: User, group) -> bool:
    """Whether the user leads the group or animates one of its sessions (a joint session's other
    group included)."""
    if not user.is_authenticated:
        return False
    return (
        group.trainers.filter(pk=user.pk).exists()
        or group.peer_trainers.filter(pk=user.pk).exists()
        or group.scheduled_sessions.filter(Q(trainer=user) | Q(peer_trainer=user)).exists()
    )


def can_read_group_page(user: User, group) -> bool:
    """The group page (the hub of a group): those who run it (regional team, organisation staff),
    those who lead it or one of its sessions, the national team (reading) and administrators."""
    if not user.is_authenticated:
        return False
    if is_administrator(user) or has_role(user, Role.NATIONAL_TEAM):
        return True
    return can_manage_group(user, group) or leads_group_sessions(user, group)


def manageable_territories(user: User) -> QuerySet:
    """Territories where the user may create groups and venues: the regional team's region, the
    organisation's region for its staff, every territory for administrators."""
    if not user.is_authenticated:
        return Territory.objects.none()
    if is_administrator(user):
        return Territory.objects.all()
    regions = user.role_assignments.filter(role=Role.REGIONAL_TEAM).values("region_id")
    organisation_regions = user.role_assignments.filter(role=Role.ORGANISATION_STAFF).values("organisation__region_id")
    return Territory.objects.filter(Q(region_id__in=regions) | Q(region_id__in=organisation_regions))


def manageable_organisations(user: User) -> QuerySet:
    """Organisations a group created by the user may be given to: any for the regional team and
    administrators, their own for organisation staff."""
    if not user.is_authenticated:
        return TrainingOrganisation.objects.none()
    if is_administrator(user) or has_role(user, Role.REGIONAL_TEAM):
        return TrainingOrganisation.objects.all()
    return TrainingOrganisation.objects.filter(
        role_assignments__user=user, role_assignments__role=Role.ORGANISATION_STAFF
    )


def can_manage_venue(user: User, venue) -> bool:
    """A venue: whoever may create groups in its territory."""
    return venue.territory_id is not None and manageable_territories(user).filter(pk=venue.territory_id).exists()


# --- Main menu ------------------------------------------------------------------------------------


def cohorts_menu(user: User) -> dict[str, bool]:
    """Which of this app's pages the main menu links to for `user`."""
    roles = roles_of(user)
    return {
        "schedule": Role.TRAINEE in roles,
        "sessions": bool(roles & {Role.TRAINER, Role.PEER_TRAINER}),
        "groups": can_view_groups_overview(user),
        "applications": can_run_selection(user),
    }


def can_see_led_sessions(user: User) -> bool:
    """ "Mes séances": trainers and peer trainers."""
    return has_role(user, Role.TRAINER, Role.PEER_TRAINER)
