"""Who may see and do what in the calls for tenders:

- the national team edits the national specification; administrators too;
- a regional team prepares, publishes, checks, scores and awards its region's calls; the national
  team reads every call; administrators do everything;
- the staff of a training organisation (validated registration) bid for the lots of published calls
  and read only their own bids;
- bids stay sealed: nobody on the buyer's side reads one before the submission deadline (404).
Helpers fetch and authorise in one call and answer 404 alike for missing and not yours."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from lms.people.models import Role, TrainingOrganisation, User
from lms.people.permissions import is_administrator, regional_team_regions
from lms.people.selectors import has_role, organisations_of
from lms.tenders.models import Bid, Call, Lot, Question


def _int_or_404(pk) -> int:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value < 2**63:
        raise Http404
    return value


def can_edit_specification(user: User) -> bool:
    return user.is_authenticated and (is_administrator(user) or has_role(user, Role.NATIONAL_TEAM))


def can_use_team_pages(user: User) -> bool:
    """The buyer's pages: regional teams (their regions), the national team (reading), administrators."""
    return user.is_authenticated and (
        is_administrator(user) or has_role(user, Role.NATIONAL_TEAM) or bool(regional_team_regions(user))
    )


def can_create_calls(user: User) -> bool:
    return user.is_authenticated and (is_administrator(user) or bool(regional_team_regions(user)))


def call_region_ids(user: User) -> set[int] | None:
    """The regions where `user` may prepare a call; None for every region (administrators)."""
    return None if is_administrator(user) else regional_team_regions(user)


def visible_calls(user: User) -> QuerySet[Call]:
    if not can_use_team_pages(user):
        return Call.objects.none()
    if is_administrator(user) or has_role(user, Role.NATIONAL_TEAM):
        return Call.objects.all()
    return Call.objects.filter(region_id__in=regional_team_regions(user))


def can_manage_call(user: User, call: Call) -> bool:
    return user.is_authenticated and (is_administrator(user) or call.region_id in regional_team_regions(user))


def can_evaluate(user: User, call: Call) -> bool:
    """Evaluators are the members of the call's regional team (and administrators)."""
    return can_manage_call(user, call)


def is_sealed(call: Call) -> bool:
    """Bids are sealed until the submission deadline; the server's clock decides."""
    return timezone.now() < call.submission_deadline


def is_open_for_bids(call: Call) -> bool:
    return call.status == Call.Status.PUBLISHED and call.published_at is not None and is_sealed(call)


def bidder_organisations(user: User) -> QuerySet[TrainingOrganisation]:
    """The organisations `user` may bid for: those they are staff of."""
    if not user.is_authenticated or not has_role(user, Role.ORGANISATION_STAFF):
        return TrainingOrganisation.objects.none()
    return organisations_of(user)


def can_bid(user: User) -> bool:
    return bidder_organisations(user).exists()


def access_team_call(user: User, pk, *, manage: bool = False) -> Call:
    """The call `pk` for the buyer's side: read (visible_calls) or manage; 404 otherwise."""
    call = Call.objects.select_related("region", "specification").filter(pk=_int_or_404(pk)).first()
    if call is None or not visible_calls(user).filter(pk=call.pk).exists():
        raise Http404
    if manage and not can_manage_call(user, call):
        raise Http404
    return call


# A call is public once published, and stays so when awarded or abandoned (never as a draft).
PUBLIC_STATUSES = (Call.Status.PUBLISHED, Call.Status.AWARDED, Call.Status.ABANDONED)


def can_abandon_call(user: User, call: Call, lots: list[Lot]) -> bool:
    """The team may declare a published call abandoned while none of its `lots` (already read) is
    awarded."""
    return (
        can_manage_call(user, call)
        and call.status == Call.Status.PUBLISHED
        and not any(lot.awarded_bid_id for lot in lots)
    )


def access_public_call(pk) -> Call:
    call = (
        Call.objects.select_related("region", "specification")
        .filter(pk=_int_or_404(pk), status__in=PUBLIC_STATUSES)
        .first()
    )
    if call is None:
        raise Http404
    return call


def access_lot_for_bid(user: User, call_pk, lot_pk) -> Lot:
    """A lot of a published call that `user` (organisation staff) may bid for; 404 otherwise."""
    if not can_bid(user):
        raise Http404
    lot = (
        Lot.objects.select_related("call", "course", "territory")
        .filter(pk=_int_or_404(lot_pk), call_id=_int_or_404(call_pk), call__status=Call.Status.PUBLISHED)
        .first()
    )
    if lot is None:
        raise Http404
    return lot


def access_own_bid(user: User, pk) -> Bid:
    bid = (
        Bid.objects.select_related("lot__call", "lot__course", "lot__territory", "organisation")
        .filter(pk=_int_or_404(pk), organisation__in=bidder_organisations(user))
        .first()
    )
    if bid is None:
        raise Http404
    return bid


def access_buyer_bid(user: User, pk, *, evaluate: bool = False) -> Bid:
    """A bid for the buyer's side, only once the submission deadline is past (sealed before: 404)."""
    bid = (
        Bid.objects.select_related("lot__call__region", "lot__course", "lot__territory", "organisation")
        .filter(pk=_int_or_404(pk), status=Bid.Status.SUBMITTED)
        .first()
    )
    if bid is None or is_sealed(bid.lot.call) or not visible_calls(user).filter(pk=bid.lot.call_id).exists():
        raise Http404
    if evaluate and not can_evaluate(user, bid.lot.call):
        raise Http404
    return bid


def can_read_letter(user: User, bid: Bid) -> bool:
    """An award or rejection letter: the buyer's side, and the bidder's own staff once awarded."""
    if bid.lot.awarded_bid_id is None:
        return False
    if visible_calls(user).filter(pk=bid.lot.call_id).exists():
        return True
    return bidder_organisations(user).filter(pk=bid.organisation_id).exists()


def can_validate_registrations(user: User) -> bool:
    return can_create_calls(user)


def access_letter_bid(user: User, pk) -> Bid:
    """The bid whose award or rejection letter `user` asks for: its lot awarded, and `user` on the
    buyer's side or staff of the bidding organisation; 404 otherwise."""
    bid = (
        Bid.objects.select_related("lot__call__region", "lot__course", "lot__territory", "organisation")
        .filter(pk=_int_or_404(pk), status=Bid.Status.SUBMITTED, lot__awarded_bid__isnull=False)
        .first()
    )
    if bid is None or not can_read_letter(user, bid):
        raise Http404
    return bid


def access_abandonment_letter_bid(user: User, pk) -> Bid:
    """A bid deposited on a call declared abandoned, for its abandonment letter: the bidder's own staff
    or the buyer's side; 404 otherwise."""
    bid = (
        Bid.objects.select_related("lot__call__region", "lot__course", "lot__territory", "organisation")
        .filter(pk=_int_or_404(pk), status=Bid.Status.SUBMITTED, lot__call__status=Call.Status.ABANDONED)
        .first()
    )
    if bid is None:
        raise Http404
    if not (
        visible_calls(user).filter(pk=bid.lot.call_id).exists()
        or bidder_organisations(user).filter(pk=bid.organisation_id).exists()
    ):
        raise Http404
    return bid


def can_ask_questions(user: User, call: Call) -> bool:
    return can_bid(user) and call.status == Call.Status.PUBLISHED and timezone.now() < call.questions_deadline


def access_question(user: User, pk) -> Question:
    """A question of a call `user` manages (to answer it); 404 otherwise."""
    question = Question.objects.select_related("call").filter(pk=_int_or_404(pk)).first()
    if question is None or not can_manage_call(user, question.call):
        raise Http404
    return question
