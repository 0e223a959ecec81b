"""The calls-for-tenders pages: the public list of open calls and a call's page, the organisations'
registration form, bid form and receipts, the national specification, and the regional team's
calls (publication, kit check, scoring, consolidation, the award's sensitivity to the weights, award,
letters). Each write goes through
lms.tenders.services; refusals show next to the field (400), nothing half-saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.people.audit import record_access
from lms.people.models import Region
from lms.security.throttle import allow_attempt, client_ip
from lms.tenders import ocds, selectors, services
from lms.tenders.forms import (
    ADDED_ROWS,
    LOT_ROWS,
    AbandonForm,
    AnswerForm,
    BidForm,
    CallForm,
    ConsolidationForm,
    DeclarationForm,
    QuestionForm,
    RegistrationForm,
    RequirementForm,
    ScoreForm,
)
from lms.tenders.models import Criterion, Declaration, PriceLine, Registration, Score
from lms.tenders.pdf import abandonment_letter, analysis_report, letter
from lms.tenders.permissions import (
    _int_or_404,
    access_abandonment_letter_bid,
    access_buyer_bid,
    access_letter_bid,
    access_lot_for_bid,
    access_own_bid,
    access_public_call,
    access_question,
    access_team_call,
    bidder_organisations,
    call_region_ids,
    can_abandon_call,
    can_ask_questions,
    can_bid,
    can_create_calls,
    can_edit_specification,
    can_evaluate,
    can_manage_call,
    can_use_team_pages,
    is_open_for_bids,
    is_sealed,
    visible_calls,
)

REGISTRATION_LIMIT_PER_IP = 5
REGISTRATION_WINDOW = 60 * 60


# --- public --------------------------------------------------------------------------------------


def public_calls(request):
    return render(
        request, "tenders/public_calls.html", {"calls": selectors.open_calls(), "can_bid": can_bid(request.user)}
    )


def public_call(request, pk):
    call = access_public_call(pk)
    context = {
        "call": call,
        "lots": selectors.call_lots(call),
        "criteria": list(call.criteria.all()),
        "requirements": services.requirements_of(call),
        "open": is_open_for_bids(call),
        "can_bid": can_bid(request.user),
        "answers": selectors.published_answers(call),
        "question_form": QuestionForm() if can_ask_questions(request.user, call) else None,
        "abandoned": call.status == call.Status.ABANDONED,
    }
    return render(request, "tenders/public_call.html", context)


def public_call_ocds(request, pk):
    """The call's OCDS 1.1 release package, open data for anyone (drafts: 404)."""
    call = access_public_call(pk)
    response = JsonResponse(ocds.release_package(call), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="appel-{call.pk}-ocds.json"'
    return response


@login_required
@require_POST
def ask_question(request, pk):
    call = access_public_call(pk)
    if not can_bid(request.user):
        raise Http404
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.ask_question(actor=request.user, call=call, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Question envoyée : la réponse sera publiée sur cette page pour tous."))
    else:
        messages.error(request, _("Écrivez votre question."))
    return redirect("tenders:public_call", pk=call.pk)


@login_required
@require_POST
def answer_question(request, pk):
    question = access_question(request.user, pk)
    form = AnswerForm(request.POST, question=question)
    if form.is_valid():
        try:
            services.answer_question(actor=request.user, question=question, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Réponse publiée pour tous les organismes."))
    else:
        messages.error(request, _("Écrivez la réponse."))
    return redirect("tenders:call_manage", pk=question.call_id)


def register(request):
    """An organisation asks to answer calls; no login needed, counted per address."""
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                if not allow_attempt(
                    scope="tenders-registration", key=client_ip(request), limit=REGISTRATION_LIMIT_PER_IP,
                    window=REGISTRATION_WINDOW,
                ):  # fmt: skip
                    raise ValidationError(
                        _("Trop d'inscriptions ont été envoyées depuis votre connexion. Réessayez dans une heure.")
                    )
                services.register_organisation(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return redirect("tenders:register_thanks")
        return render(request, "tenders/register.html", {"form": form}, status=400)
    return render(request, "tenders/register.html", {"form": form})


def register_thanks(request):
    return render(request, "tenders/register_thanks.html")


# --- the national specification ------------------------------------------------------------------


@login_required
def specification(request):
    if not can_edit_specification(request.user):
        raise PermissionDenied
    form = RequirementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_requirement(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Exigence enregistrée dans la version en préparation."))
            return redirect("tenders:specification")
    published = services.latest_specification()
    draft = services.draft_specification()
    context = {
        "form": form,
        "published": published,
        "published_requirements": list(published.requirements.all()) if published else [],
        "draft": draft,
        "draft_requirements": list(draft.requirements.all()) if draft else [],
    }
    return render(request, "tenders/specification.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def specification_publish(request):
    if not can_edit_specification(request.user):
        raise PermissionDenied
    try:
        version = services.publish_specification(actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Version %(version)s publiée.") % {"version": version.version})
    return redirect("tenders:specification")


# --- the regional team ---------------------------------------------------------------------------


@login_required
def team_calls(request):
    if not can_use_team_pages(request.user):
        raise PermissionDenied
    can_validate = can_create_calls(request.user)
    context = {
        "calls": selectors.team_calls(visible_calls(request.user)),
        "can_create": can_validate,
        "registrations": list(selectors.pending_registrations(call_region_ids(request.user))) if can_validate else [],
    }
    return render(request, "tenders/team_calls.html", context)


def _regions_for(user):
    ids = call_region_ids(user)
    return Region.objects.order_by("name") if ids is None else Region.objects.filter(pk__in=ids).order_by("name")


@login_required
def call_create(request):
    if not can_create_calls(request.user):
        raise PermissionDenied
    form = CallForm(request.POST or None, regions=_regions_for(request.user))
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            lots = [
                services.LotInput(course=data[f"lot_course_{i}"], territory=data[f"lot_territory_{i}"])
                for i in range(1, LOT_ROWS + 1)
                if data.get(f"lot_course_{i}") and data.get(f"lot_territory_{i}")
            ]
            try:
                call = services.create_call(
                    actor=request.user, region=data["region"], title=data["title"], procedure=data["procedure"],
                    publication_date=data["publication_date"], questions_deadline=data["questions_deadline"],
                    submission_deadline=data["submission_deadline"], award_date=data["award_date"],
                    start_date=data["start_date"], lots=lots,
                    weights=[data[name] for name in form.fields if name.startswith("weight_")],
                    added_requirements=[
                        (data.get(f"added_code_{i}", ""), data.get(f"added_wording_{i}", ""))
                        for i in range(1, ADDED_ROWS + 1)
                    ],
                )  # fmt: skip
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for key, target in (("lots", "lot_course_1"), ("weights", "weight_0"),
                                        ("added_requirements", "added_code_1")):  # fmt: skip
                        if key in error.error_dict:
                            error.error_dict[target] = error.error_dict.pop(key)
                form.add_service_errors(error)
            else:
                messages.success(request, _("Appel d'offres enregistré. Relisez-le avant de le publier."))
                return redirect("tenders:call_manage", pk=call.pk)
        return render(request, "tenders/call_form.html", {"form": form}, status=400)
    return render(request, "tenders/call_form.html", {"form": form})


@login_required
def call_manage(request, pk):
    call = access_team_call(request.user, pk)
    lots = selectors.call_lots(call)
    criteria = list(call.criteria.all())
    sealed = is_sealed(call)
    bids = [] if sealed else selectors.lot_bids(call)
    scoring = [] if sealed else selectors.scoring_bids(call)
    quality = [criterion for criterion in criteria if criterion.kind == Criterion.Kind.QUALITY]
    declared = Declaration.objects.filter(call=call, evaluator=request.user).exists()
    my_scored = set(
        Score.objects.filter(bid__lot__call=call, evaluator=request.user).values_list("bid_id", flat=True).distinct()
    )
    consolidated = {bid.pk for bid in scoring if bid.consolidations.all()}
    lot_rows = []
    for lot in lots:
        lot_rows.append(
            {
                "lot": lot,
                "bids": [bid for bid in bids if bid.lot_id == lot.pk],
                "ranking": selectors.ranking(lot, criteria, scoring) if not sealed else [],
            }
        )
    context = {
        "call": call,
        "can_abandon": can_abandon_call(request.user, call, lots),
        "lot_rows": lot_rows,
        "criteria": criteria,
        "quality": quality,
        "requirements": services.requirements_of(call),
        "sealed": sealed,
        "manage": can_manage_call(request.user, call),
        "evaluator": can_evaluate(request.user, call) and not sealed,
        "declared": declared,
        "my_scored": my_scored,
        "consolidated": consolidated,
        "declaration_form": DeclarationForm(),
        "questions": [(question, AnswerForm(question=question)) for question in selectors.waiting_questions(call)]
        if can_manage_call(request.user, call)
        else [],
        "answers": selectors.published_answers(call),
    }
    return render(request, "tenders/call_manage.html", context)


def _post_on_call(request, pk, action, success):
    call = access_team_call(request.user, pk, manage=True)
    try:
        action(call)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("tenders:call_manage", pk=call.pk)


@login_required
@require_POST
def call_publish(request, pk):
    return _post_on_call(
        request, pk, lambda call: services.publish_call(actor=request.user, call=call), _("Appel d'offres publié.")
    )


@login_required
def call_abandon(request, pk):
    """The team declares its published call abandoned, with the reason the bidders will read."""
    call = access_team_call(request.user, pk, manage=True)
    form = AbandonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.abandon_call(actor=request.user, call=call, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _(
                    "Appel d'offres déclaré sans suite. Les organismes qui ont déposé une offre sont prévenus "
                    "par e-mail."
                ),
            )
            return redirect("tenders:call_manage", pk=call.pk)
    context = {"call": call, "form": form, "allowed": can_abandon_call(request.user, call, selectors.call_lots(call))}
    return render(request, "tenders/call_abandon.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def call_compliance(request, pk):
    return _post_on_call(
        request, pk, lambda call: services.run_compliance(actor=request.user, call=call),
        _("Conformité vérifiée : les offres non conformes sont écartées avec leurs motifs."),
    )  # fmt: skip


@login_required
@require_POST
def call_declare(request, pk):
    call = access_team_call(request.user, pk, manage=True)
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cochez la déclaration d'absence de conflit d'intérêts pour noter les offres."))
        return redirect("tenders:call_manage", pk=call.pk)
    try:
        services.declare_no_conflict(actor=request.user, call=call)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Déclaration enregistrée : vous pouvez noter les offres."))
    return redirect("tenders:call_manage", pk=call.pk)


@login_required
@require_POST
def lot_award(request, pk, lot_pk):
    call = access_team_call(request.user, pk, manage=True)
    lot = call.lots.select_related("course", "territory").filter(pk=_int_or_404(lot_pk)).first()
    if lot is None:
        raise Http404
    criteria = list(call.criteria.all())
    try:
        group = services.award_lot(
            actor=request.user, lot=lot, ranking=selectors.ranking(lot, criteria, selectors.scoring_bids(call))
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Lot attribué : le groupe « %(name)s » est créé.") % {"name": group.name})
    return redirect("tenders:call_manage", pk=call.pk)


@login_required
def bid_score(request, pk):
    bid = access_buyer_bid(request.user, pk, evaluate=True)
    call = bid.lot.call
    criteria = list(call.criteria.filter(kind=Criterion.Kind.QUALITY))
    mine = {
        score.criterion_id: (score.mark, score.justification)
        for score in Score.objects.filter(bid=bid, evaluator=request.user)
    }
    form = ScoreForm(request.POST or None, criteria=criteria, initial_scores=mine)
    if request.method == "POST" and form.is_valid():
        try:
            services.score_bid(actor=request.user, bid=bid, marks=form.marks())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Notes enregistrées."))
            return redirect("tenders:call_manage", pk=call.pk)
    record_access(request.user, "read", bid, "offre lue pour notation")
    results = list(bid.compliance_results.select_related("requirement"))
    context = {"bid": bid, "call": call, "form": form, "results": results}
    return render(request, "tenders/bid_score.html", context, status=400 if form.errors else 200)


@login_required
def bid_consolidate(request, pk):
    """The regional team puts the evaluators' scores side by side and records the consolidated marks."""
    bid = access_buyer_bid(request.user, pk, evaluate=True)
    call = bid.lot.call
    lines = selectors.consolidation_sheet(bid)
    form = ConsolidationForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            services.consolidate_bid(actor=request.user, bid=bid, marks=form.marks())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("Notes consolidées de l'offre de %(name)s enregistrées.") % {"name": bid.organisation.name}
            )
            return redirect("tenders:call_manage", pk=call.pk)
    record_access(request.user, "read", bid, "notes des évaluateurs lues pour consolidation")
    items = [(line, form[f"mark_{line.criterion.pk}"], form[f"justification_{line.criterion.pk}"]) for line in lines]
    evaluators = {score.evaluator_id: score.evaluator for line in lines for score in line.scores}
    context = {
        "bid": bid,
        "call": call,
        "form": form,
        "items": items,
        "evaluator_count": len(evaluators),
        "open": call.status == call.Status.PUBLISHED and not bid.lot.awarded_bid_id,
    }
    return render(request, "tenders/bid_consolidate.html", context, status=400 if form.errors else 200)


@login_required
def lot_sensitivity(request, pk, lot_pk):
    """How far the lot's award stands from a change of each criterion's weight (consolidated marks)."""
    call = access_team_call(request.user, pk)
    if is_sealed(call):
        raise Http404
    lot = call.lots.select_related("course", "territory").filter(pk=_int_or_404(lot_pk)).first()
    if lot is None:
        raise Http404
    criteria = list(call.criteria.all())
    rows = selectors.ranking(lot, criteria)
    context = {"call": call, "lot": lot, "result": selectors.lot_sensitivity(lot, criteria, rows)}
    return render(request, "tenders/lot_sensitivity.html", context)


@login_required
@require_POST
def registration_decision(request, pk):
    if not can_create_calls(request.user):
        raise PermissionDenied
    ids = call_region_ids(request.user)
    registrations = Registration.objects.filter(pk=_int_or_404(pk))
    registration = (registrations if ids is None else registrations.filter(region_id__in=ids)).first()
    if registration is None:
        raise Http404
    accept = request.POST.get("decision") == "accept"
    try:
        services.decide_registration(actor=request.user, registration=registration, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Inscription de « %(name)s » validée.") % {"name": registration.name}
            if accept
            else _("Inscription de « %(name)s » refusée.") % {"name": registration.name},
        )
    return redirect("tenders:team_calls")


# --- organisations -------------------------------------------------------------------------------


@login_required
def bid_form(request, pk, lot_pk):
    lot = access_lot_for_bid(request.user, pk, lot_pk)
    organisations = bidder_organisations(request.user).order_by("name")
    form = BidForm(request.POST or None, organisations=organisations)
    context = {"lot": lot, "call": lot.call, "form": form, "open": is_open_for_bids(lot.call)}
    if request.method == "POST":
        if form.is_valid():
            schedule = form.schedule()
            if not form.errors:
                data = form.cleaned_data
                try:
                    bid = services.submit_bid(
                        actor=request.user, lot=lot, organisation=data["organisation"],
                        technical_proposal=data["technical_proposal"], price=data["price"],
                        price_breakdown=form.price_breakdown(), group_size=data["group_size"], team=form.team(),
                        accessibility_means=data["accessibility_means"], schedule=schedule,
                    )  # fmt: skip
                except ValidationError as error:
                    if hasattr(error, "error_dict"):
                        for key, target in (
                            ("team", "team_name_1"),
                            ("schedule", "session_date_1"),
                            ("price_breakdown", f"price_{PriceLine.ENGINEERING}"),
                        ):
                            if key in error.error_dict:
                                error.error_dict[target] = error.error_dict.pop(key)
                    form.add_service_errors(error)
                else:
                    messages.success(request, _("Offre déposée. Gardez votre accusé de réception."))
                    return redirect("tenders:my_bid", pk=bid.pk)
        return render(request, "tenders/bid_form.html", context, status=400)
    return render(request, "tenders/bid_form.html", context)


@login_required
def my_bids(request):
    if not can_bid(request.user):
        raise PermissionDenied
    return render(
        request, "tenders/my_bids.html", {"bids": selectors.organisation_bids(bidder_organisations(request.user))}
    )


@login_required
def my_bid(request, pk):
    bid = access_own_bid(request.user, pk)
    context = {
        "bid": bid,
        "open": is_open_for_bids(bid.lot.call) and bid.status == bid.Status.SUBMITTED,
        "abandoned": bid.lot.call.status == bid.lot.call.Status.ABANDONED and bid.status == bid.Status.SUBMITTED,
    }
    return render(request, "tenders/my_bid.html", context)


@login_required
@require_POST
def bid_withdraw(request, pk):
    bid = access_own_bid(request.user, pk)
    try:
        services.withdraw_bid(actor=request.user, bid=bid)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Offre retirée."))
    return redirect("tenders:my_bid", pk=bid.pk)


@login_required
def bid_letter(request, pk):
    """The award or rejection letter of a bid, once its lot is awarded."""
    bid = access_letter_bid(request.user, pk)
    call = bid.lot.call
    criteria = list(call.criteria.all())
    rows = selectors.ranking(bid.lot, criteria, selectors.scoring_bids(call))
    content = letter(bid, rows, results=list(bid.compliance_results.select_related("requirement")))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lettre-offre-{bid.pk}.pdf"'
    return response


@login_required
def bid_abandonment_letter(request, pk):
    """The letter telling a bidder that the call was declared abandoned, and why."""
    bid = access_abandonment_letter_bid(request.user, pk)
    response = HttpResponse(abandonment_letter(bid), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lettre-sans-suite-{bid.pk}.pdf"'
    return response


@login_required
def call_report(request, pk):
    """The analysis report PDF, for the buyer's side once the bids are unsealed."""
    call = access_team_call(request.user, pk)
    if is_sealed(call):
        raise Http404
    criteria = list(call.criteria.all())
    bids = selectors.lot_bids(call)
    scoring = selectors.scoring_bids(call)
    lot_rows = [
        {
            "lot": lot,
            "bids": [bid for bid in bids if bid.lot_id == lot.pk],
            "ranking": selectors.ranking(lot, criteria, scoring),
        }
        for lot in selectors.call_lots(call)
    ]
    record_access(request.user, "read", call, "rapport d'analyse des offres")
    response = HttpResponse(analysis_report(call, lot_rows), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rapport-analyse-{call.pk}.pdf"'
    return response
