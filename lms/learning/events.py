"""Assignments follow the schedule and the curriculum: the cohorts services publish what happens to
a session, and each group concerned gets its assignments derived again (only through services)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.signals import page_published

from courses.models import SessionPage
from lms import events
from lms.cohorts.models import TrainingGroup
from lms.learning.models import Submission
from lms.learning.services import sync_group_assignments


def _sync(groups) -> None:
    for group in {group.pk: group for group in groups}.values():
        sync_group_assignments(group)


def session_groups_changed(*, session, previous_groups=(), **_payload) -> None:
    """A session scheduled, edited, moved or cancelled: its groups, and those it left."""
    _sync([*previous_groups, *session.groups.all()])


def session_deleted(*, groups, **_payload) -> None:
    _sync(groups)


def curriculum_session_published(sender, instance, **kwargs) -> None:
    """A curriculum session published in Wagtail (its task may have changed). Wagtail's own signal: the
    publication happens in Wagtail's code, where no service of ours could publish an event."""
    if isinstance(instance, SessionPage):
        _sync(TrainingGroup.objects.filter(scheduled_sessions__session_page=instance).distinct())


def protect_submitted_work(*, session, change: str, **_payload) -> None:
    """Refuses to delete a session whose intersession work a trainee has started or handed in (the
    work belongs to the trainee; cancelling keeps it)."""
    if change == "delete" and Submission.objects.filter(assignment__scheduled_session=session).exists():
        raise ValidationError(
            _(
                "Des stagiaires ont commencé ou rendu le travail d'intersession de cette séance : elle ne peut pas "
                "être supprimée."
            )
        )


def register() -> None:
    events.subscribe(events.SESSION_CHANGING, protect_submitted_work)
    events.subscribe(events.SESSION_SCHEDULED, session_groups_changed)
    events.subscribe(events.SESSION_CHANGED, session_groups_changed)
    events.subscribe(events.SESSION_DELETED, session_deleted)
    page_published.connect(curriculum_session_published, dispatch_uid="learning.curriculum_session_published")
