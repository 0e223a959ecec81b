"""The intervention-request pages: the partners' public form, the regional team's list and request
page (stages, matching, proposals, meetings, expenses, statement) and the peer's "Mes interventions"
in their space. Each write goes through lms.interventions.services; refusals show next to the field
(400), nothing half-saved."""

from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.interventions import selectors, services
from lms.interventions.forms import (
    CancelForm,
    CommentForm,
    DeclineForm,
    EraseContactForm,
    ExpenseDecisionForm,
    ExpenseForm,
    FeedbackForm,
    ProposeForm,
    RequestForm,
    RequestMeetingForm,
)
from lms.interventions.models import ExpenseLine, Feedback, InterventionRequest, Proposal, Stage
from lms.interventions.pdf import expense_statement
from lms.interventions.permissions import (
    access_expense,
    access_own_proposal,
    access_request,
    can_manage_request,
    can_record_requests,
    can_use_request_pages,
    recording_region_ids,
    visible_requests,
)
from lms.people.audit import record_access
from lms.people.models import Region
from lms.private_files import private_file_response
from lms.security.throttle import allow_attempt, client_ip

PAGE_SIZE = 25
REQUEST_LIMIT_PER_IP = 5
REQUEST_WINDOW = 60 * 60


def _request_fields(data: dict) -> dict:
    return {name: data[name] for name in services.REQUEST_FIELDS if name in data}


# --- partners ------------------------------------------------------------------------------------


def request_public(request):
    """The partners' public form: no login, counted per address in the shared throttle store."""
    form = RequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if not allow_attempt(
                    scope="intervention-request", key=client_ip(request), limit=REQUEST_LIMIT_PER_IP,
                    window=REQUEST_WINDOW,
                ):  # fmt: skip
                    raise ValidationError(
                        _(
                            "Trop de demandes ont été envoyées depuis votre connexion. Réessayez dans une heure, "
                            "ou écrivez à l'équipe régionale."
                        )
                    )
                services.submit_request(actor=None, region=data["region"], **_request_fields(data))
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return redirect("interventions:request_thanks")
        return render(request, "interventions/request_form.html", {"form": form, "public": True}, status=400)
    return render(request, "interventions/request_form.html", {"form": form, "public": True})


def request_thanks(request):
    return render(request, "interventions/request_thanks.html")


def partner_feedback(request, token):
    """The partner's feedback, through the link e-mailed once the intervention was done."""
    target = InterventionRequest.objects.filter(feedback_token=token).first() if token else None
    if target is None or target.stage not in services.FEEDBACK_STAGES:
        raise Http404
    given = target.feedback.filter(author_kind=Feedback.Author.PARTNER).exists()
    form = None if given else FeedbackForm(request.POST or None)
    if request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                services.give_partner_feedback(token=token, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Merci, votre avis est enregistré."))
                return redirect("interventions:partner_feedback", token=token)
        return render(request, "interventions/partner_feedback.html", {"form": form, "target": target}, status=400)
    return render(request, "interventions/partner_feedback.html", {"form": form, "target": target, "given": given})


# --- the regional team ---------------------------------------------------------------------------


@login_required
def team_requests(request):
    """The requests of the team's regions (every region for the national team and administrators)."""
    if not can_use_request_pages(request.user):
        raise PermissionDenied
    stage = request.GET.get("etape", "")
    if stage not in Stage.values:
        stage = ""
    requests = selectors.team_requests(visible_requests(request.user), stage=stage)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "stage": stage,
        "stages": Stage.choices,
        "can_record": can_record_requests(request.user),
    }
    return render(request, "interventions/team_requests.html", context)


@login_required
def request_create(request):
    """The team records a request a partner made by phone or e-mail."""
    if not can_record_requests(request.user):
        raise PermissionDenied
    region_ids = recording_region_ids(request.user)
    regions = Region.objects.order_by("name") if region_ids is None else Region.objects.filter(pk__in=region_ids)
    form = RequestForm(request.POST or None, regions=regions)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.submit_request(actor=request.user, region=data["region"], **_request_fields(data))
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Demande enregistrée."))
                return redirect("interventions:request_detail", pk=created.pk)
        return render(request, "interventions/request_form.html", {"form": form, "public": False}, status=400)
    return render(request, "interventions/request_form.html", {"form": form, "public": False})


def _detail_context(request, target, **extra) -> dict:
    lines = selectors.expense_lines(target)
    accepted = selectors.accepted_proposal(target)
    return {
        "target": target,
        "manage": can_manage_request(request.user, target),
        "timeline": selectors.timeline(target),
        "proposals": selectors.proposals_of(target),
        "accepted": accepted,
        "lines": lines,
        "totals": selectors.totals_of(target, lines),
        "feedback": list(target.feedback.all()),
        "comment_form": CommentForm(),
        "cancel_form": CancelForm(),
        "erase_form": EraseContactForm(),
        "retention_months": settings.INTERVENTION_CONTACT_RETENTION_MONTHS,
        "can_cancel": target.stage in services.TRANSITIONS and Stage.CANCELLED in services.TRANSITIONS[target.stage],
        **extra,
    }


@login_required
def request_detail(request, pk):
    """A request for the team: what the partner asked, its stages, proposals, meetings, expenses."""
    target = access_request(request.user, pk)
    record_access(request.user, "read", target, "demande d'intervention")
    return render(request, "interventions/request_detail.html", _detail_context(request, target))


@login_required
@require_POST
def request_stage(request, pk):
    """One stage move of a request (qualify, look for a peer, done, debriefed, close, cancel)."""
    target = access_request(request.user, pk, manage=True)
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "")
    moves = {
        "qualify": (services.qualify, _("Demande qualifiée.")),
        "matching": (services.start_matching, _("Recherche d'intervenant lancée.")),
        "done": (
            services.mark_done,
            _("Intervention marquée comme réalisée. Le partenaire reçoit le lien pour donner son avis."),
        ),
        "debriefed": (services.mark_debriefed, _("Bilan marqué comme fait.")),
        "close": (services.close, _("Demande clôturée.")),
    }
    try:
        if action == "cancel":
            form = CancelForm(request.POST)
            if not form.is_valid():
                return render(
                    request, "interventions/request_detail.html", _detail_context(request, target, cancel_form=form),
                    status=400,
                )  # fmt: skip
            services.cancel(actor=request.user, request=target, reason=form.cleaned_data["reason"])
            done = _("Demande annulée.")
        elif action in moves:
            service, done = moves[action]
            service(actor=request.user, request=target, comment=comment)
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("interventions:request_detail", pk=target.pk)
    messages.success(request, done)
    if action == "matching":
        return redirect("interventions:request_matching", pk=target.pk)
    return redirect("interventions:request_detail", pk=target.pk)


@login_required
@require_POST
def request_erase_contact(request, pk):
    """Erases the partner's contact details of a request, at the person's request."""
    target = access_request(request.user, pk, manage=True)
    form = EraseContactForm(request.POST)
    if form.is_valid():
        try:
            services.erase_contact(actor=request.user, request=target, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("Les coordonnées du contact sont effacées. La demande et son historique restent.")
            )
            return redirect("interventions:request_detail", pk=target.pk)
    return render(
        request, "interventions/request_detail.html", _detail_context(request, target, erase_form=form), status=400
    )


@login_required
def request_matching(request, pk):
    """The region's peer interveners for the request, best first, with a reason per criterion; the
    team proposes the request to one or more of them."""
    target = access_request(request.user, pk, manage=True)
    candidates = selectors.candidates_for(target)
    open_candidates = [candidate for candidate in candidates if candidate.proposal is None]
    form = ProposeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            ids = {value for value in request.POST.getlist("plans")}
            plans = [candidate.plan for candidate in open_candidates if str(candidate.plan.pk) in ids]
            try:
                services.propose(actor=request.user, request=target, plans=plans, message=form.cleaned_data["message"])
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Proposition envoyée. L'intervenant-pair répond depuis son espace."))
                return redirect("interventions:request_detail", pk=target.pk)
        status = 400
    context = {
        "target": target,
        "candidates": candidates,
        "form": form,
        "can_propose": target.stage in (Stage.MATCHING, Stage.PROPOSED, Stage.DECLINED),
    }
    return render(request, "interventions/matching.html", context, status=status)


@login_required
def request_meeting(request, pk, kind):
    """Schedules the preparation or the debriefing meeting (a follow-up meeting on the peer's plan)."""
    target = access_request(request.user, pk, manage=True)
    if kind not in services.MEETING_KINDS:
        raise Http404
    form = RequestMeetingForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.schedule_request_meeting(actor=request.user, request=target, kind=kind, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Rendez-vous programmé. L'intervenant-pair reçoit l'invitation."))
                return redirect("interventions:request_detail", pk=target.pk)
        status = 400
    else:
        status = 200
    context = {"target": target, "form": form, "kind": kind, "accepted": selectors.accepted_proposal(target)}
    return render(request, "interventions/meeting_form.html", context, status=status)


@login_required
@require_POST
def expense_decision(request, pk, line_pk):
    """The team approves or refuses an expense line."""
    target = access_request(request.user, pk, manage=True)
    line = access_expense(request.user, target.pk, line_pk)
    form = ExpenseDecisionForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.decide_expense(
            actor=request.user, line=line, approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Frais validés.") if line.status == ExpenseLine.Status.APPROVED else _("Frais refusés.")
        )
    return redirect("interventions:request_detail", pk=target.pk)


@login_required
def expense_statement_pdf(request, pk):
    """The expense statement of a request, as a PDF."""
    target = access_request(request.user, pk)
    lines = selectors.expense_lines(target)
    accepted = selectors.accepted_proposal(target)
    content = expense_statement(
        target, lines, selectors.totals_of(target, lines), peer=accepted.peer if accepted else None
    )
    record_access(request.user, "read", target, "état de frais")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="etat-de-frais-{target.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def expense_receipt(request, pk, line_pk):
    """A receipt, for the request's readers and the peer who sent it."""
    line = access_expense(request.user, pk, line_pk)
    if not line.receipt:
        raise Http404
    extension = PurePosixPath(line.receipt.name).suffix.lower()
    record_access(request.user, "read", line, "justificatif")
    return private_file_response(line.receipt, f"justificatif-{line.pk}{extension}", as_attachment=True)


# --- the peer ("Mon espace") ---------------------------------------------------------------------


@login_required
def my_interventions(request):
    """The peer's proposals and interventions."""
    proposals = selectors.proposals_of_peer(request.user)
    return render(request, "interventions/my_interventions.html", {"proposals": proposals})


def _my_context(proposal, **extra) -> dict:
    target = proposal.request
    accepted = proposal.status == Proposal.Status.ACCEPTED
    lines = (
        [line for line in selectors.expense_lines(target) if line.submitted_by_id == proposal.peer_id]
        if accepted
        else []
    )
    peer_feedback = target.feedback.filter(author_kind=Feedback.Author.PEER).first() if accepted else None
    return {
        "proposal": proposal,
        "target": target,
        "accepted": accepted,
        "can_answer": proposal.status == Proposal.Status.PROPOSED and target.stage == Stage.PROPOSED,
        "decline_form": DeclineForm(),
        "reasons": [selectors.reason_label(reason) for reason in proposal.reasons],
        "lines": lines,
        "can_add_expense": accepted and target.stage in services.EXPENSE_STAGES,
        "peer_feedback": peer_feedback,
        "feedback_form": FeedbackForm()
        if accepted and peer_feedback is None and target.stage in services.FEEDBACK_STAGES
        else None,
        **extra,
    }


@login_required
def my_proposal(request, pk):
    """One proposal in the peer's space: read it, accept or decline, then its meetings, feedback, expenses."""
    proposal = access_own_proposal(request.user, pk)
    record_access(request.user, "read", proposal, "proposition d'intervention (Mon espace)", subject=request.user)
    return render(request, "interventions/my_proposal.html", _my_context(proposal))


@login_required
@require_POST
def my_answer(request, pk):
    proposal = access_own_proposal(request.user, pk)
    accept = request.POST.get("answer") == "accept"
    form = None if accept else DeclineForm(request.POST)
    if form is not None and not form.is_valid():
        return render(request, "interventions/my_proposal.html", _my_context(proposal, decline_form=form), status=400)
    try:
        services.answer_proposal(
            actor=request.user, proposal=proposal, accept=accept, reason=form.cleaned_data["reason"] if form else ""
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Merci, vous avez accepté. L'équipe vous contacte pour préparer l'intervention.")
            if accept
            else _("Votre refus est enregistré. Merci d'avoir répondu."),
        )
    return redirect("interventions:my_proposal", pk=proposal.pk)


@login_required
@require_POST
def my_feedback(request, pk):
    proposal = access_own_proposal(request.user, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.give_peer_feedback(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Merci, votre avis est enregistré."))
            return redirect("interventions:my_proposal", pk=proposal.pk)
    return render(request, "interventions/my_proposal.html", _my_context(proposal, feedback_form=form), status=400)


@login_required
def my_expense_add(request, pk):
    """The peer adds an expense line with its receipt."""
    proposal = access_own_proposal(request.user, pk)
    if proposal.status != Proposal.Status.ACCEPTED:
        raise Http404
    form = ExpenseForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_expense(actor=request.user, request=proposal.request, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Frais ajoutés. L'équipe va les vérifier."))
                return redirect("interventions:my_proposal", pk=proposal.pk)
        status = 400
    else:
        status = 200
    return render(request, "interventions/expense_form.html", {"proposal": proposal, "form": form}, status=status)
