"""Background work of the intervention requests (django-q2): the daily erasure of partners' contact
details kept longer than the retention delay."""

from lms.interventions import services


def forget_old_contacts() -> int:
    """Daily: erases the contact of requests closed or cancelled long enough ago (idempotent)."""
    return services.forget_old_contacts()
