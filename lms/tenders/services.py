"""Writes of the calls for tenders: the national specification's versions, calls and their lots and
criteria, organisations' registrations, sealed bids with their receipts, the kit check, scores, their
consolidation by the regional team and the award that creates the training groups. Refusals are
ValidationErrors in French."""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_q.tasks import async_task

from lms.cohorts.models import TrainingGroup
from lms.cohorts.services import save_group
from lms.people import services as people_services
from lms.people.audit import record_access
from lms.people.models import Region, Role, TrainingOrganisation, User
from lms.tenders import compliance
from lms.tenders.kit import DEFAULT_CRITERIA
from lms.tenders.models import (
    Bid,
    Call,
    CheckMethod,
    ComplianceResult,
    ConsolidatedScore,
    Criterion,
    Declaration,
    Level,
    Lot,
    PriceLine,
    Procedure,
    Question,
    Registration,
    Requirement,
    Score,
    Specification,
)
from lms.tenders.permissions import (
    bidder_organisations,
    call_region_ids,
    can_edit_specification,
    can_evaluate,
    can_manage_call,
    can_validate_registrations,
    is_sealed,
)

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise ValidationError(_("Vous n'avez pas le droit de faire cette action."))


# --- the national specification -----------------------------------------------------------------


def latest_specification() -> Specification | None:
    return Specification.objects.filter(published_at__isnull=False).order_by("-version").first()


def draft_specification() -> Specification | None:
    return Specification.objects.filter(published_at__isnull=True).order_by("-version").first()


def _check_code(code: str) -> None:
    if not CODE_PATTERN.match(code):
        raise ValidationError(
            {"code": _("Le code s'écrit en majuscules, chiffres et tirets (2 à 20 caractères), ex. « RATTRAPAGE ».")}
        )


@transaction.atomic
def save_requirement(
    *, actor: User, code: str, wording: str, level: str, check_method: str, rule: str = ""
) -> Requirement:
    """Adds a requirement to the draft version, or rewords the one with that code. The first change
    after a publication opens a new draft version holding the published requirements."""
    _refuse_unless(can_edit_specification(actor))
    code = code.strip().upper()
    _check_code(code)
    if not wording.strip():
        raise ValidationError({"wording": _("Écrivez le libellé de l'exigence.")})
    if check_method == CheckMethod.AUTOMATIC and not rule:
        raise ValidationError({"rule": _("Un contrôle automatique s'appuie sur une règle du kit : choisissez-la.")})
    draft = draft_specification()
    if draft is None:
        published = latest_specification()
        draft = Specification.objects.create(version=(published.version + 1) if published else 1)
        if published:
            for requirement in published.requirements.all():
                requirement.pk = None
                requirement.specification = draft
                requirement.save()
    order = (draft.requirements.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    requirement, _created = Requirement.objects.update_or_create(
        specification=draft, code=code,
        defaults={"wording": wording.strip(), "level": level, "check_method": check_method,
                  "rule": rule if check_method == CheckMethod.AUTOMATIC else ""},
        create_defaults={"wording": wording.strip(), "level": level, "check_method": check_method,
                         "rule": rule if check_method == CheckMethod.AUTOMATIC else "", "order": order},
    )  # fmt: skip
    return requirement


@transaction.atomic
def publish_specification(*, actor: User) -> Specification:
    """Publishes the draft version: calls created from now on take it; earlier calls keep theirs."""
    _refuse_unless(can_edit_specification(actor))
    draft = draft_specification()
    if draft is None:
        raise ValidationError(_("Aucune modification à publier : le cahier des charges est à jour."))
    draft.published_at = timezone.now()
    draft.published_by = actor
    draft.save(update_fields=["published_at", "published_by"])
    return draft


# --- calls ---------------------------------------------------------------------------------------


@dataclass
class LotInput:
    course: object
    territory: object


@transaction.atomic
def create_call(
    *,
    actor: User,
    region: Region,
    title: str,
    procedure: str,
    publication_date: datetime.date,
    questions_deadline: datetime.datetime,
    submission_deadline: datetime.datetime,
    award_date: datetime.date,
    start_date: datetime.date,
    lots: list[LotInput],
    weights: list[int],
    added_requirements: list[tuple[str, str]] = (),
) -> Call:
    """A call in preparation from the latest published specification; `weights` follow DEFAULT_CRITERIA
    (price first) and sum to 100; `added_requirements` (code, wording) add to the national ones."""
    regions = call_region_ids(actor)
    _refuse_unless(regions is None or region.pk in regions)
    specification = latest_specification()
    errors = {}
    if specification is None:
        errors["__all__"] = _("Le cahier des charges national n'est pas encore publié.")
    if not title.strip():
        errors["title"] = _("Donnez un intitulé à l'appel d'offres.")
    if procedure not in Procedure.values:
        errors["procedure"] = _("Choisissez le type de procédure.")
    if not publication_date <= questions_deadline.date():
        errors["questions_deadline"] = _("La date limite des questions vient après la publication.")
    if not questions_deadline < submission_deadline:
        errors["submission_deadline"] = _("La remise des offres vient après la date limite des questions.")
    if not submission_deadline.date() <= award_date:
        errors["award_date"] = _("L'attribution vient après la remise des offres.")
    if not award_date <= start_date:
        errors["start_date"] = _("Les formations commencent après l'attribution.")
    if not lots:
        errors["lots"] = _("Un appel d'offres compte au moins un lot (une formation dans un territoire).")
    pairs = [(lot.course.pk, lot.territory.pk) for lot in lots]
    if len(set(pairs)) != len(pairs):
        errors["lots"] = _("Deux lots portent sur la même formation dans le même territoire.")
    if any(lot.territory.region_id != region.pk for lot in lots):
        errors["lots"] = _("Chaque lot est dans un territoire de la région de l'appel.")
    if len(weights) != len(DEFAULT_CRITERIA) or any(weight is None or weight < 0 for weight in weights):
        errors["weights"] = _("Donnez une pondération à chaque critère.")
    elif sum(weights) != 100:
        errors["weights"] = _("Les pondérations des critères font %(total)s points : elles doivent faire 100.") % {
            "total": sum(weights)
        }
    elif weights[0] == 0 or sum(weights[1:]) == 0:
        errors["weights"] = _("Le prix et la qualité comptent chacun pour au moins un point.")
    national_codes = set(specification.requirements.values_list("code", flat=True)) if specification else set()
    added = [(code.strip().upper(), wording.strip()) for code, wording in added_requirements if code or wording]
    for code, wording in added:
        if not CODE_PATTERN.match(code) or not wording:
            errors["added_requirements"] = _(
                "Chaque exigence ajoutée a un code (majuscules, chiffres, tirets) et un libellé."
            )
        elif code in national_codes:
            errors["added_requirements"] = _(
                "Le code « %(code)s » est déjà une exigence nationale : une région ajoute des exigences, "
                "elle n'en remplace aucune."
            ) % {"code": code}
    if errors:
        raise ValidationError(errors)
    call = Call.objects.create(
        region=region, title=title.strip(), procedure=procedure, specification=specification,
        publication_date=publication_date, questions_deadline=questions_deadline,
        submission_deadline=submission_deadline, award_date=award_date, start_date=start_date, created_by=actor,
    )  # fmt: skip
    for number, lot in enumerate(lots, start=1):
        Lot.objects.create(call=call, number=number, course=lot.course, territory=lot.territory)
    for order, ((label, _default), weight) in enumerate(zip(DEFAULT_CRITERIA, weights, strict=True)):
        kind = Criterion.Kind.PRICE if order == 0 else Criterion.Kind.QUALITY
        if weight:
            Criterion.objects.create(call=call, kind=kind, label=str(label), weight=weight, order=order)
    for order, (code, wording) in enumerate(added, start=100):
        Requirement.objects.create(
            call=call, code=code, wording=wording, level=Level.MUST, check_method=CheckMethod.EVALUATORS, order=order
        )
    return call


@transaction.atomic
def publish_call(*, actor: User, call: Call) -> Call:
    _refuse_unless(can_manage_call(actor, call))
    if call.status != Call.Status.DRAFT:
        raise ValidationError(_("Cet appel d'offres est déjà publié."))
    if call.submission_deadline <= timezone.now():
        raise ValidationError(_("La date limite de remise des offres est passée : changez-la avant de publier."))
    call.status = Call.Status.PUBLISHED
    call.published_at = timezone.now()
    call.save(update_fields=["status", "published_at"])
    return call


def requirements_of(call: Call) -> list[Requirement]:
    """The national requirements of the call's version, then those its region added."""
    return list(call.specification.requirements.all()) + list(call.added.all())


# --- organisations -------------------------------------------------------------------------------


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return total % 10 == 0


@transaction.atomic
def register_organisation(
    *, actor: User | None, name: str, siret: str, nda: str, region: Region, contact_name: str, contact_email: str
) -> Registration:
    """An organisation asks to answer calls (public form, or its staff signed in)."""
    siret = re.sub(r"\s", "", siret or "")
    nda = re.sub(r"\s", "", nda or "")
    errors = {}
    if not name.strip():
        errors["name"] = _("Indiquez la raison sociale de l'organisme.")
    if not re.fullmatch(r"\d{14}", siret):
        errors["siret"] = _("Le SIRET compte 14 chiffres.")
    elif not luhn_valid(siret):
        errors["siret"] = _("Ce SIRET n'est pas valide : vérifiez les chiffres (clé de contrôle).")
    if not re.fullmatch(r"\d{11}", nda):
        errors["nda"] = _("Le numéro de déclaration d'activité compte 11 chiffres.")
    if not errors and Registration.objects.filter(siret=siret, status=Registration.Status.PENDING).exists():
        errors["siret"] = _("Une inscription de cet organisme attend déjà la validation de l'équipe régionale.")
    if errors:
        raise ValidationError(errors)
    registration = Registration.objects.create(
        name=name.strip(), siret=siret, nda=nda, region=region, contact_name=contact_name.strip(),
        contact_email=people_services.normalise_email(contact_email),
        submitted_by=actor if actor is not None and actor.is_authenticated else None, submitted_at=timezone.now(),
    )  # fmt: skip
    return registration


@transaction.atomic
def decide_registration(*, actor: User, registration: Registration, accept: bool) -> Registration:
    """Validating links the organisation (created when new) and gives its contact the organisation
    staff role (a new account is invited by e-mail)."""
    _refuse_unless(can_validate_registrations(actor))
    regions = call_region_ids(actor)
    _refuse_unless(regions is None or registration.region_id in regions)
    if registration.status != Registration.Status.PENDING:
        raise ValidationError(_("Cette inscription a déjà été traitée."))
    if accept:
        organisation = people_services.link_training_organisation(
            name=registration.name, siret=registration.siret, activity_declaration_number=registration.nda,
            region=registration.region, contact_email=registration.contact_email, actor=actor,
        )  # fmt: skip
        contact = User.objects.filter(email__iexact=registration.contact_email).first()
        if contact is None:
            first, _space, last = registration.contact_name.partition(" ")
            contact = people_services.create_account(
                email=registration.contact_email, first_name=first, last_name=last or first, actor=actor
            )
        people_services.assign_role(contact, Role.ORGANISATION_STAFF, organisation=organisation)
        registration.organisation = organisation
        record_access(actor, "write", registration, "inscription validée", subject=contact)
    registration.status = Registration.Status.VALIDATED if accept else Registration.Status.REFUSED
    registration.decided_by = actor
    registration.decided_at = timezone.now()
    registration.save()
    return registration


# --- bids ----------------------------------------------------------------------------------------

TEAM_ROLES = ("trainer", "peer_trainer")


def bid_content(bid: Bid) -> dict:
    """What the organisation submitted, as the receipt's hash covers it."""
    return {
        "call": bid.lot.call_id,
        "lot": bid.lot.number,
        "organisation": bid.organisation.siret or bid.organisation.name,
        "submitted_at": bid.submitted_at.isoformat(),
        "technical_proposal": bid.technical_proposal,
        "price": str(bid.price),
        # Bids deposited before the price schedule existed hash without it, so their receipts still match.
        **({"price_breakdown": bid.price_breakdown} if bid.price_breakdown else {}),
        "group_size": bid.group_size,
        "team": bid.team,
        "accessibility_means": bid.accessibility_means,
        "schedule": bid.schedule,
    }


def digest_of(bid: Bid) -> str:
    canonical = json.dumps(bid_content(bid), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _euros(amount: Decimal) -> str:
    return number_format(amount, decimal_pos=2, force_grouping=True)


ABANDONED_MESSAGE = gettext_lazy("Cet appel d'offres a été déclaré sans suite : plus rien ne peut y être déposé.")


def _check_not_abandoned(call: Call) -> None:
    if call.status == Call.Status.ABANDONED:
        raise ValidationError(ABANDONED_MESSAGE)


def _check_open(call: Call) -> None:
    _check_not_abandoned(call)
    if call.status != Call.Status.PUBLISHED or not is_sealed(call):
        raise ValidationError(
            _("La date limite de remise des offres est passée (%(deadline)s) : aucune offre ne peut plus être "
              "déposée, remplacée ou retirée.")
            % {"deadline": timezone.localtime(call.submission_deadline).strftime("%d/%m/%Y %H:%M")}
        )  # fmt: skip


@transaction.atomic
def submit_bid(
    *,
    actor: User,
    lot: Lot,
    organisation: TrainingOrganisation,
    technical_proposal: str,
    price: Decimal,
    price_breakdown: dict[str, Decimal],
    group_size: int,
    team: list[dict],
    accessibility_means: list[str],
    schedule: list[dict],
) -> Bid:
    """Deposits the organisation's bid for a lot, replacing its previous one; returns it with its receipt
    (timestamp and SHA-256 of what was submitted). `price_breakdown` gives an amount for lines of the
    price schedule (PriceLine), summing to the total price."""
    _refuse_unless(bidder_organisations(actor).filter(pk=organisation.pk).exists())
    Call.objects.select_for_update().filter(pk=lot.call_id).first()
    _check_open(lot.call)
    errors = {}
    if not technical_proposal.strip():
        errors["technical_proposal"] = _("Décrivez votre proposition technique.")
    if price is None or price <= 0:
        errors["price"] = _("Indiquez un prix positif.")
    breakdown = {code: amount for code, amount in price_breakdown.items() if amount is not None}
    if set(breakdown) - set(PriceLine.values) or any(amount < 0 for amount in breakdown.values()):
        errors["price_breakdown"] = _("Indiquez pour chaque ligne du bordereau un montant positif ou nul.")
    elif not any(breakdown.values()):
        errors["price_breakdown"] = _("Détaillez le prix total selon les lignes du bordereau de prix.")
    elif "price" not in errors and sum(breakdown.values()) != price:
        errors["price_breakdown"] = _(
            "Le détail du prix fait %(sum)s € HT, le prix total %(price)s € HT : les deux doivent être égaux."
        ) % {"sum": _euros(sum(breakdown.values())), "price": _euros(price)}
    if not group_size or group_size < 1:
        errors["group_size"] = _("Indiquez le nombre de stagiaires par groupe.")
    team = [{"name": m["name"].strip(), "role": m["role"]} for m in team if m.get("name", "").strip()]
    if not team:
        errors["team"] = _("Proposez au moins une personne pour animer la formation.")
    elif any(member["role"] not in TEAM_ROLES for member in team):
        errors["team"] = _("Indiquez le rôle de chaque personne proposée.")
    if not schedule:
        errors["schedule"] = _("Proposez au moins une séance dans le calendrier prévisionnel.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    previous = Bid.objects.filter(lot=lot, organisation=organisation, status=Bid.Status.SUBMITTED)
    previous.update(status=Bid.Status.REPLACED)
    bid = Bid(
        lot=lot, organisation=organisation, submitted_by=actor, submitted_at=now,
        technical_proposal=technical_proposal.strip(), price=price, group_size=group_size, team=team,
        price_breakdown={code: str(amount) for code, amount in breakdown.items() if amount},
        accessibility_means=list(accessibility_means),
        schedule=sorted(
            ({"date": s["date"].isoformat(), "start": s["start"].strftime("%H:%M"), "end": s["end"].strftime("%H:%M")}
             for s in schedule),
            key=lambda item: (item["date"], item["start"]),
        ),
    )  # fmt: skip
    bid.digest = digest_of(bid)
    bid.save()
    return bid


@transaction.atomic
def withdraw_bid(*, actor: User, bid: Bid) -> Bid:
    _refuse_unless(bidder_organisations(actor).filter(pk=bid.organisation_id).exists())
    _check_open(bid.lot.call)
    if bid.status != Bid.Status.SUBMITTED:
        raise ValidationError(_("Cette offre n'est plus déposée."))
    bid.status = Bid.Status.WITHDRAWN
    bid.save(update_fields=["status"])
    return bid


# --- compliance, scores, award -------------------------------------------------------------------


def _check_unsealed(call: Call) -> None:
    if is_sealed(call):
        raise ValidationError(_("Les offres restent scellées jusqu'à la date limite de remise."))


@transaction.atomic
def run_compliance(*, actor: User, call: Call) -> list[Bid]:
    """Runs the kit check on every deposited bid; a failed must-requirement sets the bid aside."""
    _refuse_unless(can_manage_call(actor, call))
    _check_unsealed(call)
    _check_not_abandoned(call)
    if call.status != Call.Status.PUBLISHED:
        raise ValidationError(_("Cet appel d'offres est déjà attribué."))
    requirements = requirements_of(call)
    bids = list(
        Bid.objects.filter(lot__call=call, status=Bid.Status.SUBMITTED).select_related(
            "lot__course", "lot__territory", "organisation"
        )
    )
    for bid in bids:
        bid.compliance_results.all().delete()
        # Evidence is a stored record, written in French whoever runs the check (shown lang="fr").
        with translation.override("fr"):
            results = compliance.check_bid(bid, requirements)
        ComplianceResult.objects.bulk_create(
            ComplianceResult(bid=bid, requirement=requirement, outcome=outcome, evidence=evidence)
            for requirement, outcome, evidence in results
        )
        failed = any(
            requirement.level == Level.MUST and outcome == ComplianceResult.Outcome.FAIL
            for requirement, outcome, _evidence in results
        )
        bid.compliance = Bid.Compliance.SET_ASIDE if failed else Bid.Compliance.COMPLIANT
        bid.save(update_fields=["compliance"])
    call.compliance_checked_at = timezone.now()
    call.save(update_fields=["compliance_checked_at"])
    return bids


@transaction.atomic
def declare_no_conflict(*, actor: User, call: Call) -> Declaration:
    _refuse_unless(can_evaluate(actor, call))
    declaration, _created = Declaration.objects.get_or_create(
        call=call, evaluator=actor, defaults={"declared_at": timezone.now()}
    )
    return declaration


@transaction.atomic
def score_bid(*, actor: User, bid: Bid, marks: dict[int, tuple[Decimal | None, str]]) -> list[Score]:
    """The evaluator's mark (0 to 10) and justification on each quality criterion of a compliant bid."""
    call = bid.lot.call
    _refuse_unless(can_evaluate(actor, call))
    _check_unsealed(call)
    if not Declaration.objects.filter(call=call, evaluator=actor).exists():
        raise ValidationError(_("Déclarez d'abord l'absence de conflit d'intérêts pour cet appel d'offres."))
    if bid.compliance != Bid.Compliance.COMPLIANT:
        raise ValidationError(_("Seule une offre conforme au cahier des charges est notée."))
    _check_not_abandoned(call)
    if call.status != Call.Status.PUBLISHED:
        raise ValidationError(_("Cet appel d'offres est déjà attribué."))
    if bid.consolidations.exists():
        raise ValidationError(
            _("L'équipe régionale a déjà consolidé les notes de cette offre : les notes des évaluateurs ne "
              "changent plus.")
        )  # fmt: skip
    errors = {}
    criteria = list(call.criteria.filter(kind=Criterion.Kind.QUALITY))
    for criterion in criteria:
        mark, justification = marks.get(criterion.pk, (None, ""))
        if mark is None or not Decimal(0) <= mark <= Decimal(10):
            errors[f"mark_{criterion.pk}"] = _("Donnez une note de 0 à 10.")
        if not (justification or "").strip():
            errors[f"justification_{criterion.pk}"] = _("Justifiez la note : c'est obligatoire.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    scores = []
    for criterion in criteria:
        mark, justification = marks[criterion.pk]
        score, _created = Score.objects.update_or_create(
            bid=bid, criterion=criterion, evaluator=actor,
            defaults={"mark": mark, "justification": justification.strip(), "scored_at": now},
        )  # fmt: skip
        scores.append(score)
    return scores


@transaction.atomic
def consolidate_bid(*, actor: User, bid: Bid, marks: dict[int, tuple[Decimal | None, str]]) -> list[ConsolidatedScore]:
    """The regional team's consolidated mark (0 to 10) on each quality criterion of a compliant bid the
    evaluators have scored. A justification is always required, even when the mark is the evaluators'
    mean: the letters and the analysis report give it as the reason of the bid's score, and a mean
    says nothing of why the evaluators differed."""
    call = bid.lot.call
    _refuse_unless(can_manage_call(actor, call))
    _check_unsealed(call)
    if call.status != Call.Status.PUBLISHED or bid.lot.awarded_bid_id:
        raise ValidationError(_("Ce lot est déjà attribué : ses notes ne changent plus."))
    if bid.compliance != Bid.Compliance.COMPLIANT:
        raise ValidationError(_("Seule une offre conforme au cahier des charges est notée."))
    if not Declaration.objects.filter(call=call, evaluator=actor).exists():
        raise ValidationError(_("Déclarez d'abord l'absence de conflit d'intérêts pour cet appel d'offres."))
    criteria = list(call.criteria.filter(kind=Criterion.Kind.QUALITY))
    scored = set(bid.scores.values_list("criterion_id", flat=True))
    if any(criterion.pk not in scored for criterion in criteria):
        raise ValidationError(
            _("Chaque critère de qualité doit avoir au moins une note d'évaluateur avant la consolidation.")
        )
    errors = {}
    for criterion in criteria:
        mark, justification = marks.get(criterion.pk, (None, ""))
        if mark is None or not Decimal(0) <= mark <= Decimal(10):
            errors[f"mark_{criterion.pk}"] = _("Donnez une note consolidée de 0 à 10.")
        if not (justification or "").strip():
            errors[f"justification_{criterion.pk}"] = _(
                "Justifiez la note consolidée : c'est obligatoire, même quand elle reprend la moyenne."
            )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    consolidations = []
    for criterion in criteria:
        mark, justification = marks[criterion.pk]
        consolidation, _created = ConsolidatedScore.objects.update_or_create(
            bid=bid, criterion=criterion,
            defaults={"mark": mark, "justification": justification.strip(), "consolidated_by": actor,
                      "consolidated_at": now},
        )  # fmt: skip
        consolidations.append(consolidation)
    record_access(actor, "write", bid, "notes consolidées par l'équipe régionale")
    return consolidations


@transaction.atomic
def award_lot(*, actor: User, lot: Lot, ranking: list) -> TrainingGroup:
    """Awards the lot to the first of `ranking` (lms.tenders.selectors.ranking) and creates its training
    group for the winning organisation through the cohorts service."""
    call = lot.call
    _refuse_unless(can_manage_call(actor, call))
    _check_unsealed(call)
    _check_not_abandoned(call)
    if lot.awarded_bid_id:
        raise ValidationError(_("Ce lot est déjà attribué."))
    if call.compliance_checked_at is None:
        raise ValidationError(_("Vérifiez d'abord la conformité des offres."))
    if not ranking:
        raise ValidationError(_("Aucune offre conforme pour ce lot : il ne peut pas être attribué."))
    if any(not row.scored for row in ranking):
        raise ValidationError(_("Chaque offre conforme doit être notée avant l'attribution."))
    waiting = [row.bid.organisation.name for row in ranking if not row.consolidated]
    if waiting:
        raise ValidationError(
            _("Consolidez d'abord les notes de chaque offre conforme du lot : il reste %(names)s.")
            % {"names": ", ".join(waiting)}
        )
    winner = ranking[0].bid
    sessions = compliance.draft_sessions(winner)
    group = TrainingGroup(
        name=str(_("%(course)s — %(territory)s (%(organisation)s)") % {
            "course": lot.course.title, "territory": lot.territory.name, "organisation": winner.organisation.name,
        })[:150],
        course=lot.course, territory=lot.territory, organisation=winner.organisation,
        capacity=min(winner.group_size, lot.course.max_group_size),
        start_date=sessions[0].date if sessions else call.start_date,
        end_date=sessions[-1].date if sessions else None, status=TrainingGroup.Status.PLANNED,
    )  # fmt: skip
    save_group(group, actor=actor)
    lot.awarded_bid = winner
    lot.awarded_at = timezone.now()
    lot.group = group
    lot.save(update_fields=["awarded_bid", "awarded_at", "group"])
    if not call.lots.filter(awarded_bid__isnull=True).exists():
        call.status = Call.Status.AWARDED
        call.save(update_fields=["status"])
    return group


@transaction.atomic
def abandon_call(*, actor: User, call: Call, reason: str) -> Call:
    """Declares a published call abandoned (déclaration sans suite) with its written reason: no bid can
    be deposited afterwards, and each bidding organisation is told by e-mail, with a letter to read."""
    _refuse_unless(can_manage_call(actor, call))
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status == Call.Status.ABANDONED:
        raise ValidationError(_("Cet appel d'offres est déjà déclaré sans suite."))
    if call.status != Call.Status.PUBLISHED:
        raise ValidationError(_("Seul un appel d'offres publié et pas encore attribué peut être déclaré sans suite."))
    if call.lots.filter(awarded_bid__isnull=False).exists():
        raise ValidationError(
            _("Un lot de cet appel d'offres est déjà attribué : il ne peut plus être déclaré sans suite.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Écrivez le motif de la déclaration sans suite : il est communiqué aux organismes.")}
        )
    call.status = Call.Status.ABANDONED
    call.abandoned_at = timezone.now()
    call.abandoned_by = actor
    call.abandon_reason = reason
    call.save(update_fields=["status", "abandoned_at", "abandoned_by", "abandon_reason"])
    record_access(actor, "write", call, "appel d'offres déclaré sans suite")
    call_id = call.pk
    transaction.on_commit(
        lambda: async_task(
            "lms.tenders.tasks.send_abandonment_notices", call_id, task_name=f"appel-sans-suite-{call_id}"
        )
    )
    return call


# --- questions and answers -----------------------------------------------------------------------


@transaction.atomic
def ask_question(*, actor: User, call: Call, text: str) -> Question:
    """An organisation's question, until the questions deadline; the team answers it for everyone."""
    _refuse_unless(bidder_organisations(actor).exists())
    _check_not_abandoned(call)
    if call.status != Call.Status.PUBLISHED or timezone.now() >= call.questions_deadline:
        raise ValidationError(
            _("La date limite des questions est passée (%(deadline)s).")
            % {"deadline": timezone.localtime(call.questions_deadline).strftime("%d/%m/%Y %H:%M")}
        )
    if not text.strip():
        raise ValidationError({"text": _("Écrivez votre question.")})
    return Question.objects.create(call=call, text=text.strip(), asked_by=actor, asked_at=timezone.now())


@transaction.atomic
def answer_question(*, actor: User, question: Question, answer: str) -> Question:
    """Publishes the answer to every bidder alike, without the name of who asked."""
    _refuse_unless(can_manage_call(actor, question.call))
    if not answer.strip():
        raise ValidationError({"answer": _("Écrivez la réponse.")})
    question.answer = answer.strip()
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    return question
