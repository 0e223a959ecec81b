"""The follow-up pages: the person's plan in "Mon espace" and the regional team's follow-up list,
plan page and review. Each write goes through lms.followup.services; refusals show next to the field
(400), nothing half-saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accessibility.selectors import display_prefs_for
from lms.followup import indicators as indicator_services
from lms.followup import selectors, services
from lms.followup.forms import (
    ActionForm,
    ActionProgressForm,
    MeetingForm,
    MeetingRecordForm,
    MeetingRequestForm,
    PlanForm,
    QuestionnaireForm,
    ReturnForm,
)
from lms.followup.indicators import indicator_table
from lms.followup.models import FollowUpPlan, Meeting, PlanAction, PlanKind, Questionnaire
from lms.followup.permissions import (
    access_meeting,
    access_own_plan,
    access_plan,
    can_manage_plan,
    can_use_team_pages,
    managed_plans,
    team_region_ids,
)
from lms.people.audit import record_access
from lms.people.models import Region
from lms.private_files import private_file_response


def _save_plan(request, plan, form) -> bool:
    if not form.is_valid():
        return False
    try:
        services.update_plan(plan=plan, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error)
        return False
    return True


# --- the person ("Mon espace") ----------------------------------------------------------------


@login_required
def my_plan(request, pk):
    """The person's plan: read it, write the draft (with the team), send it for review."""
    plan = access_own_plan(request.user, pk)
    editable = plan.status == FollowUpPlan.Status.DRAFT
    form = PlanForm(request.POST or None, plan=plan, team=False) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if _save_plan(request, plan, form):
            messages.success(request, _("Votre plan est enregistré."))
            return redirect("followup:my_plan", pk=plan.pk)
    record_access(request.user, "read", plan, "plan de suivi (Mon espace)")
    context = {
        "plan": plan,
        "form": form,
        "actions": list(plan.actions.all()),
        "versions": selectors.plan_versions(plan),
        "meetings": selectors.meetings_of_plan(plan, person_view=True),
        "questionnaires": list(plan.questionnaires.order_by("due_on")),
    }
    _read_summaries(request.user, context["meetings"])
    return render(request, "followup/my_plan.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def my_plan_submit(request, pk):
    plan = access_own_plan(request.user, pk)
    try:
        services.submit_plan(plan=plan, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("followup:my_plan", pk=plan.pk)
    messages.success(request, _("Votre plan est envoyé à l'équipe. Elle va le relire."))
    return redirect("followup:my_plan", pk=plan.pk)


@login_required
def action_add(request, pk):
    """Adds an action to a referent's plan: the person on their draft, the team until validation."""
    plan = access_plan(request.user, pk)
    team = can_manage_plan(request.user, plan)
    back = "followup:plan_detail" if team else "followup:my_plan"
    form = ActionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_action(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Action ajoutée."))
            return redirect(back, pk=plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "followup/action_form.html", {"plan": plan, "form": form, "back": back}, status=status)


# --- the regional team ------------------------------------------------------------------------


@login_required
def team_plans(request):
    """The team's follow-up list: every plan of its region, with its state and alerts."""
    if not can_use_team_pages(request.user):
        raise PermissionDenied
    status = request.GET.get("statut", "")
    if status not in FollowUpPlan.Status.values:
        status = ""
    plans = selectors.team_plans(managed_plans(request.user), status=status)
    context = {"plans": plans, "status": status, "statuses": FollowUpPlan.Status.choices}
    return render(request, "followup/team_plans.html", context)


@login_required
def plan_detail(request, pk):
    """A plan for the team: its contents (editable until validated), versions, review."""
    plan = access_plan(request.user, pk, manage=True)
    editable = plan.status != FollowUpPlan.Status.VALIDATED
    form = PlanForm(request.POST or None, plan=plan, team=True) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if _save_plan(request, plan, form):
            messages.success(request, _("Plan enregistré."))
            return redirect("followup:plan_detail", pk=plan.pk)
    record_access(request.user, "read", plan, "plan de suivi (équipe)")
    context = _detail_context(plan, form=form)
    return render(request, "followup/plan_detail.html", context, status=400 if request.method == "POST" else 200)


def _detail_context(plan, *, form=None, return_form=None) -> dict:
    editable = plan.status != FollowUpPlan.Status.VALIDATED
    return {
        "plan": plan,
        "form": form or (PlanForm(plan=plan, team=True) if editable else None),
        "return_form": return_form or ReturnForm(),
        "actions": list(plan.actions.all()),
        "versions": [(version, selectors.version_rows(version)) for version in selectors.plan_versions(plan)],
        "meetings": selectors.meetings_of_plan(plan, person_view=False),
        "indicators": indicator_table(plan),
        "recorded": indicator_services.recorded_rows(plan),
    }


@login_required
@require_POST
def plan_decision(request, pk):
    """Review: send for review, validate, reopen, or return to the person with a comment."""
    plan = access_plan(request.user, pk, manage=True)
    decision = request.POST.get("decision", "")
    if decision == "return":
        return_form = ReturnForm(request.POST)
        if return_form.is_valid():
            try:
                services.return_plan(plan=plan, actor=request.user, comment=return_form.cleaned_data["comment"])
            except ValidationError as error:
                return_form.add_service_errors(error)
            else:
                messages.success(request, _("Plan renvoyé à la personne."))
                return redirect("followup:plan_detail", pk=plan.pk)
        return render(request, "followup/plan_detail.html", _detail_context(plan, return_form=return_form), status=400)
    actions = {
        "submit": (services.submit_plan, _("Plan envoyé en relecture.")),
        "validate": (services.validate_plan, _("Plan validé : cette version est conservée.")),
        "reopen": (services.reopen_plan, _("Plan rouvert : la prochaine validation fera une nouvelle version.")),
    }
    if decision not in actions:
        messages.error(request, _("Choisissez une décision."))
        return redirect("followup:plan_detail", pk=plan.pk)
    service, done = actions[decision]
    try:
        service(plan=plan, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("followup:plan_detail", pk=plan.pk)


# --- accompaniment meetings ---------------------------------------------------------------------


def _read_summaries(user, meetings, *, force: bool = False) -> None:
    """Each summary (or request) shown is a read of personal data: one audit entry per meeting."""
    for meeting in meetings:
        if meeting.summary or force:
            subject = meeting.plan.trainee if meeting.plan_id else None
            record_access(user, "read", meeting, "compte rendu", subject=subject)


@login_required
def my_meeting_request(request, pk):
    """ "Je voudrais parler avec l'équipe": the person asks for a meeting (easy to read)."""
    plan = access_own_plan(request.user, pk)
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_meeting(plan=plan, actor=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Votre demande est envoyée. L'équipe va vous proposer un rendez-vous."))
            return redirect("followup:my_plan", pk=plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "followup/meeting_request.html", {"plan": plan, "form": form}, status=status)


def _meeting_form_page(request, *, form, plan=None, meeting=None, network=None):
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scheduled = services.schedule_meeting(
                actor=request.user,
                starts_at=data["starts_at"],
                place=data["place"],
                video_url=data["video_url"],
                duration_minutes=data["duration_minutes"],
                title=data["title"],
                plan=plan,
                meeting=meeting,
                region=network["region"] if network else None,
                audience=network["audience"] if network else "",
                plans=list(data.get("plans") or []),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Rendez-vous programmé : les invitations partent par e-mail."))
            return redirect("followup:meeting_detail", pk=scheduled.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "plan": plan, "meeting": meeting, "network": network}
    return render(request, "followup/meeting_form.html", context, status=status)


@login_required
def meeting_schedule(request, pk):
    """The team schedules an individual meeting for a plan."""
    plan = access_plan(request.user, pk, manage=True)
    return _meeting_form_page(request, form=MeetingForm(request.POST or None), plan=plan)


@login_required
def meeting_schedule_request(request, pk):
    """The team gives a date to a meeting the person asked for."""

    meeting = access_meeting(request.user, pk)
    if meeting.status != Meeting.Status.REQUESTED:
        return redirect("followup:meeting_detail", pk=meeting.pk)
    record_access(request.user, "read", meeting, "demande de rendez-vous")
    return _meeting_form_page(request, form=MeetingForm(request.POST or None), plan=meeting.plan, meeting=meeting)


@login_required
def network_meeting_create(request):
    """A collective meeting of a region's peer interveners or referents."""

    if not can_use_team_pages(request.user):
        raise PermissionDenied
    audience = request.GET.get("reseau", PlanKind.INTERVENTION_PROJECT)
    if audience not in PlanKind.values:
        audience = PlanKind.INTERVENTION_PROJECT
    plans = managed_plans(request.user).filter(kind=audience).select_related("trainee", "group__territory__region")
    # The team's own region; an administrator starts from a region that has plans of this network.
    region_ids = team_region_ids(request.user) or set(plans.values_list("group__territory__region_id", flat=True))
    regions = Region.objects.filter(pk__in=region_ids) if region_ids else Region.objects.all()
    region = regions.order_by("name").first()
    if region is None:
        raise PermissionDenied
    plans = plans.filter(group__territory__region=region).order_by("trainee__last_name", "trainee__first_name")
    network = {"region": region, "audience": audience, "label": dict(PlanKind.choices)[audience]}
    form = MeetingForm(request.POST or None, network_plans=plans)
    return _meeting_form_page(request, form=form, network=network)


@login_required
def meeting_detail(request, pk):
    """A meeting for the team: when, where, who, arrangements; after it, attendance, summary, next steps."""
    meeting = access_meeting(request.user, pk)
    participants = selectors.meeting_participants(meeting)
    form = MeetingRecordForm(request.POST or None, meeting=meeting, participants=participants)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_meeting(
                meeting=meeting,
                actor=request.user,
                attended_ids={int(value) for value in form.cleaned_data["attended"]},
                summary=form.cleaned_data["summary"],
                summary_visibility=form.cleaned_data["summary_visibility"],
                next_actions=form.next_actions(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Compte rendu enregistré."))
            return redirect("followup:meeting_detail", pk=meeting.pk)
    if meeting.summary or meeting.request_message:
        _read_summaries(request.user, [meeting], force=True)
    return _meeting_page(request, meeting, participants=participants, form=form)


def _meeting_page(request, meeting, *, participants=None, form=None, status=None):
    participants = participants if participants is not None else selectors.meeting_participants(meeting)
    form = form or MeetingRecordForm(meeting=meeting, participants=participants)
    context = {
        "meeting": meeting,
        "participants": participants,
        "form": form,
        "next_actions": list(meeting.next_actions.select_related("plan__trainee")),
        "can_record": meeting.status in ("scheduled", "held"),
        "can_cancel": meeting.status in ("requested", "scheduled"),
    }
    status = status or (400 if request.method == "POST" else 200)
    return render(request, "followup/meeting_detail.html", context, status=status)


@login_required
@require_POST
def meeting_cancel(request, pk):
    """The team cancels a meeting not yet held; its participants are told by e-mail."""
    meeting = access_meeting(request.user, pk)
    try:
        services.cancel_meeting(meeting=meeting, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _meeting_page(request, meeting, status=400)
    messages.success(request, _("Rendez-vous annulé : les participants sont prévenus par e-mail."))
    return redirect("followup:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def next_action_done(request, pk, step_pk):
    """The team marks a next step of the plan done (from the plan page)."""
    plan = access_plan(request.user, pk, manage=True)
    step = plan.next_actions.filter(pk=_pk(step_pk)).first()
    if step is None:
        raise Http404
    try:
        services.complete_next_action(action=step, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        record_access(request.user, "read", plan, "plan de suivi (équipe)")
        return render(request, "followup/plan_detail.html", _detail_context(plan), status=400)
    messages.success(request, _("Étape « %(title)s » marquée comme faite.") % {"title": step.title})
    return redirect("followup:plan_detail", pk=plan.pk)


# --- follow-up indicators ------------------------------------------------------------------------


def _questionnaire_page(request, questionnaire, *, back: str):
    plan = questionnaire.plan
    indicators = indicator_services.indicators_for(plan)
    answers = {answer.indicator_id: answer for answer in questionnaire.answers.all()}
    form = QuestionnaireForm(
        request.POST or None,
        indicators=indicators,
        easy_read=display_prefs_for(request).falc,
        answers=answers,
        recorded=indicator_services.recorded_counts(plan) if questionnaire.answered_at is None else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator_services.answer_questionnaire(
                questionnaire=questionnaire, actor=request.user, values=form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Merci ! Les réponses sont enregistrées."))
            return redirect(back, pk=plan.pk)
    if answers:
        record_access(request.user, "read", questionnaire, "réponses aux indicateurs")
    context = {"questionnaire": questionnaire, "plan": plan, "form": form, "back": back}
    return render(request, "followup/questionnaire.html", context, status=400 if request.method == "POST" else 200)


@login_required
def my_questionnaire(request, pk):
    """The person answers their follow-up questionnaire (easy to read, keyboard and screen reader)."""

    questionnaire = (
        Questionnaire.objects.select_related("plan__trainee", "plan__group__territory")
        .filter(pk=_pk(pk), plan__trainee_id=request.user.pk)
        .first()
    )
    if questionnaire is None:
        raise Http404
    return _questionnaire_page(request, questionnaire, back="followup:my_plan")


@login_required
def team_questionnaire(request, pk, milestone):
    """The team enters a person's answers for a milestone, during a meeting."""

    plan = access_plan(request.user, pk, manage=True)
    try:
        questionnaire = indicator_services.open_questionnaire_for_team(
            plan=plan, milestone=milestone, actor=request.user
        )
    except ValidationError:
        raise Http404 from None
    return _questionnaire_page(request, questionnaire, back="followup:plan_detail")


def _pk(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number < 2**63:
        raise Http404
    return number


# --- a referent's actions: progress and evidence ----------------------------------------------


def _action_of(request, pk, action_pk):
    plan = access_plan(request.user, pk)
    action = plan.actions.filter(pk=_pk(action_pk)).first()
    if action is None:
        raise Http404
    return plan, action


@login_required
def action_progress(request, pk, action_pk):
    """An action's status and evidence move on, also once the plan is validated."""
    plan, action = _action_of(request, pk, action_pk)
    back = "followup:plan_detail" if can_manage_plan(request.user, plan) else "followup:my_plan"
    form = ActionProgressForm(request.POST or None, request.FILES or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_action(
                plan=plan,
                actor=request.user,
                action=PlanAction.objects.get(pk=action.pk),
                **{name: form.cleaned_data[name] for name in ActionProgressForm.Meta.fields},
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Action mise à jour."))
            return redirect(back, pk=plan.pk)
    status = 400 if request.method == "POST" else 200
    context = {"plan": plan, "form": form, "back": back, "action": action}
    return render(request, "followup/action_form.html", context, status=status)


@login_required
def action_evidence(request, pk, action_pk):
    """The evidence document of an action, for the person and their region's team only."""
    from pathlib import PurePosixPath

    plan, action = _action_of(request, pk, action_pk)
    if not action.evidence_document:
        raise Http404
    extension = PurePosixPath(action.evidence_document.name).suffix.lower()
    record_access(request.user, "read", action, "document de preuve")
    return private_file_response(action.evidence_document, f"preuve-action-{action.pk}{extension}", as_attachment=True)
