"""Who reads which figures. Every dashboard is scoped by role:

- administrators and the national team: every region, by region, down to a region and a group;
- a regional team: its regions, by territory, organisation, course and group;
- an organisation's staff: its organisation's groups;
- a funder (read-only): aggregates of its regions only, never a group's page nor a name.

`reach(user)` says what a person may read; `access_group(user, pk)` fetches a group and authorises
it in one call (404 alike for missing and not yours)."""

from dataclasses import dataclass

from django.http import Http404

from lms.cohorts.models import TrainingGroup
from lms.people.models import Role, TrainingOrganisation, User
from lms.people.permissions import funder_regions, is_administrator, regional_team_regions
from lms.people.selectors import has_role
from lms.reporting.catalogue import COURSE, ORGANISATION, REGION, TERRITORY, Scope
from lms.reporting.models import FunderReport, ReportExport


@dataclass(frozen=True)
class Reach:
    """What a person may read: the regions and organisations (None: every one), the dimensions
    tables may be broken down by, and whether groups (their list and pages) are shown."""

    regions: frozenset | None
    organisations: frozenset | None
    dimensions: tuple
    sees_groups: bool
    is_funder: bool = False

    def scope(self, **filters) -> Scope:
        return Scope(regions=self.regions, organisations=self.organisations, **filters)


def reach(user: User) -> Reach | None:
    """None for those who read no dashboard."""
    if not user.is_authenticated:
        return None
    if is_administrator(user) or has_role(user, Role.NATIONAL_TEAM):
        return Reach(None, None, (REGION, TERRITORY, ORGANISATION, COURSE), sees_groups=True)
    regions = regional_team_regions(user)
    if regions:
        return Reach(frozenset(regions), None, (TERRITORY, ORGANISATION, COURSE), sees_groups=True)
    if has_role(user, Role.ORGANISATION_STAFF):
        organisations = frozenset(
            user.role_assignments.filter(role=Role.ORGANISATION_STAFF).values_list("organisation_id", flat=True)
        )
        return Reach(None, organisations, (COURSE, REGION, TERRITORY), sees_groups=True)
    regions = funder_regions(user)
    if regions:
        return Reach(frozenset(regions), None, (TERRITORY, ORGANISATION, COURSE), sees_groups=False, is_funder=True)
    return None


def can_read_dashboards(user: User) -> bool:
    """The roles alone decide (no query beyond the cached roles: the menu asks on every page). Regional
    teams and funders always have a region, organisation staff an organisation (database constraints)."""
    return user.is_authenticated and (
        is_administrator(user)
        or has_role(user, Role.NATIONAL_TEAM, Role.REGIONAL_TEAM, Role.ORGANISATION_STAFF, Role.FUNDER)
    )


def can_read_groups(user: User) -> bool:
    found = reach(user)
    return found is not None and found.sees_groups


def access_group(user: User, pk) -> tuple[TrainingGroup, Reach]:
    """The group's figures page: a group of the person's reach, 404 otherwise (funders read no group)."""
    found = reach(user)
    if found is None or not found.sees_groups:
        raise Http404
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value < 2**63:
        raise Http404
    group = (
        found.scope().groups().select_related("territory__region", "organisation", "course").filter(pk=value).first()
    )
    if group is None:
        raise Http404
    return group, found


def access_export(user: User, pk) -> ReportExport:
    """An export: only the person who asked for it reads it and its file (404 otherwise)."""
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not user.is_authenticated or not 0 < value < 2**63:
        raise Http404
    export = ReportExport.objects.filter(pk=value, requested_by=user).first()
    if export is None:
        raise Http404
    return export


def report_regions(user: User) -> frozenset | None:
    """The regions whose funder reports `user` reads: the national team and administrators every
    one (None), a regional team and a funder their own; empty for everyone else."""
    found = reach(user)
    if found is None or found.organisations is not None:
        return frozenset()
    return found.regions


def can_issue_funder_reports(user: User, region=None) -> bool:
    """Issuing a report: the region's team, the national team, administrators (never the funder)."""
    found = reach(user)
    if found is None or found.is_funder or found.organisations is not None:
        return False
    return region is None or found.regions is None or region.pk in found.regions


def visible_reports(user: User):
    regions = report_regions(user)
    reports = FunderReport.objects.select_related("region")
    return reports if regions is None else reports.filter(region_id__in=regions)


def access_report(user: User, pk) -> FunderReport:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value < 2**63:
        raise Http404
    report = visible_reports(user).filter(pk=value).first()
    if report is None:
        raise Http404
    return report


def access_bpf(user: User, pk) -> tuple[TrainingOrganisation, Reach]:
    """An organisation's BPF worksheet: its own staff, the regional team of a region where it has
    groups, the national team and administrators; 404 for everyone else (funders included)."""
    found = reach(user)
    if found is None or found.is_funder:
        raise Http404
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value < 2**63 or (found.organisations is not None and value not in found.organisations):
        raise Http404
    organisation = TrainingOrganisation.objects.filter(pk=value).first()
    if organisation is None:
        raise Http404
    if found.regions is not None and not found.scope(organisation=value).groups().exists():
        raise Http404
    return organisation, found
