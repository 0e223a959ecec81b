"""Pages for groups, selection and schedules. Each view checks who asks, then calls services and selectors."""

from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import Audience, CoursePage
from lms.cohorts import calendar, selectors, services
from lms.cohorts.forms import ApplicationForm, CharterForm, EnrolForm, InterviewForm, SessionForm
from lms.cohorts.models import INTERVIEW_GRIDS, Application, CalendarToken, Enrolment, TrainingGroup
from lms.cohorts.permissions import (
    can_enrol_application,
    can_handle_application,
    can_lead_group,
    can_manage_group,
    can_read_interview_notes,
    can_run_selection,
    can_see_led_sessions,
    can_view_groups_overview,
    selection_territories,
)
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry
from lms.people.services import invite
from lms.private_files import private_file_response
from lms.security.redirects import safe_next
from lms.security.throttle import allow_attempt, client_ip

# --- Public application form ------------------------------------------------------------------


def apply(request):
    """The public, accessible application form, with each course explained in easy-to-read French."""
    courses = list(CoursePage.objects.live().order_by("audience"))
    # "Candidater" on a course page preselects that course.
    chosen = request.GET.get("formation", "")
    initial = {"course": int(chosen)} if chosen.isdigit() and any(c.pk == int(chosen) for c in courses) else {}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "consent"}
        try:
            if not allow_attempt(
                scope="application-form",
                key=client_ip(request),
                limit=settings.APPLICATION_LIMIT_PER_IP,
                window=settings.APPLICATION_WINDOW,
            ):
                raise ValidationError(
                    gettext(
                        "Trop de candidatures ont été envoyées depuis votre connexion. Par sécurité, celle-ci "
                        "n'est pas enregistrée : réessayez dans une heure, ou contactez votre équipe régionale."
                    )
                )
            services.submit_application(acknowledge=True, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect("cohorts:apply_done")
    return render(request, "cohorts/apply.html", {"form": form, "courses": courses})


def apply_done(request):
    return render(request, "cohorts/apply_done.html")


# --- Regional team: groups --------------------------------------------------------------------


@login_required
def groups_overview(request):
    """The groups the person oversees, with fill rate, next session and warnings."""
    if not can_view_groups_overview(request.user):
        raise PermissionDenied
    groups = list(selectors.groups_overview(request.user))
    rows = []
    for group in groups:
        rows.append(
            {
                "group": group,
                "fill_rate": round(100 * group.enrolled_count / group.capacity) if group.capacity else 0,
                "warnings": services.group_warnings(group),
                # The national team reads every group's page (aggregates, no trainee's name).
                "can_open": True,
            }
        )
    return render(request, "cohorts/groups_overview.html", {"rows": rows})


def _group_for(request, pk: int, *, manage: bool) -> TrainingGroup:
    try:
        group = selectors.group_detail(pk)
    except TrainingGroup.DoesNotExist:
        raise Http404 from None
    allowed = can_manage_group(request.user, group) or (not manage and can_lead_group(request.user, group))
    if not allowed:
        raise PermissionDenied
    return group


def group_detail_context(request, group: TrainingGroup) -> dict:
    """What the group page shows from this app: leaders, warnings, enrolments, waiting list, sessions
    (the page itself, the hub of the group, is lms.staff's group_hub, which adds the other apps' parts)."""
    enrolments = list(selectors.enrolments_of_group(group))
    enrolled = [e for e in enrolments if e.status == Enrolment.Status.ENROLLED]
    waiting = sorted(
        (e for e in enrolments if e.status == Enrolment.Status.WAITING), key=lambda e: (e.waitlisted_at, e.pk)
    )
    return {
        "group": group,
        "warnings": services.group_warnings(group),
        "enrolled": enrolled,
        "enrolled_count": len(enrolled),
        "waiting": waiting,
        "waiting_count": len(waiting),
        "withdrawn": [e for e in enrolments if e.status == Enrolment.Status.WITHDRAWN],
        "sessions": selectors.sessions_for_group(group),
        "can_manage": can_manage_group(request.user, group),
    }


@login_required
def group_detail(request, pk: int):
    """A group: leaders, warnings, enrolments, waiting list and sessions."""
    group = _group_for(request, pk, manage=False)
    return render(request, "cohorts/group_detail.html", group_detail_context(request, group))


@login_required
@require_POST
def withdraw_enrolment(request, pk: int, enrolment_pk: int):
    group = _group_for(request, pk, manage=True)
    enrolment = get_object_or_404(Enrolment.objects.select_related("trainee"), pk=enrolment_pk, group=group)
    try:
        promoted = services.withdraw(enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Désistement de %(person)s enregistré.") % {"person": enrolment.trainee})
        if promoted:
            messages.success(
                request,
                _("La place libérée est proposée à %(person)s, premier de la liste d'attente.")
                % {"person": promoted.trainee},
            )
    return redirect("cohorts:group_detail", pk=group.pk)


@login_required
def schedule_session(request, pk: int):
    """Scheduling a session for a group: refusals show on the form, warnings after saving."""
    group = _group_for(request, pk, manage=True)
    form = SessionForm(request.POST or None, group=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        groups = [group] + ([data["joint_group"]] if data["joint_group"] else [])
        plan = services.SessionPlan(
            session_page=data["session_page"],
            groups=groups,
            date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            venue=data["venue"],
            remote_url=data["remote_url"],
            trainer=data["trainer"],
            peer_trainer=data["peer_trainer"],
            actor=request.user,
        )
        try:
            session, warnings = services.schedule_session(plan)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Séance « %(title)s » planifiée le %(date)s.")
                % {"title": session.session_page.title, "date": date_format(session.date, "SHORT_DATE_FORMAT")},
            )
            for warning in warnings:
                messages.warning(request, _("Attention : %(warning)s") % {"warning": warning})
            return redirect("cohorts:group_detail", pk=group.pk)
    return render(request, "cohorts/session_form.html", {"form": form, "group": group})


# --- Regional team: selection -----------------------------------------------------------------


def _require_selection_role(user):
    if not can_run_selection(user):
        raise PermissionDenied


@login_required
def applications(request):
    _require_selection_role(request.user)
    applications = selectors.with_duplicates(selectors.applications_for(request.user), request.user)
    return render(request, "cohorts/applications.html", {"applications": applications})


@login_required
def record_application(request):
    _require_selection_role(request.user)
    territories = selection_territories(request.user)
    form = ApplicationForm(request.POST or None, recorded=True, territories=territories)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.submit_application(recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Candidature de %(name)s enregistrée.") % {"name": application.full_name})
            return redirect("cohorts:application_detail", pk=application.pk)
    return render(request, "cohorts/application_form.html", {"form": form})


def _application_for(request, pk: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("course", "territory__region", "charter", "candidate"), pk=pk
    )
    if not can_handle_application(request.user, application):
        raise PermissionDenied
    return application


@login_required
def application_detail(request, pk: int):
    application = _application_for(request, pk)
    selectors.with_duplicates([application], request.user)
    interview = getattr(application, "interview", None)
    grid = []
    if interview is not None:
        grid = [
            (name, interview._meta.get_field(name).verbose_name, getattr(interview, f"get_{name}_display")())
            for name in INTERVIEW_GRIDS[application.course.audience]
        ]
    show_notes = can_read_interview_notes(request.user, application)
    if show_notes and interview is not None and interview.notes:
        # Interview notes are sensitive: each reading is written to the audit log.
        record_access(
            request.user, AuditLogEntry.Action.READ, interview, "notes d'entretien", subject=application.candidate
        )
    context = {
        "grid": grid,
        "application": application,
        "interview": interview,
        "show_notes": show_notes,
        "is_referent": application.course.audience == Audience.REFERENTS,
        "can_enrol": can_enrol_application(request.user, application),
        "enrol_form": EnrolForm(groups=selectors.open_groups_for(application)),
        "enrolments": application.enrolments.select_related("group"),
    }
    return render(request, "cohorts/application_detail.html", context)


@login_required
def record_interview(request, pk: int):
    application = _application_for(request, pk)
    instance = getattr(application, "interview", None)
    form = InterviewForm(request.POST or None, instance=instance, audience=application.course.audience)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_interview(application, interviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Entretien et décision enregistrés."))
            return redirect("cohorts:application_detail", pk=application.pk)
    return render(request, "cohorts/interview_form.html", {"form": form, "application": application})


@login_required
def charter_document(request, pk: int):
    """The signed charter an employer sent, for those who handle the application only."""
    application = _application_for(request, pk)
    charter = application.charter
    if charter is None or not charter.document:
        raise Http404
    extension = PurePosixPath(charter.document.name).suffix.lower()
    return private_file_response(
        charter.document, f"charte-engagement-{slugify(charter.employer_name)}{extension}", as_attachment=True
    )


@login_required
def record_charter(request, pk: int):
    application = _application_for(request, pk)
    if application.course.audience != "referents":
        raise Http404
    initial = {"employer_name": application.employer_name, "signed_on": timezone.localdate()}
    form = CharterForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_charter(application, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Charte d'engagement enregistrée."))
            return redirect("cohorts:application_detail", pk=application.pk)
    return render(request, "cohorts/charter_form.html", {"form": form, "application": application})


@login_required
@require_POST
def enrol_application(request, pk: int):
    application = _application_for(request, pk)
    form = EnrolForm(request.POST, groups=selectors.open_groups_for(application))
    if not form.is_valid():
        messages.error(request, _("Choisissez un groupe."))
        return redirect("cohorts:application_detail", pk=application.pk)
    try:
        enrolment = services.enrol_application(application, form.cleaned_data["group"], actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if enrolment.status == Enrolment.Status.WAITING:
            messages.warning(
                request,
                _("Le groupe est complet : %(name)s est en liste d'attente.") % {"name": application.full_name},
            )
        else:
            messages.success(
                request,
                _("%(name)s est inscrit dans « %(group)s ».")
                % {"name": application.full_name, "group": enrolment.group.name},
            )
        if enrolment.trainee.is_active and not enrolment.trainee.has_usable_password():
            messages.info(
                request,
                _("Une invitation part à %(email)s : la personne y trouve un lien pour choisir son mot de passe.")
                % {"email": enrolment.trainee.email},
            )
    return redirect("cohorts:application_detail", pk=application.pk)


@login_required
@require_POST
def resend_invitation(request, pk: int):
    """The regional team sends the invitation again to a candidate who has not chosen a password yet."""
    application = _application_for(request, pk)
    if application.candidate is None:
        messages.error(
            request, _("La personne n'a pas encore de compte : il est créé à son inscription dans un groupe.")
        )
        return redirect("cohorts:application_detail", pk=application.pk)
    try:
        invite(user=application.candidate, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Invitation renvoyée à %(email)s.") % {"email": application.candidate.email},
        )
    return redirect("cohorts:application_detail", pk=application.pk)


# --- Trainers, trainees, calendars ------------------------------------------------------------


@login_required
def my_sessions(request):
    """Trainers and peer trainers: the sessions they lead, with groups, venue and co-leader."""
    if not can_see_led_sessions(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    sessions = list(selectors.sessions_led_by(request.user))
    return render(
        request,
        "cohorts/my_sessions.html",
        {
            "upcoming": [s for s in sessions if s.date >= today],
            "past": [s for s in sessions if s.date < today],
            "calendar_url": calendar.feed_url(request, request.user),
        },
    )


@login_required
def my_schedule(request):
    """Trainees: their group, their sessions and how to get to the venues."""
    today = timezone.localdate()
    sessions = list(selectors.sessions_for_trainee(request.user))
    venues = {s.venue.pk: s.venue for s in sessions if s.venue is not None}
    return render(
        request,
        "cohorts/my_schedule.html",
        {
            "groups": selectors.groups_of_trainee(request.user),
            "upcoming": [s for s in sessions if s.date >= today],
            "past": [s for s in sessions if s.date < today],
            "venues": venues.values(),
            "calendar_url": calendar.feed_url(request, request.user),
        },
    )


@login_required
@require_POST
def renew_calendar_token(request):
    """The private address of the calendar: the first one, or a new one when the old one was shared by
    mistake."""
    renewing = selectors.calendar_token_for(request.user) is not None
    services.issue_calendar_token(user=request.user)
    if renewing:
        messages.success(request, _("Nouvelle adresse de calendrier créée : l'ancienne ne fonctionne plus."))
    else:
        messages.success(request, _("L'adresse de votre calendrier est créée."))
    return redirect(safe_next(request, reverse("cohorts:my_schedule")))


def calendar_feed(request, token: str):
    """The private iCalendar feed; the token in the URL is the only credential."""
    token_row = CalendarToken.objects.filter(token=token).select_related("user").first()
    if token_row is None or not token_row.user.is_active:
        raise Http404
    body = calendar.build_calendar(token_row.user, selectors.sessions_for_calendar(token_row.user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="epop-seances.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
