"""The private address of a person's calendar feed."""

from django.db import transaction

from lms.cohorts.models import CalendarToken
from lms.people.models import User


@transaction.atomic
def issue_calendar_token(*, user: User) -> CalendarToken:
    """A new private feed address for `user`; the old one, if any, stops working at once."""
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user)
