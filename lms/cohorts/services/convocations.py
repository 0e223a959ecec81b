"""What a convocation says."""

from lms import events
from lms.cohorts.models import (
    ScheduledSession,
)
from lms.people.models import User


def convocation_context(session: ScheduledSession, trainee: User) -> dict:
    """Everything a convocation says; other apps add their own keys (e.g. planned arrangements)."""
    from django.conf import settings

    groups = list(session.groups.select_related("organisation", "course"))
    organisation = groups[0].organisation if groups else None
    contacts = [person for person in (session.trainer, session.peer_trainer) if person is not None]
    context = {
        "trainee": trainee,
        "session": session,
        "programme": session.session_page,
        "objectives": list(session.session_page.objectives.all()),
        "groups": groups,
        "is_joint": len(groups) > 1,
        "date": session.date,
        "start_time": session.start_time,
        "end_time": session.end_time,
        "half_days": [str(slot.label) for slot in session.half_days],
        "half_days_text": " et ".join(str(slot.label) for slot in session.half_days),
        "venue": session.venue,
        "remote_url": session.remote_url,
        "contacts": contacts,
        "organisation": organisation,
        "site_url": settings.SITE_BASE_URL,
        "arrangements": [],
    }
    # Higher apps add their keys (accessibility: the session's planned arrangements).
    events.publish(events.CONVOCATION_CONTEXT, session=session, trainee=trainee, context=context)
    return context
