"""Pages of complaints and improvement actions: the public and Mon espace forms, trainers'
incidents, the register and its follow-up, actions and the annual review with its export."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.cohorts.models import Enrolment, TrainingGroup
from lms.cohorts.selectors import sessions_led_by
from lms.people.models import Role, User
from lms.people.selectors import has_role
from lms.security.throttle import allow_attempt, client_ip
from lms.surveys import conf, permissions, selectors
from lms.surveys import services_complaints as services
from lms.surveys.forms import (
    ActionForm,
    ActionUpdateForm,
    AnswerComplaintForm,
    CloseComplaintForm,
    IncidentForm,
    MyComplaintForm,
    PublicComplaintForm,
)
from lms.surveys.models import Complaint, ImprovementAction


def _form_page(request, template, form, context=None, status=200):
    return render(request, template, {"form": form, **(context or {})}, status=status)


def complaint_public(request):
    """The public FALC form; counted per address in the shared store, like the application form."""
    form = PublicComplaintForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if not allow_attempt(
                    scope="complaint-form",
                    key=client_ip(request),
                    limit=conf.complaint_limit_per_ip(),
                    window=conf.complaint_window(),
                ):
                    raise ValidationError(
                        _(
                            "Trop de réclamations ont été envoyées depuis votre connexion. Réessayez dans une heure, "
                            "ou écrivez à votre équipe régionale."
                        )
                    )
                services.file_complaint(
                    actor=request.user if request.user.is_authenticated else None,
                    channel=Complaint.Channel.PUBLIC_FORM,
                    category=data["category"],
                    description=data["description"],
                    region=data["region"],
                    name=data["name"],
                    email=data["email"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return redirect("surveys:complaint_thanks")
        return _form_page(request, "surveys/complaint_form.html", form, {"public": True}, status=400)
    return _form_page(request, "surveys/complaint_form.html", form, {"public": True})


def complaint_thanks(request):
    return render(request, "surveys/complaint_thanks.html")


@login_required
def complaint_mine(request):
    """From Mon espace: a complaint about one of the person's groups, signed with their account."""
    groups = TrainingGroup.objects.filter(
        enrolments__trainee=request.user, enrolments__status=Enrolment.Status.ENROLLED
    ).distinct()
    form = MyComplaintForm(request.POST or None, groups=groups)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.file_complaint(
                    actor=request.user,
                    channel=Complaint.Channel.MY_SPACE,
                    category=form.cleaned_data["category"],
                    description=form.cleaned_data["description"],
                    group=form.cleaned_data["group"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return redirect("surveys:complaint_thanks")
        return _form_page(request, "surveys/complaint_form.html", form, {"public": False}, status=400)
    return _form_page(request, "surveys/complaint_form.html", form, {"public": False})


@login_required
def incident_new(request):
    """A trainer or peer trainer records an incident of a session they lead."""
    if not has_role(request.user, Role.TRAINER, Role.PEER_TRAINER):
        raise Http404
    sessions = sessions_led_by(request.user).select_related("session_page")
    form = IncidentForm(request.POST or None, sessions=sessions)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_incident(
                    actor=request.user,
                    session=data["session"],
                    category=data["category"],
                    severity=data["severity"],
                    description=data["description"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("L'incident est enregistré ; l'équipe régionale le suit."))
                return redirect("surveys:incident_new")
        return _form_page(request, "surveys/incident_form.html", form, status=400)
    return _form_page(request, "surveys/incident_form.html", form)


@login_required
def complaints(request):
    if not permissions.can_use_register(request.user):
        raise Http404
    rows = list(selectors.complaints_register(permissions.visible_complaints(request.user)))
    return render(request, "surveys/complaints.html", {"complaints": rows, "today": timezone.localdate()})


@login_required
def complaint_detail(request, pk):
    complaint = permissions.access_complaint(request.user, pk)
    can_manage = permissions.manageable_regions(request.user).filter(pk=complaint.region_id).exists()
    identity = None
    if can_manage and request.GET.get("identite") == "1":
        identity = services.read_complainant(complaint=complaint, actor=request.user)
    return render(
        request,
        "surveys/complaint_detail.html",
        {
            "complaint": complaint,
            "can_manage": can_manage,
            "identity": identity,
            "answer_form": AnswerComplaintForm(),
            "close_form": CloseComplaintForm(),
            "actions": list(complaint.actions.select_related("owner")),
            "today": timezone.localdate(),
        },
    )


def _detail_context(complaint, **extra) -> dict:
    return {
        "complaint": complaint,
        "can_manage": True,
        "identity": None,
        "answer_form": AnswerComplaintForm(),
        "close_form": CloseComplaintForm(),
        "actions": list(complaint.actions.select_related("owner")),
        "today": timezone.localdate(),
        **extra,
    }


STEPS = {"accuser-reception", "repondre", "clore"}


@login_required
def complaint_step(request, pk, step):
    """POST: acknowledge, answer or close (the regional team of the complaint's region)."""
    if request.method != "POST" or step not in STEPS:
        raise Http404
    complaint = permissions.access_complaint(request.user, pk, manage=True)
    answer_form = AnswerComplaintForm(request.POST if step == "repondre" else None)
    close_form = CloseComplaintForm(request.POST if step == "clore" else None)
    form = close_form if step == "clore" else answer_form
    try:
        if step == "accuser-reception":
            services.acknowledge(complaint=complaint, actor=request.user)
        elif step == "repondre" and answer_form.is_valid():
            services.answer_complaint(
                complaint=complaint, actor=request.user, answer=answer_form.cleaned_data["answer"]
            )
        elif step == "clore" and close_form.is_valid():
            services.close_complaint(
                complaint=complaint, actor=request.user, satisfaction=close_form.cleaned_data["satisfaction"]
            )
        elif form.is_bound:
            raise ValidationError(_("Le formulaire contient des erreurs."))
    except ValidationError as error:
        step_errors = []
        if not form.is_bound:
            step_errors = error.messages
        elif not form.errors:
            form.add_service_errors(error)
        context = _detail_context(complaint, answer_form=answer_form, close_form=close_form, step_errors=step_errors)
        return render(request, "surveys/complaint_detail.html", context, status=400)
    messages.success(request, _("Réclamation mise à jour : %(status)s.") % {"status": _status(complaint)})
    return redirect("surveys:complaint_detail", pk=complaint.pk)


def _status(complaint) -> str:
    complaint.refresh_from_db(fields=["status"])
    return complaint.get_status_display()


# --- Improvement actions ------------------------------------------------------------------------------


def _action_form(request, data=None, initial=None):
    regions = permissions.manageable_regions(request.user)
    owners = User.objects.filter(
        Q(pk=request.user.pk) | Q(is_active=True, role_assignments__region__in=regions)
    ).distinct()
    return ActionForm(
        data,
        initial=initial,
        complaints=permissions.visible_complaints(request.user).filter(region__in=regions),
        campaigns=permissions.visible_campaigns(request.user).select_related("template", "group"),
        regions=regions,
        owners=owners,
    )


@login_required
def actions(request):
    if not permissions.can_use_register(request.user):
        raise Http404
    rows = list(
        permissions.visible_actions(request.user)
        .select_related("owner", "complaint", "campaign__template", "region")
        .order_by("status", "due_on", "pk")
    )
    return render(
        request,
        "surveys/actions.html",
        {
            "actions": rows,
            "can_create": permissions.manageable_regions(request.user).exists(),
            "year": timezone.localdate().year,
        },
    )


@login_required
def action_new(request):
    if not permissions.manageable_regions(request.user).exists():
        raise Http404
    initial = {"owner": request.user.pk}
    complaint_id = request.GET.get("reclamation")
    if complaint_id:
        complaint = permissions.access_complaint(request.user, complaint_id, manage=True)
        initial.update(
            source=ImprovementAction.Source.COMPLAINT,
            complaint=complaint.pk,
            region=complaint.region_id,
            finding=complaint.description,
        )
    form = _action_form(request, request.POST or None, initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                action = services.create_action(
                    actor=request.user,
                    region=data["region"],
                    source=data["source"],
                    finding=data["finding"],
                    decision=data["decision"],
                    title=data["title"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    complaint=data["complaint"],
                    campaign=data["campaign"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Action d'amélioration enregistrée."))
                return redirect("surveys:action_detail", pk=action.pk)
        return _form_page(request, "surveys/action_form.html", form, status=400)
    return _form_page(request, "surveys/action_form.html", form)


@login_required
def action_detail(request, pk):
    action = permissions.access_action(request.user, pk)
    can_manage = permissions.manageable_regions(request.user).filter(pk=action.region_id).exists()
    form = ActionUpdateForm(
        request.POST or None, initial={"status": action.status, "effectiveness": action.effectiveness}
    )
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            try:
                services.update_action(
                    action=action,
                    actor=request.user,
                    status=form.cleaned_data["status"],
                    effectiveness=form.cleaned_data["effectiveness"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Action mise à jour."))
                return redirect("surveys:action_detail", pk=action.pk)
        status = 400
    return render(
        request, "surveys/action_detail.html", {"action": action, "form": form, "can_manage": can_manage}, status=status
    )


def _year(request) -> int:
    try:
        year = int(request.GET.get("annee", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _review(request):
    if not permissions.can_use_register(request.user):
        raise Http404
    return selectors.annual_review(
        complaints=permissions.visible_complaints(request.user),
        actions=permissions.visible_actions(request.user),
        campaigns=permissions.visible_campaigns(request.user),
        year=_year(request),
    )


@login_required
def annual_review(request):
    return render(request, "surveys/review.html", {"review": _review(request)})


@login_required
def annual_review_export(request):
    """The review's chain as CSV (UTF-8 with BOM, ";"): no complainant's identity."""
    review = _review(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="revue-qualite-{review["year"]}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Catégorie"), str(review["year"]), str(review["year"] - 1)])
    for row in review["trend"]:
        writer.writerow([row["category"], row["count"], row["previous"]])
    writer.writerow([])
    writer.writerow(
        [
            _("Origine"),
            _("Constat"),
            _("Décision"),
            _("Action"),
            _("Responsable"),
            _("Échéance"),
            _("Statut"),
            _("Résultat"),
        ]
    )
    for action in review["actions"]:
        writer.writerow(
            [
                action.get_source_display(),
                action.finding,
                action.decision,
                action.title,
                action.owner.get_full_name(),
                action.due_on.isoformat(),
                action.get_status_display(),
                action.effectiveness,
            ]
        )
    return response
