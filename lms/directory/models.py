"""The public directory of peer interveners and referents ("fiche annuaire"): one entry per person and
kind, grown from their validated follow-up plan, where the person chooses field by field what is public,
gives (and may withdraw) their consent, and the regional team reviews it before publication."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.followup.models import InterventionFormat
from lms.private_files import private_storage, random_name
from lms.uploads import MB
from lms.uploads.fields import PolicyFileField
from lms.uploads.policy import IMAGES, UploadPolicy

PHOTO_POLICY = UploadPolicy(
    name="directory.photo",
    types=IMAGES,
    default_max_bytes=3 * MB,
    formats=_("PNG ou JPEG"),
    decode_images=True,
)

# The wording of the consent the person gives: a new wording gets a new version, kept on each entry.
CONSENT_VERSION = "2026-12"


def photo_upload_to(instance, filename: str) -> str:
    return random_name("directory/photos", filename)


def new_slug() -> str:
    """A stable public address that says nothing about the person (not their id, not their name)."""
    return secrets.token_hex(6)


class EntryKind(models.TextChoices):
    """Who the entry presents; it follows the kind of the plan it grew from."""

    PEER_INTERVENER = "peer_intervener", _("Intervenant-pair ou intervenante-paire")
    REFERENT = "referent", _("Référent ou référente de l'intervention par les pairs")


class Language(models.TextChoices):
    """The languages a person can intervene in (LSF first: the directory is read for it)."""

    FRENCH = "fr", _("Français")
    LSF = "lsf", _("Langue des signes française (LSF)")
    LPC = "lpc", _("Langue française parlée complétée (LPC)")
    FALC = "falc", _("Facile à lire et à comprendre (FALC)")
    ENGLISH = "en", _("Anglais")
    SPANISH = "es", _("Espagnol")
    ARABIC = "ar", _("Arabe")


class DirectoryEntry(models.Model):
    """One person's directory entry. Only the fields whose `show_*` is ticked are ever public, and only
    while the entry is published and the person's consent stands."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("En relecture par l'équipe")
        PUBLISHED = "published", _("Publiée")
        CHANGES_REQUESTED = "changes_requested", _("À revoir")

    class NameDisplay(models.TextChoices):
        FIRST_NAME = "first_name", _("Mon prénom seulement")
        FULL_NAME = "full_name", _("Mon prénom et mon nom")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="directory_entries",
        verbose_name=_("personne"),
    )
    kind = models.CharField(_("type de fiche"), max_length=20, choices=EntryKind.choices)
    plan = models.ForeignKey(
        "followup.FollowUpPlan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_entries",
        verbose_name=_("plan de suivi"),
        help_text=_("Le projet d'intervention ou le plan d'action validé d'où vient la fiche."),
    )
    region = models.ForeignKey(
        "people.Region",
        on_delete=models.PROTECT,
        related_name="directory_entries",
        verbose_name=_("région"),
        help_text=_("La région du groupe de formation : son équipe relit la fiche et reçoit les messages."),
    )
    slug = models.SlugField(_("adresse publique"), max_length=20, unique=True, default=new_slug, editable=False)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT)

    name_display = models.CharField(
        _("nom affiché"), max_length=20, choices=NameDisplay.choices, default=NameDisplay.FIRST_NAME
    )
    show_photo = models.BooleanField(_("photo publique"), default=False)
    photo = PolicyFileField(
        _("photo"), policy=PHOTO_POLICY, upload_to=photo_upload_to, storage=private_storage, blank=True
    )
    photo_alt = models.CharField(
        _("description de la photo"),
        max_length=200,
        blank=True,
        help_text=_("Ce que montre la photo, pour qui ne la voit pas."),
    )
    show_themes = models.BooleanField(_("thèmes publics"), default=True)
    themes = models.TextField(_("thèmes"), blank=True)
    show_audiences = models.BooleanField(_("publics visibles"), default=True)
    audiences = models.TextField(_("publics"), blank=True)
    show_formats = models.BooleanField(_("formats publics"), default=True)
    formats = models.JSONField(_("formats d'intervention"), default=list, blank=True)
    show_area = models.BooleanField(_("secteur public"), default=True)
    area = models.CharField(_("secteur géographique"), max_length=200, blank=True)
    departments = models.ManyToManyField(
        "people.Territory",
        blank=True,
        related_name="directory_entries",
        verbose_name=_("départements"),
        help_text=_("Les départements de la région où la personne intervient."),
    )
    show_languages = models.BooleanField(_("langues publiques"), default=True)
    languages = models.JSONField(_("langues"), default=list, blank=True)
    show_text = models.BooleanField(_("présentation publique"), default=True)
    text = models.TextField(_("présentation"), blank=True)
    text_easy_read = models.TextField(_("présentation en facile à lire"), blank=True)

    consent_given_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    consent_version = models.CharField(_("version du texte de consentement"), max_length=20, blank=True)
    consent_withdrawn_at = models.DateTimeField(_("consentement retiré le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("envoyée en relecture le"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("relue par"),
    )
    reviewed_at = models.DateTimeField(_("relue le"), null=True, blank=True)
    review_comment = models.TextField(_("commentaire de l'équipe"), blank=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    next_review_on = models.DateField(_("à revoir le"), null=True, blank=True)
    reminder_sent_for = models.DateField(
        _("rappel envoyé pour l'échéance du"), null=True, blank=True, help_text=_("Un rappel par échéance.")
    )
    # What the public search reads: the public fields only, lower case and without accents (written by
    # the services from selectors.public_view, so that a hidden field is never found).
    search_text = models.TextField(editable=False, blank=True)
    search_themes = models.TextField(editable=False, blank=True)
    search_audiences = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "pk"]
        verbose_name = _("fiche annuaire")
        verbose_name_plural = _("fiches annuaire")
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="directory_entry_one_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.person}"

    @property
    def has_consent(self) -> bool:
        return self.consent_given_at is not None and self.consent_withdrawn_at is None

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.has_consent

    @property
    def display_name(self) -> str:
        if self.name_display == self.NameDisplay.FULL_NAME:
            return self.person.get_full_name()
        return self.person.first_name

    @property
    def format_labels(self) -> list[str]:
        labels = dict(InterventionFormat.choices)
        return [str(labels[value]) for value in self.formats if value in labels]

    @property
    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels[value]) for value in self.languages if value in labels]

    @property
    def photo_shown(self) -> bool:
        return bool(self.show_photo and self.photo and self.photo_alt)
