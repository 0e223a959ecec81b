"""The one registry of cross-app effects: a lower app publishes what happens, a higher app subscribes
in its AppConfig.ready(). Handlers run synchronously inside the publisher's transaction, so a handler
may refuse the change by raising ValidationError."""

from collections import defaultdict
from collections.abc import Callable

_subscribers: dict[str, list[Callable]] = defaultdict(list)


def subscribe(event: str, handler: Callable) -> None:
    """Registers `handler(**payload)` for `event` (idempotent)."""
    if handler not in _subscribers[event]:
        _subscribers[event].append(handler)


def unsubscribe(event: str, handler: Callable) -> None:
    if handler in _subscribers[event]:
        _subscribers[event].remove(handler)


def publish(event: str, **payload) -> None:
    """Calls every handler of `event` with the payload, in subscription order."""
    for handler in list(_subscribers[event]):
        handler(**payload)


# Events published by the cohorts app.
# Before a session's date or half-days change, or it is cancelled or deleted: payload `session`,
# `change` ("move", "cancel", "delete"), `date` and `half_days` (the new ones, for "move").
SESSION_CHANGING = "cohorts.session_changing"
# After a session was edited, moved or cancelled: payload `session`, `change` (a SessionChange).
SESSION_CHANGED = "cohorts.session_changed"
# After a session was scheduled or its plan saved again (schedule_session): payload `session` and
# `previous_groups`, the groups it had before (empty for a new session).
SESSION_SCHEDULED = "cohorts.session_scheduled"
# After a session was deleted (delete_session): payload `groups`, the groups it belonged to.
SESSION_DELETED = "cohorts.session_deleted"
# After a trainee took a place in a group or left one: payload `enrolment` and `change`, "enrolled"
# (the place is taken, not a waiting-list entry) or "withdrawn" (a taken place was freed).
ENROLMENT_CHANGED = "cohorts.enrolment_changed"
# While a convocation is composed: payload `session`, `trainee` and `context`, the dict the
# convocation renders, which subscribers may add keys to (it holds "arrangements": [] to fill).
CONVOCATION_CONTEXT = "cohorts.convocation_context"
# While a person's iCalendar feed is built: payload `user` and `events`, a list a subscriber may
# append dicts to, one per extra event: "uid", "start", "end" (aware datetimes), "summary", and
# optionally "location", "description", "url" and "cancelled" (the feed keeps a cancelled event as
# STATUS:CANCELLED so that calendar apps drop it).
CALENDAR_EVENTS = "cohorts.calendar_events"

# Events published by the follow-up app.
# Before a follow-up questionnaire goes out to a person: payload `person` (the user), `milestone`
# ("end", "3m", "6m" or "12m") and `links`, a list a subscriber may append (label, absolute URL) pairs
# to, so that one message carries them (the cold satisfaction survey rides on the +3-month one).
FOLLOWUP_QUESTIONNAIRE_SENDING = "followup.questionnaire_sending"
# While a person's follow-up indicators are shown or asked (the team's plan page, a questionnaire):
# payload `plan`, `person` and `counts`, a dict a subscriber may add to, indicator code → number the
# platform itself recorded (the interventions done through partners' requests count in
# "interventions_done"). The team sees them beside the answers; a questionnaire starts from them.
FOLLOWUP_RECORDED_COUNTS = "followup.recorded_counts"
