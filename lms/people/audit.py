"""The audit log of sensitive data: every read and write of accessibility needs, interview notes
and other health-related or private records must be recorded here.

Call it from the service or selector that touches the data, once per record and request:

    from lms.people.audit import record_access
    record_access(request.user, "read", need)                 # a need displayed
    record_access(request.user, "write", need, "création")    # created or changed
    record_access(request.user, "delete", need)               # before deleting it

`action` is one of "read", "write", "delete", "export". The person the data is about is taken
from `obj.trainee`, `obj.user` or `obj.person` (or `obj` itself when it is a User); pass
`subject=` when none applies. `actor` may be None for background tasks (written as "système").
Entries are never edited; erasing a person keeps them, with the actor's name as it was.
"""

from django.db import transaction

from lms.people.models import AuditLogEntry, User

SUBJECT_ATTRIBUTES = ("trainee", "user", "person", "subject")


def _subject_of(obj) -> User | None:
    if isinstance(obj, User):
        return obj
    for attribute in SUBJECT_ATTRIBUTES:
        value = getattr(obj, attribute, None)
        if isinstance(value, User):
            return value
    return None


def record_access(actor, action: str, obj, detail: str = "", *, subject: User | None = None) -> AuditLogEntry:
    """Writes one audit entry: `actor` did `action` on `obj` (a model instance)."""
    if action not in AuditLogEntry.Action.values:
        raise ValueError(f"Action inconnue pour le journal d'accès : « {action} ».")
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        return AuditLogEntry.objects.create(
            actor=actor if is_person else None,
            actor_label=(f"{actor} <{actor.email}>" if is_person else "système")[:255],
            action=action,
            record_type=obj._meta.label_lower,
            record_id=str(obj.pk or ""),
            record_label=str(obj)[:255],
            subject=subject or _subject_of(obj),
            detail=detail[:255],
        )


def entries_about(person: User):
    """Audit entries about `person`'s data, newest first (shown in their data export)."""
    return AuditLogEntry.objects.filter(subject=person).select_related("actor")
