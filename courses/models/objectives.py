"""The kit's audiences and learning objectives (annex 3, "Kit formations")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


class Audience(models.TextChoices):
    """Who a course is for."""

    PEER_INTERVENERS = "peer_interveners", _("Intervenants-pairs")
    REFERENTS = "referents", _("Référents de l'intervention par les pairs")


class ObjectiveScope(models.TextChoices):
    """Which course(s) an objective belongs to (kit, annex 3)."""

    COMMON = "common", _("Commun aux deux formations")
    PEER_INTERVENERS = "peer_interveners", _("Spécifique aux intervenants-pairs")
    REFERENTS = "referents", _("Spécifique aux référents")
    JOINT = "joint", _("Transversal aux séances communes")


@register_snippet
class LearningObjective(models.Model):
    """A learning objective of the kit, with its scope and an easy-to-read wording."""

    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("Ex. C1 à C12, IP1 à IP3, RP1, RP2, T."))
    scope = models.CharField(_("portée"), max_length=20, choices=ObjectiveScope.choices)
    wording = models.TextField(_("libellé du kit"), help_text=_("Le libellé exact du kit formations."))
    easy_read_wording = models.TextField(
        _("libellé en FALC"), help_text=_("Le même objectif en facile à lire et à comprendre.")
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("scope"),
        FieldPanel("wording"),
        FieldPanel("easy_read_wording"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("objectif pédagogique")
        verbose_name_plural = _("objectifs pédagogiques")

    def __str__(self):
        return f"{self.code} — {self.wording[:80]}"

    def applies_to(self, audience: str) -> bool:
        """Whether a course for `audience` works on this objective (joint ones apply to both)."""
        return self.scope in (ObjectiveScope.COMMON, ObjectiveScope.JOINT, audience)

    @property
    def is_transversal(self) -> bool:
        """The joint sessions' objective: shown apart, not counted in a course's 15 or 14."""
        return self.scope == ObjectiveScope.JOINT
