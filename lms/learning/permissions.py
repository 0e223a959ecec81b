"""Who may open a trainee's intersession work: helpers that fetch and authorise in one call and
answer 404 alike for a record that does not exist and one that is not the asker's to see.

A submission belongs to its assignment's group: staff reach it only through that group (which they
lead or manage) and the trainee's active enrolment in it (lms.cohorts.permissions)."""

from django.http import Http404

from lms.cohorts.permissions import can_view_trainee_records
from lms.learning.models import Feedback, Submission
from lms.people.models import User


def access_submission(user: User, pk) -> Submission:
    """The submission `pk` if `user` is its trainee or sees the records of its group; 404 otherwise."""
    submission = Submission.objects.select_related("assignment__group", "trainee").filter(pk=_int_or_404(pk)).first()
    if submission is None or not can_view_trainee_records(user, submission.trainee, group=submission.assignment.group):
        raise Http404
    return submission


def access_feedback(user: User, pk) -> Feedback:
    """The feedback `pk` if `user` may see the submission it answers; 404 otherwise."""
    feedback = (
        Feedback.objects.select_related("submission__assignment__group", "submission__trainee")
        .filter(pk=_int_or_404(pk))
        .first()
    )
    if feedback is None or not can_view_trainee_records(
        user, feedback.submission.trainee, group=feedback.submission.assignment.group
    ):
        raise Http404
    return feedback


def _int_or_404(pk) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
