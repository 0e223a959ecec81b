"""Personal data rights (GDPR): export of a person's data and erasure, through a registry where
each app declares how its models are exported and erased.

In `<app>/apps.py` `ready()` (or a module it imports), each app holding personal data registers:

    from lms.people import privacy
    privacy.register(
        "attendance",                      # unique name, also the key in the JSON export
        label=_("Présences et signatures"),   # section title of the readable export
        exporter=export_attendance,        # exporter(user) -> JSON-serialisable list/dict
        eraser=erase_attendance,           # eraser(user, pseudonym) -> None
        order=50,                          # erasers run by increasing order; people runs last
    )

Erasers delete what the law does not require to keep and anonymise the rest: records kept by law
(attendance sheets, certificates) keep their row, but any stored name becomes `pseudonym` and
signature images are deleted. All erasers of one erasure run in one transaction: if one fails,
nothing is erased.
"""

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.people.audit import record_access
from lms.people.models import AuditLogEntry, ErasureRequest, RoleAssignment, User


@dataclass(frozen=True)
class PrivacyHandler:
    """How one app exports and erases the personal data it holds."""

    name: str
    label: str
    exporter: Callable[[User], object] | None
    eraser: Callable[[User, str], None] | None
    order: int


_registry: dict[str, PrivacyHandler] = {}


def register(name: str, *, label: str, exporter=None, eraser=None, order: int = 100) -> None:
    """Declares an app's exporter and eraser (registering the same name again replaces it)."""
    _registry[name] = PrivacyHandler(name=name, label=label, exporter=exporter, eraser=eraser, order=order)


def unregister(name: str) -> None:
    _registry.pop(name, None)


def handlers() -> list[PrivacyHandler]:
    return sorted(_registry.values(), key=lambda handler: (handler.order, handler.name))


def export_personal_data(user: User) -> dict:
    """Everything the platform holds about `user`, section by section, JSON-serialisable."""

    sections = []
    for handler in handlers():
        if handler.exporter is not None:
            sections.append({"name": handler.name, "label": handler.label, "data": handler.exporter(user)})
    record_access(user, AuditLogEntry.Action.EXPORT, user, "export de ses données personnelles")
    return {"generated_at": timezone.now(), "person": user.email, "sections": sections}


def pseudonym_for(user: User) -> str:
    """A stable, meaningless name replacing the person on the records kept by law."""
    digest = hashlib.sha256(f"{user.pk}:{user.date_joined.isoformat()}:{secrets.token_hex(8)}".encode()).hexdigest()
    return f"Personne anonymisée {digest[:8].upper()}"


# --- people's own part -------------------------------------------------------------------


def export_identity(user: User) -> dict:
    return {
        "adresse_e-mail": user.email,
        "prénom": user.first_name,
        "nom": user.last_name,
        "téléphone": user.phone,
        "inscrit_le": user.date_joined,
        "dernière_connexion": user.last_login,
        "rôles": [
            {"rôle": assignment.get_role_display(), "portée": str(assignment.region or assignment.organisation or "")}
            for assignment in user.role_assignments.select_related("region", "organisation")
        ],
    }


def export_audit(user: User) -> list[dict]:
    """Who consulted or changed this person's sensitive data (their right to know)."""
    return [
        {
            "date": entry.created_at,
            "action": entry.get_action_display(),
            "par": entry.actor_label,
            "donnée": entry.record_type,
            "précision": entry.detail,
        }
        for entry in AuditLogEntry.objects.filter(subject=user).order_by("-created_at")[:500]
    ]


def erase_identity(user: User, pseudonym: str) -> None:
    """Anonymises the account itself: the row stays because records kept by law point to it."""
    RoleAssignment.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.first_name = pseudonym
    user.last_name = ""
    user.email = f"anonyme-{secrets.token_hex(8)}@anonyme.invalid"
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()


register("identite", label=_("Identité et rôles"), exporter=export_identity, eraser=erase_identity, order=1000)
register("journal", label=_("Accès à vos données sensibles"), exporter=export_audit, order=1001)


# --- requests and erasure -----------------------------------------------------------------


@transaction.atomic
def request_erasure(user: User, reason: str = "") -> ErasureRequest:
    """Records a person's erasure request; one pending request at a time."""
    if ErasureRequest.objects.filter(user=user, status=ErasureRequest.Status.PENDING).exists():
        raise ValidationError(_("Vous avez déjà une demande d'effacement en attente."))
    return ErasureRequest.objects.create(user=user, reason=reason.strip()[:2000])


@transaction.atomic
def erase_person(user: User, *, by: User | None = None, erasure_request: ErasureRequest | None = None) -> str:
    """Runs every registered eraser for `user` in one transaction; returns the pseudonym used."""
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("Une demande d'effacement est traitée par un autre administrateur que la personne."))
    pseudonym = pseudonym_for(user)
    # Taken before the identity eraser replaces them: the audit labels below still hold them.
    names = [user.email, user.get_full_name(), f"{user.last_name} {user.first_name}", str(user)]
    for handler in handlers():
        if handler.eraser is not None:
            handler.eraser(user, pseudonym)
    # The audit trail stays, with the pseudonym in place of the person's name.
    AuditLogEntry.objects.filter(actor=user).update(actor_label=pseudonym)
    _scrub_audit_labels(user, names, pseudonym)
    if erasure_request is not None:
        erasure_request.status = ErasureRequest.Status.DONE
        erasure_request.processed_at = timezone.now()
        erasure_request.processed_by_label = str(by) if by else "système"
        erasure_request.pseudonym = pseudonym
        erasure_request.reason = ""
        erasure_request.save()
    return pseudonym


# --- helpers for the apps' erasers ---------------------------------------------------------

# Below this length a name is too likely to match unrelated words in other texts.
MIN_NAME_LENGTH = 5


def full_name(user: User) -> str:
    """The person's full name with single spaces, as it appears when copied into other texts."""
    return " ".join(user.get_full_name().split())


def replace_names(text: str, names: list[str], pseudonym: str) -> str:
    """`text` with every occurrence of the person's names (any case) replaced by the pseudonym;
    names shorter than MIN_NAME_LENGTH are left alone."""
    for name in sorted({name.strip() for name in names if name and name.strip()}, key=len, reverse=True):
        if len(name) >= MIN_NAME_LENGTH:
            text = re.sub(re.escape(name), pseudonym, text, flags=re.IGNORECASE)
    return text


def delete_files_after_commit(files: list[tuple[object, str]]) -> None:
    """Deletes stored files, given as (storage, name), once the erasure is committed: files are not
    transactional, and a failed erasure must leave them with their rows. A file that cannot be
    deleted is logged, not raised: the erasure itself is done."""

    def delete():
        for storage, name in files:
            storage.delete(name)

    if files:
        transaction.on_commit(delete, robust=True)


def _scrub_audit_labels(user: User, names: list[str], pseudonym: str) -> None:
    """Audit entries about the person keep what was done and when, but their labels (the record as
    it read then, e.g. "Samia Haddad — Interprète LSF") lose the person's name."""
    for entry in AuditLogEntry.objects.filter(subject=user).only("pk", "record_label"):
        label = replace_names(entry.record_label, names, pseudonym)[:255]
        if label != entry.record_label:
            AuditLogEntry.objects.filter(pk=entry.pk).update(record_label=label)


@transaction.atomic
def process_erasure_request(erasure_request: ErasureRequest, *, by: User) -> str:
    """An administrator carries out a pending request."""
    erasure_request = ErasureRequest.objects.select_for_update().get(pk=erasure_request.pk)
    if erasure_request.status != ErasureRequest.Status.PENDING or erasure_request.user is None:
        raise ValidationError(_("Cette demande a déjà été traitée."))
    return erase_person(erasure_request.user, by=by, erasure_request=erasure_request)


@transaction.atomic
def refuse_erasure_request(erasure_request: ErasureRequest, *, by: User, reason: str) -> None:
    """Refuses a request, with the reason given to the person (e.g. a training still running)."""
    if not reason.strip():
        raise ValidationError({"refusal_reason": _("Expliquez à la personne pourquoi sa demande est refusée.")})
    if erasure_request.status != ErasureRequest.Status.PENDING:
        raise ValidationError(_("Cette demande a déjà été traitée."))
    erasure_request.status = ErasureRequest.Status.REFUSED
    erasure_request.refusal_reason = reason.strip()
    erasure_request.processed_at = timezone.now()
    erasure_request.processed_by_label = str(by)
    erasure_request.save()


def display_html(node: dict) -> str:
    """The readable page's HTML for a display tree, escaped, built in one pass: a template include
    per node made the page grow to thousands of includes for a trainee with many records. The
    standard library's escape is used directly: Django's lazy-aware wrappers cost more than the work."""
    from html import escape

    from django.utils.safestring import mark_safe

    parts: list[str] = []
    keys: dict[str, str] = {}
    empty = f"<p>{escape(str(_('Aucune donnée.')))}</p>"

    def walk(node: dict) -> None:
        if node["kind"] == "dict":
            parts.append('<dl class="data-export-dl">')
            for key, child in node["items"]:
                label = keys.get(key)
                if label is None:
                    label = keys[key] = escape(key[:1].upper() + key[1:])
                parts.append(f"<dt>{label}</dt><dd>")
                walk(child)
                parts.append("</dd>")
            parts.append("</dl>")
        elif node["kind"] == "list":
            if not node["items"]:
                parts.append(empty)
                return
            parts.append('<ol class="data-export-list">')
            for child in node["items"]:
                parts.append("<li>")
                walk(child)
                parts.append("</li>")
            parts.append("</ol>")
        else:
            parts.append(escape(node["text"]))

    walk(node)
    return mark_safe("".join(parts))  # every piece of text above went through escape()


def display_tree(value):
    """The export as nested nodes ({"kind": "dict"|"list"|"text", ...}) for the readable page."""
    import datetime

    from django.utils.formats import date_format

    if isinstance(value, dict):
        return {
            "kind": "dict",
            "items": [(str(key).replace("_", " "), display_tree(item)) for key, item in value.items()],
        }
    if isinstance(value, list | tuple):
        return {"kind": "list", "items": [display_tree(item) for item in value]}
    if isinstance(value, datetime.datetime):
        return {"kind": "text", "text": date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")}
    if isinstance(value, datetime.date):
        return {"kind": "text", "text": date_format(value, "SHORT_DATE_FORMAT")}
    if value is None or value == "":
        return {"kind": "text", "text": "—"}
    if isinstance(value, bool):
        return {"kind": "text", "text": "oui" if value else "non"}
    return {"kind": "text", "text": str(value)}
