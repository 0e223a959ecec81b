"""django-q2 tasks: convocations seven days and one day before each session, seat offers."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lms.cohorts.models import ConvocationLog, Enrolment, ScheduledSession
from lms.people.models import User

CONVOCATION_SCHEDULE_NAME = "Convocations aux séances (J-7 et J-1)"
CONVOCATION_SCHEDULE_FUNC = "lms.cohorts.tasks.queue_due_convocations"
# Days before the session for each convocation kind.
LEAD_DAYS = {ConvocationLog.Kind.WEEK_BEFORE: 7, ConvocationLog.Kind.DAY_BEFORE: 1}


def queue_due_convocations(today: datetime.date | None = None) -> int:
    """Daily: queues one e-mail task per participant of the sessions held in 7 days and tomorrow
    that has not been sent yet. Returns how many tasks were queued."""
    from django_q.tasks import async_task

    from lms.cohorts.selectors import participants_of_session

    today = today or timezone.localdate()
    queued = 0
    for kind, days in LEAD_DAYS.items():
        sessions = ScheduledSession.objects.filter(date=today + datetime.timedelta(days=days))
        for session in sessions:
            sent = set(ConvocationLog.objects.filter(session=session, kind=kind).values_list("trainee_id", flat=True))
            for trainee_id in participants_of_session(session).values_list("pk", flat=True):
                if trainee_id in sent:
                    continue
                async_task("lms.cohorts.tasks.send_convocation", session.pk, trainee_id, str(kind))
                queued += 1
    return queued


def send_convocation(session_id: int, trainee_id: int, kind: str) -> bool:
    """Sends one convocation, once: the sent-log row is written in the same transaction as the send."""
    from lms.cohorts.services import convocation_context

    session = ScheduledSession.objects.select_related("session_page", "venue", "trainer", "peer_trainer").get(
        pk=session_id
    )
    trainee = User.objects.get(pk=trainee_id)
    try:
        with transaction.atomic():
            _log, created = ConvocationLog.objects.get_or_create(session=session, trainee=trainee, kind=kind)
            if not created:
                return False
            context = convocation_context(session, trainee)
            context["kind"] = ConvocationLog.Kind(kind)
            with translation.override("fr"):
                subject = f"Convocation : {session.session_page.title} le {session.date:%d/%m/%Y}"
                text = render_to_string("cohorts/email/convocation.txt", context)
                html = render_to_string("cohorts/email/convocation.html", context)
            message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [trainee.email])
            message.attach_alternative(html, "text/html")
            message.send()
    except IntegrityError:
        # Another worker logged it first: that one sends.
        return False
    return True


def send_seat_offer(enrolment_id: int) -> None:
    """Tells the first person of the waiting list that a seat was freed for them."""
    enrolment = Enrolment.objects.select_related("group", "trainee").get(pk=enrolment_id)
    context = {"enrolment": enrolment, "group": enrolment.group, "trainee": enrolment.trainee}
    with translation.override("fr"):
        subject = f"Une place s'est libérée : vous êtes inscrit dans le groupe « {enrolment.group.name} »"
        text = render_to_string("cohorts/email/seat_offer.txt", context)
        html = render_to_string("cohorts/email/seat_offer.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [enrolment.trainee.email])
    message.attach_alternative(html, "text/html")
    message.send()


def ensure_convocation_schedule():
    """The daily django-q2 schedule that queues convocations (idempotent)."""
    from django_q.models import Schedule

    schedule, _ = Schedule.objects.get_or_create(
        name=CONVOCATION_SCHEDULE_NAME,
        defaults={
            "func": CONVOCATION_SCHEDULE_FUNC,
            "schedule_type": Schedule.DAILY,
            "next_run": _next_morning(),
            "repeats": -1,
        },
    )
    return schedule


def _next_morning() -> datetime.datetime:
    now = timezone.localtime()
    morning = now.replace(hour=6, minute=0, second=0, microsecond=0)
    return morning if morning > now else morning + datetime.timedelta(days=1)
