"""Pages of intersession work and objectives. Each view checks who asks, then calls selectors and
services; the rules live there."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lms.cohorts.models import TrainingGroup
from lms.cohorts.permissions import can_lead_group, can_manage_group, groups_with_trainee_access
from lms.learning import selectors, services
from lms.learning.forms import (
    AnswerSubmissionForm,
    AssessmentForm,
    ExtensionForm,
    FeedbackForm,
    GoalForm,
    GoalReviewForm,
)
from lms.learning.models import IntermediateGoal, ObjectiveAssessment
from lms.learning.permissions import access_feedback, access_submission
from lms.people.models import User
from lms.private_files import private_file_response
from lms.security.middleware import allow_recording

KIND_SLUGS = {
    "entree": ObjectiveAssessment.Kind.ENTRY,
    "etape": ObjectiveAssessment.Kind.INTERMEDIATE,
    "finale": ObjectiveAssessment.Kind.FINAL,
}


def _group_with_records(user, group_id: int) -> TrainingGroup:
    """A group whose trainees' records the user may see (trainers, managers); 404 otherwise."""
    group = groups_with_trainee_access(user).select_related("course").filter(pk=group_id).first()
    if group is None:
        raise Http404
    return group


def _enrolled_trainee(group, trainee_id: int) -> User:
    trainee = selectors.enrolled_trainees(group).filter(pk=trainee_id).first()
    if trainee is None:
        raise Http404
    return trainee


# --- Intersession work --------------------------------------------------------------------------------


@login_required
def my_work(request):
    """The trainee's assignments and objectives; for trainers, links to their groups' tables."""
    work = selectors.remaining_work(request.user)
    groups = list(selectors.trainee_groups(request.user))
    led_groups = list(groups_with_trainee_access(request.user).select_related("course").order_by("name"))
    return render(
        request,
        "learning/my_work.html",
        {
            "open_rows": work.to_do,
            "upcoming_rows": work.upcoming,
            "done_rows": work.done,
            "groups": groups,
            "led_groups": led_groups,
        },
    )


@login_required
@allow_recording
def answer(request, assignment_id: int):
    """A trainee answers an assignment of their group: draft, submit, resubmit; sees feedback."""
    assignment = selectors.assignment_for_trainee(assignment_id, request.user)
    if assignment is None:
        raise Http404
    row = selectors.assignment_status(assignment, request.user)
    initial = {}
    if row.submission:
        initial = {"answer_form": row.submission.answer_form, "text": row.submission.text}
    form = AnswerSubmissionForm(accepted_forms=assignment.accepted_forms, initial=initial)
    if request.method == "POST":
        form = AnswerSubmissionForm(request.POST, request.FILES, accepted_forms=assignment.accepted_forms)
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            data = form.cleaned_data
            media_field = services.MEDIA_FORMS.get(data["answer_form"])
            try:
                services.save_answer(
                    assignment,
                    request.user,
                    answer_form=data["answer_form"],
                    text=data["text"],
                    upload=data.get(media_field) if media_field else None,
                    submit=submit,
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request, _("Votre travail est rendu. Merci !") if submit else _("Votre brouillon est enregistré.")
                )
                return redirect("learning:answer", assignment_id=assignment.pk)
    return render(request, "learning/answer.html", {"row": row, "assignment": assignment, "form": form})


@login_required
@allow_recording
def review(request, assignment_id: int, trainee_id: int):
    """One trainee's answer as the group's trainers see it: feedback and deadline extension."""
    assignment = selectors.get_assignment(assignment_id)
    if assignment is None:
        raise Http404
    group = _group_with_records(request.user, assignment.group_id)
    trainee = _enrolled_trainee(group, trainee_id)
    can_lead = can_lead_group(request.user, group)
    feedback_form, extension_form = FeedbackForm(prefix="feedback"), ExtensionForm(prefix="extension")
    if request.method == "POST":
        if not can_lead:
            raise PermissionDenied
        row = selectors.assignment_status(assignment, trainee)
        action = request.POST.get("action")
        try:
            if action == "feedback":
                feedback_form = FeedbackForm(request.POST, request.FILES, prefix="feedback")
                if feedback_form.is_valid():
                    if row.submission is None:
                        raise ValidationError(_("Ce travail n'a pas encore été commencé : rien à relire."))
                    services.give_feedback(
                        row.submission,
                        author=request.user,
                        text=feedback_form.cleaned_data["text"],
                        audio=feedback_form.cleaned_data["audio"],
                    )
                    messages.success(request, _("Votre retour est enregistré ; le stagiaire peut le voir."))
                    return redirect(request.path)
            elif action == "extension":
                extension_form = ExtensionForm(request.POST, prefix="extension")
                if extension_form.is_valid():
                    services.grant_extension(
                        assignment,
                        trainee,
                        extension_form.due_at(),
                        granted_by=request.user,
                        reason=extension_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Le nouveau délai est enregistré."))
                    return redirect(request.path)
        except ValidationError as error:
            (feedback_form if action == "feedback" else extension_form).add_service_errors(error)
    row = selectors.assignment_status(assignment, trainee)
    return render(
        request,
        "learning/review.html",
        {
            "assignment": assignment,
            "group": group,
            "trainee": trainee,
            "row": row,
            "can_lead": can_lead,
            "feedback_form": feedback_form,
            "extension_form": extension_form,
        },
    )


@login_required
def group_work(request, group_id: int):
    """The group × assignments table with each trainee's status."""
    group = _group_with_records(request.user, group_id)
    table = selectors.assignment_table(group)
    columns = list(zip(table.assignments, table.counts(), strict=True))
    return render(request, "learning/group_work.html", {"group": group, "table": table, "columns": columns})


def _serve(field_file, content_type: str, download_name: str):
    if not field_file:
        raise Http404
    # Recordings play in the page; other files are downloaded.
    inline = content_type.startswith(("audio/", "video/"))
    return private_file_response(field_file, download_name, as_attachment=not inline, content_type=content_type)


@require_GET
@login_required
def submission_media(request, submission_id: int):
    """The file of an answer, only for the trainee and those who see the records of its group."""
    submission = access_submission(request.user, submission_id)
    return _serve(submission.media, submission.media_type, submission.media_name)


@require_GET
@login_required
def feedback_audio(request, feedback_id: int):
    """The audio of a feedback, only for the trainee it answers and those who see the records of its group."""
    feedback = access_feedback(request.user, feedback_id)
    return _serve(feedback.audio, feedback.audio_type, "retour-audio")


# --- Objectives ----------------------------------------------------------------------------------------


@login_required
def group_objectives(request, group_id: int):
    """The trainees × objectives matrix, each cell the latest level recorded."""
    group = _group_with_records(request.user, group_id)
    matrix = selectors.objective_matrix(group)
    can_export = can_lead_group(request.user, group) or can_manage_group(request.user, group)
    return render(
        request, "learning/group_objectives.html", {"group": group, "matrix": matrix, "can_export": can_export}
    )


@require_GET
@login_required
def export_objectives(request, group_id: int):
    """CSV of positioning, intermediate goals and final evaluation (Qualiopi indicator 11)."""
    group = _group_with_records(request.user, group_id)
    if not (can_lead_group(request.user, group) or can_manage_group(request.user, group)):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="objectifs-groupe-{group.pk}.csv"'
    response.write("\ufeff")  # so that spreadsheet software reads UTF-8
    writer = csv.writer(response, delimiter=";")
    for row in selectors.export_rows(group):
        writer.writerow([_csv_safe(value) for value in row])
    return response


def _csv_safe(value: str) -> str:
    # A cell starting with a formula sign would run as a formula in a spreadsheet.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _progress_context(request, group_id: int, trainee_id: int):
    """The group and trainee of a progress page, if the asker is that trainee or sees their records."""
    if request.user.pk == trainee_id:
        group = selectors.trainee_groups(request.user).filter(pk=group_id).first()
        if group is None:
            raise Http404
        return group, request.user
    group = _group_with_records(request.user, group_id)
    return group, _enrolled_trainee(group, trainee_id)


@login_required
def trainee_objectives(request, group_id: int, trainee_id: int):
    """One trainee's progress: levels per objective, intermediate goals; trainers set and review goals."""
    group, trainee = _progress_context(request, group_id, trainee_id)
    can_lead = can_lead_group(request.user, group) and request.user.pk != trainee.pk
    objectives = selectors.course_objectives(group.course)
    goal_form = GoalForm(prefix="goal", objectives=objectives)
    review_forms = {}
    if request.method == "POST":
        if not can_lead:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action == "goal":
            goal_form = GoalForm(request.POST, prefix="goal", objectives=objectives)
            if goal_form.is_valid():
                try:
                    services.set_intermediate_goal(
                        group,
                        trainee,
                        description=goal_form.cleaned_data["description"],
                        objectives=goal_form.chosen_objectives(),
                        target_date=goal_form.cleaned_data["target_date"],
                        by=request.user,
                    )
                except ValidationError as error:
                    goal_form.add_service_errors(error)
                else:
                    messages.success(request, _("L'objectif intermédiaire est enregistré."))
                    return redirect(request.path)
        elif action.startswith("review-"):
            goal = get_object_or_404(IntermediateGoal, pk=action.removeprefix("review-"), group=group, trainee=trainee)
            form = GoalReviewForm(request.POST, prefix=f"review-{goal.pk}")
            review_forms[goal.pk] = form
            if form.is_valid():
                try:
                    services.review_intermediate_goal(
                        goal,
                        status=form.cleaned_data["status"],
                        status_date=form.cleaned_data["status_date"],
                        comment=form.cleaned_data["comment"],
                        adjusted_description=form.cleaned_data["adjusted_description"],
                        by=request.user,
                    )
                except ValidationError as error:
                    form.add_service_errors(error)
                else:
                    messages.success(request, _("Le point sur l'objectif intermédiaire est enregistré."))
                    return redirect(request.path)
    goals = selectors.intermediate_goals(group, trainee)
    goal_rows = [(goal, review_forms.get(goal.pk) or GoalReviewForm(prefix=f"review-{goal.pk}")) for goal in goals]
    return render(
        request,
        "learning/trainee_objectives.html",
        {
            "group": group,
            "trainee": trainee,
            "is_self": request.user.pk == trainee.pk,
            "can_lead": can_lead,
            "progress": selectors.trainee_progress(group, trainee),
            "goal_rows": goal_rows,
            "goal_form": goal_form,
            "kinds": KIND_SLUGS,
        },
    )


@login_required
def assess(request, group_id: int, trainee_id: int, kind_slug: str):
    """Positioning or evaluation on every objective of the course, by the trainee or the trainers."""
    kind = KIND_SLUGS.get(kind_slug)
    if kind is None:
        raise Http404
    group, trainee = _progress_context(request, group_id, trainee_id)
    is_self = request.user.pk == trainee.pk
    if not is_self and not can_lead_group(request.user, group):
        raise PermissionDenied
    assessor = ObjectiveAssessment.Assessor.SELF if is_self else ObjectiveAssessment.Assessor.TRAINERS
    progress = selectors.trainee_progress(group, trainee)
    objectives = [item.objective for item in progress]
    initial = {item.objective.pk: item.get(kind, assessor).level for item in progress if item.get(kind, assessor)}
    form = AssessmentForm(objectives=objectives, initial_levels=initial, assessor=assessor)
    if request.method == "POST":
        form = AssessmentForm(request.POST, objectives=objectives, assessor=assessor)
        if form.is_valid():
            try:
                services.record_assessments(group, trainee, kind=kind, levels=form.levels(), by=request.user)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("C'est enregistré. Merci !"))
                return redirect(reverse("learning:trainee_objectives", args=[group.pk, trainee.pk]))
    return render(
        request,
        "learning/assess.html",
        {
            "group": group,
            "trainee": trainee,
            "is_self": is_self,
            "kind": kind,
            "kind_label": ObjectiveAssessment.Kind(kind).label,
            "form": form,
            "levels": selectors.levels(assessor),
        },
    )
