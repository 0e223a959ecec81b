"""What the attendance app adds to pages lower apps own (lms.contributions): the way from "Mes
séances" to the attendance sheets of the sessions one leads."""

from lms import contributions


def register() -> None:
    contributions.register_panel(
        key="attendance-sheets",
        place=contributions.LED_SESSIONS,
        template="attendance/includes/led_sessions_panel.html",
        context=led_sessions_panel,
        order=10,
    )


def led_sessions_panel(request) -> dict | None:
    """A link to the sheets; "Mes séances" is shown to those who lead sessions only."""
    return {} if request.user.is_authenticated else None
