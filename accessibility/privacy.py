"""The accessibility app's part in personal-data rights: export, erasure and retention of needs."""

from django.utils.translation import gettext_lazy as _

from accessibility.models import AccessibilityNeed, DisplayPreference, NeedsConsent
from lms.people import privacy, retention
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry


def export_needs(user) -> dict:
    """The person's consent and recorded needs, as they would read them."""

    consent = NeedsConsent.objects.filter(trainee=user).first()
    return {
        "consentement": {"texte": consent.text, "donné_le": consent.given_at} if consent else None,
        "besoins": [
            {"aménagement": need.get_kind_display(), "précisions": need.details}
            for need in AccessibilityNeed.objects.filter(trainee=user).order_by("kind")
        ],
    }


def export_display_preferences(user) -> dict | None:
    """The display choices the person saved on their account (FALC, text size, contrast…)."""

    preference = DisplayPreference.objects.filter(user=user).first()
    if preference is None:
        return None
    return {
        "mode_facile_à_lire": preference.falc,
        "texte_plus_grand": preference.larger_text,
        "contraste_renforcé": preference.high_contrast,
        "espacement_augmenté": preference.more_spacing,
        "animations_réduites": preference.reduced_motion,
    }


def erase_display_preferences(user, pseudonym: str) -> None:
    """Display choices can hint at a disability and are kept for nothing else: deleted."""

    DisplayPreference.objects.filter(user=user).delete()


def erase_needs(user, pseudonym: str) -> None:
    """Needs are never kept by law: erasure deletes them and the consent."""

    AccessibilityNeed.objects.filter(trainee=user).delete()
    NeedsConsent.objects.filter(trainee=user).delete()
    AccessibilityNeed.objects.filter(recorded_by=user).update(recorded_by=None)


def purge_needs(persons, now) -> int:
    """Deletes the needs and consents of persons past the retention delay, each deletion audited."""

    count = 0
    for need in AccessibilityNeed.objects.filter(trainee__in=persons).select_related("trainee"):
        record_access(None, AuditLogEntry.Action.DELETE, need, "durée de conservation dépassée", subject=need.trainee)
        need.delete()
        count += 1
    NeedsConsent.objects.filter(trainee__in=persons).delete()
    return count


def register() -> None:
    privacy.register(
        "accessibility_needs", label=_("Besoins d'accessibilité"), exporter=export_needs, eraser=erase_needs, order=40
    )
    privacy.register(
        "display_preferences",
        label=_("Préférences d'affichage"),
        exporter=export_display_preferences,
        eraser=erase_display_preferences,
        order=41,
    )
    retention.register("accessibility_needs", purge_needs, months_setting="ACCESSIBILITY_NEEDS_RETENTION_MONTHS")
