"""The curriculum's part in personal-data rights: what a person did in the online activities
(H5P results and the xAPI statements behind them, recorded by wagtail-lms)."""

from django.utils.translation import gettext_lazy as _

from lms.people import privacy


def export_activities(user) -> dict:
    """The person's results in the online activities, and the raw statements their player sent."""
    from wagtail_lms.models import CourseEnrollment, H5PAttempt, H5PLessonCompletion, SCORMAttempt

    attempts = (
        H5PAttempt.objects.filter(user=user)
        .select_related("activity")
        .prefetch_related("xapi_statements")
        .order_by("started_at")
    )
    return {
        "activités_h5p": [
            {
                "activité": attempt.activity.title,
                "commencée_le": attempt.started_at,
                "dernier_accès": attempt.last_accessed,
                "achèvement": attempt.get_completion_status_display(),
                "réussite": attempt.get_success_status_display(),
                "score": attempt.score_raw,
                "score_maximum": attempt.score_max,
                "déclarations_xapi": [
                    {"date": statement.timestamp, "verbe": statement.verb_display or statement.verb}
                    for statement in attempt.xapi_statements.all()
                ],
            }
            for attempt in attempts
        ],
        "leçons_terminées": [
            {"leçon": completion.lesson.title, "terminée_le": completion.completed_at}
            for completion in H5PLessonCompletion.objects.filter(user=user).select_related("lesson")
        ],
        "inscriptions_aux_parcours_en_ligne": [
            {"parcours": enrolment.course.title, "inscrit_le": enrolment.enrolled_at}
            for enrolment in CourseEnrollment.objects.filter(user=user).select_related("course")
        ],
        "tentatives_scorm": [
            {"module": attempt.scorm_package.title, "achèvement": attempt.completion_status}
            for attempt in SCORMAttempt.objects.filter(user=user).select_related("scorm_package")
        ],
    }


def erase_activities(user, pseudonym: str) -> None:
    """Keeps whether and when each H5P activity was completed, with its score: it proves the
    distance work done to catch up an absence, part of the training record. Deletes what the player
    recorded beyond that: the xAPI statements (they carry the person's name and e-mail) and the saved
    answers, and every other wagtail-lms trace (SCORM runtime data may hold the learner's name)."""
    from wagtail_lms.models import (
        CourseEnrollment,
        H5PContentUserData,
        H5PLessonCompletion,
        H5PXAPIStatement,
        SCORMAttempt,
    )

    H5PXAPIStatement.objects.filter(attempt__user=user).delete()
    H5PContentUserData.objects.filter(attempt__user=user).delete()
    SCORMAttempt.objects.filter(user=user).delete()
    H5PLessonCompletion.objects.filter(user=user).delete()
    CourseEnrollment.objects.filter(user=user).delete()


def register() -> None:
    privacy.register(
        "online_activities",
        label=_("Activités en ligne"),
        exporter=export_activities,
        eraser=erase_activities,
        order=60,
    )
