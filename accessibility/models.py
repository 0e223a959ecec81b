"""Display preferences, trainees' accessibility needs (with consent) and each session's arrangement plan."""

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.contrib.settings.registry import register_setting

from accessibility.rgaa import STATUS_CACHE_KEY
from lms.cohorts.models import HalfDay


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
        return HalfDay(self.half_day).label if self.half_day else ""

    @property
    def is_confirmed(self) -> bool:
        return self.status in {self.Status.CONFIRMED, self.Status.PROVIDED}


class ArrangementProvider(models.Model):
    """A provider a regional team books arrangements from (an interpreting service, a captioning
    company, a support association): the kinds it provides, how to reach it and how long ahead it
    must be booked. The plan page of each session of the region suggests them."""

    region = models.ForeignKey(
        "people.Region", on_delete=models.CASCADE, related_name="arrangement_providers", verbose_name=_("région")
    )
    name = models.CharField(_("nom"), max_length=200)
    kinds = models.JSONField(_("aménagements fournis"), default=list)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    booking_lead_days = models.PositiveSmallIntegerField(
        _("délai de réservation (jours)"),
        default=0,
        validators=[MaxValueValidator(180)],
        help_text=_("Combien de jours avant la séance réserver au plus tard."),
    )
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("actif"), default=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["region", "name", "pk"]
        verbose_name = _("prestataire d'aménagements")
        verbose_name_plural = _("prestataires d'aménagements")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="arrangement_provider_unique_name")]

    def __str__(self):
        return self.name

    @property
    def kind_labels(self) -> list[str]:
        labels = dict(ArrangementKind.choices)
        return [str(labels[kind]) for kind in self.kinds if kind in labels]


# What the statement says before the team edits it: the known defects, stated plainly (French, as published).
DEFAULT_NON_CONFORMITIES = "\n".join(
    [
        "Certaines vidéos de formation n'ont pas encore de sous-titres, de transcription ou de version en LSF "
        "(critères 4.1 et 4.3).",
        "Certains documents à télécharger (PDF, diaporamas) peuvent ne pas être accessibles (critère 13.3) ; "
        "une version accessible est fournie sur demande.",
        "Certaines activités interactives H5P peuvent être difficiles à utiliser au clavier ou avec un lecteur "
        "d'écran (critères 7.1 et 7.3) ; une version texte est demandée pour chacune.",
        "En anglais, les contenus de formation restés en français ne sont pas tous signalés comme tels (critère 8.7).",
        "Tous les textes destinés aux stagiaires n'ont pas encore de version facile à lire et à comprendre (FALC).",
    ]
)
DEFAULT_EXEMPT_CONTENTS = """Les documents et travaux déposés par les stagiaires eux-mêmes (travaux d'intersession).
L'interface d'administration éditoriale (Wagtail), fournie par un logiciel tiers."""
DEFAULT_TEST_ENVIRONMENT = """Chromium (Debian), sans interface, avec axe-core via Playwright
Navigation au clavier seul dans Chromium"""
DEFAULT_TOOLS = """axe-core (Deque Systems)
Tests automatisés de navigation au clavier et d'affichage à 320 pixels de large (Playwright)"""


@register_setting(icon="doc-full")
class AccessibilityStatement(BaseGenericSetting):
    """What the accessibility statement says, kept by the national team in the RGAA model's order.

    The compliance status is never typed: it follows the audit's rate, or the self-check once every
    criterion has a verdict (see accessibility.selectors.statement)."""

    entity = models.CharField(
        _("entité responsable"),
        max_length=200,
        default="L'équipe nationale EPoP",
        help_text=_("Qui s'engage à rendre la plateforme accessible."),
    )
    audit_date = models.DateField(
        _("date du dernier audit"),
        null=True,
        blank=True,
        help_text=_("Laissez vide tant qu'aucun audit complet n'a eu lieu."),
    )
    audited_by = models.CharField(
        _("audit réalisé par"),
        max_length=200,
        blank=True,
        help_text=_("Un prestataire indépendant, ou « en interne »."),
    )
    audit_rate = models.DecimalField(
        _("taux de conformité de l'audit (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Critères respectés sur critères applicables, tel que l'audit le donne."),
    )
    non_conformities = models.TextField(
        _("non-conformités"),
        blank=True,
        default=DEFAULT_NON_CONFORMITIES,
        help_text=_("Une par ligne, avec le critère concerné entre parenthèses."),
    )
    derogations = models.TextField(
        _("dérogations pour charge disproportionnée"),
        blank=True,
        help_text=_("Une par ligne ; vide s'il n'y en a pas."),
    )
    exempt_contents = models.TextField(
        _("contenus non soumis à l'obligation"),
        blank=True,
        default=DEFAULT_EXEMPT_CONTENTS,
        help_text=_("Un par ligne."),
    )
    multi_year_plan_url = models.URLField(
        _("schéma pluriannuel (adresse)"), blank=True, help_text=_("Le schéma pluriannuel de mise en accessibilité.")
    )
    action_plan_url = models.URLField(
        _("plan d'actions de l'année (adresse)"), blank=True, help_text=_("Le plan d'actions de l'année en cours.")
    )
    test_environment = models.TextField(
        _("environnement de test"),
        blank=True,
        default=DEFAULT_TEST_ENVIRONMENT,
        help_text=_("Une combinaison par ligne : technologie d'assistance et navigateur (ex. NVDA 2025.1 et Firefox)."),
    )
    tools = models.TextField(_("outils d'évaluation"), blank=True, default=DEFAULT_TOOLS, help_text=_("Un par ligne."))
    pages_sample = models.TextField(
        _("échantillon de pages vérifiées"), blank=True, help_text=_("Une page par ligne : son nom et son adresse.")
    )
    contact_email = models.EmailField(
        _("adresse de contact"),
        default="accessibilite@epop.example",
        help_text=_("Où signaler un défaut d'accessibilité."),
    )
    established_on = models.DateField(_("déclaration établie le"), null=True, blank=True)
    updated_on = models.DateField(_("mise à jour le"), null=True, blank=True)

    class Meta:
        verbose_name = _("déclaration d'accessibilité")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The footer's status may change with the audit's rate: it is computed again on the next page.
        cache.delete(STATUS_CACHE_KEY)


class CriterionCheck(models.Model):
    """The team's own verdict on one RGAA criterion, for the self-check page."""

    class Verdict(models.TextChoices):
        NOT_CHECKED = "not_checked", _("Non vérifié")
        COMPLIANT = "compliant", _("Conforme")
        NON_COMPLIANT = "non_compliant", _("Non conforme")
        NOT_APPLICABLE = "not_applicable", _("Non applicable")

    criterion = models.CharField(_("critère"), max_length=5, unique=True)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices, default=Verdict.NOT_CHECKED)
    note = models.TextField(_("constat"), blank=True, help_text=_("Ce qui a été vu, sur quelles pages."))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vérifié par"),
    )
    checked_at = models.DateTimeField(_("vérifié le"), null=True, blank=True)

    class Meta:
        verbose_name = _("vérification d'un critère RGAA")
        verbose_name_plural = _("vérifications des critères RGAA")

    def __str__(self):
        return f"{self.criterion} — {self.get_verdict_display()}"
