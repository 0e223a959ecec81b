"""Scheduling sessions: the kit's rules (dates, half-days, joint sessions) and the warnings."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from lms import events
from lms.cohorts.models import (
    ScheduledSession,
    TrainingGroup,
)
from lms.cohorts.permissions import can_manage_group
from lms.cohorts.services.constants import CLOSED_STATUSES, HOURS_TOLERANCE
from lms.people.models import User


@dataclass
class SessionPlan:
    """A session being scheduled, before it is saved (groups are a many-to-many)."""

    session_page: object
    groups: list
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    venue: object = None
    remote_url: str = ""
    trainer: User | None = None
    peer_trainer: User | None = None
    instance: ScheduledSession | None = None
    warnings: list = field(default_factory=list)
    # Who schedules: every group of the session must be one they manage (None: the platform itself).
    actor: User | None = None

    @property
    def duration_hours(self) -> float:
        start = datetime.datetime.combine(self.date, self.start_time)
        end = datetime.datetime.combine(self.date, self.end_time)
        return (end - start).total_seconds() / 3600


def _hours(value: float) -> str:
    hours = int(value)
    minutes = round((value - hours) * 60)
    return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in range(day.day, 27, -1):
        try:
            return datetime.date(year, month, candidate_day)
        except ValueError:
            continue
    return datetime.date(year, month, min(day.day, 28))


def _overlapping(plan: SessionPlan):
    others = ScheduledSession.objects.exclude(status=ScheduledSession.Status.CANCELLED).filter(
        date=plan.date, start_time__lt=plan.end_time, end_time__gt=plan.start_time
    )
    if plan.instance and plan.instance.pk:
        others = others.exclude(pk=plan.instance.pk)
    return others


# A session is held within this many days of its group's start and end dates, and never further
# than these bounds from today: a date outside is a typing error (1900, 2020, 9999).
SESSION_DATE_MARGIN_DAYS = 183
SESSION_PAST_LIMIT_DAYS = 3 * 366
SESSION_FUTURE_LIMIT_DAYS = 10 * 366


def session_date_error(plan: SessionPlan) -> str | None:
    """Refuses a date no session could have: far from today, or far outside its groups' dates."""
    today = timezone.localdate()
    earliest = today - datetime.timedelta(days=SESSION_PAST_LIMIT_DAYS)
    latest = today + datetime.timedelta(days=SESSION_FUTURE_LIMIT_DAYS)
    if not earliest <= plan.date <= latest:
        return gettext(
            "La date du %(date)s n'est pas plausible pour une séance : choisissez une date entre le "
            "%(earliest)s et le %(latest)s."
        ) % {
            "date": f"{plan.date:%d/%m/%Y}",
            "earliest": f"{earliest:%d/%m/%Y}",
            "latest": f"{latest:%d/%m/%Y}",
        }
    margin = datetime.timedelta(days=SESSION_DATE_MARGIN_DAYS)
    for group in plan.groups:
        if (group.start_date and plan.date < group.start_date - margin) or (
            group.end_date and plan.date > group.end_date + margin
        ):
            return gettext(
                "La date du %(date)s est trop éloignée des dates du groupe « %(group)s » "
                "(du %(start)s au %(end)s) : vérifiez l'année."
            ) % {
                "date": f"{plan.date:%d/%m/%Y}",
                "group": group.name,
                "start": f"{group.start_date:%d/%m/%Y}" if group.start_date else "…",
                "end": f"{group.end_date:%d/%m/%Y}" if group.end_date else "…",
            }
    return None


def session_length_error(course, duration_hours: float) -> str | None:
    """The kit's longest session for a course (6 h for peer interveners); None when within it."""
    limit = course.max_hours_per_session
    if limit is not None and duration_hours > float(limit):
        return _("Une séance de la formation « %(title)s » dure au plus %(hours)s : celle-ci dure %(duration)s.") % {
            "title": course.title,
            "hours": _hours(float(limit)),
            "duration": _hours(duration_hours),
        }
    return None


def consecutive_day_error(names: str, date: datetime.date) -> str:
    return _(
        "Le groupe %(names)s a déjà une séance le %(date)s : les séances d'un groupe ne peuvent "
        "pas avoir lieu des jours consécutifs."
    ) % {"names": names, "date": format(date, "%d/%m/%Y")}


@dataclass
class DraftSession:
    """A session of a draft schedule (a bid's, before any group exists): a date and its hours."""

    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    status: str = ""

    @property
    def duration_hours(self) -> float:
        start = datetime.datetime.combine(self.date, self.start_time)
        end = datetime.datetime.combine(self.date, self.end_time)
        return (end - start).total_seconds() / 3600


def draft_schedule_errors(group: TrainingGroup, sessions: list[DraftSession]) -> list[str]:
    """The kit's refusals for the sessions of a group not saved yet (a bid's draft schedule): the
    same length and consecutive-day rules as session_errors, without the bookings of other groups."""
    errors = []
    for session in sessions:
        if session.end_time <= session.start_time:
            errors.append(_("L'heure de fin doit être après l'heure de début."))
            continue
        length_error = session_length_error(group.course, session.duration_hours)
        if length_error:
            errors.append(length_error)
    days = sorted({session.date for session in sessions})
    for previous, day in zip(days, days[1:], strict=False):
        if day - previous == datetime.timedelta(days=1):
            errors.append(consecutive_day_error(f"« {group.name} »", previous))
    return errors


def session_errors(plan: SessionPlan) -> list[str]:
    """The kit's refusals for a session: joint rules, length, consecutive days, double bookings."""
    errors = []
    groups = plan.groups
    if not groups:
        return [_("Choisissez au moins un groupe pour cette séance.")]
    if plan.end_time <= plan.start_time:
        return [_("L'heure de fin doit être après l'heure de début.")]
    date_error = session_date_error(plan)
    if date_error:
        return [date_error]
    if plan.venue is None and not plan.remote_url:
        errors.append(_("Indiquez un lieu ou un lien de visioconférence."))
    page_course_id = plan.session_page.get_parent().pk
    if len(groups) == 1:
        if groups[0].course_id != page_course_id:
            errors.append(_("Cette séance du programme n'appartient pas à la formation du groupe."))
    else:
        audiences = sorted(group.course.audience for group in groups)
        if len(groups) != 2 or audiences != ["peer_interveners", "referents"]:
            errors.append(
                _("Une séance commune réunit exactement un groupe d'intervenants-pairs et un groupe de référents.")
            )
        elif groups[0].territory_id != groups[1].territory_id:
            errors.append(_("Les deux groupes d'une séance commune doivent être du même territoire."))
        if not plan.session_page.can_be_joint:
            errors.append(
                _("La séance « %(title)s » du programme ne peut pas être commune.") % {"title": plan.session_page.title}
            )
        if page_course_id not in {group.course_id for group in groups}:
            errors.append(_("Cette séance du programme n'appartient à la formation d'aucun des groupes."))
    for group in groups:
        if group.status in CLOSED_STATUSES:
            errors.append(
                _("Le groupe « %(name)s » est %(lower)s.")
                % {"name": group.name, "lower": group.get_status_display().lower()}
            )
        length_error = session_length_error(group.course, plan.duration_hours)
        if length_error:
            errors.append(length_error)
    group_ids = [group.pk for group in groups]
    neighbours = ScheduledSession.objects.exclude(status=ScheduledSession.Status.CANCELLED).filter(
        groups__in=group_ids,
        date__in=[plan.date - datetime.timedelta(days=1), plan.date + datetime.timedelta(days=1)],
    )
    if plan.instance and plan.instance.pk:
        neighbours = neighbours.exclude(pk=plan.instance.pk)
    for other in neighbours.prefetch_related("groups").distinct():
        names = ", ".join(f"« {g.name} »" for g in other.groups.all() if g.pk in group_ids)
        errors.append(consecutive_day_error(names, other.date))
    overlapping = _overlapping(plan)
    if overlapping.filter(groups__in=group_ids).exists():
        errors.append(_("Un des groupes a déjà une séance à ce moment-là."))
    for person in {plan.trainer, plan.peer_trainer} - {None}:
        clash = overlapping.filter(Q(trainer=person) | Q(peer_trainer=person)).first()
        if clash:
            errors.append(
                _("%(person)s anime déjà une séance à ce moment-là (%(title)s, %(start_time)s–%(end_time)s).")
                % {
                    "person": person,
                    "title": clash.session_page.title,
                    "start_time": format(clash.start_time, "%H:%M"),
                    "end_time": format(clash.end_time, "%H:%M"),
                }
            )
    if plan.trainer and plan.trainer == plan.peer_trainer:
        errors.append(_("Le formateur et le formateur pair d'une séance sont deux personnes différentes."))
    if plan.venue is not None:
        clash = overlapping.filter(venue=plan.venue).first()
        if clash:
            errors.append(
                _("Le lieu « %(name)s » est déjà occupé à ce moment-là (%(title)s, %(start_time)s–%(end_time)s).")
                % {
                    "name": plan.venue.name,
                    "title": clash.session_page.title,
                    "start_time": format(clash.start_time, "%H:%M"),
                    "end_time": format(clash.end_time, "%H:%M"),
                }
            )
    return errors


def rhythm_warnings(group: TrainingGroup, sessions) -> list[str]:
    """The kit's rhythm for a group's sessions: 5–8 days over 3–4 months, total hours near the course's."""
    course = group.course
    warnings = []
    sessions = [session for session in sessions if getattr(session, "status", "") != ScheduledSession.Status.CANCELLED]
    days = sorted({session.date for session in sessions})
    if not days:
        return warnings
    if not course.min_days <= len(days) <= course.max_days:
        warnings.append(
            _(
                "Le groupe « %(name)s » a %(days)s jour(s) de formation planifié(s) : le kit en prévoit "
                "%(min_days)s à %(max_days)s."
            )
            % {"name": group.name, "days": len(days), "min_days": course.min_days, "max_days": course.max_days}
        )
    first, last = days[0], days[-1]
    if last < add_months(first, course.min_span_months) or last > add_months(first, course.max_span_months):
        warnings.append(
            _(
                "Les séances du groupe « %(name)s » vont du %(first)s au %(last)s : le kit prévoit de les "
                "étaler sur %(min_span_months)s à %(max_span_months)s mois."
            )
            % {
                "name": group.name,
                "first": format(first, "%d/%m/%Y"),
                "last": format(last, "%d/%m/%Y"),
                "min_span_months": course.min_span_months,
                "max_span_months": course.max_span_months,
            }
        )
    total = sum(session.duration_hours for session in sessions)
    planned = float(course.planned_total_hours)
    if abs(total - planned) > planned * HOURS_TOLERANCE:
        warnings.append(
            _(
                "Le groupe « %(name)s » totalise %(hours)s de séances planifiées, loin des %(planned)s "
                "prévues par la formation."
            )
            % {"name": group.name, "hours": _hours(total), "planned": _hours(planned)}
        )
    return warnings


def session_warnings(plan: SessionPlan) -> list[str]:
    """Warnings shown after scheduling: rhythm of each group, missing co-leader."""
    warnings = []
    if plan.peer_trainer is None:
        warnings.append(_("Aucun formateur pair n'est prévu pour cette séance : le kit demande une co-animation."))
    if plan.trainer is None:
        warnings.append(_("Aucun formateur ou formatrice n'est prévu pour cette séance."))
    for group in plan.groups:
        sessions = list(ScheduledSession.objects.filter(groups=group).exclude(pk=getattr(plan.instance, "pk", None)))
        warnings.extend(rhythm_warnings(group, [*sessions, plan]))
    return warnings


def schedule_session(plan: SessionPlan) -> tuple[ScheduledSession, list[str]]:
    """Saves a session once the kit's refusals pass; returns it with the warnings to show."""
    with transaction.atomic():
        # Lock the groups so that two planners cannot book clashing sessions at once.
        list(TrainingGroup.objects.select_for_update().filter(pk__in=[g.pk for g in plan.groups]))
        if plan.actor is not None:
            for group in plan.groups:
                if not can_manage_group(plan.actor, group):
                    raise ValidationError(
                        {
                            "joint_group": gettext(
                                "Vous ne gérez pas le groupe « %(group)s » : une séance commune ne peut être "
                                "planifiée qu'avec un groupe que vous gérez."
                            )
                            % {"group": group.name}
                        }
                    )
        errors = session_errors(plan)
        if errors:
            raise ValidationError(errors)
        warnings = session_warnings(plan)
        session = plan.instance or ScheduledSession()
        for name in (
            "session_page",
            "date",
            "start_time",
            "end_time",
            "venue",
            "remote_url",
            "trainer",
            "peer_trainer",
        ):
            setattr(session, name, getattr(plan, name))
        session.save()
        previous_groups = list(session.groups.all())
        session.groups.set(plan.groups)
        events.publish(events.SESSION_SCHEDULED, session=session, previous_groups=previous_groups)
    return session, warnings
