"""Background work of the follow-up app (django-q2): the daily scan that opens plans when courses end."""

import datetime

from django.utils import timezone

from lms.followup import indicators, services
from lms.followup.alerts import alerts_for
from lms.followup.models import Meeting
from lms.people.models import Role
from lms.people.selectors import users_with_role

OPEN_PLANS_SCHEDULE_NAME = "Suivi : ouverture des plans après la dernière séance"
OPEN_PLANS_FUNC = "lms.followup.tasks.open_plans_for_ended_courses"


def open_plans_for_ended_courses() -> int:
    """Daily: opens the plans of trainees whose course has ended (idempotent); returns how many opened."""

    return len(services.open_plans_for_ended_courses())


SCHEDULES = {OPEN_PLANS_SCHEDULE_NAME: OPEN_PLANS_FUNC}


def ensure_schedules() -> list:
    """The follow-up app's daily django-q2 schedules (idempotent)."""
    from django_q.models import Schedule

    schedules = []
    for name, func in SCHEDULES.items():
        schedule, _ = Schedule.objects.get_or_create(
            name=name,
            defaults={"func": func, "schedule_type": Schedule.DAILY, "next_run": _next_morning(), "repeats": -1},
        )
        schedules.append(schedule)
    return schedules


def _next_morning() -> datetime.datetime:
    now = timezone.localtime()
    morning = now.replace(hour=6, minute=30, second=0, microsecond=0)
    return morning if morning > now else morning + datetime.timedelta(days=1)


def _ics(meeting, *, cancelled: bool = False) -> bytes:
    """A one-event iCalendar file for the invitation or its cancellation (RFC 5545), times in UTC."""
    start = meeting.starts_at.astimezone(datetime.UTC)
    end = start + datetime.timedelta(minutes=meeting.duration_minutes)

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//EPoP//Suivi//FR",
        "METHOD:CANCEL" if cancelled else "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:followup-meeting-{meeting.pk}@epop",
        f"DTSTAMP:{timezone.now().astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
        f"DTEND:{end:%Y%m%dT%H%M%SZ}",
        f"SUMMARY:{escape(meeting.title or str(meeting.get_kind_display()))}",
        f"LOCATION:{escape(meeting.place or meeting.video_url)}",
        *(["STATUS:CANCELLED", "SEQUENCE:1"] if cancelled else []),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def send_meeting_invitations(meeting_id: int) -> int:
    """E-mails each participant their invitation with the date, the place or link, the arrangements
    planned and an iCalendar file; returns how many went."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    meeting = Meeting.objects.filter(pk=meeting_id, status=Meeting.Status.SCHEDULED).first()
    if meeting is None:
        return 0
    sent = 0
    for participant in meeting.participants.select_related("person"):
        text = render_to_string("followup/email/invitation.txt", {"meeting": meeting, "person": participant.person})
        message = EmailMessage(
            _("Invitation : %(title)s") % {"title": meeting.title or meeting.get_kind_display()},
            text,
            settings.DEFAULT_FROM_EMAIL,
            [participant.person.email],
        )
        message.attach("rendez-vous.ics", _ics(meeting), "text/calendar")
        message.send()
        sent += 1
    Meeting.objects.filter(pk=meeting.pk).update(invited_at=timezone.now())
    return sent


def send_meeting_cancellations(meeting_id: int) -> int:
    """E-mails each participant of a cancelled meeting that it will not take place, with an iCalendar
    cancellation so that their calendar drops it; returns how many went."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    meeting = Meeting.objects.filter(pk=meeting_id, status=Meeting.Status.CANCELLED).first()
    if meeting is None:
        return 0
    sent = 0
    for participant in meeting.participants.select_related("person"):
        text = render_to_string("followup/email/cancellation.txt", {"meeting": meeting, "person": participant.person})
        message = EmailMessage(
            _("Annulé : %(title)s") % {"title": meeting.title or meeting.get_kind_display()},
            text,
            settings.DEFAULT_FROM_EMAIL,
            [participant.person.email],
        )
        if meeting.starts_at:
            message.attach("rendez-vous.ics", _ics(meeting, cancelled=True), "text/calendar")
        message.send()
        sent += 1
    return sent


def send_meeting_request(meeting_id: int) -> int:
    """Tells the plan's owner that the person asked to talk with the team."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    meeting = Meeting.objects.select_related("plan__owner", "plan__trainee").filter(pk=meeting_id).first()
    if meeting is None or meeting.plan is None or meeting.plan.owner is None:
        return 0
    text = render_to_string("followup/email/request.txt", {"meeting": meeting})
    subject = _("%(name)s voudrait parler avec l'équipe") % {"name": meeting.plan.trainee.get_full_name()}
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [meeting.plan.owner.email])
    return 1


QUESTIONNAIRES_SCHEDULE_NAME = "Suivi : questionnaires d'indicateurs et relances"
QUESTIONNAIRES_FUNC = "lms.followup.tasks.send_questionnaires"
DIGEST_SCHEDULE_NAME = "Suivi : résumé quotidien des alertes"
DIGEST_FUNC = "lms.followup.tasks.send_alert_digests"
SCHEDULES[QUESTIONNAIRES_SCHEDULE_NAME] = QUESTIONNAIRES_FUNC
SCHEDULES[DIGEST_SCHEDULE_NAME] = DIGEST_FUNC


def send_questionnaires() -> dict:
    """Daily: the questionnaires that have come due, then one reminder to those who have not answered."""

    return {"sent": indicators.send_due_questionnaires(), "reminded": indicators.send_reminders()}


def send_alert_digests() -> int:
    """Daily: each regional team member with alerts on their region's plans gets one e-mail listing them."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    sent = 0
    for member in users_with_role(Role.REGIONAL_TEAM):
        alerts = alerts_for(member)
        if not alerts:
            continue
        text = render_to_string(
            "followup/email/digest.txt", {"member": member, "alerts": alerts, "site_url": settings.SITE_BASE_URL}
        )
        subject = _("Suivi : %(count)s alerte(s) aujourd'hui") % {"count": len(alerts)}
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [member.email])
        sent += 1
    return sent
