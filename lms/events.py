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
