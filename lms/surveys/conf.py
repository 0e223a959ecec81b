"""The surveys app's settings, with their defaults (override them in the settings module)."""

from django.conf import settings


def reminder_limit() -> int:
    """Reminders sent at most to a person who has not answered (SURVEY_REMINDER_LIMIT)."""
    return int(getattr(settings, "SURVEY_REMINDER_LIMIT", 2))


def reminder_interval_days() -> int:
    """Days between the invitation (or the last reminder) and the next reminder."""
    return int(getattr(settings, "SURVEY_REMINDER_INTERVAL_DAYS", 3))


def campaign_days() -> int:
    """How long a campaign stays open for answers."""
    return int(getattr(settings, "SURVEY_CAMPAIGN_DAYS", 21))


def min_respondents() -> int:
    """Under this many respondents, results show no breakdown (anonymity)."""
    return int(getattr(settings, "SURVEY_MIN_RESPONDENTS", 5))


def acknowledge_working_days() -> int:
    return int(getattr(settings, "COMPLAINT_ACKNOWLEDGE_WORKING_DAYS", 2))


def answer_working_days() -> int:
    return int(getattr(settings, "COMPLAINT_ANSWER_WORKING_DAYS", 15))


def complaint_limit_per_ip() -> int:
    return int(getattr(settings, "COMPLAINT_LIMIT_PER_IP", 5))


def complaint_window() -> int:
    return int(getattr(settings, "COMPLAINT_WINDOW", 60 * 60))
