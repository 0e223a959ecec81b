"""What was sent: the automatic convocations go once per session version, trainee and reminder;
resends and change notices are logged each time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ConvocationLog(models.Model):
    """One convocation e-mail sent to a trainee for a session (seven days or one day before, resent
    by the team, or after a change of the session)."""

    class Kind(models.TextChoices):
        WEEK_BEFORE = "d7", _("Sept jours avant")
        DAY_BEFORE = "d1", _("La veille")
        RESENT = "resent", _("Renvoi")
        UPDATED = "updated", _("Séance modifiée")
        CANCELLED = "cancelled", _("Annulation")

    session = models.ForeignKey(
        "cohorts.ScheduledSession", on_delete=models.CASCADE, related_name="convocations", verbose_name=_("séance")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="convocations", verbose_name=_("stagiaire")
    )
    kind = models.CharField(_("envoi"), max_length=20, choices=Kind.choices)
    sequence = models.PositiveIntegerField(
        _("version de la séance"), default=0, help_text=_("La version de la séance que l'e-mail annonçait.")
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("envoyée par"),
        help_text=_("Vide pour un envoi automatique."),
    )
    sent_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("convocation envoyée")
        verbose_name_plural = _("convocations envoyées")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee", "kind", "sequence"],
                condition=Q(kind__in=["d7", "d1"]),
                name="convocation_sent_once_per_version",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.trainee} — {self.session}"
