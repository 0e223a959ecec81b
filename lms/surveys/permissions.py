"""Who may see survey results, the complaints register and improvement actions. Helpers fetch and
authorise in one call and answer 404 alike for a missing record and one that is not the asker's.

- results: the regional team (their region's groups), organisation staff (their organisation's
  groups), the national team (reading, everything) and administrators;
- complaints and actions: the regional team of the complaint's region, administrators; the
  national team reads; organisation staff read those about their organisation.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from lms.cohorts.models import TrainingGroup
from lms.cohorts.permissions import managed_groups
from lms.people.models import Region, Role, User
from lms.people.permissions import is_administrator
from lms.people.selectors import has_role
from lms.surveys.models import Campaign, Complaint, ImprovementAction


def can_view_results(user: User) -> bool:
    return user.is_authenticated and (
        is_administrator(user) or has_role(user, Role.REGIONAL_TEAM, Role.ORGANISATION_STAFF, Role.NATIONAL_TEAM)
    )


def results_groups(user: User) -> QuerySet:
    """Groups whose survey results the user reads."""

    if not can_view_results(user):
        return TrainingGroup.objects.none()
    if has_role(user, Role.NATIONAL_TEAM) or is_administrator(user):
        return TrainingGroup.objects.all()
    return managed_groups(user)


def visible_campaigns(user: User) -> QuerySet:
    return Campaign.objects.filter(group__in=results_groups(user).values("pk"))


def access_campaign(user: User, pk) -> "Campaign":  # noqa: F821
    campaign = (
        visible_campaigns(user)
        .select_related("template", "group__course", "group__territory__region", "session__session_page")
        .filter(pk=_int_or_404(pk))
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


def _regions(user: User, role: str) -> QuerySet:
    return user.role_assignments.filter(role=role).values("region_id")


def can_use_register(user: User) -> bool:
    """The complaints register and improvement actions."""
    return can_view_results(user)


def can_handle_complaints(user: User) -> bool:
    """Recording, acknowledging, answering: the regional team and administrators."""
    return user.is_authenticated and (is_administrator(user) or has_role(user, Role.REGIONAL_TEAM))


def visible_complaints(user: User) -> QuerySet:
    if not can_use_register(user):
        return Complaint.objects.none()
    if is_administrator(user) or has_role(user, Role.NATIONAL_TEAM):
        return Complaint.objects.all()
    organisations = user.role_assignments.filter(role=Role.ORGANISATION_STAFF).values("organisation_id")
    return Complaint.objects.filter(
        Q(region_id__in=_regions(user, Role.REGIONAL_TEAM))
        | Q(organisation_id__in=organisations)
        | Q(group__organisation_id__in=organisations)
    )


def manageable_regions(user: User) -> QuerySet:
    if is_administrator(user):
        return Region.objects.all()
    return Region.objects.filter(pk__in=_regions(user, Role.REGIONAL_TEAM))


def access_complaint(user: User, pk, *, manage: bool = False) -> "Complaint":  # noqa: F821
    complaints = visible_complaints(user)
    if manage:
        complaints = complaints.filter(region__in=manageable_regions(user))
    complaint = (
        complaints.select_related("region", "group", "session__session_page", "organisation", "complainant")
        .filter(pk=_int_or_404(pk))
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def visible_actions(user: User) -> QuerySet:
    if not can_use_register(user):
        return ImprovementAction.objects.none()
    if is_administrator(user) or has_role(user, Role.NATIONAL_TEAM):
        return ImprovementAction.objects.all()
    return ImprovementAction.objects.filter(region_id__in=_regions(user, Role.REGIONAL_TEAM))


def access_action(user: User, pk, *, manage: bool = False) -> "ImprovementAction":  # noqa: F821
    actions = visible_actions(user)
    if manage:
        actions = actions.filter(region__in=manageable_regions(user))
    action = actions.select_related("owner", "complaint", "campaign", "region").filter(pk=_int_or_404(pk)).first()
    if action is None:
        raise Http404
    return action


def _int_or_404(pk) -> int:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value < 2**63:
        raise Http404
    return value
