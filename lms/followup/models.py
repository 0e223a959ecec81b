"""What comes after the training: a follow-up plan per trainee (an intervention project for a peer
intervener, an action plan for a referent), its validated versions and, for referents, its actions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.private_files import private_storage, random_name
from lms.uploads import MB
from lms.uploads.fields import PolicyFileField
from lms.uploads.policy import IMAGES, OFFICE_DOCUMENTS, PDF, UploadPolicy

# Evidence of an action done: a PDF, an office document or a photo.
EVIDENCE_POLICY = UploadPolicy(
    name="followup.evidence",
    types=PDF | IMAGES | OFFICE_DOCUMENTS,
    default_max_bytes=10 * MB,
    formats=_("PDF, document bureautique, PNG ou JPEG"),
)


def evidence_upload_to(instance, filename: str) -> str:
    return random_name("followup/evidence", filename)


class PlanKind(models.TextChoices):
    """The plan follows the course the trainee took."""

    INTERVENTION_PROJECT = "intervention_project", _("Projet d'intervention")
    ACTION_PLAN = "action_plan", _("Plan d'action")


class InterventionFormat(models.TextChoices):
    """What a peer intervener may do (kit, annex 3)."""

    PROFESSIONAL_TRAINING = "professional_training", _("Formation de professionnels")
    AWARENESS = "awareness", _("Sensibilisation")
    USER_EXPERTISE = "user_expertise", _("Expertise d'usage")
    CO_DESIGN = "co_design", _("Co-construction")
    PEER_SUPPORT = "peer_support", _("Accompagnement par les pairs")


class Workplace(models.TextChoices):
    """Where a referent works."""

    ESMS = "esms", _("Établissement ou service médico-social (ESMS)")
    COMPANY = "company", _("Entreprise")
    PUBLIC_SERVICE = "public_service", _("Service public")
    OTHER = "other", _("Autre")


class FollowUpPlan(models.Model):
    """One trainee's follow-up after one course: opened when the group's last session is held, owned
    by a member of the group's regional team, written with the person, reviewed and validated."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        UNDER_REVIEW = "under_review", _("En relecture")
        VALIDATED = "validated", _("Validé")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_plans", verbose_name=_("personne")
    )
    group = models.ForeignKey(
        "cohorts.TrainingGroup",
        on_delete=models.PROTECT,
        related_name="followup_plans",
        verbose_name=_("groupe de formation"),
        help_text=_("Le groupe dont la formation a ouvert ce suivi."),
    )
    kind = models.CharField(_("type de plan"), max_length=30, choices=PlanKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followup_plans_owned",
        verbose_name=_("référent du suivi"),
        help_text=_("Le membre de l'équipe régionale qui accompagne la personne."),
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # What the training produced, copied once when the plan opens (the learning app is not written to).
    training_summary = models.TextField(
        _("acquis de la formation"),
        blank=True,
        help_text=_("Évaluation finale et objectifs de la personne, repris à l'ouverture du suivi."),
    )
    # Intervention project (peer interveners).
    themes = models.TextField(
        _("thèmes"), blank=True, help_text=_("Les thèmes de son savoir expérientiel qu'elle veut transmettre.")
    )
    audiences = models.TextField(_("publics"), blank=True, help_text=_("À qui elle veut s'adresser."))
    formats = models.JSONField(_("formats d'intervention"), default=list, blank=True)
    area = models.CharField(_("secteur géographique"), max_length=200, blank=True)
    availability = models.TextField(_("disponibilités"), blank=True)
    intervention_needs = models.TextField(
        _("besoins pour intervenir"),
        blank=True,
        help_text=_("Accessibilité, personne qui accompagne, transport…"),
    )
    # Action plan (referents).
    workplace = models.CharField(_("type de structure"), max_length=20, choices=Workplace.choices, blank=True)
    workplace_context = models.TextField(
        _("contexte de la structure"), blank=True, help_text=_("La structure, son public, ce qui existe déjà.")
    )
    # Follow-up.
    no_contact_alert_days = models.PositiveSmallIntegerField(
        _("alerte sans contact après (jours)"),
        null=True,
        blank=True,
        help_text=_("Vide : le délai par défaut de la plateforme."),
    )
    last_contact_at = models.DateTimeField(_("dernier contact le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("envoyé en relecture le"), null=True, blank=True)
    validated_at = models.DateTimeField(_("validé le"), null=True, blank=True)
    review_comment = models.TextField(_("commentaire de relecture"), blank=True)
    opened_at = models.DateTimeField(_("ouvert le"))
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["-opened_at", "pk"]
        verbose_name = _("plan de suivi")
        verbose_name_plural = _("plans de suivi")
        constraints = [models.UniqueConstraint(fields=["trainee", "group"], name="followup_plan_one_per_enrolment")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.trainee}"

    @property
    def is_intervention_project(self) -> bool:
        return self.kind == PlanKind.INTERVENTION_PROJECT

    @property
    def format_labels(self) -> list[str]:
        labels = dict(InterventionFormat.choices)
        return [str(labels[value]) for value in self.formats if value in labels]


class PlanVersion(models.Model):
    """A validated version of a plan, kept as it was: never edited, never deleted with a new draft."""

    plan = models.ForeignKey(FollowUpPlan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("contenu validé"))
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("validé par")
    )
    validated_at = models.DateTimeField(_("validé le"))

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("version validée")
        verbose_name_plural = _("versions validées")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="followup_version_unique_number")]

    def __str__(self):
        return f"{self.plan} — v{self.number}"

    def save(self, *args, **kwargs):
        # A validated version is a record of what was agreed: it is written once.
        if self.pk is not None:
            raise ValueError("Une version validée ne se modifie pas.")
        super().save(*args, **kwargs)

    @property
    def trainee(self):
        return self.plan.trainee


class PlanAction(models.Model):
    """One action of a referent's action plan, with who carries it, by when, and its evidence."""

    class Status(models.TextChoices):
        TODO = "todo", _("À faire")
        IN_PROGRESS = "in_progress", _("En cours")
        DONE = "done", _("Réalisée")
        DROPPED = "dropped", _("Abandonnée")

    plan = models.ForeignKey(FollowUpPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan"))
    title = models.CharField(_("action"), max_length=200)
    owner_name = models.CharField(
        _("porteur de l'action"), max_length=150, blank=True, help_text=_("Qui la mène dans la structure.")
    )
    due_date = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.TODO)
    evidence_note = models.TextField(_("preuve ou constat"), blank=True)
    evidence_document = PolicyFileField(
        _("document de preuve"),
        policy=EVIDENCE_POLICY,
        upload_to=evidence_upload_to,
        storage=private_storage,
        blank=True,
        help_text=_("Compte rendu, affiche, procédure…"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["plan", "due_date", "pk"]
        verbose_name = _("action du plan")
        verbose_name_plural = _("actions du plan")

    def __str__(self):
        return self.title

    @property
    def trainee(self):
        return self.plan.trainee


class Meeting(models.Model):
    """An accompaniment meeting: individual (one person's plan; scheduled by the team or asked for by
    the person) or a collective network meeting of peer interveners or referents of one region."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Rendez-vous individuel")
        NETWORK = "network", _("Réunion de réseau")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Demandé par la personne")
        SCHEDULED = "scheduled", _("Programmé")
        HELD = "held", _("Tenu")
        CANCELLED = "cancelled", _("Annulé")

    class Visibility(models.TextChoices):
        SHARED = "shared", _("Partagé avec la personne")
        TEAM = "team", _("Équipe seulement")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.INDIVIDUAL)
    region = models.ForeignKey(
        "people.Region", on_delete=models.PROTECT, related_name="followup_meetings", verbose_name=_("région")
    )
    plan = models.ForeignKey(
        FollowUpPlan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("plan"),
        help_text=_("Le plan de la personne, pour un rendez-vous individuel."),
    )
    audience = models.CharField(
        _("réseau"), max_length=30, choices=PlanKind.choices, blank=True, help_text=_("Pour une réunion de réseau.")
    )
    title = models.CharField(_("objet"), max_length=200, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    starts_at = models.DateTimeField(_("date et heure"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=60)
    place = models.CharField(_("lieu"), max_length=250, blank=True)
    video_url = models.URLField(_("lien de visioconférence"), blank=True)
    request_message = models.TextField(_("message de la personne"), blank=True)
    arrangements = models.JSONField(_("aménagements"), default=list, blank=True)
    arrangements_notes = models.TextField(_("autres aménagements prévus"), blank=True)
    summary = models.TextField(_("compte rendu"), blank=True)
    summary_visibility = models.CharField(
        _("confidentialité du compte rendu"), max_length=10, choices=Visibility.choices, default=Visibility.SHARED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("créé par")
    )
    invited_at = models.DateTimeField(_("invitations envoyées le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("rendez-vous d'accompagnement")
        verbose_name_plural = _("rendez-vous d'accompagnement")

    def __str__(self):
        when = f"{self.starts_at:%d/%m/%Y}" if self.starts_at else "—"
        return f"{self.title or self.get_kind_display()} — {when}"

    @property
    def summary_shared(self) -> bool:
        return self.summary_visibility == self.Visibility.SHARED


class MeetingParticipant(models.Model):
    """A person invited to a meeting, through their plan, with their attendance once held."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_meetings", verbose_name=_("personne")
    )
    plan = models.ForeignKey(FollowUpPlan, on_delete=models.CASCADE, related_name="meeting_places", null=True)
    attended = models.BooleanField(_("présent"), null=True)

    class Meta:
        ordering = ["meeting", "person__last_name", "person__first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="followup_participant_once")]

    def __str__(self):
        return f"{self.person} — {self.meeting}"


class NextAction(models.Model):
    """What was agreed at a meeting, for one plan, by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="next_actions")
    plan = models.ForeignKey(FollowUpPlan, on_delete=models.CASCADE, related_name="next_actions")
    title = models.CharField(_("prochaine étape"), max_length=200)
    due_date = models.DateField(_("pour le"), null=True, blank=True)
    done = models.BooleanField(_("faite"), default=False)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("prochaine étape")
        verbose_name_plural = _("prochaines étapes")

    def __str__(self):
        return self.title

    @property
    def trainee(self):
        return self.plan.trainee


class Milestone(models.TextChoices):
    """When follow-up indicators are collected; the end of training gives the baseline."""

    END = "end", _("Fin de formation")
    THREE_MONTHS = "3m", _("3 mois après")
    SIX_MONTHS = "6m", _("6 mois après")
    TWELVE_MONTHS = "12m", _("12 mois après")


MILESTONE_MONTHS = {Milestone.END: 0, Milestone.THREE_MONTHS: 3, Milestone.SIX_MONTHS: 6, Milestone.TWELVE_MONTHS: 12}


class IndicatorDefinition(models.Model):
    """A follow-up indicator, defined once: what is asked (in French and easy to read), to whom, and
    what kind of answer it takes."""

    class Audience(models.TextChoices):
        PEER_INTERVENERS = "intervention_project", _("Intervenants-pairs")
        REFERENTS = "action_plan", _("Référents")
        BOTH = "both", _("Les deux")

    class AnswerType(models.TextChoices):
        YES_NO = "yes_no", _("Oui / non")
        COUNT = "count", _("Nombre")
        SCALE = "scale", _("Échelle de 1 à 4")
        TEXT = "text", _("Texte")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    wording = models.CharField(_("intitulé"), max_length=250)
    wording_easy_read = models.CharField(_("intitulé en facile à lire"), max_length=250)
    audience = models.CharField(_("public"), max_length=30, choices=Audience.choices, default=Audience.BOTH)
    answer_type = models.CharField(_("type de réponse"), max_length=10, choices=AnswerType.choices)
    objective_code = models.CharField(
        _("objectif du kit"), max_length=10, blank=True, help_text=_("Ex. C3, IP3 : l'objectif auquel il se rattache.")
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    active = models.BooleanField(_("actif"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("indicateur de suivi")
        verbose_name_plural = _("indicateurs de suivi")

    def __str__(self):
        return f"{self.code} — {self.wording}"


class Questionnaire(models.Model):
    """The indicators asked of one person at one milestone: sent by the scheduler, reminded once,
    answered by the person in their space or entered by the team during a meeting."""

    plan = models.ForeignKey(
        FollowUpPlan, on_delete=models.CASCADE, related_name="questionnaires", verbose_name=_("plan")
    )
    milestone = models.CharField(_("moment"), max_length=5, choices=Milestone.choices)
    due_on = models.DateField(_("prévu le"))
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("relancé le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["plan", "due_on"]
        verbose_name = _("questionnaire de suivi")
        verbose_name_plural = _("questionnaires de suivi")
        constraints = [models.UniqueConstraint(fields=["plan", "milestone"], name="followup_questionnaire_once")]

    def __str__(self):
        return f"{self.plan.trainee} — {self.get_milestone_display()}"

    @property
    def trainee(self):
        return self.plan.trainee


class IndicatorAnswer(models.Model):
    """One indicator's value in one questionnaire."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(IndicatorDefinition, on_delete=models.PROTECT, related_name="answers")
    value_bool = models.BooleanField(null=True)
    value_number = models.PositiveIntegerField(null=True)
    value_text = models.TextField(blank=True)

    class Meta:
        ordering = ["questionnaire", "indicator__sort_order"]
        verbose_name = _("réponse à un indicateur")
        verbose_name_plural = _("réponses aux indicateurs")
        constraints = [models.UniqueConstraint(fields=["questionnaire", "indicator"], name="followup_answer_once")]

    def __str__(self):
        return f"{self.indicator.code} = {self.display}"

    @property
    def display(self) -> str:
        kind = self.indicator.answer_type
        if kind == IndicatorDefinition.AnswerType.YES_NO:
            return "" if self.value_bool is None else str(_("Oui") if self.value_bool else _("Non"))
        if kind == IndicatorDefinition.AnswerType.TEXT:
            return self.value_text
        return "" if self.value_number is None else str(self.value_number)
