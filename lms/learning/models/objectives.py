"""Learning objectives per trainee: entry positioning, intermediate goals, final evaluation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """The short four-step scale used for positioning and evaluation."""

    NOT_YET = 1, _("Pas encore acquis")
    STARTING = 2, _("En cours d'acquisition")
    ACQUIRED = 3, _("Acquis")
    MASTERED = 4, _("Maîtrisé : je peux l'expliquer à d'autres")


# The same steps in easy-to-read French, shown next to the standard wording.
LEVEL_EASY_READ = {
    Level.NOT_YET: _("Je ne sais pas encore."),
    Level.STARTING: _("Je commence à savoir."),
    Level.ACQUIRED: _("Je sais."),
    Level.MASTERED: _("Je sais très bien. Je peux l'expliquer."),
}


# What the trainers choose: the same steps said about the trainee, never in the trainee's voice.
LEVEL_OBSERVED = {
    Level.NOT_YET: _("Pas encore acquis"),
    Level.STARTING: _("En cours d'acquisition"),
    Level.ACQUIRED: _("Acquis"),
    Level.MASTERED: _("Maîtrisé : sait l'expliquer à d'autres"),
}
LEVEL_OBSERVED_EASY_READ = {
    Level.NOT_YET: _("Ne sait pas encore."),
    Level.STARTING: _("Commence à savoir."),
    Level.ACQUIRED: _("Sait."),
    Level.MASTERED: _("Sait très bien. Peut l'expliquer."),
}


def level_wording(level: int, assessor: str) -> tuple[str, str]:
    """(standard, easy-to-read) wording of a level as the one who answers says it: the trainee in
    the first person, the trainers about the trainee."""
    level = Level(level)
    if assessor == "trainers":
        return str(LEVEL_OBSERVED[level]), str(LEVEL_OBSERVED_EASY_READ[level])
    return str(level.label), str(LEVEL_EASY_READ[level])


class ObjectiveAssessment(models.Model):
    """One level on one objective for one trainee, given by the trainee or by the trainers, at entry,
    at a midway review, or at the end."""

    class Kind(models.TextChoices):
        ENTRY = "entry", _("Positionnement d'entrée")
        INTERMEDIATE = "intermediate", _("Point d'étape")
        FINAL = "final", _("Évaluation finale")

    class Assessor(models.TextChoices):
        SELF = "self", _("Le stagiaire")
        TRAINERS = "trainers", _("Les formateurs")

    group = models.ForeignKey(
        "cohorts.TrainingGroup",
        on_delete=models.CASCADE,
        related_name="objective_assessments",
        verbose_name=_("groupe"),
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="objective_assessments",
        verbose_name=_("stagiaire"),
    )
    objective = models.ForeignKey(
        "courses.LearningObjective",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("objectif"),
    )
    kind = models.CharField(_("moment"), max_length=20, choices=Kind.choices)
    assessor = models.CharField(_("évalué par"), max_length=20, choices=Assessor.choices)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saisi par"),
    )
    recorded_at = models.DateTimeField(_("saisi le"), auto_now=True)

    class Meta:
        ordering = ["group", "trainee", "objective__sort_order", "objective__code", "kind", "assessor"]
        verbose_name = _("évaluation d'un objectif")
        verbose_name_plural = _("évaluations des objectifs")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "trainee", "objective", "kind", "assessor"], name="assessment_unique_per_moment"
            )
        ]

    def __str__(self):
        return f"{self.trainee} — {self.objective.code} — {self.get_kind_display()} ({self.get_assessor_display()})"

    @property
    def level_label(self) -> str:
        """The level as its assessor says it (first person for the trainee, about the trainee for trainers)."""
        return level_wording(self.level, self.assessor)[0]


class IntermediateGoal(models.Model):
    """A goal set by the trainers for one trainee between sessions, linked to objectives, then
    marked reached, partly reached or adjusted."""

    class Status(models.TextChoices):
        OPEN = "open", _("En cours")
        REACHED = "reached", _("Atteint")
        PARTLY_REACHED = "partly_reached", _("Partiellement atteint")
        ADJUSTED = "adjusted", _("Ajusté")

    group = models.ForeignKey(
        "cohorts.TrainingGroup", on_delete=models.CASCADE, related_name="intermediate_goals", verbose_name=_("groupe")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="intermediate_goals",
        verbose_name=_("stagiaire"),
    )
    objectives = models.ManyToManyField(
        "courses.LearningObjective",
        related_name="intermediate_goals",
        verbose_name=_("objectifs liés"),
        help_text=_("Les objectifs de la formation que ce but fait avancer."),
    )
    description = models.TextField(_("objectif intermédiaire"), help_text=_("Ce que le stagiaire vise d'ici là."))
    target_date = models.DateField(_("pour le"), null=True, blank=True, help_text=_("Souvent la séance suivante."))
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.OPEN)
    status_date = models.DateField(_("date du constat"), null=True, blank=True)
    status_comment = models.TextField(_("commentaire du constat"), blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adjustments",
        verbose_name=_("ajuste l'objectif"),
        help_text=_("L'objectif intermédiaire que celui-ci remplace après ajustement."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fixé par"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("constaté par"),
    )
    created_at = models.DateTimeField(_("fixé le"), auto_now_add=True)

    class Meta:
        ordering = ["group", "trainee", "created_at", "pk"]
        verbose_name = _("objectif intermédiaire")
        verbose_name_plural = _("objectifs intermédiaires")

    def __str__(self):
        return f"{self.trainee} — {self.description[:60]}"
