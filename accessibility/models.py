"""Display preferences, trainees' accessibility needs (with consent) and each session's arrangement plan."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DisplayPreference(models.Model):
    """A signed-in person's display choices; anonymous visitors keep theirs in a cookie."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="display_preference",
        verbose_name=_("personne"),
    )
    falc = models.BooleanField(_("mode facile à lire (FALC)"), default=False)
    larger_text = models.BooleanField(_("texte plus grand"), default=False)
    high_contrast = models.BooleanField(_("contraste renforcé"), default=False)
    more_spacing = models.BooleanField(_("espacement augmenté"), default=False)
    reduced_motion = models.BooleanField(_("animations réduites"), default=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("préférence d'affichage")
        verbose_name_plural = _("préférences d'affichage")

    def __str__(self):
        return f"Préférences de {self.user}"


class ArrangementKind(models.TextChoices):
    """The catalogue of arrangements the kit asks to anticipate."""

    LSF = "lsf", _("Interprétation en langue des signes française (LSF)")
    LPC = "lpc", _("Codage en langue française parlée complétée (LPC)")
    CAPTIONING = "captioning", _("Transcription en temps réel (vélotypie)")
    SUBTITLES = "subtitles", _("Sous-titres des vidéos")
    FALC_DOCUMENTS = "falc_documents", _("Documents en facile à lire et à comprendre (FALC)")
    AAC = "aac", _("Communication alternative et améliorée (CAA)")
    PICTOGRAMS = "pictograms", _("Pictogrammes")
    SUPPORT_PERSON = "support_person", _("Personne d'accompagnement ou facilitateur")
    EXTRA_BREAKS = "extra_breaks", _("Pauses supplémentaires")
    ADAPTED_ROOM = "adapted_room", _("Salle ou mobilier adaptés")
    LARGE_PRINT = "large_print", _("Documents en gros caractères")
    AUDIO_DESCRIPTION = "audio_description", _("Audiodescription")
    OTHER = "other", _("Autre (à décrire)")


# Human services booked for each half-day a beneficiary attends; the others are one line per session.
PER_HALF_DAY_KINDS = {ArrangementKind.LSF, ArrangementKind.LPC, ArrangementKind.CAPTIONING}


class NeedsConsent(models.Model):
    """A trainee's explicit consent to record their accessibility needs: its text, date and who
    recorded it. Withdrawing it erases the needs."""

    trainee = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="needs_consent", verbose_name=_("stagiaire")
    )
    text = models.TextField(_("texte du consentement"), help_text=_("Le texte exact accepté par la personne."))
    given_at = models.DateTimeField(_("donné le"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enregistré par"),
        help_text=_("La personne elle-même, ou l'équipe régionale pendant la sélection."),
    )

    class Meta:
        verbose_name = _("consentement au recueil des besoins")
        verbose_name_plural = _("consentements au recueil des besoins")

    def __str__(self):
        return f"Consentement de {self.trainee} ({self.given_at:%d/%m/%Y})"


class AccessibilityNeed(models.Model):
    """One arrangement a trainee needs to take part (a need, never a diagnosis)."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accessibility_needs",
        verbose_name=_("stagiaire"),
    )
    kind = models.CharField(_("aménagement"), max_length=30, choices=ArrangementKind.choices)
    details = models.TextField(
        _("précisions"),
        blank=True,
        help_text=_("Ce qui aide la personne, dans ses mots. Jamais de diagnostic ni d'information médicale."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["trainee", "kind", "pk"]
        verbose_name = _("besoin d'aménagement")
        verbose_name_plural = _("besoins d'aménagement")
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "kind"], condition=~Q(kind="other"), name="need_unique_kind_per_trainee"
            ),
        ]

    def __str__(self):
        return f"{self.trainee} — {self.get_kind_display()}"


class ArrangementPlan(models.Model):
    """The arrangements to provide for one scheduled session, derived from its participants' needs."""

    session = models.OneToOneField(
        "cohorts.ScheduledSession",
        on_delete=models.CASCADE,
        related_name="arrangement_plan",
        verbose_name=_("séance planifiée"),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("plan d'aménagements")
        verbose_name_plural = _("plans d'aménagements")

    def __str__(self):
        return f"Aménagements — {self.session}"


class ArrangementLine(models.Model):
    """One arrangement to provide in a session (for a half-day when booked per half-day)."""

    class Status(models.TextChoices):
        NEEDED = "needed", _("À organiser")
        REQUESTED = "requested", _("Demandé")
        CONFIRMED = "confirmed", _("Confirmé")
        PROVIDED = "provided", _("Réalisé")

    plan = models.ForeignKey(ArrangementPlan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("plan"))
    kind = models.CharField(_("aménagement"), max_length=30, choices=ArrangementKind.choices)
    half_day = models.CharField(
        _("demi-journée"),
        max_length=20,
        blank=True,
        help_text=_("Vide quand l'aménagement vaut pour toute la séance."),
    )
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("Pour un aménagement « autre » : ce qu'il faut prévoir."),
    )
    beneficiary_count = models.PositiveSmallIntegerField(_("nombre de personnes concernées"), default=0)
    still_needed = models.BooleanField(
        _("toujours nécessaire"),
        default=True,
        help_text=_("Faux quand plus aucun participant n'en a besoin : annuler la réservation auprès du prestataire."),
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.NEEDED)
    provider = models.CharField(
        _("prestataire"), max_length=200, blank=True, help_text=_("Service d'interprétation, structure, personne.")
    )
    cost = models.DecimalField(
        _("coût (€ TTC)"), max_digits=9, decimal_places=2, null=True, blank=True, help_text=_("Coût prévu ou facturé.")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["plan", "kind", "half_day", "description"]
        verbose_name = _("ligne d'aménagement")
        verbose_name_plural = _("lignes d'aménagement")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "half_day", "description"], name="arrangement_line_unique_in_plan"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.half_day_label}".strip()

    @property
    def half_day_label(self) -> str:
        from lms.cohorts.models import HalfDay

        return HalfDay(self.half_day).label if self.half_day else ""

    @property
    def is_confirmed(self) -> bool:
        return self.status in {self.Status.CONFIRMED, self.Status.PROVIDED}
