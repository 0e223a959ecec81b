"""Reads for display preferences, needs and arrangement plans."""

import datetime

from django.db.models import QuerySet

from accessibility.models import AccessibilityNeed, ArrangementLine, ArrangementPlan, DisplayPreference, NeedsConsent
from accessibility.preferences import COOKIE_NAME, DisplayPrefs


def display_prefs_for(request) -> DisplayPrefs:
    """The preferences to apply to this request: the cookie when present (no query), else the
    account's saved choices, else the defaults. Cached on the request."""
    cached = getattr(request, "_display_prefs", None)
    if cached is not None:
        return cached
    cookie = request.COOKIES.get(COOKIE_NAME)
    user = getattr(request, "user", None)
    if cookie is not None:
        prefs = DisplayPrefs.from_cookie(cookie)
    elif user is not None and user.is_authenticated:
        saved = DisplayPreference.objects.filter(user=user).first()
        prefs = DisplayPrefs.from_model(saved) if saved else DisplayPrefs()
    else:
        prefs = DisplayPrefs()
    request._display_prefs = prefs
    return prefs


def consent_of(trainee) -> NeedsConsent | None:
    return NeedsConsent.objects.filter(trainee=trainee).select_related("recorded_by").first()


def needs_of(trainee) -> QuerySet[AccessibilityNeed]:
    return AccessibilityNeed.objects.filter(trainee=trainee).order_by("kind", "pk")


def participants_of_session(session):
    """Trainees enrolled in any of the session's groups (the cohorts selector when it exists)."""
    try:
        from lms.cohorts.selectors import participants_of_session as cohorts_participants
    except ImportError:
        cohorts_participants = None
    if cohorts_participants is not None:
        return cohorts_participants(session)
    from lms.cohorts.models import Enrolment
    from lms.people.models import User

    return User.objects.filter(
        enrolments__group__scheduled_sessions=session, enrolments__status=Enrolment.Status.ENROLLED
    ).distinct()


def upcoming_sessions_of_trainee(trainee, today: datetime.date | None = None):
    """Scheduled sessions from today on in the groups the trainee is enrolled in."""
    from lms.cohorts.models import Enrolment, ScheduledSession

    today = today or datetime.date.today()
    return ScheduledSession.objects.filter(
        groups__enrolments__trainee=trainee, groups__enrolments__status=Enrolment.Status.ENROLLED, date__gte=today
    ).distinct()


def plan_of(session) -> ArrangementPlan | None:
    return ArrangementPlan.objects.filter(session=session).prefetch_related("lines").first()


def unconfirmed_lines_on(date: datetime.date) -> QuerySet[ArrangementLine]:
    """Lines still needed but not confirmed, for sessions held on `date`."""
    return (
        ArrangementLine.objects.filter(
            plan__session__date=date,
            still_needed=True,
            status__in=[ArrangementLine.Status.NEEDED, ArrangementLine.Status.REQUESTED],
        )
        .select_related("plan__session__session_page")
        .order_by("plan__session__start_time", "plan_id", "kind", "half_day")
    )


def regional_team_emails_for_session(session) -> list[str]:
    """E-mail addresses of the regional team members of the regions of the session's groups."""
    from lms.people.models import Role, User

    regions = session.groups.values_list("territory__region_id", flat=True)
    return sorted(
        User.objects.filter(
            is_active=True, role_assignments__role=Role.REGIONAL_TEAM, role_assignments__region_id__in=regions
        )
        .values_list("email", flat=True)
        .distinct()
    )
