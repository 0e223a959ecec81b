"""The history of a scheduled session: each edit, move or cancellation, who made it and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionChange(models.Model):
    """One change made to a scheduled session, as told to its participants and leaders."""

    class Kind(models.TextChoices):
        EDITED = "edited", _("Modifiée")
        MOVED = "moved", _("Déplacée")
        CANCELLED = "cancelled", _("Annulée")

    session = models.ForeignKey(
        "cohorts.ScheduledSession", on_delete=models.CASCADE, related_name="changes", verbose_name=_("séance")
    )
    kind = models.CharField(_("changement"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("ce qui a changé"), help_text=_("Avant → après, tel que l'e-mail l'annonce."))
    reason = models.TextField(_("motif"), blank=True)
    sequence = models.PositiveIntegerField(_("version de la séance"), help_text=_("La version après ce changement."))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modifiée par"),
    )
    changed_at = models.DateTimeField(_("modifiée le"))

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("modification de séance")
        verbose_name_plural = _("modifications de séance")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.session}"
