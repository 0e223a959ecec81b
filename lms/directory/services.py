"""The only write path of the directory: starting an entry from a validated plan, the person's choices,
consent and submission, withdrawal (unpublished at once), the team's review, the yearly reminder and
the public contact form's message. Every write runs in a transaction; refusals are ValidationErrors."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.directory import selectors
from lms.directory.models import CONSENT_VERSION, DirectoryEntry, Language
from lms.directory.permissions import can_review_entry
from lms.followup.models import FollowUpPlan, InterventionFormat
from lms.people.audit import record_access
from lms.people.models import Territory, User

# What the person chooses and writes (the update service accepts these and nothing else).
CHOICE_FIELDS = (
    "name_display",
    "show_photo",
    "photo_alt",
    "show_themes",
    "themes",
    "show_audiences",
    "audiences",
    "show_formats",
    "formats",
    "show_area",
    "area",
    "show_languages",
    "languages",
    "show_text",
    "text",
    "text_easy_read",
)
Status = DirectoryEntry.Status


def _forbidden():
    return ValidationError(_("Vous ne pouvez pas modifier cette fiche."), code="forbidden")


def _lock(entry: DirectoryEntry) -> DirectoryEntry:
    return DirectoryEntry.objects.select_for_update().get(pk=entry.pk)


def _refresh(entry: DirectoryEntry, locked: DirectoryEntry, names) -> None:
    for name in names:
        setattr(entry, name, getattr(locked, name))


def _reindex(entry: DirectoryEntry) -> None:
    """Writes the public search fields from what is public now (after the entry and its departments)."""
    index = selectors.search_index(entry)
    DirectoryEntry.objects.filter(pk=entry.pk).update(**index)
    for name, value in index.items():
        setattr(entry, name, value)


def start_entry(*, actor: User, plan: FollowUpPlan) -> DirectoryEntry:
    """Starts the person's entry from their validated plan, prefilled from it (idempotent: the entry of
    that kind, if there is one, is returned). Nothing is public until the team publishes it."""
    if actor.pk != plan.trainee_id:
        raise _forbidden()
    if plan.status != FollowUpPlan.Status.VALIDATED:
        raise ValidationError(
            _("Votre fiche annuaire part d'un projet ou d'un plan validé par l'équipe."), code="not_validated"
        )
    kind = selectors.KIND_FOR_PLAN[plan.kind]
    existing = DirectoryEntry.objects.filter(person=actor, kind=kind).first()
    if existing is not None:
        return existing
    region = plan.group.territory.region
    try:
        with transaction.atomic():
            entry = DirectoryEntry.objects.create(
                person=actor,
                kind=kind,
                plan=plan,
                region=region,
                themes=plan.themes,
                audiences=plan.audiences,
                formats=[value for value in plan.formats if value in InterventionFormat.values],
                area=plan.area,
            )
            territory = plan.group.territory
            if territory.kind == Territory.Kind.DEPARTEMENT:
                entry.departments.add(territory)
            _reindex(entry)
            record_access(actor, "write", entry, "fiche annuaire créée depuis le plan validé")
    except IntegrityError:
        return DirectoryEntry.objects.get(person=actor, kind=kind)
    return entry


def update_entry(
    *, actor: User, entry: DirectoryEntry, photo=None, remove_photo: bool = False, departments=None, **choices
) -> DirectoryEntry:
    """Writes the person's choices. A submitted or published entry goes back to draft (and leaves the
    directory) until the team reviews it again: what is public is always what the team has read."""
    unknown = set(choices) - set(CHOICE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Ces informations ne font pas partie de la fiche : %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    errors = {}
    if "formats" in choices:
        if any(value not in InterventionFormat.values for value in choices["formats"]):
            errors["formats"] = _("Format d'intervention inconnu.")
        choices["formats"] = list(dict.fromkeys(choices["formats"]))
    if "languages" in choices:
        if any(value not in Language.values for value in choices["languages"]):
            errors["languages"] = _("Langue inconnue.")
        choices["languages"] = list(dict.fromkeys(choices["languages"]))
    if departments is not None:
        departments = list(departments)
        allowed = set(selectors.departments_of_region(entry.region_id).values_list("pk", flat=True))
        if any(department.pk not in allowed for department in departments):
            errors["departments"] = _("Choisissez des départements de la région de votre fiche.")
    will_show_photo = choices.get("show_photo", entry.show_photo)
    has_photo = bool(photo) or (bool(entry.photo) and not remove_photo)
    alt = choices.get("photo_alt", entry.photo_alt).strip()
    if will_show_photo and not has_photo:
        errors["photo"] = _("Ajoutez une photo, ou ne cochez pas « Montrer ma photo ».")
    elif will_show_photo and not alt:
        errors["photo_alt"] = _("Décrivez la photo en quelques mots : ce texte est lu à qui ne la voit pas.")
    if errors:
        raise ValidationError(errors)
    if "photo_alt" in choices:
        choices["photo_alt"] = alt
    old_photo = None
    with transaction.atomic():
        locked = _lock(entry)
        if locked.person_id != actor.pk:
            raise _forbidden()
        for name, value in choices.items():
            setattr(entry, name, value)
        entry.status = locked.status
        if entry.status in (Status.SUBMITTED, Status.PUBLISHED):
            entry.status = Status.DRAFT
            entry.published_at = None
        if (photo or remove_photo) and entry.photo:
            old_photo = (entry.photo.storage, entry.photo.name)
            entry.photo = ""
        if photo:
            entry.photo.save("photo", photo, save=False)
        # Only what this service writes: a consent withdrawn meanwhile (another tab) stays withdrawn.
        entry.save(update_fields=[*choices, "status", "published_at", "photo", "updated_at"])
        if departments is not None:
            entry.departments.set(departments)
        _reindex(entry)
        record_access(actor, "write", entry, "choix de la fiche annuaire")
        if old_photo is not None:
            storage, name = old_photo
            transaction.on_commit(lambda: storage.delete(name))
    return entry


def submit_entry(*, actor: User, entry: DirectoryEntry, consent: bool) -> DirectoryEntry:
    """The person gives their consent (this wording's version is kept) and sends the entry to the team."""
    if not consent:
        raise ValidationError(
            {"consent": _("Pour envoyer votre fiche, cochez la case : vous êtes d'accord pour qu'elle soit publique.")}
        )
    with transaction.atomic():
        locked = _lock(entry)
        if locked.person_id != actor.pk:
            raise _forbidden()
        if locked.status not in (Status.DRAFT, Status.CHANGES_REQUESTED):
            raise ValidationError(_("Votre fiche est déjà envoyée à l'équipe."), code="not_draft")
        if not (locked.themes.strip() or locked.text.strip()):
            raise ValidationError(
                _("Écrivez vos thèmes ou quelques mots de présentation avant d'envoyer la fiche."), code="empty"
            )
        now = timezone.now()
        entry.status = Status.SUBMITTED
        entry.consent_given_at = now
        entry.consent_version = CONSENT_VERSION
        entry.consent_withdrawn_at = None
        entry.submitted_at = now
        entry.save(
            update_fields=[
                "status",
                "consent_given_at",
                "consent_version",
                "consent_withdrawn_at",
                "submitted_at",
                "updated_at",
            ]
        )
        record_access(actor, "write", entry, f"consentement donné (version {CONSENT_VERSION}) et envoi")
    return entry


def withdraw_consent(*, actor: User, entry: DirectoryEntry) -> DirectoryEntry:
    """The person withdraws their consent: the entry leaves the directory at once (one transaction) and
    goes back to draft; it is kept, unpublished, until the person deletes it or gives consent again."""
    with transaction.atomic():
        locked = _lock(entry)
        if locked.person_id != actor.pk:
            raise _forbidden()
        if not locked.has_consent:
            raise ValidationError(_("Vous n'avez pas donné votre accord pour cette fiche."), code="no_consent")
        entry.status = Status.DRAFT
        entry.consent_withdrawn_at = timezone.now()
        entry.published_at = None
        entry.next_review_on = None
        entry.save(update_fields=["status", "consent_withdrawn_at", "published_at", "next_review_on", "updated_at"])
        record_access(actor, "write", entry, "consentement retiré : fiche retirée de l'annuaire")
    return entry


def delete_entry(*, actor: User, entry: DirectoryEntry) -> None:
    """The person deletes their entry (and its photo)."""
    with transaction.atomic():
        locked = _lock(entry)
        if locked.person_id != actor.pk:
            raise _forbidden()
        record_access(actor, "delete", locked, "fiche annuaire supprimée par la personne")
        files = [(locked.photo.storage, locked.photo.name)] if locked.photo else []
        locked.delete()
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def _one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def publish_entry(*, actor: User, entry: DirectoryEntry) -> DirectoryEntry:
    """The entry's regional team publishes a submitted entry; it is to be reviewed again in a year."""
    with transaction.atomic():
        locked = _lock(entry)
        if not can_review_entry(actor, locked):
            raise ValidationError(_("Seule l'équipe régionale de la fiche peut la relire."), code="forbidden")
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Seule une fiche envoyée en relecture peut être publiée."), code="not_submitted")
        if not locked.has_consent:
            raise ValidationError(_("La personne a retiré son accord : la fiche ne peut pas être publiée."))
        now = timezone.now()
        entry.status = Status.PUBLISHED
        entry.reviewed_by, entry.reviewed_at, entry.published_at = actor, now, now
        entry.review_comment = ""
        entry.next_review_on = _one_year_after(timezone.localdate(now))
        entry.save(
            update_fields=[
                "status",
                "reviewed_by",
                "reviewed_at",
                "published_at",
                "review_comment",
                "next_review_on",
                "updated_at",
            ]
        )
        record_access(actor, "write", entry, "fiche annuaire publiée")
    return entry


def request_changes(*, actor: User, entry: DirectoryEntry, comment: str) -> DirectoryEntry:
    """The team sends a submitted entry back to the person, saying what to change."""
    if not comment.strip():
        raise ValidationError({"comment": _("Dites à la personne ce qui est à revoir.")})
    with transaction.atomic():
        locked = _lock(entry)
        if not can_review_entry(actor, locked):
            raise ValidationError(_("Seule l'équipe régionale de la fiche peut la relire."), code="forbidden")
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Seule une fiche envoyée en relecture peut être renvoyée."), code="not_submitted")
        entry.status = Status.CHANGES_REQUESTED
        entry.reviewed_by, entry.reviewed_at = actor, timezone.now()
        entry.review_comment = comment.strip()
        entry.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
        record_access(actor, "write", entry, "fiche annuaire renvoyée pour modification")
    return entry


def send_review_reminders(*, today: datetime.date | None = None) -> int:
    """Yearly review: each published entry whose review date has come gets one e-mail to the person
    (and a copy to the region's team); running again the same day, or the next, sends nothing more."""
    today = today or timezone.localdate()
    sent = 0
    due = selectors.published_entries().filter(next_review_on__lte=today).select_related("person", "region")
    for entry in due:
        with transaction.atomic():
            claimed = (
                DirectoryEntry.objects.filter(pk=entry.pk, next_review_on=entry.next_review_on)
                .exclude(reminder_sent_for=entry.next_review_on)
                .update(reminder_sent_for=entry.next_review_on)
            )
            if not claimed:
                continue
            text = render_to_string(
                "directory/email/review_reminder.txt", {"entry": entry, "site_url": settings.SITE_BASE_URL}
            )
            team = list(selectors.regional_team_members(entry.region_id).values_list("email", flat=True))
            EmailMessage(
                _("Votre fiche annuaire a un an : est-elle toujours juste ?"),
                text,
                settings.DEFAULT_FROM_EMAIL,
                [entry.person.email],
                cc=team,
            ).send()
            record_access(None, "write", entry, "rappel de relecture annuelle envoyé")
        sent += 1
    return sent


def send_contact_message(
    *, actor: User | None, entry: DirectoryEntry, name: str, email: str, organisation: str, message: str
) -> int:
    """A visitor's message about a published entry goes to the regional team of the entry's region,
    never to the person; the team answers the visitor (Reply-To). Nothing is stored."""
    if not entry.is_public:
        raise ValidationError(_("Cette fiche n'est plus publiée."))
    recipients = list(selectors.regional_team_members(entry.region_id).values_list("email", flat=True))
    if not recipients:
        raise ValidationError(
            _("L'équipe régionale ne peut pas recevoir de message pour le moment. Réessayez plus tard.")
        )
    text = render_to_string(
        "directory/email/contact.txt",
        {
            "entry": entry,
            "name": name,
            "email": email,
            "organisation": organisation,
            "message": message,
            "site_url": settings.SITE_BASE_URL,
        },
    )
    subject = _("Annuaire : un message pour %(name)s") % {"name": entry.display_name}
    EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, recipients, reply_to=[email]).send()
    return len(recipients)
