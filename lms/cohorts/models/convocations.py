"""What was sent: convocations are sent once per session, trainee and reminder."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConvocationLog(models.Model):
    """One convocation e-mail sent to a trainee for a session (seven days or one day before)."""

    class Kind(models.TextChoices):
        WEEK_BEFORE = "d7", _("Sept jours avant")
        DAY_BEFORE = "d1", _("La veille")

    session = models.ForeignKey(
        "cohorts.ScheduledSession", on_delete=models.CASCADE, related_name="convocations", verbose_name=_("séance")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="convocations", verbose_name=_("stagiaire")
    )
    kind = models.CharField(_("envoi"), max_length=5, choices=Kind.choices)
    sent_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("convocation envoyée")
        verbose_name_plural = _("convocations envoyées")
        constraints = [
            models.UniqueConstraint(fields=["session", "trainee", "kind"], name="convocation_sent_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.trainee} — {self.session}"
