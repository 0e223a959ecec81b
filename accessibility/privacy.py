"""The accessibility app's part in personal-data rights: export, erasure and retention of needs."""

from lms.people import privacy, retention
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry


def export_needs(user) -> dict:
    """The person's consent and recorded needs, as they would read them."""
    from accessibility.models import AccessibilityNeed, NeedsConsent

    consent = NeedsConsent.objects.filter(trainee=user).first()
    return {
        "consent": {"text": consent.text, "given_at": consent.given_at.isoformat()} if consent else None,
        "needs": [
            {"arrangement": need.get_kind_display(), "details": need.details}
            for need in AccessibilityNeed.objects.filter(trainee=user).order_by("kind")
        ],
    }


def erase_needs(user, pseudonym: str) -> None:
    """Needs are never kept by law: erasure deletes them and the consent."""
    from accessibility.models import AccessibilityNeed, NeedsConsent

    AccessibilityNeed.objects.filter(trainee=user).delete()
    NeedsConsent.objects.filter(trainee=user).delete()
    AccessibilityNeed.objects.filter(recorded_by=user).update(recorded_by=None)


def purge_needs(persons, now) -> int:
    """Deletes the needs and consents of persons past the retention delay, each deletion audited."""
    from accessibility.models import AccessibilityNeed, NeedsConsent

    count = 0
    for need in AccessibilityNeed.objects.filter(trainee__in=persons).select_related("trainee"):
        record_access(None, AuditLogEntry.Action.DELETE, need, "durée de conservation dépassée", subject=need.trainee)
        need.delete()
        count += 1
    NeedsConsent.objects.filter(trainee__in=persons).delete()
    return count


def register() -> None:
    privacy.register(
        "accessibility_needs", label="Besoins d'accessibilité", exporter=export_needs, eraser=erase_needs, order=40
    )
    retention.register("accessibility_needs", purge_needs, months_setting="ACCESSIBILITY_NEEDS_RETENTION_MONTHS")
