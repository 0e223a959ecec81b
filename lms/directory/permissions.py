"""Who may see and do what with directory entries. An entry belongs to its region (the region of the
group whose training it grew from):

- the person: their own entries, to write, submit, withdraw;
- the regional team of the entry's region: to review, publish or ask for changes;
- the national team: published entries, read only (a draft is not consented to yet: only the
  person and the region's team read it);
- administrators: everything;
- everyone (anonymous too): published entries with consent, their chosen fields only (selectors).
Helpers fetch and authorise in one call and answer 404 alike for missing and not yours."""

from django.db.models import Q, QuerySet
from django.http import Http404

from lms.directory.models import DirectoryEntry
from lms.followup.models import FollowUpPlan
from lms.forms import MAX_PK
from lms.people.models import Role, User
from lms.people.permissions import is_administrator, regional_team_regions
from lms.people.selectors import has_role


def _int_or_404(pk) -> int:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value <= MAX_PK:
        raise Http404
    return value


def can_review_entry(user: User, entry: DirectoryEntry) -> bool:
    """Publishing or asking for changes: the entry's regional team and administrators."""
    if not user.is_authenticated:
        return False
    return is_administrator(user) or entry.region_id in regional_team_regions(user)


def can_read_team_pages(user: User) -> bool:
    """The list of entries to review: regional teams, the national team (read only), administrators."""
    return user.is_authenticated and (
        is_administrator(user) or has_role(user, Role.NATIONAL_TEAM) or bool(regional_team_regions(user))
    )


def reviewable_entries(user: User) -> QuerySet[DirectoryEntry]:
    """The entries the user's team sees: its regions' for a regional team, every published one for
    the national team (and the national team's own region's too if it is also a regional team),
    all for administrators."""
    if not user.is_authenticated:
        return DirectoryEntry.objects.none()
    if is_administrator(user):
        return DirectoryEntry.objects.all()
    visible = Q(region_id__in=regional_team_regions(user))
    if has_role(user, Role.NATIONAL_TEAM):
        visible |= Q(status=DirectoryEntry.Status.PUBLISHED)
    return DirectoryEntry.objects.filter(visible)


def _entries():
    return DirectoryEntry.objects.select_related("person", "region", "plan__group").prefetch_related("departments")


def access_team_entry(user: User, pk, *, review: bool = False) -> DirectoryEntry:
    """The entry `pk` for the team pages (with `review`, only for those who may decide); 404 otherwise."""
    entry = _entries().filter(pk=_int_or_404(pk)).first()
    if entry is None or not reviewable_entries(user).filter(pk=entry.pk).exists():
        raise Http404
    if review and not can_review_entry(user, entry):
        raise Http404
    return entry


def access_own_entry(user: User, pk) -> DirectoryEntry:
    """The person's own entry `pk`; 404 for anyone else's, staff included."""
    if not user.is_authenticated:
        raise Http404
    entry = _entries().filter(pk=_int_or_404(pk), person_id=user.pk).first()
    if entry is None:
        raise Http404
    return entry


def access_own_plan(user: User, pk) -> FollowUpPlan:
    """The person's own follow-up plan `pk`, to start an entry from; 404 for anyone else's."""
    if not user.is_authenticated:
        raise Http404
    plan = (
        FollowUpPlan.objects.select_related("group__territory__region")
        .filter(pk=_int_or_404(pk), trainee_id=user.pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan
