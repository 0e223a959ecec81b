"""Who may see and do what with intervention requests. A request belongs to its region:

- the regional team of that region handles it (qualify, match, propose, meetings, expenses);
- the national team reads every request, changes none;
- administrators do everything;
- a peer intervener sees only the proposals made to them (their space), never the request list.
Helpers fetch and authorise in one call and answer 404 alike for missing and not yours."""

from django.db.models import QuerySet
from django.http import Http404

from lms.followup.permissions import team_region_ids
from lms.interventions.models import ExpenseLine, InterventionRequest, Proposal
from lms.people.models import Role, User
from lms.people.permissions import is_administrator
from lms.people.selectors import has_role


def _int_or_404(pk) -> int:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value < 2**63:
        raise Http404
    return value


def is_national(user: User) -> bool:
    return user.is_authenticated and has_role(user, Role.NATIONAL_TEAM)


def can_use_request_pages(user: User) -> bool:
    """The request list: regional teams (their regions), the national team (reading), administrators."""
    return user.is_authenticated and (is_administrator(user) or bool(team_region_ids(user)) or is_national(user))


def can_record_requests(user: User) -> bool:
    """Recording a request for a partner: a regional team or an administrator."""
    return user.is_authenticated and (is_administrator(user) or bool(team_region_ids(user)))


def recording_region_ids(user: User) -> set[int] | None:
    """The regions where `user` may record a request; None for every region (administrators)."""
    if is_administrator(user):
        return None
    return team_region_ids(user)


def visible_requests(user: User) -> QuerySet[InterventionRequest]:
    if not user.is_authenticated:
        return InterventionRequest.objects.none()
    if is_administrator(user) or is_national(user):
        return InterventionRequest.objects.all()
    return InterventionRequest.objects.filter(region_id__in=team_region_ids(user))


def can_manage_request(user: User, request: InterventionRequest) -> bool:
    return user.is_authenticated and (is_administrator(user) or request.region_id in team_region_ids(user))


def can_read_request(user: User, request: InterventionRequest) -> bool:
    return can_manage_request(user, request) or is_national(user)


def access_request(user: User, pk, *, manage: bool = False) -> InterventionRequest:
    """The request `pk` if `user` may read it (handle it, with `manage`); 404 otherwise."""
    request = (
        InterventionRequest.objects.select_related("region", "territory", "preparation_meeting", "debriefing_meeting")
        .filter(pk=_int_or_404(pk))
        .first()
    )
    if request is None:
        raise Http404
    allowed = can_manage_request(user, request) if manage else can_read_request(user, request)
    if not allowed:
        raise Http404
    return request


def access_own_proposal(user: User, pk) -> Proposal:
    """A proposal made to `user` (their space); 404 for anyone else's, even to staff."""
    if not user.is_authenticated:
        raise Http404
    proposal = (
        Proposal.objects.select_related(
            "request__region",
            "request__territory",
            "request__preparation_meeting",
            "request__debriefing_meeting",
            "plan",
        )
        .filter(pk=_int_or_404(pk), peer_id=user.pk)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def access_expense(user: User, request_pk, line_pk) -> ExpenseLine:
    """An expense line for readers of its request, or for the peer who submitted it; 404 otherwise."""
    line = (
        ExpenseLine.objects.select_related("request")
        .filter(pk=_int_or_404(line_pk), request_id=_int_or_404(request_pk))
        .first()
    )
    if line is None or not (
        can_read_request(user, line.request) or (user.is_authenticated and line.submitted_by_id == user.pk)
    ):
        raise Http404
    return line
