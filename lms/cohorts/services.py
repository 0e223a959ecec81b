"""Writes on groups, selection, enrolment and scheduling, with the kit's rules and French messages."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from lms.bounds import date_error, years_from_today
from lms.cohorts.models import (
    INTERVIEW_GRIDS,
    Application,
    EngagementCharter,
    Enrolment,
    ScheduledSession,
    SelectionInterview,
    TrainingGroup,
    Venue,
)
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry, Role, User
from lms.people.permissions import (
    can_manage_group,
    is_administrator,
    manageable_organisations,
    manageable_territories,
)
from lms.people.selectors import has_role
from lms.people.services import assign_role, create_account, invite

CLOSED_STATUSES = {TrainingGroup.Status.FINISHED, TrainingGroup.Status.CANCELLED}
# Planned hours may differ from the course's by this share before a warning is shown.
HOURS_TOLERANCE = 0.10

GROUP_FULL_MESSAGE = "Ce groupe est complet : plus aucune place n'est disponible."


class GroupFullError(ValidationError):
    """Raised when the last seat is taken (a clear « groupe complet » answer)."""


# --- Groups -----------------------------------------------------------------------------------


def validate_group(group: TrainingGroup) -> None:
    """Checks a group's own fields against its course (capacity cap, dates)."""
    errors = {}
    if group.course_id and group.capacity is not None and group.capacity > group.course.max_group_size:
        errors["capacity"] = (
            f"Le nombre de places ({group.capacity}) dépasse la taille maximale fixée par la formation "
            f"({group.course.max_group_size} personnes)."
        )
    if group.capacity is not None and group.capacity < 1:
        errors["capacity"] = "Un groupe a au moins une place."
    if group.start_date and group.end_date and group.end_date < group.start_date:
        errors["end_date"] = "La date de fin doit être après la date de début."
    if group.pk and group.capacity is not None and "capacity" not in errors:
        # Checked here too so that every form (site or back office) refuses it next to the field.
        enrolled = group.enrolments.filter(status=Enrolment.Status.ENROLLED).count()
        if group.capacity < enrolled:
            errors["capacity"] = _(
                "Le groupe compte déjà %(enrolled)s inscrits : le nombre de places ne peut pas être plus bas."
            ) % {"enrolled": enrolled}
    if errors:
        raise ValidationError(errors)


def check_can_manage_group(group: TrainingGroup, actor: User | None) -> None:
    """Refuses a group write by someone who does not run groups of that territory or organisation."""
    if actor is None:
        return
    territories = manageable_territories(actor)
    organisations = manageable_organisations(actor)
    errors = {}
    if group.territory_id and not territories.filter(pk=group.territory_id).exists():
        errors["territory"] = _("Vous ne pouvez pas créer ou modifier un groupe dans ce territoire.")
    if group.organisation_id and not organisations.filter(pk=group.organisation_id).exists():
        errors["organisation"] = _("Vous ne pouvez pas confier un groupe à cet organisme.")
    if errors:
        raise ValidationError(errors)


def _check_leaders(trainers, peer_trainers) -> None:
    errors = {}
    if trainers is not None and any(not has_role(person, Role.TRAINER) for person in trainers):
        errors["trainers"] = _("Choisissez des personnes qui ont le rôle de formateur ou formatrice.")
    if peer_trainers is not None and any(not has_role(person, Role.PEER_TRAINER) for person in peer_trainers):
        errors["peer_trainers"] = _("Choisissez des personnes qui ont le rôle de formateur ou formatrice pair.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_group(group: TrainingGroup, *, trainers=None, peer_trainers=None, actor: User | None = None) -> TrainingGroup:
    """Creates or updates a group after checking the kit's caps (and, when `actor` is given, that
    they run groups of that territory and organisation); sets its leaders when given."""
    if group.pk:
        # Lock the row so that an enrolment cannot slip in between the count and the save.
        TrainingGroup.objects.select_for_update().filter(pk=group.pk).first()
    check_can_manage_group(group, actor)
    validate_group(group)
    _check_leaders(trainers, peer_trainers)
    group.save()
    if trainers is not None:
        group.trainers.set(trainers)
    if peer_trainers is not None:
        group.peer_trainers.set(peer_trainers)
    return group


def group_warnings(group: TrainingGroup, sessions=None) -> list[str]:
    """What the regional team should look at for this group (uses prefetched leaders/sessions)."""
    warnings = []
    if not group.peer_trainers.all():
        warnings.append("Aucun formateur pair parmi les animateurs : le kit demande une co-animation.")
    if not group.trainers.all():
        warnings.append("Aucun formateur ou formatrice n'anime ce groupe.")
    sessions = list(group.scheduled_sessions.all()) if sessions is None else sessions
    if sessions:
        warnings.extend(rhythm_warnings(group, sessions))
    return warnings


@transaction.atomic
def save_venue(venue: Venue, *, actor: User | None = None) -> Venue:
    """Creates or updates a training venue; `actor` must run groups in the venue's territory."""
    venue.full_clean()
    if actor is not None and not manageable_territories(actor).filter(pk=venue.territory_id).exists():
        raise ValidationError({"territory": _("Vous ne pouvez pas enregistrer un lieu dans ce territoire.")})
    venue.save()
    return venue


# --- Selection --------------------------------------------------------------------------------


@transaction.atomic
def submit_application(*, recorded_by: User | None = None, **fields) -> Application:
    """Records a candidacy (public form, or the regional team on someone's behalf)."""
    application = Application(**fields)
    application.source = Application.Source.RECORDED if recorded_by else Application.Source.PUBLIC_FORM
    application.recorded_by = recorded_by
    if application.course.audience == "referents" and not application.employer_name:
        raise ValidationError(
            {"employer_name": "Indiquez la structure employeuse : elle signe la charte d'engagement."}
        )
    application.full_clean()
    application.save()
    return application


# An interview is held after the application is received (a paper application typed in later may
# have been received up to this many days before it was recorded), and planned at most this far ahead.
RECORDED_APPLICATION_DELAY_DAYS = 366
INTERVIEW_MAX_DAYS_AHEAD = 92
CHARTER_MAX_AGE_YEARS = 5


def interview_date_error(application: Application, held_on) -> str | None:
    """Refuses an interview before its application was received, or far in the future."""
    if held_on is None:
        return gettext("Indiquez la date de l'entretien.")
    received = timezone.localtime(application.created_at).date() if application.created_at else timezone.localdate()
    if application.source == Application.Source.RECORDED:
        received -= datetime.timedelta(days=RECORDED_APPLICATION_DELAY_DAYS)
    return date_error(
        held_on,
        earliest=received,
        latest=timezone.localdate() + datetime.timedelta(days=INTERVIEW_MAX_DAYS_AHEAD),
        what=gettext("La date de l'entretien"),
    )


@transaction.atomic
def record_interview(application: Application, *, interviewer: User | None, **fields) -> SelectionInterview:
    """Records (or corrects) the selection interview and its decision, with the grid of the course's audience."""
    grid = INTERVIEW_GRIDS[application.course.audience]
    errors = {}
    for name in grid:
        if not fields.get(name):
            label = SelectionInterview._meta.get_field(name).verbose_name
            errors[name] = f"Renseignez le critère « {label} » de la grille d'entretien."
    for audience, names in INTERVIEW_GRIDS.items():
        if audience != application.course.audience:
            for name in names:
                fields[name] = ""
    if not (fields.get("decision_reason") or "").strip():
        errors["decision_reason"] = "Indiquez le motif de la décision."
    if fields.get("decision") not in SelectionInterview.Decision.values:
        errors["decision"] = "Choisissez une décision : retenue ou non retenue."
    held_on_error = interview_date_error(application, fields.get("held_on"))
    if held_on_error:
        errors["held_on"] = held_on_error
    if errors:
        raise ValidationError(errors)
    if application.status in (Application.Status.ENROLLED, Application.Status.WAITING):
        raise ValidationError("La personne est déjà inscrite ou en liste d'attente : la décision ne peut plus changer.")
    interview, _created = SelectionInterview.objects.update_or_create(
        application=application, defaults={**fields, "interviewer": interviewer}
    )
    application.status = (
        Application.Status.ACCEPTED
        if interview.decision == SelectionInterview.Decision.ACCEPTED
        else Application.Status.REFUSED
    )
    application.save(update_fields=["status"])
    record_access(
        interviewer, AuditLogEntry.Action.WRITE, interview, "entretien de sélection", subject=application.candidate
    )
    return interview


@transaction.atomic
def record_charter(application: Application, *, recorded_by: User | None = None, **fields) -> EngagementCharter:
    """Records the employer's engagement charter for a referent's application."""
    if application.course.audience != "referents":
        raise ValidationError("La charte d'engagement ne concerne que les référents.")
    charter = EngagementCharter(recorded_by=recorded_by, **fields)
    if charter.method == EngagementCharter.Method.DOCUMENT and not charter.document:
        raise ValidationError({"document": "Déposez la charte signée, ou choisissez l'acceptation sur la plateforme."})
    if charter.method == EngagementCharter.Method.PLATFORM and charter.accepted_at is None:
        charter.accepted_at = timezone.now()
    if charter.signed_on and charter.signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "La date de signature ne peut pas être dans le futur."})
    signed_error = date_error(
        charter.signed_on, earliest=years_from_today(-CHARTER_MAX_AGE_YEARS), what=gettext("La date de signature")
    )
    if signed_error:
        raise ValidationError({"signed_on": signed_error})
    charter.full_clean()
    charter.save()
    application.charter = charter
    application.save(update_fields=["charter"])
    return charter


def has_recorded_charter(trainee: User, course) -> bool:
    """Whether a charter of the trainee's employer is on record for this course."""
    return Application.objects.filter(candidate=trainee, course=course, charter__isnull=False).exists()


def account_for(application: Application, *, actor: User | None = None) -> User:
    """The candidate's account: the one already linked to the application, or a new trainee account,
    which gets an invitation e-mail to choose its password.

    An existing account with the application's e-mail is linked only by an administrator: anyone
    can type someone else's address into an application, and linking it would open that person's
    records to whoever then enrols them.
    """
    if application.candidate_id:
        return application.candidate
    email = application.email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and not (actor is not None and is_administrator(actor)):
        raise ValidationError(
            gettext(
                "Un compte existe déjà avec l'adresse e-mail de cette candidature. Pour protéger les données "
                "de cette personne, la candidature n'y est pas rattachée automatiquement : demandez à un "
                "administrateur de faire l'inscription (il vérifie qu'il s'agit bien de la même personne)."
            ),
            code="existing_account",
        )
    if user is None:
        try:
            with transaction.atomic():
                user = create_account(
                    email=email,
                    first_name=application.first_name,
                    last_name=application.last_name,
                    phone=application.phone,
                    actor=actor,
                )
        except IntegrityError:
            # Another request created the account at the same moment (a double click).
            raise ValidationError(
                gettext("Cette candidature est déjà en cours d'inscription. Rechargez la page pour voir le résultat."),
                code="concurrent",
            ) from None
    elif user.is_active and not user.has_usable_password():
        invite(user=user, actor=actor)
    assign_role(user, Role.TRAINEE)
    application.candidate = user
    application.save(update_fields=["candidate"])
    return user


# --- Enrolment --------------------------------------------------------------------------------


def _locked_group(group: TrainingGroup) -> TrainingGroup:
    # The row lock serialises enrolments of one group on PostgreSQL; SQLite's IMMEDIATE
    # transactions serialise all writers anyway.
    return TrainingGroup.objects.select_for_update().select_related("course").get(pk=group.pk)


def _enrolled_count(group: TrainingGroup) -> int:
    return Enrolment.objects.filter(group=group, status=Enrolment.Status.ENROLLED).count()


def check_can_enrol(group: TrainingGroup, trainee: User) -> None:
    """Rules that do not depend on seats: group open, charter for referents."""
    if group.status in CLOSED_STATUSES:
        raise ValidationError(
            f"Le groupe « {group.name} » est {group.get_status_display().lower()} : inscription impossible."
        )
    if group.course.audience == "referents" and not has_recorded_charter(trainee, group.course):
        raise ValidationError(
            f"{trainee} ne peut pas être inscrit : la charte d'engagement de son employeur n'est pas enregistrée."
        )


def enrol(
    group: TrainingGroup, trainee: User, *, application: Application | None = None, waitlist: bool = False
) -> Enrolment:
    """Enrols a trainee if a seat is free. A full group raises GroupFullError, or puts the
    trainee on the waiting list when `waitlist` is true."""
    with transaction.atomic():
        group = _locked_group(group)
        check_can_enrol(group, trainee)
        existing = Enrolment.objects.filter(group=group, trainee=trainee).first()
        if existing and existing.status == Enrolment.Status.ENROLLED:
            raise ValidationError(f"{trainee} est déjà inscrit dans ce groupe.")
        if existing and existing.status == Enrolment.Status.WAITING and not waitlist:
            raise ValidationError(f"{trainee} est déjà sur la liste d'attente de ce groupe.")
        full = _enrolled_count(group) >= group.capacity
        if full and not waitlist:
            raise GroupFullError(GROUP_FULL_MESSAGE, code="group_full")
        enrolment = existing or Enrolment(group=group, trainee=trainee)
        if full:
            if enrolment.status == Enrolment.Status.WAITING:
                return enrolment
            enrolment.status = Enrolment.Status.WAITING
            enrolment.waitlisted_at = timezone.now()
        else:
            enrolment.status = Enrolment.Status.ENROLLED
            enrolment.waitlisted_at = None
        enrolment.withdrawn_at = None
        enrolment.application = application or enrolment.application
        enrolment.save()
        if application:
            application.status = Application.Status.ENROLLED if not full else Application.Status.WAITING
            application.save(update_fields=["status"])
        if enrolment.status == Enrolment.Status.ENROLLED:
            _refresh_arrangement_plans(trainee)
        return enrolment


def _refresh_arrangement_plans(*trainees: User) -> None:
    """Arrangement plans follow participants: a new or departed trainee changes what sessions need."""
    from accessibility.services import refresh_plans_for_trainee

    for trainee in trainees:
        refresh_plans_for_trainee(trainee)


def enrol_application(application: Application, group: TrainingGroup, *, actor: User | None = None) -> Enrolment:
    """Enrols an accepted candidate in a group of their course, or puts them on its waiting list."""
    with transaction.atomic():
        # The row lock makes a double click wait for the first one, then see its result.
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("course", "candidate")
            .get(pk=application.pk)
        )
        if application.status not in (Application.Status.ACCEPTED, Application.Status.WAITING):
            raise ValidationError("Seule une candidature retenue après entretien peut mener à une inscription.")
        if group.course_id != application.course_id:
            raise ValidationError("Ce groupe ne suit pas la formation demandée dans la candidature.")
        if application.course.audience == "referents" and not application.charter_id:
            raise ValidationError(
                "La charte d'engagement de l'employeur doit être enregistrée avant d'inscrire un référent."
            )
        trainee = account_for(application, actor=actor)
        return enrol(group, trainee, application=application, waitlist=True)


def withdraw(enrolment: Enrolment) -> Enrolment | None:
    """Records a withdrawal; the freed seat goes to the first person on the waiting list, who is
    returned (None if nobody was waiting)."""
    with transaction.atomic():
        group = _locked_group(enrolment.group)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status == Enrolment.Status.WITHDRAWN:
            raise ValidationError("Ce désistement est déjà enregistré.")
        freed_seat = enrolment.status == Enrolment.Status.ENROLLED
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.withdrawn_at = timezone.now()
        enrolment.save(update_fields=["status", "withdrawn_at", "updated_at"])
        if enrolment.application_id:
            Application.objects.filter(pk=enrolment.application_id).update(status=Application.Status.WITHDRAWN)
        promoted = None
        if freed_seat and _enrolled_count(group) < group.capacity:
            promoted = waiting_list_queryset(group).select_for_update().first()
        if promoted is not None:
            promoted.status = Enrolment.Status.ENROLLED
            promoted.waitlisted_at = None
            promoted.save(update_fields=["status", "waitlisted_at", "updated_at"])
            if promoted.application_id:
                Application.objects.filter(pk=promoted.application_id).update(status=Application.Status.ENROLLED)
            transaction.on_commit(lambda: _queue_seat_offer(promoted.pk))
        if freed_seat:
            # The departed trainee no longer attends: refresh the group's sessions, not theirs.
            from accessibility.services import refresh_plans_for_group

            refresh_plans_for_group(group)
        return promoted


def waiting_list_queryset(group: TrainingGroup):
    return Enrolment.objects.filter(group=group, status=Enrolment.Status.WAITING).order_by("waitlisted_at", "pk")


def _queue_seat_offer(enrolment_id: int) -> None:
    from django_q.tasks import async_task

    async_task("lms.cohorts.tasks.send_seat_offer", enrolment_id)


# --- Scheduling -------------------------------------------------------------------------------


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


def session_errors(plan: SessionPlan) -> list[str]:
    """The kit's refusals for a session: joint rules, length, consecutive days, double bookings."""
    errors = []
    groups = plan.groups
    if not groups:
        return ["Choisissez au moins un groupe pour cette séance."]
    if plan.end_time <= plan.start_time:
        return ["L'heure de fin doit être après l'heure de début."]
    date_error = session_date_error(plan)
    if date_error:
        return [date_error]
    if plan.venue is None and not plan.remote_url:
        errors.append("Indiquez un lieu ou un lien de visioconférence.")
    page_course_id = plan.session_page.get_parent().pk
    if len(groups) == 1:
        if groups[0].course_id != page_course_id:
            errors.append("Cette séance du programme n'appartient pas à la formation du groupe.")
    else:
        audiences = sorted(group.course.audience for group in groups)
        if len(groups) != 2 or audiences != ["peer_interveners", "referents"]:
            errors.append(
                "Une séance commune réunit exactement un groupe d'intervenants-pairs et un groupe de référents."
            )
        elif groups[0].territory_id != groups[1].territory_id:
            errors.append("Les deux groupes d'une séance commune doivent être du même territoire.")
        if not plan.session_page.can_be_joint:
            errors.append(f"La séance « {plan.session_page.title} » du programme ne peut pas être commune.")
        if page_course_id not in {group.course_id for group in groups}:
            errors.append("Cette séance du programme n'appartient à la formation d'aucun des groupes.")
    for group in groups:
        if group.status in CLOSED_STATUSES:
            errors.append(f"Le groupe « {group.name} » est {group.get_status_display().lower()}.")
        limit = group.course.max_hours_per_session
        if limit is not None and plan.duration_hours > float(limit):
            errors.append(
                f"Une séance de la formation « {group.course.title} » dure au plus {_hours(float(limit))} : "
                f"celle-ci dure {_hours(plan.duration_hours)}."
            )
    group_ids = [group.pk for group in groups]
    neighbours = ScheduledSession.objects.exclude(status=ScheduledSession.Status.CANCELLED).filter(
        groups__in=group_ids,
        date__in=[plan.date - datetime.timedelta(days=1), plan.date + datetime.timedelta(days=1)],
    )
    if plan.instance and plan.instance.pk:
        neighbours = neighbours.exclude(pk=plan.instance.pk)
    for other in neighbours.prefetch_related("groups").distinct():
        names = ", ".join(f"« {g.name} »" for g in other.groups.all() if g.pk in group_ids)
        errors.append(
            f"Le groupe {names} a déjà une séance le {other.date:%d/%m/%Y} : les séances d'un groupe "
            "ne peuvent pas avoir lieu des jours consécutifs."
        )
    overlapping = _overlapping(plan)
    if overlapping.filter(groups__in=group_ids).exists():
        errors.append("Un des groupes a déjà une séance à ce moment-là.")
    for person in {plan.trainer, plan.peer_trainer} - {None}:
        clash = overlapping.filter(Q(trainer=person) | Q(peer_trainer=person)).first()
        if clash:
            errors.append(
                f"{person} anime déjà une séance à ce moment-là ({clash.session_page.title}, "
                f"{clash.start_time:%H:%M}–{clash.end_time:%H:%M})."
            )
    if plan.trainer and plan.trainer == plan.peer_trainer:
        errors.append("Le formateur et le formateur pair d'une séance sont deux personnes différentes.")
    if plan.venue is not None:
        clash = overlapping.filter(venue=plan.venue).first()
        if clash:
            errors.append(
                f"Le lieu « {plan.venue.name} » est déjà occupé à ce moment-là ({clash.session_page.title}, "
                f"{clash.start_time:%H:%M}–{clash.end_time:%H:%M})."
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
            f"Le groupe « {group.name} » a {len(days)} jour(s) de formation planifié(s) : "
            f"le kit en prévoit {course.min_days} à {course.max_days}."
        )
    first, last = days[0], days[-1]
    if last < add_months(first, course.min_span_months) or last > add_months(first, course.max_span_months):
        warnings.append(
            f"Les séances du groupe « {group.name} » vont du {first:%d/%m/%Y} au {last:%d/%m/%Y} : "
            f"le kit prévoit de les étaler sur {course.min_span_months} à {course.max_span_months} mois."
        )
    total = sum(session.duration_hours for session in sessions)
    planned = float(course.planned_total_hours)
    if abs(total - planned) > planned * HOURS_TOLERANCE:
        warnings.append(
            f"Le groupe « {group.name} » totalise {_hours(total)} de séances planifiées, "
            f"loin des {_hours(planned)} prévues par la formation."
        )
    return warnings


def session_warnings(plan: SessionPlan) -> list[str]:
    """Warnings shown after scheduling: rhythm of each group, missing co-leader."""
    warnings = []
    if plan.peer_trainer is None:
        warnings.append("Aucun formateur pair n'est prévu pour cette séance : le kit demande une co-animation.")
    if plan.trainer is None:
        warnings.append("Aucun formateur ou formatrice n'est prévu pour cette séance.")
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
        session.groups.set(plan.groups)
        from accessibility.services import refresh_plan

        refresh_plan(session)
    return session, warnings


# --- Convocations -----------------------------------------------------------------------------


def convocation_context(session: ScheduledSession, trainee: User) -> dict:
    """Everything a convocation says; other apps add their own keys (e.g. planned arrangements)."""
    from django.conf import settings

    groups = list(session.groups.select_related("organisation", "course"))
    organisation = groups[0].organisation if groups else None
    contacts = [person for person in (session.trainer, session.peer_trainer) if person is not None]
    return {
        "trainee": trainee,
        "session": session,
        "programme": session.session_page,
        "objectives": list(session.session_page.objectives.all()),
        "groups": groups,
        "is_joint": len(groups) > 1,
        "date": session.date,
        "start_time": session.start_time,
        "end_time": session.end_time,
        "half_days": [str(slot.label) for slot in session.half_days],
        "half_days_text": " et ".join(str(slot.label) for slot in session.half_days),
        "venue": session.venue,
        "remote_url": session.remote_url,
        "contacts": contacts,
        "organisation": organisation,
        "site_url": settings.SITE_BASE_URL,
        "arrangements": _planned_arrangements(session),
    }


def _planned_arrangements(session: ScheduledSession) -> list[str]:
    """The session's planned arrangements as plain lines (what is provided, never for whom)."""
    from accessibility.models import ArrangementLine

    lines = ArrangementLine.objects.filter(plan__session=session, still_needed=True).order_by("kind", "half_day")
    labels = []
    for line in lines:
        label = line.description or line.get_kind_display()
        if line.half_day:
            label = f"{label} ({str(line.half_day_label).lower()})"
        labels.append(label)
    return labels
