"""Who attends a session."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.attendance.models import (
    PARIS,
    AttendanceSlot,
)
from lms.cohorts.models import Enrolment, ScheduledSession
from lms.people.models import User


def is_session_trainee(trainee: User, session: ScheduledSession) -> bool:
    return Enrolment.objects.enrolled().filter(trainee=trainee, group__scheduled_sessions=session).exists()


def session_trainees(session: ScheduledSession) -> QuerySet[User]:
    """The trainees enrolled in the session's groups (both groups for a joint session)."""
    return User.objects.filter(
        pk__in=Enrolment.objects.enrolled().filter(group__scheduled_sessions=session).values("trainee_id")
    ).order_by("last_name", "first_name", "pk")


def local_now(now: datetime.datetime | None = None) -> datetime.datetime:
    return timezone.localtime(now or timezone.now(), PARIS)


def signing_message(slot: AttendanceSlot, now: datetime.datetime | None = None) -> str:
    """What the trainer is told about an opened slot: exactly what its trainees can do at `now`."""
    now = local_now(now)
    state = slot.signing_state(now)
    if state == "too_early":
        opens = local_now(slot.signing_opens_at)
        return _("L'émargement est ouvert : les stagiaires pourront signer à partir de %(time)s.") % {
            "time": f"{opens:%H:%M}"
        }
    if state == "open":
        return _("L'émargement est ouvert : les stagiaires peuvent signer jusqu'à %(time)s.") % {
            "time": f"{local_now(slot.ends_at):%H:%M}"
        }
    if state == "ended":
        return _("L'émargement est ouvert, mais le créneau est terminé : attestez les présences puis contresignez.")
    if state == "closed":
        return _("Ce créneau est contresigné et clos.")
    return _("L'émargement n'est pas ouvert.")
