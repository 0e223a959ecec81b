"""Writes: display preferences, consent and needs (with their visibility rule), arrangement plans
that follow participants and needs, and the readiness checks before each session."""

import datetime
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from accessibility import rgaa, selectors
from accessibility.models import (
    PER_HALF_DAY_KINDS,
    AccessibilityNeed,
    ArrangementKind,
    ArrangementLine,
    ArrangementPlan,
    ArrangementProvider,
    CriterionCheck,
    DisplayPreference,
    NeedsConsent,
)
from accessibility.permissions import (
    can_manage_arrangement_plan,
    can_manage_providers,
    can_record_accessibility_needs,
    can_run_self_check,
)
from accessibility.preferences import DisplayPrefs
from lms.bounds import parse_money
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry

CONSENT_TEXT = gettext_lazy(
    "J'accepte que la plateforme EPoP enregistre les aménagements dont j'ai besoin pour suivre la formation. "
    "Ces informations sont vues seulement par moi, par les formateurs de mon groupe et par l'équipe régionale. "
    "Elles servent seulement à préparer les aménagements des séances. "
    "Je peux les modifier ou les retirer à tout moment."
)

# Days before a session when the regional team is alerted about unconfirmed arrangements.
READINESS_DAYS = (10, 3)
# A provider's booking deadline is recalled a week before it and on the day.
BOOKING_REMINDER_DAYS = (7, 0)


# --- Display preferences -------------------------------------------------------------------------


@transaction.atomic
def save_display_preferences(user, prefs: DisplayPrefs) -> DisplayPrefs:
    """Stores a signed-in person's choices on their account (the cookie is set by the view)."""
    if user is not None and user.is_authenticated:
        DisplayPreference.objects.update_or_create(
            user=user, defaults={name: getattr(prefs, name) for name in DisplayPrefs.names()}
        )
    return prefs


# --- Consent and needs ---------------------------------------------------------------------------


def _check_can_record(actor, trainee):
    if not can_record_accessibility_needs(actor, trainee):
        raise PermissionDenied(_("Vous ne pouvez pas enregistrer les besoins de cette personne."))


@transaction.atomic
def give_consent(trainee, *, actor, accepted: bool, text: str = CONSENT_TEXT) -> NeedsConsent:
    """Records the trainee's explicit consent (its exact text and date) before any need is stored."""
    _check_can_record(actor, trainee)
    if not accepted:
        raise ValidationError({"accepted": _("Cochez la case pour donner votre accord.")})
    consent, _created = NeedsConsent.objects.update_or_create(
        trainee=trainee, defaults={"text": text, "given_at": timezone.now(), "recorded_by": actor}
    )
    record_access(actor, AuditLogEntry.Action.WRITE, consent, "consentement donné", subject=trainee)
    return consent


@transaction.atomic
def withdraw_consent(trainee, *, actor) -> None:
    """Withdraws consent: every recorded need is erased and the plans of the trainee's sessions follow."""
    if actor.pk != trainee.pk:
        _check_can_record(actor, trainee)
    consent = NeedsConsent.objects.filter(trainee=trainee).first()
    if consent is not None:
        record_access(
            actor, AuditLogEntry.Action.DELETE, consent, "consentement retiré, besoins effacés", subject=trainee
        )
    AccessibilityNeed.objects.filter(trainee=trainee).delete()
    NeedsConsent.objects.filter(trainee=trainee).delete()
    refresh_plans_for_trainee(trainee)


def _clean_need(trainee, kind: str, details: str, *, exclude_pk=None):
    if kind not in ArrangementKind.values:
        raise ValidationError({"kind": _("Choisissez un aménagement dans la liste.")})
    if kind == ArrangementKind.OTHER and not details.strip():
        raise ValidationError({"details": _("Décrivez l'aménagement dont vous avez besoin.")})
    if (
        kind != ArrangementKind.OTHER
        and AccessibilityNeed.objects.filter(trainee=trainee, kind=kind).exclude(pk=exclude_pk).exists()
    ):
        raise ValidationError({"kind": _("Ce besoin est déjà enregistré : modifiez-le plutôt.")})


@transaction.atomic
def add_need(trainee, *, actor, kind: str, details: str = "") -> AccessibilityNeed:
    """Records one need; refused without the trainee's consent."""
    _check_can_record(actor, trainee)
    if not NeedsConsent.objects.filter(trainee=trainee).exists():
        raise ValidationError(_("Le consentement de la personne est nécessaire avant d'enregistrer un besoin."))
    details = (details or "").strip()
    _clean_need(trainee, kind, details)
    need = AccessibilityNeed.objects.create(trainee=trainee, kind=kind, details=details, recorded_by=actor)
    record_access(actor, AuditLogEntry.Action.WRITE, need, "besoin ajouté", subject=trainee)
    refresh_plans_for_trainee(trainee)
    return need


@transaction.atomic
def update_need(need: AccessibilityNeed, *, actor, details: str) -> AccessibilityNeed:
    _check_can_record(actor, need.trainee)
    details = (details or "").strip()
    _clean_need(need.trainee, need.kind, details, exclude_pk=need.pk)
    need.details = details
    need.recorded_by = actor
    need.save(update_fields=["details", "recorded_by", "updated_at"])
    record_access(actor, AuditLogEntry.Action.WRITE, need, "besoin modifié", subject=need.trainee)
    refresh_plans_for_trainee(need.trainee)
    return need


@transaction.atomic
def remove_need(need: AccessibilityNeed, *, actor) -> None:
    _check_can_record(actor, need.trainee)
    trainee = need.trainee
    record_access(actor, AuditLogEntry.Action.DELETE, need, "besoin supprimé", subject=trainee)
    need.delete()
    refresh_plans_for_trainee(trainee)


# --- Arrangement plans ---------------------------------------------------------------------------


def _wanted_lines(session) -> Counter:
    """(kind, half_day, description) -> number of participants who need it."""
    participants = selectors.participants_of_session(session)
    needs = AccessibilityNeed.objects.filter(
        trainee__in=participants, trainee__needs_consent__isnull=False
    ).values_list("kind", "details")
    wanted = Counter()
    for kind, details in needs:
        if kind in PER_HALF_DAY_KINDS:
            for half_day in session.half_days:
                wanted[(kind, str(half_day), "")] += 1
        elif kind == ArrangementKind.OTHER:
            wanted[(kind, "", details[:250])] += 1
        else:
            wanted[(kind, "", "")] += 1
    return wanted


@transaction.atomic
def refresh_plan(session) -> ArrangementPlan:
    """Brings a session's plan in line with its participants' needs. Lines keep their status, provider
    and cost; a line nobody needs any more is removed if nothing was booked, else flagged so that the
    booking is cancelled."""
    plan, _created = ArrangementPlan.objects.get_or_create(session=session)
    if session.status == session.Status.CANCELLED:
        # A cancelled session's plan stays as it was left: the record of what was booked.
        return plan
    wanted = _wanted_lines(session)
    existing = {(line.kind, line.half_day, line.description): line for line in plan.lines.all()}
    for key, count in wanted.items():
        line = existing.pop(key, None)
        if line is None:
            kind, half_day, description = key
            ArrangementLine.objects.create(
                plan=plan, kind=kind, half_day=half_day, description=description, beneficiary_count=count
            )
        elif line.beneficiary_count != count or not line.still_needed:
            line.beneficiary_count = count
            line.still_needed = True
            line.save(update_fields=["beneficiary_count", "still_needed"])
    for line in existing.values():
        if line.status == ArrangementLine.Status.NEEDED:
            line.delete()
        elif line.still_needed or line.beneficiary_count:
            line.still_needed = False
            line.beneficiary_count = 0
            line.save(update_fields=["beneficiary_count", "still_needed"])
    plan.save(update_fields=["updated_at"])
    return plan


def refresh_plans_for_trainee(trainee) -> None:
    """Refreshes the plans of every upcoming session the trainee attends. To be called after a change
    of the trainee's needs or enrolments."""
    for session in selectors.upcoming_sessions_of_trainee(trainee):
        refresh_plan(session)


def refresh_plans_for_group(group) -> None:
    """Refreshes the plans of a group's upcoming sessions (after enrolments or session changes)."""
    for session in group.scheduled_sessions.filter(date__gte=datetime.date.today()):
        refresh_plan(session)


@transaction.atomic
def review_plan_after_change(session, *, note: str, cancelled: bool = False) -> int:
    """After a session moved or was cancelled: booked lines (requested or confirmed) are marked for the
    regional team to reconfirm with the provider at the new time, or to cancel with them. Returns how
    many lines were marked."""
    plan = ArrangementPlan.objects.filter(session=session).first()
    if plan is None and cancelled:
        return 0
    if not cancelled:
        plan = refresh_plan(session)
    marked = 0
    for line in plan.lines.all():
        booked = line.status in {ArrangementLine.Status.REQUESTED, ArrangementLine.Status.CONFIRMED}
        if cancelled:
            line.still_needed = False
        elif line.status == ArrangementLine.Status.CONFIRMED:
            # Confirmed for the old time: ask the provider again.
            line.status = ArrangementLine.Status.REQUESTED
        if booked or cancelled:
            line.notes = f"{note}\n{line.notes}".strip()
            line.save(update_fields=["status", "still_needed", "notes"])
            marked += booked
    plan.save(update_fields=["updated_at"])
    return marked


@transaction.atomic
def update_line(line: ArrangementLine, *, actor, status: str, provider: str = "", cost=None, notes: str = ""):
    """The regional team books an arrangement: status, provider and cost."""
    if not can_manage_arrangement_plan(actor, line.plan.session):
        raise PermissionDenied(_("Seule l'équipe régionale peut organiser les aménagements de cette séance."))
    provider, cost = clean_line_booking(status=status, provider=provider, cost=cost)
    line.status = status
    line.provider = provider
    line.cost = cost
    line.notes = (notes or "").strip()
    line.save(update_fields=["status", "provider", "cost", "notes"])
    return line


def clean_line_booking(*, status: str, provider: str = "", cost=None):
    """The booking rules of an arrangement line (every form that books one calls this): returns the
    cleaned provider and cost, or refuses with the reason next to the field."""
    errors = {}
    if status not in ArrangementLine.Status.values:
        errors["status"] = _("Choisissez un statut dans la liste.")
    provider = (provider or "").strip()
    if status in {ArrangementLine.Status.CONFIRMED, ArrangementLine.Status.PROVIDED} and not provider:
        errors["provider"] = _("Indiquez le prestataire d'un aménagement confirmé ou réalisé.")
    cost, cost_error = parse_money(cost, what=gettext("Le coût"))
    if cost_error:
        errors["cost"] = cost_error
    if errors:
        raise ValidationError(errors)
    return provider, cost


# --- Arrangement providers -----------------------------------------------------------------------


def save_provider(
    *,
    actor,
    region_id: int | None,
    name: str,
    kinds: list[str],
    email: str = "",
    phone: str = "",
    booking_lead_days: int = 0,
    notes: str = "",
    active: bool = True,
    provider: ArrangementProvider | None = None,
) -> ArrangementProvider:
    """Adds a provider to a region's catalogue, or updates `provider` (whose region does not change).
    Only the region's team and administrators keep a region's providers."""
    if provider is not None:
        region_id = provider.region_id
    if region_id is None or not can_manage_providers(actor, region_id):
        raise ValidationError({"region": _("Vous ne pouvez pas tenir les prestataires de cette région.")})
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Indiquez le nom du prestataire.")
    elif (
        ArrangementProvider.objects.filter(region_id=region_id, name__iexact=name)
        .exclude(pk=provider.pk if provider else None)
        .exists()
    ):
        errors["name"] = _("Un prestataire de ce nom existe déjà dans la région.")
    kinds = list(dict.fromkeys(kinds or []))
    if not kinds:
        errors["kinds"] = _("Cochez au moins un aménagement fourni.")
    elif any(kind not in ArrangementKind.values for kind in kinds):
        errors["kinds"] = _("Choisissez les aménagements dans la liste.")
    if booking_lead_days is None or not 0 <= int(booking_lead_days) <= 180:
        errors["booking_lead_days"] = _("Le délai de réservation va de 0 à 180 jours.")
    if errors:
        raise ValidationError(errors)
    target = provider or ArrangementProvider(region_id=region_id)
    target.name = name
    target.kinds = [kind for kind in ArrangementKind.values if kind in kinds]
    target.email = (email or "").strip()
    target.phone = (phone or "").strip()
    target.booking_lead_days = int(booking_lead_days)
    target.notes = (notes or "").strip()
    target.active = bool(active)
    target.full_clean()
    target.save()
    return target


# --- Readiness checks ----------------------------------------------------------------------------


def run_readiness_checks(today: datetime.date | None = None) -> int:
    """Alerts the regional team, by e-mail, about arrangements still unconfirmed ten and three days
    before each session. Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    sent = 0
    for days in READINESS_DAYS:
        lines_by_session = {}
        for line in selectors.unconfirmed_lines_on(today + datetime.timedelta(days=days)):
            lines_by_session.setdefault(line.plan.session, []).append(line)
        for session, lines in lines_by_session.items():
            recipients = selectors.regional_team_emails_for_session(session)
            if not recipients:
                continue
            send_mail(
                subject=_("Aménagements non confirmés — %(session)s (J-%(days)s)") % {"session": session, "days": days},
                message=_readiness_message(session, lines, days),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=recipients,
            )
            sent += 1
    return sent


def _readiness_message(session, lines, days: int) -> str:
    from django.urls import reverse

    rows = "\n".join(
        f"- {line.get_kind_display()}"
        + (f" ({line.half_day_label})" if line.half_day else "")
        + (f" : {line.description}" if line.description else "")
        + f" — {line.get_status_display()}"
        for line in lines
    )
    url = settings.SITE_BASE_URL + reverse("accessibility:session_plan", args=[session.pk])
    return _(
        "Bonjour,\n\nLa séance « %(session)s » a lieu dans %(days)s jours. Ces aménagements ne "
        "sont pas encore confirmés :\n\n%(rows)s\n\nPour les organiser : %(url)s\n\nLa plateforme "
        "EPoP formations"
    ) % {"session": session, "days": days, "rows": rows, "url": url}


def run_booking_reminders(today: datetime.date | None = None) -> int:
    """Reminds the regional team, by e-mail, of the booking deadline of its providers (the session's
    date minus the provider's lead time) for arrangements not confirmed yet, a week before the
    deadline and on the day: an interpreter booked ten days ahead is often too late. One e-mail per
    session and reminder day; returns how many were sent."""
    today = today or timezone.localdate()
    providers = list(ArrangementProvider.objects.filter(active=True))
    wanted: dict[datetime.date, list[tuple[ArrangementProvider, int]]] = {}
    for provider in providers:
        for before in BOOKING_REMINDER_DAYS:
            date = today + datetime.timedelta(days=provider.booking_lead_days + before)
            wanted.setdefault(date, []).append((provider, before))
    if not wanted:
        return 0
    reminders: dict[tuple, list] = {}
    for line in selectors.unconfirmed_lines_on_dates(list(wanted)):
        session = line.plan.session
        regions = {group.territory.region_id for group in session.groups.all()}
        for provider, before in wanted[session.date]:
            if line.kind in provider.kinds and provider.region_id in regions:
                reminders.setdefault((session, before), []).append((line, provider))
    sent = 0
    for (session, before), matches in reminders.items():
        recipients = selectors.regional_team_emails_for_session(session)
        if not recipients:
            continue
        send_mail(
            subject=_("Réservation d'aménagements à faire — %(session)s") % {"session": session},
            message=_booking_message(session, matches, before),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
        sent += 1
    return sent


def _booking_message(session, matches, before: int) -> str:
    from django.urls import reverse

    deadline = session.date - datetime.timedelta(days=matches[0][1].booking_lead_days)
    rows = "\n".join(
        f"- {line.get_kind_display()}"
        + (f" ({line.half_day_label})" if line.half_day else "")
        + f" — {provider.name}"
        + (f", {provider.email}" if provider.email else "")
        + (f", {provider.phone}" if provider.phone else "")
        + " — "
        + _("à réserver au plus tard le %(date)s")
        % {"date": date_format(session.date - datetime.timedelta(days=provider.booking_lead_days), "j F Y")}
        for line, provider in matches
    )
    url = settings.SITE_BASE_URL + reverse("accessibility:session_plan", args=[session.pk])
    if before:
        intro = _("La date limite de réservation approche (le %(date)s) pour la séance « %(session)s ».") % {
            "date": date_format(deadline, "j F Y"),
            "session": session,
        }
    else:
        intro = _("C'est aujourd'hui la date limite de réservation pour la séance « %(session)s ».") % {
            "session": session
        }
    return _(
        "Bonjour,\n\n%(intro)s Ces aménagements ne sont pas encore confirmés :\n\n%(rows)s\n\n"
        "Pour les organiser : %(url)s\n\nLa plateforme EPoP formations"
    ) % {"intro": intro, "rows": rows, "url": url}


# --- RGAA self-check ----------------------------------------------------------------------------


@transaction.atomic
def record_criterion_checks(*, actor, verdicts: dict[str, tuple[str, str]]) -> int:
    """Records the team's verdict and note on RGAA criteria ({"1.1": ("compliant", "note")}); returns
    how many changed. Unknown criteria or verdicts are refused and nothing is saved."""
    if not can_run_self_check(actor):
        raise PermissionDenied
    unknown = sorted(set(verdicts) - set(rgaa.ALL_CRITERIA))
    if unknown:
        raise ValidationError(_("Critère inconnu du RGAA : %(criteria)s.") % {"criteria": ", ".join(unknown)})
    bad = sorted(
        number for number, (verdict, _note) in verdicts.items() if verdict not in CriterionCheck.Verdict.values
    )
    if bad:
        raise ValidationError(_("Verdict inconnu pour le critère %(criteria)s.") % {"criteria": ", ".join(bad)})
    existing = {
        check.criterion: check for check in CriterionCheck.objects.select_for_update().filter(criterion__in=verdicts)
    }
    now = timezone.now()
    changed = 0
    for number, (verdict, note) in verdicts.items():
        note = note.strip()
        check = existing.get(number) or CriterionCheck(criterion=number)
        if check.pk and check.verdict == verdict and check.note == note:
            continue
        check.verdict, check.note, check.checked_by, check.checked_at = verdict, note, actor, now
        check.save()
        changed += 1
    # The footer's status follows at once.
    cache.delete(selectors.STATEMENT_STATUS_CACHE_KEY)
    return changed
