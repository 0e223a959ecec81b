"""The only write path of intervention requests: intake (public form or team), the stage moves
(each dated and attributed, illegal ones refused), proposals and the peer's answer, preparation and
debriefing meetings (follow-up meetings on the peer's plan), feedback and expenses. Every write runs
in a transaction; refusals are ValidationErrors in French."""

import datetime
import secrets
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.followup import services as followup
from lms.followup.models import FollowUpPlan, InterventionFormat, PlanKind
from lms.interventions.models import (
    ExpenseLine,
    Feedback,
    InterventionRequest,
    OrganisationKind,
    Proposal,
    Stage,
    StageChange,
    VenueFeature,
)
from lms.interventions.permissions import can_manage_request
from lms.interventions.selectors import reasons_for, score_of
from lms.people.audit import record_access
from lms.people.models import Region, Role, RoleAssignment, Territory, User
from lms.people.retention import months_before

# The legal moves; the ones reached by a dedicated service (a proposal, a peer's answer, a meeting)
# are listed too, so that the one table says what may follow what.
TRANSITIONS: dict[str, set[str]] = {
    Stage.RECEIVED: {Stage.QUALIFIED, Stage.CANCELLED},
    Stage.QUALIFIED: {Stage.MATCHING, Stage.CANCELLED},
    Stage.MATCHING: {Stage.PROPOSED, Stage.CANCELLED},
    Stage.PROPOSED: {Stage.ACCEPTED, Stage.DECLINED, Stage.CANCELLED},
    Stage.DECLINED: {Stage.MATCHING, Stage.PROPOSED, Stage.CANCELLED},
    Stage.ACCEPTED: {Stage.PREPARATION, Stage.CANCELLED},
    Stage.PREPARATION: {Stage.DONE, Stage.CANCELLED},
    Stage.DONE: {Stage.DEBRIEFED},
    Stage.DEBRIEFED: {Stage.CLOSED},
    Stage.CLOSED: set(),
    Stage.CANCELLED: set(),
}
# Where a peer's expenses may be added.
EXPENSE_STAGES = (Stage.ACCEPTED, Stage.PREPARATION, Stage.DONE, Stage.DEBRIEFED)
FEEDBACK_STAGES = (Stage.DONE, Stage.DEBRIEFED, Stage.CLOSED)
MAX_AMOUNT = Decimal("5000.00")

REQUEST_FIELDS = (
    "territory",
    "organisation_name",
    "organisation_kind",
    "contact_name",
    "contact_email",
    "contact_phone",
    "what",
    "audience",
    "dates_wished",
    "place",
    "format",
    "expenses_budget",
    "venue_features",
    "venue_notes",
)
REQUIRED = {
    "organisation_name": gettext_lazy("Indiquez le nom de la structure."),
    "contact_name": gettext_lazy("Indiquez qui contacter."),
    "contact_email": gettext_lazy("Indiquez une adresse e-mail pour vous répondre."),
    "what": gettext_lazy("Décrivez l'intervention souhaitée."),
    "audience": gettext_lazy("Dites à quel public elle s'adresse."),
    "dates_wished": gettext_lazy("Indiquez les dates ou la période souhaitées."),
    "place": gettext_lazy("Indiquez le lieu."),
}


def _forbidden():
    return ValidationError(_("Seule l'équipe régionale de la demande peut faire cela."), code="forbidden")


def _require_team(actor: User, request: InterventionRequest) -> None:
    if actor is None or not can_manage_request(actor, request):
        raise _forbidden()


def _lock(request: InterventionRequest) -> InterventionRequest:
    locked = InterventionRequest.objects.select_for_update().get(pk=request.pk)
    request.stage = locked.stage
    return locked


def _label(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "partenaire (formulaire public)"
    return actor.get_full_name() or actor.email


def _move(request: InterventionRequest, to: str, *, actor, comment: str = "", now=None) -> StageChange:
    """Moves a (locked) request to `to`, refusing a move the table does not allow."""
    if to not in TRANSITIONS.get(request.stage, set()):
        labels = dict(Stage.choices)
        raise ValidationError(
            _("Une demande à l'étape « %(current)s » ne peut pas passer à « %(target)s ».")
            % {"current": labels[request.stage], "target": labels[to]},
            code="illegal_transition",
        )
    now = now or timezone.now()
    change = StageChange.objects.create(
        request=request,
        from_stage=request.stage,
        to_stage=to,
        at=now,
        by=actor if actor is not None and actor.is_authenticated else None,
        by_label=_label(actor)[:255],
        comment=comment.strip(),
    )
    request.stage = to
    request.stage_changed_at = now
    request.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    return change


def _mail_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    recipients = [address for address in recipients if address]
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)
        )


def team_addresses(region_id: int) -> list[str]:
    return list(
        RoleAssignment.objects.filter(role=Role.REGIONAL_TEAM, region_id=region_id, user__is_active=True)
        .values_list("user__email", flat=True)
        .distinct()
    )


def _url(name: str, *args) -> str:
    return settings.SITE_BASE_URL + reverse(name, args=args)


def _clean_request_fields(region: Region, fields: dict) -> dict:
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise ValueError(f"Champs inconnus : {sorted(unknown)}")
    errors = {}
    cleaned = dict(fields)
    for name in ("organisation_name", "contact_name", "contact_email", "contact_phone", "what", "audience",
                 "dates_wished", "place", "venue_notes"):  # fmt: skip
        cleaned[name] = str(cleaned.get(name) or "").strip()
    for name, message in REQUIRED.items():
        if not cleaned[name]:
            errors[name] = str(message)
    if cleaned.get("organisation_kind") not in OrganisationKind.values:
        errors["organisation_kind"] = _("Choisissez le type de structure.")
    if cleaned.get("format") and cleaned["format"] not in InterventionFormat.values:
        errors["format"] = _("Format d'intervention inconnu.")
    cleaned["format"] = cleaned.get("format") or ""
    features = list(dict.fromkeys(cleaned.get("venue_features") or []))
    if any(value not in VenueFeature.values for value in features):
        errors["venue_features"] = _("Élément d'accessibilité inconnu.")
    cleaned["venue_features"] = features
    territory: Territory | None = cleaned.get("territory")
    if territory is not None and territory.region_id != region.pk:
        errors["territory"] = _("Ce département n'est pas dans la région choisie.")
    budget = cleaned.get("expenses_budget")
    if budget not in (None, ""):
        try:
            budget = Decimal(str(budget)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            budget = Decimal("-1")
        if not (Decimal("0") <= budget <= Decimal("100000")):
            errors["expenses_budget"] = _("Indiquez un budget entre 0 et 100 000 €.")
    cleaned["expenses_budget"] = None if budget in (None, "") else budget
    if errors:
        raise ValidationError(errors)
    return cleaned


def submit_request(*, actor: User | None, region: Region, **fields) -> InterventionRequest:
    """A partner's request, from the public form (no actor) or recorded by the team: 'received',
    acknowledged to the partner and announced to the region's team by e-mail."""
    if region is None:
        raise ValidationError({"region": _("Choisissez la région de l'intervention.")})
    team_entry = actor is not None and actor.is_authenticated
    if team_entry:
        probe = InterventionRequest(region=region)
        _require_team(actor, probe)
    cleaned = _clean_request_fields(region, fields)
    now = timezone.now()
    with transaction.atomic():
        request = InterventionRequest.objects.create(
            region=region,
            channel=InterventionRequest.Channel.TEAM if team_entry else InterventionRequest.Channel.PUBLIC_FORM,
            created_by=actor if team_entry else None,
            created_at=now,
            stage_changed_at=now,
            **cleaned,
        )
        StageChange.objects.create(
            request=request, from_stage="", to_stage=Stage.RECEIVED, at=now, by=actor if team_entry else None,
            by_label=_label(actor)[:255],
        )  # fmt: skip
        record_access(actor, "write", request, "demande d'intervention reçue")
        _mail_after_commit(
            _("Votre demande d'intervention est bien reçue"),
            _(
                "Bonjour %(name)s,\n\nL'équipe régionale EPoP %(region)s a bien reçu votre demande d'intervention "
                "(« %(what)s »). Elle vous recontacte pour la préciser, puis vous propose un intervenant-pair.\n\n"
                "L'équipe EPoP"
            )
            % {"name": request.contact_name, "region": region.name, "what": request.what[:120]},
            [request.contact_email],
        )
        _mail_after_commit(
            _("Nouvelle demande d'intervention : %(organisation)s") % {"organisation": request.organisation_name},
            _("Une nouvelle demande d'intervention est arrivée pour votre région :\n%(url)s")
            % {"url": _url("interventions:request_detail", request.pk)},
            team_addresses(region.pk),
        )
    return request


def update_request(*, actor: User, request: InterventionRequest, **fields) -> InterventionRequest:
    """The team corrects or completes a request while it is not closed or cancelled."""
    _require_team(actor, request)
    team_notes = fields.pop("team_notes", None)
    current = {name: getattr(request, name) for name in REQUEST_FIELDS}
    cleaned = _clean_request_fields(request.region, {**current, **fields})
    with transaction.atomic():
        locked = _lock(request)
        if locked.stage in (Stage.CLOSED, Stage.CANCELLED):
            raise ValidationError(_("Cette demande est terminée : elle ne se modifie plus."), code="finished")
        for name, value in cleaned.items():
            setattr(request, name, value)
        if team_notes is not None:
            request.team_notes = team_notes.strip()
        request.save()
        record_access(actor, "write", request, "modification de la demande")
    return request


def qualify(*, actor: User, request: InterventionRequest, comment: str = "") -> InterventionRequest:
    """The team has talked with the partner: the request is clear enough to look for a peer."""
    _require_team(actor, request)
    with transaction.atomic():
        locked = _lock(request)
        _move(locked, Stage.QUALIFIED, actor=actor, comment=comment)
        request.stage = locked.stage
        record_access(actor, "write", locked, "demande qualifiée")
    return request


def start_matching(*, actor: User, request: InterventionRequest, comment: str = "") -> InterventionRequest:
    """The team looks for a peer intervener (again, after every proposal was declined)."""
    _require_team(actor, request)
    with transaction.atomic():
        locked = _lock(request)
        _move(locked, Stage.MATCHING, actor=actor, comment=comment)
        request.stage = locked.stage
        record_access(actor, "write", locked, "recherche d'intervenant")
    return request


def propose(*, actor: User, request: InterventionRequest, plans: list[FollowUpPlan], message: str = "") -> list:
    """Proposes the request to one or more peer interveners (their validated intervention project in
    the request's region), each told by e-mail; nobody is committed until they accept."""
    _require_team(actor, request)
    if not plans:
        raise ValidationError({"plans": _("Choisissez au moins un intervenant-pair.")}, code="required")
    with transaction.atomic():
        locked = _lock(request)
        if locked.stage not in (Stage.MATCHING, Stage.PROPOSED, Stage.DECLINED):
            raise ValidationError(
                _("Lancez d'abord la recherche d'intervenant : on ne propose qu'une demande en recherche."),
                code="not_matching",
            )
        created = []
        for plan in plans:
            plan = FollowUpPlan.objects.select_related("trainee", "group__territory").get(pk=plan.pk)
            if (
                plan.kind != PlanKind.INTERVENTION_PROJECT
                or plan.status != FollowUpPlan.Status.VALIDATED
                or plan.group.territory.region_id != locked.region_id
                or not plan.trainee.is_active
            ):
                raise ValidationError(
                    {
                        "plans": _("%(name)s n'a pas de projet d'intervention validé dans la région de la demande.")
                        % {"name": plan.trainee.get_full_name()}
                    }
                )
            if locked.proposals.filter(peer=plan.trainee).exists():
                raise ValidationError(
                    {"plans": _("%(name)s a déjà reçu cette proposition.") % {"name": plan.trainee.get_full_name()}}
                )
            from_load = Proposal.objects.filter(
                peer=plan.trainee, status=Proposal.Status.ACCEPTED, request__stage__in=EXPENSE_STAGES
            ).count()
            reasons = reasons_for(locked, plan, from_load)
            proposal = Proposal.objects.create(
                request=locked,
                peer=plan.trainee,
                plan=plan,
                reasons=reasons,
                score=score_of(reasons),
                message=message.strip(),
                proposed_by=actor,
                proposed_at=timezone.now(),
            )
            record_access(actor, "write", proposal, "proposition d'intervention", subject=plan.trainee)
            _mail_after_commit(
                _("Une proposition d'intervention pour vous"),
                _(
                    "Bonjour %(name)s,\n\nL'équipe régionale vous propose une intervention pour %(organisation)s. "
                    "Lisez-la et répondez dans votre espace :\n%(url)s\n\nVous êtes libre d'accepter ou de refuser."
                )
                % {
                    "name": plan.trainee.first_name,
                    "organisation": locked.organisation_name,
                    "url": _url("interventions:my_proposal", proposal.pk),
                },
                [plan.trainee.email],
            )
            created.append(proposal)
        if locked.stage != Stage.PROPOSED:
            _move(locked, Stage.PROPOSED, actor=actor, comment=", ".join(p.peer.get_full_name() for p in created))
        request.stage = locked.stage
    return created


def answer_proposal(*, actor: User, proposal: Proposal, accept: bool, reason: str = "") -> Proposal:
    """The peer accepts or declines from their space. Accepting commits them and withdraws the other
    pending proposals; when every proposal is declined the request waits for a new search."""
    if actor is None or proposal.peer_id != actor.pk:
        raise ValidationError(_("Seule la personne à qui l'intervention est proposée peut répondre."), code="forbidden")
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Dites en quelques mots pourquoi vous refusez.")}, code="required")
    with transaction.atomic():
        request = InterventionRequest.objects.select_for_update().get(pk=proposal.request_id)
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != Proposal.Status.PROPOSED:
            raise ValidationError(_("Vous avez déjà répondu à cette proposition."), code="answered")
        if request.stage != Stage.PROPOSED:
            raise ValidationError(
                _("Cette proposition n'attend plus de réponse : l'équipe a avancé sur la demande."),
                code="not_proposed",
            )
        now = timezone.now()
        locked.status = Proposal.Status.ACCEPTED if accept else Proposal.Status.DECLINED
        locked.answered_at = now
        locked.decline_reason = "" if accept else reason.strip()
        locked.save(update_fields=["status", "answered_at", "decline_reason"])
        name = actor.get_full_name()
        if accept:
            request.proposals.filter(status=Proposal.Status.PROPOSED).exclude(pk=locked.pk).update(
                status=Proposal.Status.WITHDRAWN
            )
            _move(request, Stage.ACCEPTED, actor=actor, comment=name, now=now)
        elif not request.proposals.filter(status=Proposal.Status.PROPOSED).exists():
            _move(request, Stage.DECLINED, actor=actor, comment=name, now=now)
        record_access(actor, "write", locked, "acceptation" if accept else "refus", subject=actor)
        _mail_after_commit(
            (_("%(name)s accepte l'intervention") if accept else _("%(name)s refuse l'intervention")) % {"name": name},
            _("Demande de %(organisation)s :\n%(url)s")
            % {"organisation": request.organisation_name, "url": _url("interventions:request_detail", request.pk)},
            team_addresses(request.region_id),
        )
        proposal.status, proposal.answered_at, proposal.decline_reason = (
            locked.status,
            locked.answered_at,
            locked.decline_reason,
        )
    return proposal


def _accepted(request: InterventionRequest) -> Proposal:
    proposal = (
        request.proposals.filter(status=Proposal.Status.ACCEPTED).select_related("plan__group__territory").first()
    )
    if proposal is None:
        raise ValidationError(_("Aucun intervenant-pair n'a encore accepté cette demande."), code="no_peer")
    return proposal


MEETING_KINDS = ("preparation", "debriefing")


def schedule_request_meeting(
    *,
    actor: User,
    request: InterventionRequest,
    kind: str,
    starts_at: datetime.datetime | None,
    place: str = "",
    video_url: str = "",
    duration_minutes: int = 60,
):
    """The preparation meeting (once a peer accepted; the request goes into preparation) or the
    debriefing meeting (once done): an individual follow-up meeting on the peer's plan."""
    _require_team(actor, request)
    if kind not in MEETING_KINDS:
        raise ValueError(kind)
    with transaction.atomic():
        locked = _lock(request)
        if kind == "preparation" and locked.stage not in (Stage.ACCEPTED, Stage.PREPARATION):
            raise ValidationError(
                _("La préparation se programme une fois qu'un intervenant-pair a accepté."), code="stage"
            )
        if kind == "debriefing" and locked.stage not in (Stage.DONE, Stage.DEBRIEFED):
            raise ValidationError(_("Le bilan se programme une fois l'intervention réalisée."), code="stage")
        proposal = _accepted(locked)
        title = (
            _("Préparation de l'intervention — %(organisation)s")
            if kind == "preparation"
            else _("Bilan de l'intervention — %(organisation)s")
        ) % {"organisation": locked.organisation_name}
        meeting = followup.schedule_meeting(
            actor=actor,
            plan=proposal.plan,
            starts_at=starts_at,
            place=place,
            video_url=video_url,
            duration_minutes=duration_minutes,
            title=title[:200],
        )
        field = f"{kind}_meeting"
        setattr(locked, field, meeting)
        locked.save(update_fields=[field, "updated_at"])
        setattr(request, field, meeting)
        if kind == "preparation" and locked.stage == Stage.ACCEPTED:
            _move(locked, Stage.PREPARATION, actor=actor, comment=title)
        request.stage = locked.stage
        record_access(actor, "write", locked, f"rendez-vous de {kind}", subject=proposal.peer)
    return meeting


def mark_done(*, actor: User, request: InterventionRequest, comment: str = "") -> InterventionRequest:
    """The intervention took place: the partner gets a link to give feedback; from now on it counts
    in the peer's follow-up indicators (lms.interventions.events answers the follow-up's count)."""
    _require_team(actor, request)
    with transaction.atomic():
        locked = _lock(request)
        proposal = _accepted(locked) if locked.stage == Stage.PREPARATION else None
        _move(locked, Stage.DONE, actor=actor, comment=comment)
        locked.feedback_token = secrets.token_urlsafe(32)
        locked.save(update_fields=["feedback_token", "updated_at"])
        request.stage, request.feedback_token = locked.stage, locked.feedback_token
        record_access(actor, "write", locked, "intervention réalisée", subject=proposal.peer)
        _mail_after_commit(
            _("Votre avis sur l'intervention"),
            _(
                "Bonjour %(name)s,\n\nL'intervention est terminée. Dites-nous en deux minutes comment elle s'est "
                "passée :\n%(url)s\n\nMerci, l'équipe EPoP"
            )
            % {"name": locked.contact_name, "url": _url("interventions:partner_feedback", locked.feedback_token)},
            [locked.contact_email],
        )
    return request


def _simple_move(actor, request, to, detail, comment=""):
    _require_team(actor, request)
    with transaction.atomic():
        locked = _lock(request)
        _move(locked, to, actor=actor, comment=comment)
        request.stage = locked.stage
        record_access(actor, "write", locked, detail)
    return request


def mark_debriefed(*, actor: User, request: InterventionRequest, comment: str = "") -> InterventionRequest:
    """The debriefing with the peer (and the partner) is done."""
    return _simple_move(actor, request, Stage.DEBRIEFED, "bilan fait", comment)


def close(*, actor: User, request: InterventionRequest, comment: str = "") -> InterventionRequest:
    """Closes a debriefed request; pending expense lines must be decided first."""
    _require_team(actor, request)
    if request.expenses.filter(status=ExpenseLine.Status.SUBMITTED).exists():
        raise ValidationError(_("Des frais attendent encore une décision : validez-les ou refusez-les."))
    return _simple_move(actor, request, Stage.CLOSED, "clôture", comment)


def cancel(*, actor: User, request: InterventionRequest, reason: str) -> InterventionRequest:
    """Cancels a request that has not taken place, saying why; pending proposals are withdrawn."""
    _require_team(actor, request)
    if not reason.strip():
        raise ValidationError({"reason": _("Dites pourquoi la demande est annulée.")}, code="required")
    with transaction.atomic():
        locked = _lock(request)
        _move(locked, Stage.CANCELLED, actor=actor, comment=reason)
        locked.cancelled_reason = reason.strip()
        locked.save(update_fields=["cancelled_reason", "updated_at"])
        locked.proposals.filter(status=Proposal.Status.PROPOSED).update(status=Proposal.Status.WITHDRAWN)
        request.stage, request.cancelled_reason = locked.stage, locked.cancelled_reason
        record_access(actor, "write", locked, "annulation")
    return request


# --- the partner's contact details ---------------------------------------------------------------

# Requests that will not move again: their contact is kept for the retention delay, then erased.
FINISHED_STAGES = (Stage.CLOSED, Stage.CANCELLED)
ERASED_MARK = "[contact effacé]"


def _erase_contact(locked: InterventionRequest, *, now) -> None:
    """Blanks a (locked) request's contact and the mentions of the contact's name in its notes."""
    name = locked.contact_name.strip()
    if name:
        for change in locked.stage_changes.filter(comment__contains=name):
            change.comment = change.comment.replace(name, ERASED_MARK)
            change.save(update_fields=["comment"])
        locked.team_notes = locked.team_notes.replace(name, ERASED_MARK)
        locked.cancelled_reason = locked.cancelled_reason.replace(name, ERASED_MARK)
    locked.contact_name = ""
    locked.contact_email = ""
    locked.contact_phone = ""
    locked.feedback_token = ""
    locked.contact_erased_at = now
    locked.save(
        update_fields=[
            "contact_name", "contact_email", "contact_phone", "feedback_token", "team_notes", "cancelled_reason",
            "contact_erased_at", "updated_at",
        ]
    )  # fmt: skip


def erase_contact(*, actor: User, request: InterventionRequest, reason: str) -> InterventionRequest:
    """Erases the partner's contact details at the person's request (right to erasure): the request,
    its history and its figures stay, without the name, e-mail and phone."""
    _require_team(actor, request)
    if not reason.strip():
        raise ValidationError({"reason": _("Dites pourquoi les coordonnées sont effacées.")}, code="required")
    if request.contact_erased_at is not None:
        raise ValidationError(_("Les coordonnées de ce contact sont déjà effacées."), code="already_erased")
    with transaction.atomic():
        locked = _lock(request)
        _erase_contact(locked, now=timezone.now())
        record_access(actor, "delete", locked, f"coordonnées du contact effacées : {reason.strip()}"[:255])
    request.refresh_from_db()
    return request


def forget_old_contacts(*, now: datetime.datetime | None = None) -> int:
    """Erases the contact of every request closed or cancelled more than
    `INTERVENTION_CONTACT_RETENTION_MONTHS` ago; returns how many. Run daily by django-q2."""
    now = now or timezone.now()
    limit = months_before(timezone.localdate(now), settings.INTERVENTION_CONTACT_RETENTION_MONTHS)
    due = InterventionRequest.objects.filter(
        stage__in=FINISHED_STAGES, stage_changed_at__date__lt=limit, contact_erased_at__isnull=True
    ).values_list("pk", flat=True)
    erased = 0
    for pk in list(due):
        with transaction.atomic():
            locked = InterventionRequest.objects.select_for_update().get(pk=pk)
            if locked.contact_erased_at is not None or locked.stage not in FINISHED_STAGES:
                continue
            _erase_contact(locked, now=now)
            record_access(None, "delete", locked, "coordonnées du contact : durée de conservation dépassée")
            erased += 1
    return erased


# --- feedback ------------------------------------------------------------------------------------


def _clean_rating(rating) -> int:
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 4:
        raise ValidationError({"rating": _("Choisissez une réponse de 1 à 4.")})
    return value


def give_partner_feedback(*, token: str, rating, comment: str = "") -> Feedback:
    """The partner's feedback, through the link e-mailed when the intervention was done (once)."""
    value = _clean_rating(rating)
    with transaction.atomic():
        request = (
            InterventionRequest.objects.select_for_update().filter(feedback_token=token).first() if token else None
        )
        if request is None or request.stage not in FEEDBACK_STAGES:
            raise ValidationError(_("Ce lien n'est plus valable."), code="bad_token")
        if request.feedback.filter(author_kind=Feedback.Author.PARTNER).exists():
            raise ValidationError(_("Votre avis est déjà enregistré. Merci !"), code="already")
        feedback = Feedback.objects.create(
            request=request, author_kind=Feedback.Author.PARTNER, rating=value, comment=comment.strip()[:3000],
            given_at=timezone.now(),
        )  # fmt: skip
        record_access(None, "write", feedback, "avis du partenaire")
    return feedback


def give_peer_feedback(*, actor: User, proposal: Proposal, rating, comment: str = "") -> Feedback:
    """The peer's feedback from their space, once the intervention is done (once)."""
    if actor is None or proposal.peer_id != actor.pk or proposal.status != Proposal.Status.ACCEPTED:
        raise ValidationError(
            _("Seul l'intervenant-pair de cette intervention peut donner son avis."), code="forbidden"
        )
    value = _clean_rating(rating)
    with transaction.atomic():
        request = InterventionRequest.objects.select_for_update().get(pk=proposal.request_id)
        if request.stage not in FEEDBACK_STAGES:
            raise ValidationError(_("Vous pourrez donner votre avis une fois l'intervention faite."), code="stage")
        if request.feedback.filter(author_kind=Feedback.Author.PEER).exists():
            raise ValidationError(_("Votre avis est déjà enregistré. Merci !"), code="already")
        feedback = Feedback.objects.create(
            request=request, author_kind=Feedback.Author.PEER, author=actor, rating=value,
            comment=comment.strip()[:3000], given_at=timezone.now(),
        )  # fmt: skip
        record_access(actor, "write", feedback, "avis de l'intervenant", subject=actor)
    return feedback


# --- expenses ------------------------------------------------------------------------------------


def add_expense(
    *,
    actor: User,
    request: InterventionRequest,
    kind: str,
    amount,
    spent_on: datetime.date,
    payer: str = ExpenseLine.Payer.PARTNER,
    description: str = "",
    receipt=None,
) -> ExpenseLine:
    """An expense line, added by the committed peer (from their space) or by the team, with its
    receipt checked by the upload policy; it waits for the team's decision."""
    accepted = request.proposals.filter(status=Proposal.Status.ACCEPTED, peer_id=getattr(actor, "pk", None)).exists()
    if not (accepted or (actor is not None and can_manage_request(actor, request))):
        raise ValidationError(
            _("Seuls l'intervenant-pair engagé et l'équipe peuvent ajouter des frais."), code="forbidden"
        )
    errors = {}
    if kind not in ExpenseLine.Kind.values:
        errors["kind"] = _("Choisissez la nature de la dépense.")
    if payer not in ExpenseLine.Payer.values:
        errors["payer"] = _("Choisissez qui paie.")
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        value = None
    if value is None or not (Decimal("0") < value <= MAX_AMOUNT):
        errors["amount"] = _("Indiquez un montant entre 0,01 et 5 000 €.")
    if spent_on is None:
        errors["spent_on"] = _("Indiquez la date de la dépense.")
    elif spent_on > timezone.localdate():
        errors["spent_on"] = _("La date de la dépense ne peut pas être dans le futur.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock(request)
        if locked.stage not in EXPENSE_STAGES:
            raise ValidationError(
                _("Les frais s'ajoutent entre l'acceptation et le bilan de l'intervention."), code="stage"
            )
        line = ExpenseLine(
            request=locked, submitted_by=actor, kind=kind, amount=value, spent_on=spent_on, payer=payer,
            description=description.strip()[:250],
        )  # fmt: skip
        if receipt:
            line.receipt.save(receipt.name, receipt, save=False)
        line.save()
        record_access(actor, "write", line, "ligne de frais")
    return line


def decide_expense(*, actor: User, line: ExpenseLine, approve: bool, reason: str = "") -> ExpenseLine:
    """The team approves or refuses an expense line (a refusal says why)."""
    _require_team(actor, line.request)
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Dites pourquoi ces frais sont refusés.")}, code="required")
    with transaction.atomic():
        locked = ExpenseLine.objects.select_for_update().get(pk=line.pk)
        if locked.status != ExpenseLine.Status.SUBMITTED:
            raise ValidationError(_("Une décision a déjà été prise sur ces frais."), code="decided")
        locked.status = ExpenseLine.Status.APPROVED if approve else ExpenseLine.Status.REFUSED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.refusal_reason = "" if approve else reason.strip()[:250]
        locked.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
        record_access(actor, "write", locked, "validation des frais" if approve else "refus des frais")
        line.status, line.decided_at, line.refusal_reason = locked.status, locked.decided_at, locked.refusal_reason
    return line
