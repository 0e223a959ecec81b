"""Background tasks run by django-q2."""

from accessibility import services


def readiness_checks() -> int:
    """Daily: e-mails the regional teams about arrangements unconfirmed at D-10 and D-3."""
    return services.run_readiness_checks()
