"""Counters of the rate limits, in the database so that every process shares them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ThrottleCounter(models.Model):
    """Attempts counted for one (scope, hashed key) in a window that ends at `expires_at`.

    Increments are single UPDATE … SET count = count + 1 statements: concurrent requests, in any
    process, never lose one. Used when REDIS_URL is not set (Redis INCR otherwise)."""

    key = models.CharField(_("clé"), max_length=120, unique=True)
    count = models.PositiveIntegerField(_("tentatives"), default=0)
    expires_at = models.FloatField(_("fin de la fenêtre (secondes depuis 1970)"), db_index=True)

    class Meta:
        verbose_name = _("compteur de limitation")
        verbose_name_plural = _("compteurs de limitation")

    def __str__(self):
        return f"{self.key}: {self.count}"
