"""Background tasks run by django-q2."""

from accessibility import services


def readiness_checks() -> int:
    """Daily: e-mails the regional teams about arrangements unconfirmed at D-10 and D-3, and about
    their providers' booking deadlines (a week before and on the day)."""
    return services.run_readiness_checks() + services.run_booking_reminders()
