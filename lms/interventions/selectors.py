"""Reads of the intervention requests: the team's list, a request's timeline and totals, the peer's
proposals, and the matching of a request with the region's peer interveners, each criterion with a
visible reason. Query counts do not grow with the rows."""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from lms.followup.models import FollowUpPlan, InterventionFormat, PlanKind
from lms.interventions.models import ExpenseLine, InterventionRequest, Proposal, Stage, VenueFeature
from lms.people.models import User

# A request whose peer is committed and not yet closed counts in that peer's current load.
ACTIVE_STAGES = (Stage.ACCEPTED, Stage.PREPARATION, Stage.DONE, Stage.DEBRIEFED)
OPEN_STAGES = tuple(value for value in Stage.values if value not in (Stage.CLOSED, Stage.CANCELLED))

STOP_WORDS = {
    "avec", "dans", "pour", "leur", "leurs", "nous", "vous", "elle", "elles", "sont", "être", "etre", "fait",
    "faire", "plus", "mais", "comme", "cette", "entre", "tous", "toutes", "tout", "chez", "autour", "notre",
    "votre", "aux", "des", "les", "une", "sur", "par", "qui", "que", "quoi", "ainsi", "aussi", "personnes",
}  # fmt: skip
DAY_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin", "apres", "soir"}

# Words in a peer's needs that ask for a venue feature.
NEED_WORDS = {
    VenueFeature.STEP_FREE: ("fauteuil", "pmr", "plain", "ascenseur", "marche", "mobilite"),
    VenueFeature.BREAK_ROOM: ("pause", "calme", "repos"),
    VenueFeature.HEARING_LOOP: ("boucle", "appareil", "malentend"),
    VenueFeature.SIGN_LANGUAGE: ("lsf", "signes", "interprete"),
    VenueFeature.PUBLIC_TRANSPORT: ("transport", "bus", "tram", "metro", "train"),
}


def _plain(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _originals(text: str) -> dict[str, str]:
    """The meaningful words of a text (4 letters or more, no stop word), plain form → as written."""
    found = {}
    for word in re.findall(r"[^\W\d_]{4,}", text or ""):
        plain = _plain(word)
        if len(plain) >= 4 and plain not in STOP_WORDS:
            found.setdefault(plain, word.lower())
    return found


def words(text: str) -> set[str]:
    """The meaningful words of a text, lower case and without accents (4 letters or more)."""
    return set(_originals(text))


def _stem(word: str) -> str:
    return word.rstrip("sx")[:6]


def common_words(first: str, second: str) -> list[str]:
    """Words of `first` that `second` shares, as `first` writes them (compared without accents on
    their first six letters, so that plurals meet)."""
    second_stems = {_stem(word) for word in words(second)}
    return sorted({original for plain, original in _originals(first).items() if _stem(plain) in second_stems})


# --- matching ------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A peer intervener for a request, with one reason per criterion and the total score."""

    plan: FollowUpPlan
    reasons: list[dict]
    score: int
    load: int
    proposal: Proposal | None = None
    labels: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def peer(self) -> User:
        return self.plan.trainee


def candidate_plans(region_id: int) -> QuerySet[FollowUpPlan]:
    """The validated intervention projects of the region's peer interveners, with their current load."""
    active = Q(trainee__intervention_proposals__status=Proposal.Status.ACCEPTED) & Q(
        trainee__intervention_proposals__request__stage__in=ACTIVE_STAGES
    )
    return (
        FollowUpPlan.objects.filter(
            kind=PlanKind.INTERVENTION_PROJECT,
            status=FollowUpPlan.Status.VALIDATED,
            group__territory__region_id=region_id,
            trainee__is_active=True,
        )
        .select_related("trainee", "group__territory")
        .annotate(load=Count("trainee__intervention_proposals", filter=active, distinct=True))
        .order_by("trainee__last_name", "trainee__first_name", "pk")
    )


def needed_features(needs: str) -> list[str]:
    """The venue features a peer's needs text asks for (short words count here: "LSF", "bus")."""
    found = set(re.findall(r"[a-z]{3,}", _plain(needs or "")))
    return [
        feature
        for feature, hints in NEED_WORDS.items()
        if any(word.startswith(hint) for word in found for hint in hints)
    ]


def reasons_for(request: InterventionRequest, plan: FollowUpPlan, load: int) -> list[dict]:
    """One reason per criterion, as data (labels are translated when shown): criterion, ok (True,
    False or None when nothing can be said), and the words or values behind it."""
    reasons = []
    themes = common_words(request.what, plan.themes)
    reasons.append({"criterion": "themes", "ok": bool(themes), "words": themes})
    audience = common_words(request.audience, plan.audiences)
    reasons.append({"criterion": "audience", "ok": bool(audience), "words": audience})
    if request.format:
        reasons.append({"criterion": "format", "ok": request.format in plan.formats, "value": request.format})
    else:
        reasons.append({"criterion": "format", "ok": None, "value": ""})
    territory = request.territory
    area_words = common_words(" ".join(filter(None, [request.place, territory.name if territory else ""])), plan.area)
    same_department = bool(territory and plan.group.territory_id == territory.pk)
    reasons.append(
        {
            "criterion": "area",
            "ok": bool(area_words) or same_department,
            "words": area_words,
            "same_department": same_department,
            "area": plan.area,
        }
    )
    day_stems = {_stem(day) for day in DAY_WORDS}
    wished = {_stem(word) for word in words(request.dates_wished)} & day_stems
    days = sorted(original for plain, original in _originals(plan.availability).items() if _stem(plain) in wished)
    reasons.append(
        {
            "criterion": "availability",
            "ok": bool(days) if plan.availability.strip() else None,
            "words": days,
            "availability": plan.availability[:200],
        }
    )
    needed = needed_features(plan.intervention_needs)
    missing = [feature for feature in needed if feature not in request.venue_features]
    reasons.append(
        {
            "criterion": "accessibility",
            "ok": (not missing) if needed else None,
            "needed": needed,
            "missing": missing,
        }
    )
    reasons.append({"criterion": "load", "ok": load == 0, "count": load})
    return reasons


WEIGHTS = {"themes": 3, "audience": 2, "format": 2, "area": 2, "availability": 1, "accessibility": 1}


def score_of(reasons: list[dict]) -> int:
    score = 0
    for reason in reasons:
        if reason["criterion"] == "load":
            score -= reason["count"]
        elif reason["criterion"] == "accessibility" and reason["ok"] is False:
            score -= 2
        elif reason["ok"]:
            score += WEIGHTS[reason["criterion"]]
    return score


def reason_label(reason: dict) -> tuple[str, str, str]:
    """(criterion, verdict, explanation) of a stored reason, in the reader's language."""
    criterion = reason["criterion"]
    ok = reason.get("ok")
    verdict = _("oui") if ok else (_("à vérifier") if ok is None else _("non"))
    features = dict(VenueFeature.choices)
    formats = dict(InterventionFormat.choices)
    if criterion == "themes":
        name = _("Thèmes")
        text = (
            _("mots en commun : %(words)s") % {"words": ", ".join(reason["words"])}
            if reason["words"]
            else _("aucun mot en commun avec ses thèmes")
        )
    elif criterion == "audience":
        name = _("Public")
        text = (
            _("mots en commun : %(words)s") % {"words": ", ".join(reason["words"])}
            if reason["words"]
            else _("aucun mot en commun avec ses publics")
        )
    elif criterion == "format":
        name = _("Format")
        if not reason["value"]:
            text = _("la demande ne précise pas de format")
        elif ok:
            text = _("%(format)s fait partie de ses formats") % {"format": formats.get(reason["value"], "")}
        else:
            text = _("%(format)s ne fait pas partie de ses formats") % {"format": formats.get(reason["value"], "")}
    elif criterion == "area":
        name = _("Secteur")
        if reason.get("same_department"):
            text = _("formé ou formée dans le même département")
        elif reason["words"]:
            text = _("son secteur (%(area)s) couvre le lieu") % {"area": reason["area"]}
        else:
            text = _("son secteur : %(area)s") % {"area": reason["area"] or "—"}
    elif criterion == "availability":
        name = _("Disponibilités")
        if ok is None:
            text = _("non renseignées")
        elif reason["words"]:
            text = _("%(availability)s (en commun : %(words)s)") % {
                "availability": reason["availability"],
                "words": ", ".join(reason["words"]),
            }
        else:
            text = reason["availability"]
    elif criterion == "accessibility":
        name = _("Accessibilité")
        if not reason["needed"]:
            text = _("aucun besoin particulier indiqué")
        elif reason["missing"]:
            text = _("le lieu n'indique pas : %(missing)s") % {
                "missing": ", ".join(str(features.get(value, value)) for value in reason["missing"])
            }
        else:
            text = _("le lieu répond à ses besoins")
    else:
        name = _("Charge actuelle")
        text = _("%(count)s intervention(s) acceptée(s) en cours") % {"count": reason["count"]}
    return name, verdict, text


def candidates_for(request: InterventionRequest) -> list[Candidate]:
    """The region's peer interveners for a request, best first, each with its reasons (two queries)."""
    plans = list(candidate_plans(request.region_id))
    proposals = {proposal.peer_id: proposal for proposal in request.proposals.all()}
    candidates = []
    for plan in plans:
        reasons = reasons_for(request, plan, plan.load)
        candidate = Candidate(
            plan=plan, reasons=reasons, score=score_of(reasons), load=plan.load, proposal=proposals.get(plan.trainee_id)
        )
        candidate.labels = [reason_label(reason) for reason in reasons]
        candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, c.plan.trainee.last_name, c.plan.pk))
    return candidates


# --- lists and pages -------------------------------------------------------------------------------


def team_requests(requests: QuerySet[InterventionRequest], *, stage: str = "") -> QuerySet[InterventionRequest]:
    """The team's list, newest first, with the number of proposals and accepted peers (one query a page)."""
    if stage:
        requests = requests.filter(stage=stage)
    return (
        requests.select_related("region", "territory")
        .annotate(
            proposal_count=Count("proposals", distinct=True),
            accepted_count=Count("proposals", filter=Q(proposals__status=Proposal.Status.ACCEPTED), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def timeline(request: InterventionRequest) -> list:
    return list(request.stage_changes.select_related("by").order_by("at", "pk"))


def proposals_of(request: InterventionRequest) -> list[Proposal]:
    proposals = list(request.proposals.select_related("peer", "plan").order_by("-score", "pk"))
    for proposal in proposals:
        proposal.labels = [reason_label(reason) for reason in proposal.reasons]
    return proposals


def accepted_proposal(request: InterventionRequest) -> Proposal | None:
    return (
        request.proposals.filter(status=Proposal.Status.ACCEPTED)
        .select_related("peer", "plan__group__territory")
        .first()
    )


def expense_lines(request: InterventionRequest) -> list[ExpenseLine]:
    return list(request.expenses.select_related("submitted_by", "decided_by").order_by("spent_on", "pk"))


@dataclass
class Totals:
    submitted: Decimal
    approved: Decimal
    refused: Decimal
    by_payer: list[tuple[str, Decimal]]
    budget: Decimal | None

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.approved > self.budget


def totals_of(request: InterventionRequest, lines: list[ExpenseLine] | None = None) -> Totals:
    """The request's expense totals: all lines, approved, refused, and the approved ones by payer."""
    lines = expense_lines(request) if lines is None else lines
    zero = Decimal("0.00")
    by_status = {status: zero for status in ExpenseLine.Status.values}
    payers = {payer: zero for payer in ExpenseLine.Payer.values}
    for line in lines:
        by_status[line.status] += line.amount
        if line.status == ExpenseLine.Status.APPROVED:
            payers[line.payer] += line.amount
    labels = dict(ExpenseLine.Payer.choices)
    return Totals(
        submitted=sum(by_status.values(), zero),
        approved=by_status[ExpenseLine.Status.APPROVED],
        refused=by_status[ExpenseLine.Status.REFUSED],
        by_payer=[(str(labels[payer]), amount) for payer, amount in payers.items() if amount],
        budget=request.expenses_budget,
    )


def proposals_of_peer(user: User) -> list[Proposal]:
    """A peer's proposals, those waiting for an answer first (one query)."""
    return list(
        Proposal.objects.filter(peer=user)
        .exclude(status=Proposal.Status.WITHDRAWN)
        .select_related("request__region", "request__territory")
        .order_by("status", "-proposed_at", "-pk")
    )


def interventions_done_count(user: User) -> int:
    """Interventions the person accepted and that were held (done, debriefed or closed)."""
    return Proposal.objects.filter(
        peer=user,
        status=Proposal.Status.ACCEPTED,
        request__stage__in=[Stage.DONE, Stage.DEBRIEFED, Stage.CLOSED],
    ).count()


def total_amount(lines) -> Decimal:
    return lines.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
