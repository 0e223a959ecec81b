"""Private iCalendar feeds of sessions (RFC 5545, built with the icalendar library)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from lms import events
from lms.cohorts.selectors import calendar_token_for


def feed_url(request, user) -> str | None:
    """The absolute, tokenised address of the user's feed; None until they create one."""
    token = calendar_token_for(user)
    if token is None:
        return None
    return request.build_absolute_uri(reverse("cohorts:calendar_feed", args=[token.token]))


def _location(session) -> str:
    if session.venue is not None:
        venue = session.venue
        return f"{venue.name}, {venue.address}, {venue.postcode} {venue.city}"
    return session.remote_url or ""


def build_calendar(user, sessions) -> bytes:
    """One VEVENT per session, times in Europe/Paris."""
    tz = ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", "-//EPoP formations//Séances//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "EPoP — mes séances")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = datetime.datetime.now(datetime.UTC)
    for session in sessions:
        event = Event()
        event.add("uid", f"seance-{session.pk}@epop-formations")
        event.add("dtstamp", stamp)
        # Same UID, higher SEQUENCE: calendar apps replace the old version; a cancelled session stays
        # in the feed as CANCELLED so that apps remove it rather than keep a stale copy.
        event.add("sequence", session.sequence)
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        if session.changed_at:
            event.add("last-modified", session.changed_at.astimezone(datetime.UTC))
        event.add("dtstart", datetime.datetime.combine(session.date, session.start_time, tzinfo=tz))
        event.add("dtend", datetime.datetime.combine(session.date, session.end_time, tzinfo=tz))
        prefix = "ANNULÉE — " if session.is_cancelled else ""
        event.add("summary", f"{prefix}EPoP — {session.session_page.title}")
        event.add("location", _location(session))
        lines = [", ".join(group.name for group in session.groups.all())]
        if session.is_cancelled:
            lines.insert(0, f"Séance annulée : {session.cancellation_reason}")
        if session.trainer:
            lines.append(f"Formateur ou formatrice : {session.trainer}")
        if session.peer_trainer:
            lines.append(f"Formateur ou formatrice pair : {session.peer_trainer}")
        if session.venue is not None and session.venue.public_transport:
            lines.append(f"Transports : {session.venue.public_transport}")
        if session.remote_url:
            lines.append(f"Lien de visioconférence : {session.remote_url}")
            event.add("url", session.remote_url)
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    # Higher apps (follow-up meetings) add their own events to the same feed.
    extra: list[dict] = []
    events.publish(events.CALENDAR_EVENTS, user=user, events=extra)
    for item in extra:
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", stamp)
        event.add("status", "CANCELLED" if item.get("cancelled") else "CONFIRMED")
        if item.get("cancelled"):
            event.add("sequence", 1)
        event.add("dtstart", item["start"].astimezone(tz))
        event.add("dtend", item["end"].astimezone(tz))
        event.add("summary", item["summary"])
        for key in ("location", "description", "url"):
            if item.get(key):
                event.add(key, item[key])
        cal.add_component(event)
    return cal.to_ical()
