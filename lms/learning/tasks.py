"""Background jobs of the learning app (run by django-q2)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from lms.learning.models import Feedback


def notify_trainee_of_feedback(feedback_id: int) -> None:
    """E-mails the trainee that a trainer has given feedback on their work (no content in the e-mail)."""
    feedback = Feedback.objects.select_related("submission__trainee", "submission__assignment").filter(pk=feedback_id)
    feedback = feedback.first()
    if feedback is None:
        return
    submission = feedback.submission
    url = settings.SITE_BASE_URL + reverse("learning:answer", args=[submission.assignment_id])
    send_mail(
        subject="Un retour sur votre travail d'intersession",
        message=(
            f"Bonjour {submission.trainee.first_name},\n\n"
            f"Les formateurs ont donné un retour sur votre travail « {submission.assignment.title} ».\n"
            f"Pour le lire ou l'écouter : {url}\n\nL'équipe EPoP formations"
        ),
        from_email=None,
        recipient_list=[submission.trainee.email],
    )
