"""Reads for display preferences, needs and arrangement plans."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, QuerySet

from accessibility import rgaa
from accessibility.models import (
    AccessibilityNeed,
    AccessibilityStatement,
    ArrangementLine,
    ArrangementPlan,
    ArrangementProvider,
    CriterionCheck,
    DisplayPreference,
    NeedsConsent,
)
from accessibility.preferences import COOKIE_NAME, DisplayPrefs
from lms.cohorts.models import Enrolment, ScheduledSession
from lms.cohorts.selectors import participants_of_session as cohorts_participants
from lms.people.models import Role, User


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


def planned_arrangement_labels(session) -> list[str]:
    """A session's planned arrangements as plain lines (what is provided, never for whom)."""
    lines = ArrangementLine.objects.filter(plan__session=session, still_needed=True).order_by("kind", "half_day")
    labels = []
    for line in lines:
        label = line.description or line.get_kind_display()
        if line.half_day:
            label = f"{label} ({str(line.half_day_label).lower()})"
        labels.append(label)
    return labels


def needs_of(trainee) -> QuerySet[AccessibilityNeed]:
    return AccessibilityNeed.objects.filter(trainee=trainee).order_by("kind", "pk")


def participants_of_session(session):
    """Trainees enrolled in any of the session's groups."""
    return cohorts_participants(session)


def upcoming_sessions_of_trainee(trainee, today: datetime.date | None = None):
    """Scheduled sessions from today on in the groups the trainee is enrolled in."""

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


def unconfirmed_lines_on_dates(dates: list[datetime.date]) -> QuerySet[ArrangementLine]:
    """Lines still needed but not confirmed, for sessions held on any of `dates`, with their
    session's groups and regions (for the booking reminders)."""
    return (
        ArrangementLine.objects.filter(
            plan__session__date__in=dates,
            plan__session__status=ScheduledSession.Status.SCHEDULED,
            still_needed=True,
            status__in=[ArrangementLine.Status.NEEDED, ArrangementLine.Status.REQUESTED],
        )
        .select_related("plan__session__session_page")
        .prefetch_related("plan__session__groups__territory")
        .order_by("plan__session__date", "plan__session__start_time", "plan_id", "kind", "half_day")
    )


def regional_team_emails_for_session(session) -> list[str]:
    """E-mail addresses of the regional team members of the regions of the session's groups."""

    regions = session.groups.values_list("territory__region_id", flat=True)
    return sorted(
        User.objects.filter(
            is_active=True, role_assignments__role=Role.REGIONAL_TEAM, role_assignments__region_id__in=regions
        )
        .values_list("email", flat=True)
        .distinct()
    )


STATEMENT_STATUS_CACHE_KEY = rgaa.STATUS_CACHE_KEY


@dataclass(frozen=True)
class SelfCheckSummary:
    """Where the team's RGAA self-check stands: verdicts by kind and, once complete, its rate."""

    counts: dict
    total: int

    @property
    def checked(self) -> int:
        return self.total - self.counts.get(CriterionCheck.Verdict.NOT_CHECKED, 0)

    @property
    def is_complete(self) -> bool:
        return self.checked == self.total

    @property
    def rate(self) -> Decimal | None:
        """Compliant criteria over applicable ones, once every criterion has a verdict."""
        applicable = self.counts.get(CriterionCheck.Verdict.COMPLIANT, 0) + self.counts.get(
            CriterionCheck.Verdict.NON_COMPLIANT, 0
        )
        if not self.is_complete or not applicable:
            return None
        compliant = Decimal(self.counts.get(CriterionCheck.Verdict.COMPLIANT, 0))
        return (compliant * 100 / applicable).quantize(Decimal("0.01"))


def self_check_summary() -> SelfCheckSummary:
    counts = dict.fromkeys(CriterionCheck.Verdict.values, 0)
    counts[CriterionCheck.Verdict.NOT_CHECKED] = len(rgaa.ALL_CRITERIA)
    for row in CriterionCheck.objects.filter(criterion__in=rgaa.ALL_CRITERIA).values("verdict").annotate(n=Count("pk")):
        counts[row["verdict"]] += row["n"]
        if row["verdict"] != CriterionCheck.Verdict.NOT_CHECKED:
            counts[CriterionCheck.Verdict.NOT_CHECKED] -= row["n"]
    return SelfCheckSummary(counts=counts, total=len(rgaa.ALL_CRITERIA))


def theme_checks(theme: rgaa.Theme) -> list[tuple[str, CriterionCheck | None]]:
    """Each criterion of a theme with the team's verdict, if any (one query)."""
    found = {check.criterion: check for check in CriterionCheck.objects.filter(criterion__in=theme.criteria)}
    return [(number, found.get(number)) for number in theme.criteria]


@dataclass(frozen=True)
class Statement:
    """The statement as published: the team's texts, the rate and where it comes from, the status."""

    settings: AccessibilityStatement
    rate: Decimal | None
    rate_source: str  # "audit", "self_check" or ""
    status: str

    @property
    def status_label(self) -> str:
        return str(rgaa.ComplianceStatus.LABELS[self.status])

    def lines(self, field: str) -> list[str]:
        return [line.strip() for line in getattr(self.settings, field).splitlines() if line.strip()]


def statement() -> Statement:
    """The audit's rate wins; else the self-check's once complete; with neither, 'non conforme'."""
    # A read never creates the settings row: until the team saves it, the defaults are the statement.
    texts = AccessibilityStatement.objects.first() or AccessibilityStatement()
    if texts.audit_rate is not None:
        rate, source = texts.audit_rate, "audit"
    else:
        rate = self_check_summary().rate
        source = "self_check" if rate is not None else ""
    return Statement(settings=texts, rate=rate, rate_source=source, status=rgaa.status_for(rate))


def statement_status_label() -> str:
    """The status shown in every page's footer. It changes only when a verdict or the statement does, so
    it is kept in the shared cache without expiry; the statement page and the services refresh it."""
    status = cache.get(STATEMENT_STATUS_CACHE_KEY)
    if status is None:
        status = statement().status
        cache.set(STATEMENT_STATUS_CACHE_KEY, status, timeout=None)
    return str(rgaa.ComplianceStatus.LABELS[status])


def self_check_counts_by_theme() -> dict[int, int]:
    """How many criteria of each theme have a verdict (one query)."""
    counts: dict[int, int] = {}
    checked = CriterionCheck.objects.exclude(verdict=CriterionCheck.Verdict.NOT_CHECKED).values_list(
        "criterion", flat=True
    )
    for number in checked:
        theme_number = int(number.split(".")[0])
        counts[theme_number] = counts.get(theme_number, 0) + 1
    return counts


def remember_statement_status(current: Statement) -> None:
    """The statement page computes the status afresh: the footer follows from then on."""
    cache.set(STATEMENT_STATUS_CACHE_KEY, current.status, timeout=None)


def providers_of_regions(region_ids) -> QuerySet[ArrangementProvider]:
    """The providers of these regions (all regions for None), for the catalogue page."""
    providers = ArrangementProvider.objects.select_related("region")
    if region_ids is not None:
        providers = providers.filter(region_id__in=region_ids)
    return providers.order_by("region__name", "-active", "name")


def providers_by_kind_for_session(session) -> dict[str, list[ArrangementProvider]]:
    """The active providers of the session's groups' regions, by the arrangement kind they provide
    (one query): the plan page suggests them on each line, with how long ahead to book."""
    by_kind: dict[str, list[ArrangementProvider]] = {}
    providers = ArrangementProvider.objects.filter(
        active=True, region__territories__training_groups__scheduled_sessions=session
    ).distinct()
    for provider in providers.order_by("name"):
        for kind in provider.kinds:
            by_kind.setdefault(kind, []).append(provider)
    return by_kind
