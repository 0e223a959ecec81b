"""Who may do what on the group page (the hub of a group), decided once per request from the
people.permissions helpers, so that the page links only to what the person may open."""

from dataclasses import dataclass

from django.http import Http404

from lms.cohorts import selectors as cohorts_selectors
from lms.cohorts.models import TrainingGroup
from lms.people.models import Role, User
from lms.people.permissions import (
    can_lead_group,
    can_manage_group,
    can_read_group_page,
    is_administrator,
)
from lms.people.selectors import has_role


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
    region_ids = set(user.role_assignments.filter(role=Role.REGIONAL_TEAM).values_list("region_id", flat=True))
    access = GroupPageAccess(
        user_id=user.pk,
        manage=can_manage_group(user, group),
        lead=can_lead_group(user, group),
        regional=has_role(user, Role.REGIONAL_TEAM) and group.territory.region_id in region_ids,
        administrator=is_administrator(user),
    )
    return group, access
