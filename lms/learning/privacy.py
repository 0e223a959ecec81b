"""The learning app's part in personal-data rights: intersession work, feedback, objectives.

Nothing here is kept by law: erasure deletes the person's answers (and their files), the feedback
on them, their deadline extensions, assessments and intermediate goals. What a trainer wrote about
other trainees stays, since it belongs to those trainees: it points to the trainer's account only
by a foreign key, and that account is anonymised by the people app.
"""

from django.utils.translation import gettext_lazy as _

from lms.learning.models import DeadlineExtension, Feedback, IntermediateGoal, ObjectiveAssessment, Submission
from lms.people import privacy


def export_work(user) -> dict:
    """The person's answers with the feedback received, extensions, assessments and goals about them."""

    submissions = (
        Submission.objects.filter(trainee=user)
        .select_related("assignment__group", "assignment__scheduled_session__session_page")
        .prefetch_related("feedback__author")
        .order_by("created_at", "pk")
    )
    extensions = (
        DeadlineExtension.objects.filter(trainee=user)
        .select_related("assignment__group", "assignment__scheduled_session__session_page")
        .order_by("created_at", "pk")
    )
    assessments = ObjectiveAssessment.objects.filter(trainee=user).select_related("group", "objective")
    goals = IntermediateGoal.objects.filter(trainee=user).select_related("group").prefetch_related("objectives")
    return {
        "réponses_aux_travaux": [
            {
                "travail": submission.assignment.title,
                "groupe": submission.assignment.group.name,
                "forme_de_la_réponse": submission.get_answer_form_display(),
                "texte": submission.text,
                "fichier": submission.media_name,
                "type_du_fichier": submission.media_type,
                "statut": submission.get_status_display(),
                "nombre_d'envois": submission.submission_count,
                "commencée_le": submission.created_at,
                "rendue_le": submission.submitted_at,
                "relue_le": submission.reviewed_at,
                "retours_reçus": [
                    {
                        "auteur": str(feedback.author),
                        "retour_écrit": feedback.text,
                        "retour_audio": bool(feedback.audio),
                        "donné_le": feedback.created_at,
                    }
                    for feedback in submission.feedback.all()
                ],
            }
            for submission in submissions
        ],
        "délais_supplémentaires": [
            {
                "travail": extension.assignment.title,
                "groupe": extension.assignment.group.name,
                "nouvelle_date_limite": extension.due_at,
                "motif": extension.reason,
                "accordé_le": extension.created_at,
            }
            for extension in extensions
        ],
        "évaluations_des_objectifs": [
            {
                "groupe": assessment.group.name,
                "objectif": str(assessment.objective),
                "moment": assessment.get_kind_display(),
                "évalué_par": assessment.get_assessor_display(),
                "niveau": assessment.level_label,
                "commentaire": assessment.comment,
                "saisi_le": assessment.recorded_at,
            }
            for assessment in assessments
        ],
        "objectifs_intermédiaires": [
            {
                "groupe": goal.group.name,
                "objectif_intermédiaire": goal.description,
                "objectifs_liés": [objective.code for objective in goal.objectives.all()],
                "pour_le": goal.target_date,
                "état": goal.get_status_display(),
                "date_du_constat": goal.status_date,
                "commentaire_du_constat": goal.status_comment,
                "fixé_le": goal.created_at,
            }
            for goal in goals
        ],
    }


def erase_work(user, pseudonym: str) -> None:
    """Deletes the person's answers, the feedback on them and their files, and everything about
    their objectives. Rows the person wrote as a trainer about others stay: no text column copies
    the author's name (feedback, extensions, assessments and goals point to the account by key)."""

    files = []
    for submission in Submission.objects.filter(trainee=user).exclude(media=""):
        files.append((submission.media.storage, submission.media.name))
    for feedback in Feedback.objects.filter(submission__trainee=user).exclude(audio=""):
        files.append((feedback.audio.storage, feedback.audio.name))
    Submission.objects.filter(trainee=user).delete()  # with the feedback on it, by cascade
    DeadlineExtension.objects.filter(trainee=user).delete()
    ObjectiveAssessment.objects.filter(trainee=user).delete()
    IntermediateGoal.objects.filter(trainee=user).delete()
    privacy.delete_files_after_commit(files)


def register() -> None:
    privacy.register(
        "learning", label=_("Travaux d'intersession et objectifs"), exporter=export_work, eraser=erase_work, order=55
    )
