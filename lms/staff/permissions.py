"""What staff may do in Gestion and on a group's page.

The group page (the hub of a group) is decided once per request from the cohorts.permissions
helpers, so that the page links only to what the person may open.

Accounts: the regional team creates trainers, peer trainers, the staff of an organisation of its
region and members of its own regional team; organisation staff create trainers, peer trainers and
colleagues of their own organisation; administrators create any role. The national team reads;
trainees' accounts come from enrolment."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from lms.cohorts import selectors as cohorts_selectors
from lms.cohorts.models import TrainingGroup
from lms.cohorts.permissions import (
    can_lead_group,
    can_manage_group,
    can_read_group_page,
    can_view_groups_overview,
    is_regional_team_of_group,
)
from lms.people.models import Region, Role, TrainingOrganisation, User
from lms.people.permissions import is_administrator
from lms.people.selectors import has_role


def can_use_staff_workspace(user: User) -> bool:
    """The staff workspace: regional team, organisation staff, national team (reading), administrators."""
    return can_view_groups_overview(user)


@dataclass(frozen=True)
class GroupPageAccess:
    user_id: int
    manage: bool  # regional team of the region, the organisation's staff, administrators
    lead: bool  # trainers and peer trainers of the group (and administrators)
    regional: bool  # the regional team of the group's region
    administrator: bool

    @property
    def records(self) -> bool:
        """Trainees' individual records: attendance, work, objectives (not the national team)."""
        return self.manage or self.lead

    @property
    def certificates(self) -> bool:
        return self.manage

    @property
    def needs(self) -> bool:
        """Participants' needs: the group's trainers and the regional team (not administrators, not
        the organisation, not the national team)."""
        return self.regional or (self.lead and not self.administrator)

    def leads_session(self, session) -> bool:
        return self.user_id in (session.trainer_id, session.peer_trainer_id)

    def session_attendance(self, session) -> bool:
        return self.records or self.leads_session(session)

    def session_plan(self, session) -> bool:
        """A session's arrangement plan (counts, no names): its leaders, the regional team, administrators."""
        return self.regional or self.administrator or self.lead or self.leads_session(session)


def access_group_page(user: User, pk: int) -> tuple[TrainingGroup, GroupPageAccess]:
    """Fetches the group and what the user may do on its page; 404 alike for missing and not yours."""
    try:
        group = cohorts_selectors.group_detail(pk)
    except TrainingGroup.DoesNotExist:
        raise Http404 from None
    if not can_read_group_page(user, group):
        raise Http404
    access = GroupPageAccess(
        user_id=user.pk,
        manage=can_manage_group(user, group),
        lead=can_lead_group(user, group),
        regional=is_regional_team_of_group(user, group),
        administrator=is_administrator(user),
    )
    return group, access


# --- Accounts created in Gestion ----------------------------------------------------------------

LEADER_ROLES = (Role.TRAINER, Role.PEER_TRAINER)


def grantable_roles(user: User) -> list[str]:
    """The roles `user` may give to a person whose account they create (in Role order)."""
    if not user.is_authenticated:
        return []
    if is_administrator(user):
        wanted = set(Role.values) - {Role.TRAINEE}
    elif has_role(user, Role.REGIONAL_TEAM):
        wanted = {*LEADER_ROLES, Role.ORGANISATION_STAFF, Role.REGIONAL_TEAM}
    elif has_role(user, Role.ORGANISATION_STAFF):
        wanted = {*LEADER_ROLES, Role.ORGANISATION_STAFF}
    else:
        wanted = set()
    return [role for role in Role.values if role in wanted]


def can_create_people(user: User) -> bool:
    return bool(grantable_roles(user))


def grantable_regions(user: User) -> QuerySet[Region]:
    """Regions whose regional team `user` may add a member to: their own (every one for administrators)."""
    if is_administrator(user):
        return Region.objects.all()
    if not user.is_authenticated:
        return Region.objects.none()
    return Region.objects.filter(role_assignments__user=user, role_assignments__role=Role.REGIONAL_TEAM).distinct()


def grantable_organisations(user: User) -> QuerySet[TrainingOrganisation]:
    """Organisations `user` may add a staff member to: those of the regional team's region, one's
    own organisation, any for administrators."""
    if is_administrator(user):
        return TrainingOrganisation.objects.all()
    if not user.is_authenticated:
        return TrainingOrganisation.objects.none()
    return TrainingOrganisation.objects.filter(
        Q(role_assignments__user=user, role_assignments__role=Role.ORGANISATION_STAFF)
        | Q(region__role_assignments__user=user, region__role_assignments__role=Role.REGIONAL_TEAM)
    ).distinct()
