"""Selection: applications, interviews, engagement charters and the applicant's account."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from lms.bounds import date_error, years_from_today
from lms.cohorts.models import (
    INTERVIEW_GRIDS,
    Application,
    EngagementCharter,
    SelectionInterview,
)
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry, Role, User
from lms.people.permissions import is_administrator
from lms.people.services import assign_role, create_account, invite


@transaction.atomic
def submit_application(*, recorded_by: User | None = None, acknowledge: bool = False, **fields) -> Application:
    """Records a candidacy (public form, or the regional team on someone's behalf); with `acknowledge`,
    the applicant receives an e-mail saying it arrived and what comes next."""
    application = Application(**fields)
    application.source = Application.Source.RECORDED if recorded_by else Application.Source.PUBLIC_FORM
    application.recorded_by = recorded_by
    if application.course.audience == "referents" and not application.employer_name:
        raise ValidationError(
            {"employer_name": _("Indiquez la structure employeuse : elle signe la charte d'engagement.")}
        )
    application.full_clean()
    application.save()
    if acknowledge:
        # Robust: the application is recorded even if the mail server fails (the error is logged).
        transaction.on_commit(lambda: send_application_receipt(application), robust=True)
    return application


def send_application_receipt(application: Application) -> None:
    """The e-mail that tells a public-form applicant their application arrived (in French, as the form)."""
    with translation.override("fr"):
        text = render_to_string("cohorts/email/application_received.txt", {"application": application})
    subject = f"Votre candidature à la formation « {application.course.title} » est bien reçue"
    EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [application.email]).send()


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
            errors[name] = _("Renseignez le critère « %(label)s » de la grille d'entretien.") % {"label": label}
    for audience, names in INTERVIEW_GRIDS.items():
        if audience != application.course.audience:
            for name in names:
                fields[name] = ""
    if not (fields.get("decision_reason") or "").strip():
        errors["decision_reason"] = _("Indiquez le motif de la décision.")
    if fields.get("decision") not in SelectionInterview.Decision.values:
        errors["decision"] = _("Choisissez une décision : retenue ou non retenue.")
    held_on_error = interview_date_error(application, fields.get("held_on"))
    if held_on_error:
        errors["held_on"] = held_on_error
    if errors:
        raise ValidationError(errors)
    if application.status in (Application.Status.ENROLLED, Application.Status.WAITING):
        raise ValidationError(
            _("La personne est déjà inscrite ou en liste d'attente : la décision ne peut plus changer.")
        )
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
        raise ValidationError(_("La charte d'engagement ne concerne que les référents."))
    charter = EngagementCharter(recorded_by=recorded_by, **fields)
    if charter.method == EngagementCharter.Method.DOCUMENT and not charter.document:
        raise ValidationError(
            {"document": _("Déposez la charte signée, ou choisissez l'acceptation sur la plateforme.")}
        )
    if charter.method == EngagementCharter.Method.PLATFORM and charter.accepted_at is None:
        charter.accepted_at = timezone.now()
    if charter.signed_on and charter.signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("La date de signature ne peut pas être dans le futur.")})
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
