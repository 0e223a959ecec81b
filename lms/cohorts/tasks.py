"""django-q2 tasks: convocations seven days and one day before each session, resends and change
notices, seat offers."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lms.cohorts.models import ConvocationLog, Enrolment, ScheduledSession, SessionChange
from lms.cohorts.selectors import participants_of_session
from lms.cohorts.services import convocation_context
from lms.people.models import User

CONVOCATION_SCHEDULE_NAME = "Convocations aux séances (J-7 et J-1)"
CONVOCATION_SCHEDULE_FUNC = "lms.cohorts.tasks.queue_due_convocations"
# Days before the session for each convocation kind.
LEAD_DAYS = {ConvocationLog.Kind.WEEK_BEFORE: 7, ConvocationLog.Kind.DAY_BEFORE: 1}


def queue_due_convocations(today: datetime.date | None = None) -> int:
    """Daily: queues one e-mail task per participant of the sessions held in 7 days and tomorrow
    that has not been sent for the session's current version. Returns how many tasks were queued."""
    from django_q.tasks import async_task

    today = today or timezone.localdate()
    queued = 0
    for kind, days in LEAD_DAYS.items():
        sessions = ScheduledSession.objects.filter(date=today + datetime.timedelta(days=days)).exclude(
            status=ScheduledSession.Status.CANCELLED
        )
        for session in sessions:
            sent = set(
                ConvocationLog.objects.filter(session=session, kind=kind, sequence=session.sequence).values_list(
                    "trainee_id", flat=True
                )
            )
            for trainee_id in participants_of_session(session).values_list("pk", flat=True):
                if trainee_id in sent:
                    continue
                async_task("lms.cohorts.tasks.send_convocation", session.pk, trainee_id, str(kind))
                queued += 1
    return queued


SUBJECTS = {
    ConvocationLog.Kind.UPDATED: "Séance modifiée — convocation : {title} le {date}",
    ConvocationLog.Kind.CANCELLED: "Séance annulée : {title} du {date}",
}


def render_convocation(session: ScheduledSession, trainee: User, kind: str, change=None) -> tuple[str, str, str]:
    """The subject, text and HTML of a convocation (or change notice) as the trainee receives it;
    the convocations screen shows the same as a preview."""

    kind = ConvocationLog.Kind(kind)
    context = convocation_context(session, trainee)
    context["kind"] = kind
    context["change"] = change
    context["change_lines"] = change.summary.splitlines() if change else []
    with translation.override("fr"):
        subject = SUBJECTS.get(kind, "Convocation : {title} le {date}").format(
            title=session.session_page.title, date=f"{session.date:%d/%m/%Y}"
        )
        name = "session_cancelled" if kind == ConvocationLog.Kind.CANCELLED else "convocation"
        text = render_to_string(f"cohorts/email/{name}.txt", context)
        html = render_to_string(f"cohorts/email/{name}.html", context)
    return subject, text, html


def _send(subject: str, text: str, html: str, to: str) -> None:
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def send_convocation(
    session_id: int, trainee_id: int, kind: str, sent_by_id: int | None = None, change_id: int | None = None
) -> bool:
    """Sends one convocation. The automatic ones (D-7, D-1) go once per session version: the sent-log
    row is written in the same transaction as the send. Resends and change notices are logged each time."""
    session = ScheduledSession.objects.select_related("session_page", "venue", "trainer", "peer_trainer").get(
        pk=session_id
    )
    trainee = User.objects.get(pk=trainee_id)
    kind = ConvocationLog.Kind(kind)
    change = SessionChange.objects.filter(pk=change_id).first() if change_id else None
    if session.is_cancelled and kind != ConvocationLog.Kind.CANCELLED:
        return False
    try:
        with transaction.atomic():
            if kind in LEAD_DAYS:
                _log, created = ConvocationLog.objects.get_or_create(
                    session=session, trainee=trainee, kind=kind, sequence=session.sequence
                )
                if not created:
                    return False
            else:
                ConvocationLog.objects.create(
                    session=session, trainee=trainee, kind=kind, sequence=session.sequence, sent_by_id=sent_by_id
                )
            _send(*render_convocation(session, trainee, kind, change), trainee.email)
    except IntegrityError:
        # Another worker logged it first: that one sends.
        return False
    return True


def session_leaders(session: ScheduledSession) -> list[User]:
    """Who animates the session: its trainer and peer trainer, and the leaders of its groups."""
    ids = {session.trainer_id, session.peer_trainer_id} - {None}
    for group in session.groups.prefetch_related("trainers", "peer_trainers"):
        ids |= {person.pk for person in [*group.trainers.all(), *group.peer_trainers.all()]}
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name"))


def notify_session_change(change_id: int, extra_leader_ids: list | None = None) -> int:
    """After an edit, move or cancellation: each participant gets the new convocation (or the
    cancellation notice), each leader a notice. Returns how many e-mails were queued."""
    from django_q.tasks import async_task

    change = SessionChange.objects.select_related("session", "changed_by").get(pk=change_id)
    session = change.session
    if session.date < timezone.localdate():
        return 0
    kind = ConvocationLog.Kind.CANCELLED if change.kind == SessionChange.Kind.CANCELLED else ConvocationLog.Kind.UPDATED
    queued = 0
    for trainee_id in participants_of_session(session).values_list("pk", flat=True):
        async_task(
            "lms.cohorts.tasks.send_convocation", session.pk, trainee_id, str(kind), change.changed_by_id, change.pk
        )
        queued += 1
    leader_ids = {person.pk for person in session_leaders(session)} | set(extra_leader_ids or [])
    for leader_id in sorted(leader_ids):
        async_task("lms.cohorts.tasks.send_leader_notice", change.pk, leader_id)
        queued += 1
    return queued


def send_leader_notice(change_id: int, leader_id: int) -> None:
    """Tells a trainer or peer trainer that a session they animate changed or was cancelled."""
    change = SessionChange.objects.select_related(
        "session__session_page", "session__venue", "session__trainer", "session__peer_trainer", "changed_by"
    ).get(pk=change_id)
    leader = User.objects.get(pk=leader_id)
    session = change.session
    context = {
        "leader": leader,
        "session": session,
        "change": change,
        "change_lines": change.summary.splitlines(),
        "groups": list(session.groups.all()),
        "site_url": settings.SITE_BASE_URL,
    }
    with translation.override("fr"):
        verb = "annulée" if change.kind == SessionChange.Kind.CANCELLED else "modifiée"
        subject = f"Séance {verb} : {session.session_page.title} du {session.date:%d/%m/%Y}"
        text = render_to_string("cohorts/email/session_changed_leader.txt", context)
        html = render_to_string("cohorts/email/session_changed_leader.html", context)
    _send(subject, text, html, leader.email)


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
