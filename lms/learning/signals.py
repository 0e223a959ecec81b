"""Keeps assignments in step with the schedule and the curriculum: only calls services."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from lms.cohorts.models import ScheduledSession, TrainingGroup
from lms.learning.services import sync_group_assignments


def _sync(groups) -> None:
    for group in groups:
        sync_group_assignments(group)


@receiver(post_save, sender=ScheduledSession)
def session_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        _sync(instance.groups.all())


@receiver(m2m_changed, sender=ScheduledSession.groups.through)
def session_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    if action == "pre_clear":
        # The cleared groups are gone by post_clear: remember them now.
        instance._learning_cleared_groups = list(
            instance.groups.all() if not reverse else TrainingGroup.objects.filter(pk=instance.pk)
        )
        return
    if action == "post_clear":
        _sync(getattr(instance, "_learning_cleared_groups", []))
        return
    if reverse:
        _sync([instance])
    else:
        _sync(TrainingGroup.objects.filter(pk__in=pk_set or []))


@receiver(pre_delete, sender=ScheduledSession)
def session_deleting(sender, instance, **kwargs):
    instance._learning_groups = list(instance.groups.all())


@receiver(post_delete, sender=ScheduledSession)
def session_deleted(sender, instance, **kwargs):
    _sync(getattr(instance, "_learning_groups", []))


@receiver(page_published)
def curriculum_session_published(sender, instance, **kwargs):
    from courses.models import SessionPage

    if isinstance(instance, SessionPage):
        _sync(TrainingGroup.objects.filter(scheduled_sessions__session_page=instance).distinct())
