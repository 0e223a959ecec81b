"""The directory's part in personal-data rights: the person's entries are exported as they stand, with
their consent history; erasure deletes them and their photos. Nothing here is kept by law."""

from django.utils.translation import gettext_lazy as _

from lms.directory.models import DirectoryEntry
from lms.directory.selectors import public_view
from lms.people import privacy
from lms.people.audit import record_access


def export_directory(user) -> dict:
    entries = (
        DirectoryEntry.objects.filter(person=user)
        .select_related("region", "person")
        .prefetch_related("departments")
        .order_by("kind", "pk")
    )
    return {
        "fiches_annuaire": [
            {
                "type": entry.get_kind_display(),
                "statut": entry.get_status_display(),
                "région": entry.region.name,
                "adresse_publique": f"/annuaire/{entry.slug}/",
                "nom_affiché": entry.get_name_display_display(),
                "photo": bool(entry.photo),
                "description_de_la_photo": entry.photo_alt,
                "thèmes": entry.themes,
                "publics": entry.audiences,
                "formats": entry.format_labels,
                "secteur": entry.area,
                "départements": [territory.name for territory in entry.departments.all()],
                "langues": entry.language_labels,
                "présentation": entry.text,
                "présentation_facile_à_lire": entry.text_easy_read,
                "champs_publics": {
                    "photo": entry.show_photo,
                    "thèmes": entry.show_themes,
                    "publics": entry.show_audiences,
                    "formats": entry.show_formats,
                    "secteur": entry.show_area,
                    "langues": entry.show_languages,
                    "présentation": entry.show_text,
                },
                "ce_qui_est_public": public_view(entry).__dict__ if entry.is_public else None,
                "consentement_donné_le": entry.consent_given_at,
                "version_du_consentement": entry.consent_version,
                "consentement_retiré_le": entry.consent_withdrawn_at,
                "publiée_le": entry.published_at,
                "à_revoir_le": entry.next_review_on,
                "commentaire_de_l_équipe": entry.review_comment,
            }
            for entry in entries
        ]
    }


def erase_directory(user, pseudonym: str) -> None:
    """Deletes the person's entries and their photos (after the erasure's transaction commits)."""
    entries = DirectoryEntry.objects.filter(person=user)
    files = [(entry.photo.storage, entry.photo.name) for entry in entries.exclude(photo="")]
    for entry in entries:
        record_access(None, "delete", entry, "effacement des données de la personne")
    entries.delete()
    privacy.delete_files_after_commit(files)


def register() -> None:
    privacy.register(
        "directory",
        label=_("Annuaire des intervenants-pairs et référents"),
        exporter=export_directory,
        eraser=erase_directory,
        order=28,
    )
