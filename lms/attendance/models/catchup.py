"""Catch-up after an absence: the materials trainers attach to a scheduled session, the catch-up
opened for an absent trainee, and what that trainee has viewed or completed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.attendance.storage import MATERIAL_POLICY, material_upload_to
from lms.cohorts.models import ScheduledSession
from lms.private_files import private_storage
from lms.uploads.fields import PolicyFileField


class SessionMaterial(models.Model):
    """Something trainers attach to a scheduled session for those who missed it: slides, a photo of
    the flipchart, notes."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("Diaporama")
        PHOTO = "photo", _("Photo du tableau")
        NOTES = "notes", _("Notes")
        DOCUMENT = "document", _("Document")

    session = models.ForeignKey(
        ScheduledSession, on_delete=models.CASCADE, related_name="materials", verbose_name=_("séance")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200, help_text=_("Ce que la personne va trouver."))
    text = models.TextField(
        _("texte"),
        blank=True,
        help_text=_("Les notes elles-mêmes, ou la description d'une photo (texte alternatif)."),
    )
    easy_read_text = models.TextField(
        _("texte en FALC"), blank=True, help_text=_("Le même contenu en facile à lire et à comprendre.")
    )
    file = PolicyFileField(
        _("fichier"),
        policy=MATERIAL_POLICY,
        upload_to=material_upload_to,
        storage=private_storage,
        blank=True,
        help_text=_("Fichier privé, visible des seuls participants et formateurs du groupe."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ajouté par")
    )
    uploaded_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["session", "sort_order", "uploaded_at", "pk"]
        verbose_name = _("support de séance")
        verbose_name_plural = _("supports de séance")

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    @property
    def is_image(self) -> bool:
        return self.kind == self.Kind.PHOTO and bool(self.file)


class CatchUp(models.Model):
    """The online catch-up of a scheduled session, opened when a trainee was absent from one of its slots."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="catch_ups", verbose_name=_("stagiaire")
    )
    session = models.ForeignKey(
        ScheduledSession, on_delete=models.CASCADE, related_name="catch_ups", verbose_name=_("séance")
    )
    opened_at = models.DateTimeField(_("ouvert le"))
    completed_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        ordering = ["session__date", "session__start_time"]
        verbose_name = _("rattrapage")
        verbose_name_plural = _("rattrapages")
        constraints = [models.UniqueConstraint(fields=["trainee", "session"], name="catch_up_unique")]

    def __str__(self):
        return f"{self.trainee} — {self.session}"


class CatchUpProgress(models.Model):
    """One item of a catch-up as the trainee went through it: viewed, and for activities completed."""

    catch_up = models.ForeignKey(
        CatchUp, on_delete=models.CASCADE, related_name="progress", verbose_name=_("rattrapage")
    )
    item_key = models.CharField(
        _("élément"), max_length=80, help_text=_("Identifiant de l'élément : support ou contenu de la séance.")
    )
    viewed_at = models.DateTimeField(_("vu le"), null=True, blank=True)
    completed_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        ordering = ["catch_up", "item_key"]
        verbose_name = _("avancement de rattrapage")
        verbose_name_plural = _("avancements de rattrapage")
        constraints = [models.UniqueConstraint(fields=["catch_up", "item_key"], name="catch_up_progress_unique")]

    def __str__(self):
        return f"{self.catch_up} — {self.item_key}"
