"""Writes on intersession work and objective assessments, with the rules enforced and French errors."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from courses.models import Audience, ObjectiveScope
from lms.bounds import date_error
from lms.cohorts.permissions import can_lead_group
from lms.learning.models import (
    AnswerForm,
    Assignment,
    DeadlineExtension,
    Feedback,
    IntermediateGoal,
    Level,
    ObjectiveAssessment,
    Submission,
)
from lms.learning.selectors import course_objectives, is_enrolled
from lms.learning.uploads import check_upload

MEDIA_FORMS = {AnswerForm.FILE: "file", AnswerForm.AUDIO: "audio", AnswerForm.VIDEO: "video"}


# --- Assignments, derived from the schedule ---------------------------------------------------------


def _session_start(session) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(session.date, session.start_time))


@transaction.atomic
def sync_group_assignments(group) -> list[Assignment]:
    """Makes the group's assignments match its schedule: one per scheduled session whose curriculum
    session has an intersession task, due at the start of the group's next session on a later day.
    Assignments that no longer match are removed unless a trainee has already answered."""
    sessions = list(group.scheduled_sessions.select_related("session_page").order_by("date", "start_time", "pk"))
    kept = []
    for index, session in enumerate(sessions):
        if not session.session_page.has_intersession_task:
            continue
        following = next((later for later in sessions[index + 1 :] if later.date > session.date), None)
        due_at = _session_start(following) if following else None
        assignment, created = Assignment.objects.get_or_create(
            group=group, scheduled_session=session, defaults={"due_at": due_at}
        )
        if not created and assignment.due_at != due_at:
            assignment.due_at = due_at
            assignment.save(update_fields=["due_at"])
        kept.append(assignment)
    Assignment.objects.filter(group=group).exclude(pk__in=[a.pk for a in kept]).filter(
        submissions__isnull=True
    ).delete()
    return kept


def _check_leader(user, group, message: str) -> None:
    if not can_lead_group(user, group):
        raise PermissionDenied(message)


def _check_enrolled(trainee, group, message: str = _("Cette personne n'est pas inscrite dans ce groupe.")) -> None:
    if not is_enrolled(trainee, group):
        raise ValidationError(message)


# Deadlines, goals and reviews stay within the training: from a little before the group starts to some
# months after it ends (follow-up), or around today for a group without dates.
TRAINING_WINDOW_MARGIN_DAYS = 183


def training_window_start(group) -> datetime.date:
    start = group.start_date or timezone.localdate() - datetime.timedelta(days=366)
    return start - datetime.timedelta(days=TRAINING_WINDOW_MARGIN_DAYS)


def training_window_end(group) -> datetime.date:
    end = group.end_date or timezone.localdate() + datetime.timedelta(days=366)
    return end + datetime.timedelta(days=TRAINING_WINDOW_MARGIN_DAYS)


@transaction.atomic
def grant_extension(assignment: Assignment, trainee, due_at: datetime.datetime, *, granted_by, reason: str = ""):
    """Gives one trainee a later deadline for one assignment (replacing an earlier extension)."""
    _check_leader(granted_by, assignment.group, _("Seuls les formateurs du groupe peuvent accorder un délai."))
    _check_enrolled(trainee, assignment.group)
    if due_at is None:
        raise ValidationError({"due_at": _("Indiquez la nouvelle date limite.")})
    if assignment.due_at and due_at <= assignment.due_at:
        limit = timezone.localtime(assignment.due_at)
        raise ValidationError(
            {
                "due_at": _("La nouvelle date limite doit être après celle du groupe (%(limit)s).")
                % {"limit": format(limit, "%d/%m/%Y à %H:%M")}
            }
        )
    window_error = date_error(
        due_at, latest=training_window_end(assignment.group), what=gettext("La nouvelle date limite")
    )
    if window_error:
        raise ValidationError({"due_at": window_error})
    if Submission.objects.filter(assignment=assignment, trainee=trainee, status=Submission.Status.REVIEWED).exists():
        raise ValidationError(_("Ce travail est déjà relu : un délai supplémentaire n'a plus de sens."))
    extension, _created = DeadlineExtension.objects.update_or_create(
        assignment=assignment,
        trainee=trainee,
        defaults={"due_at": due_at, "reason": reason.strip(), "granted_by": granted_by},
    )
    return extension


# --- Answers ----------------------------------------------------------------------------------------


@transaction.atomic
def save_answer(
    assignment: Assignment,
    trainee,
    *,
    answer_form: str,
    text: str = "",
    upload=None,
    submit: bool,
) -> Submission:
    """Saves a trainee's answer as a draft, or submits it (again, until it is reviewed)."""
    _check_enrolled(trainee, assignment.group, _("Vous n'êtes pas inscrit dans le groupe de ce travail."))
    if answer_form not in AnswerForm.values:
        raise ValidationError({"answer_form": _("Choisissez comment vous rendez votre travail.")})
    if answer_form not in assignment.accepted_forms:
        accepted = ", ".join(str(AnswerForm(value).label).lower() for value in assignment.accepted_forms)
        raise ValidationError(
            {
                "answer_form": _(
                    "Ce travail ne peut pas être rendu sous la forme « %(label)s ». Formes acceptées : %(accepted)s."
                )
                % {"label": AnswerForm(answer_form).label, "accepted": accepted}
            }
        )
    submission = Submission.objects.select_for_update().filter(
        assignment=assignment, trainee=trainee
    ).first() or Submission(assignment=assignment, trainee=trainee)
    if submission.status == Submission.Status.REVIEWED:
        raise ValidationError(_("Votre travail a déjà été relu par les formateurs : il ne peut plus être modifié."))
    if submission.status == Submission.Status.SUBMITTED and not submit:
        raise ValidationError(
            _(
                "Votre travail est déjà rendu : il ne peut pas redevenir un brouillon. "
                "Vous pouvez le rendre à nouveau tant qu'il n'est pas relu."
            )
        )
    text = (text or "").strip()
    if answer_form == AnswerForm.TEXT and not text:
        raise ValidationError({"text": _("Écrivez votre réponse avant de l'enregistrer.")})
    media_kind = MEDIA_FORMS.get(answer_form)
    keeps_media = bool(submission.media) and submission.answer_form == answer_form
    checked = None
    if media_kind:
        if upload:
            try:
                checked = check_upload(upload, media_kind)
            except ValidationError as error:
                raise ValidationError({media_kind: error.messages}) from error
        elif not keeps_media:
            raise ValidationError({media_kind: _missing_media_message(media_kind)})
    if submission.media and (checked or not media_kind):
        submission.media.delete(save=False)
        submission.media_name, submission.media_type, submission.media_size = "", "", 0
    if checked:
        submission.media.save(upload.name, upload, save=False)
        submission.media_name = upload.name[:255]
        submission.media_type = checked.content_type
        submission.media_size = checked.size
    submission.answer_form = answer_form
    submission.text = text
    if submit:
        submission.status = Submission.Status.SUBMITTED
        submission.submitted_at = timezone.now()
        submission.submission_count += 1
    else:
        submission.status = Submission.Status.DRAFT
    submission.save()
    return submission


def _missing_media_message(kind: str) -> str:
    return {
        "file": _("Choisissez le fichier à rendre."),
        "audio": _("Enregistrez ou choisissez votre enregistrement audio."),
        "video": _("Enregistrez ou choisissez votre vidéo."),
    }[kind]


@transaction.atomic
def give_feedback(submission: Submission, *, author, text: str = "", audio=None) -> Feedback:
    """A trainer's or peer trainer's feedback (text and/or audio); the submission becomes reviewed."""
    _check_leader(author, submission.assignment.group, _("Seuls les formateurs du groupe peuvent donner un retour."))
    if submission.status == Submission.Status.DRAFT:
        raise ValidationError(_("Ce travail n'a pas encore été rendu : vous ne pouvez pas encore donner de retour."))
    text = (text or "").strip()
    if not text and not audio:
        raise ValidationError({"text": _("Écrivez un retour ou joignez un enregistrement audio.")})
    feedback = Feedback(submission=submission, author=author, text=text)
    if audio:
        try:
            checked = check_upload(audio, "audio")
        except ValidationError as error:
            raise ValidationError({"audio": error.messages}) from error
        feedback.audio.save(audio.name, audio, save=False)
        feedback.audio_type, feedback.audio_size = checked.content_type, checked.size
    feedback.save()
    if submission.status != Submission.Status.REVIEWED:
        submission.status = Submission.Status.REVIEWED
        submission.reviewed_at = timezone.now()
        submission.save(update_fields=["status", "reviewed_at", "updated_at"])
    transaction.on_commit(lambda: _notify_feedback(feedback.pk))
    return feedback


def _notify_feedback(feedback_id: int) -> None:
    from django_q.tasks import async_task

    async_task("lms.learning.tasks.notify_trainee_of_feedback", feedback_id)


# --- Objectives ----------------------------------------------------------------------------------------

SCOPE_AUDIENCE_NAMES = {
    ObjectiveScope.PEER_INTERVENERS: gettext_lazy("intervenants-pairs"),
    ObjectiveScope.REFERENTS: gettext_lazy("référents de l'intervention par les pairs"),
}
COURSE_NAMES = {
    Audience.PEER_INTERVENERS: gettext_lazy("des intervenants-pairs"),
    Audience.REFERENTS: gettext_lazy("des référents de l'intervention par les pairs"),
}


def check_objective_in_course(objective, group, allowed_ids: set[int] | None = None) -> None:
    """Refuses an objective that the group's course does not work on (e.g. a referents-only
    objective for a peer intervener)."""
    if allowed_ids is None:
        allowed_ids = {o.pk for o in course_objectives(group.course)}
    if objective.pk in allowed_ids:
        return
    params = {
        "code": objective.code,
        "course": COURSE_NAMES.get(group.course.audience, gettext("de ce groupe")),
        "audience": SCOPE_AUDIENCE_NAMES.get(objective.scope),
    }
    if params["audience"]:
        raise ValidationError(
            _("L'objectif %(code)s ne fait pas partie de la formation %(course)s : il est réservé aux %(audience)s.")
            % params
        )
    raise ValidationError(_("L'objectif %(code)s ne fait pas partie de la formation %(course)s.") % params)


def assessor_for(user, group, trainee) -> str:
    """Who is assessing: the trainee themself, or the group's trainers. Anyone else is refused."""
    if user.pk == trainee.pk:
        return ObjectiveAssessment.Assessor.SELF
    if can_lead_group(user, group):
        return ObjectiveAssessment.Assessor.TRAINERS
    raise PermissionDenied(_("Seuls le stagiaire et les formateurs du groupe peuvent évaluer ces objectifs."))


@transaction.atomic
def record_assessments(group, trainee, *, kind: str, levels: dict, by, comments: dict | None = None) -> list:
    """Records levels for several objectives at once ({objective: level}); the assessor (the trainee
    or the trainers) follows from who records. A second record for the same moment replaces the first."""
    assessor = assessor_for(by, group, trainee)
    _check_enrolled(trainee, group)
    if kind not in ObjectiveAssessment.Kind.values:
        raise ValidationError(_("Moment d'évaluation inconnu."))
    if not levels:
        raise ValidationError(_("Choisissez un niveau pour au moins un objectif."))
    allowed_ids = {o.pk for o in course_objectives(group.course)}
    comments = comments or {}
    records = []
    for objective, level in levels.items():
        check_objective_in_course(objective, group, allowed_ids)
        if level not in Level.values:
            raise ValidationError(_("Niveau inconnu pour l'objectif %(code)s.") % {"code": objective.code})
        record, _created = ObjectiveAssessment.objects.update_or_create(
            group=group,
            trainee=trainee,
            objective=objective,
            kind=kind,
            assessor=assessor,
            defaults={"level": level, "comment": (comments.get(objective) or "").strip(), "recorded_by": by},
        )
        records.append(record)
    return records


def record_assessment(group, trainee, objective, *, kind: str, level: int, by, comment: str = ""):
    """Records one level on one objective (see record_assessments)."""
    return record_assessments(
        group, trainee, kind=kind, levels={objective: level}, by=by, comments={objective: comment}
    )[0]


@transaction.atomic
def set_intermediate_goal(
    group, trainee, *, description: str, objectives, by, target_date=None, replaces=None
) -> IntermediateGoal:
    """Trainers set an intermediate goal for one trainee, linked to objectives of the course."""
    _check_leader(by, group, _("Seuls les formateurs du groupe peuvent fixer des objectifs intermédiaires."))
    _check_enrolled(trainee, group)
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Décrivez l'objectif intermédiaire.")})
    objectives = list(objectives or [])
    if not objectives:
        raise ValidationError(
            {"objectives": _("Reliez l'objectif intermédiaire à au moins un objectif de la formation.")}
        )
    allowed_ids = {o.pk for o in course_objectives(group.course)}
    for objective in objectives:
        check_objective_in_course(objective, group, allowed_ids)
    target_error = date_error(
        target_date,
        earliest=training_window_start(group),
        latest=training_window_end(group),
        what=gettext("La date visée"),
    )
    if target_error:
        raise ValidationError({"target_date": target_error})
    goal = IntermediateGoal.objects.create(
        group=group, trainee=trainee, description=description, target_date=target_date, set_by=by, replaces=replaces
    )
    goal.objectives.set(objectives)
    return goal


@transaction.atomic
def review_intermediate_goal(
    goal: IntermediateGoal,
    *,
    status: str,
    status_date: datetime.date,
    by,
    comment: str = "",
    adjusted_description: str = "",
    adjusted_target_date=None,
) -> IntermediateGoal | None:
    """Marks a goal reached, partly reached or adjusted, on a date. Adjusting needs the new wording
    and returns the new goal that replaces it."""
    _check_leader(by, goal.group, _("Seuls les formateurs du groupe peuvent faire le point sur un objectif."))
    if goal.status == IntermediateGoal.Status.ADJUSTED:
        raise ValidationError(_("Cet objectif a déjà été ajusté : faites le point sur l'objectif qui le remplace."))
    if status not in IntermediateGoal.Status.values or status == IntermediateGoal.Status.OPEN:
        raise ValidationError({"status": _("Choisissez : atteint, partiellement atteint ou ajusté.")})
    if status_date is None:
        raise ValidationError({"status_date": _("Indiquez la date du constat.")})
    if status_date > timezone.localdate():
        raise ValidationError({"status_date": _("La date du constat ne peut pas être dans le futur.")})
    status_error = date_error(
        status_date, earliest=training_window_start(goal.group), what=gettext("La date du constat")
    )
    if status_error:
        raise ValidationError({"status_date": status_error})
    adjusted_description = (adjusted_description or "").strip()
    if status == IntermediateGoal.Status.ADJUSTED and not adjusted_description:
        raise ValidationError({"adjusted_description": _("Écrivez l'objectif ajusté qui remplace celui-ci.")})
    goal.status, goal.status_date, goal.status_comment, goal.reviewed_by = status, status_date, comment.strip(), by
    goal.save(update_fields=["status", "status_date", "status_comment", "reviewed_by"])
    if status != IntermediateGoal.Status.ADJUSTED:
        return None
    return set_intermediate_goal(
        goal.group,
        goal.trainee,
        description=adjusted_description,
        objectives=goal.objectives.all(),
        by=by,
        target_date=adjusted_target_date,
        replaces=goal,
    )
