"""django-q2 tasks: the hourly survey cycle (hot surveys at sessions' and courses' end, then reminders)
and the e-mails to complainants."""

from django.utils import timezone

from lms.surveys import services, services_complaints


def run_survey_cycle() -> dict:
    """Opens the due campaigns and sends the due reminders; safe to run as often as wanted."""
    now = timezone.now()
    sessions = services.open_due_session_campaigns(now=now)
    courses = services.open_due_course_campaigns(now=now)
    reminders = services.send_due_reminders(now=now)
    return {"session_campaigns": len(sessions), "course_campaigns": len(courses), "reminders": reminders}


def send_complaint_mail(complaint_id: int, step: str) -> bool:
    """Queued when a complaint is acknowledged or answered: the e-mail to the complainant."""
    return services_complaints.send_complaint_mail(complaint_id=complaint_id, step=step)


SCHEDULE_NAME = "Questionnaires de satisfaction (fin de séance, fin de formation, relances)"
SCHEDULE_FUNC = "lms.surveys.tasks.run_survey_cycle"


def ensure_survey_schedule():
    """The hourly django-q2 schedule of the survey cycle (idempotent; the migration creates it too)."""
    import datetime

    from django_q.models import Schedule

    next_hour = timezone.localtime().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
    schedule, _created = Schedule.objects.get_or_create(
        name=SCHEDULE_NAME,
        defaults={"func": SCHEDULE_FUNC, "schedule_type": Schedule.HOURLY, "next_run": next_hour, "repeats": -1},
    )
    return schedule
