"""Satisfaction surveys (templates, campaigns, invitations kept apart from anonymous responses),
complaints and improvement actions: the Qualiopi indicators 30 to 32."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    TRAINEES = "trainees", _("Stagiaires")
    TRAINERS = "trainers", _("Formateurs et formateurs pairs")
    FUNDERS = "funders", _("Financeurs")
    EMPLOYERS = "employers", _("Employeurs des référents")
    PARTNERS = "partners", _("Partenaires")


class Moment(models.TextChoices):
    BEFORE = "before", _("Avant la formation")
    HOT_SESSION = "hot_session", _("À chaud, fin de séance")
    HOT_COURSE = "hot_course", _("À chaud, fin de formation")
    COLD = "cold", _("À froid, trois mois après")
    YEARLY = "yearly", _("Annuel")
    AFTER_INTERVENTION = "after_intervention", _("Après une intervention")


class SurveyTemplate(models.Model):
    """One version of a questionnaire for an audience and a moment. A new version keeps the stable
    question codes of the previous one so that years compare."""

    code = models.SlugField(
        _("code"), max_length=50, help_text=_("Stable d'une version à l'autre, ex. « chaud-seance ».")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    audience = models.CharField(_("public"), max_length=20, choices=Audience.choices)
    moment = models.CharField(_("moment"), max_length=20, choices=Moment.choices)
    title = models.CharField(_("titre"), max_length=200)
    title_easy_read = models.CharField(_("titre en FALC"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    intro_easy_read = models.TextField(_("introduction en FALC"), blank=True)
    is_active = models.BooleanField(
        _("version en service"), default=True, help_text=_("Les nouvelles campagnes utilisent la version en service.")
    )

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("modèle de questionnaire")
        verbose_name_plural = _("modèles de questionnaire")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="survey_template_unique_version"),
            models.UniqueConstraint(
                fields=["moment", "audience"], condition=Q(is_active=True), name="survey_template_one_active"
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class Question(models.Model):
    """A question of a template, with its stable code and its easy-to-read wording."""

    class Kind(models.TextChoices):
        SCALE = "scale", _("Échelle de 1 à 5")
        YES_NO = "yes_no", _("Oui ou non")
        CHOICE = "choice", _("Choix dans une liste")
        TEXT = "text", _("Texte libre")

    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.CASCADE, related_name="questions", verbose_name=_("modèle")
    )
    code = models.SlugField(_("code"), max_length=50, help_text=_("Stable d'une version à l'autre."))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    text_easy_read = models.CharField(_("question en FALC"), max_length=300)
    choices = models.JSONField(_("choix"), default=list, blank=True, help_text=_("Pour un choix dans une liste."))
    required = models.BooleanField(_("obligatoire"), default=False)

    class Meta:
        ordering = ["template", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="question_unique_code")]

    def __str__(self):
        return f"{self.code} — {self.text}"


class Campaign(models.Model):
    """One sending of a template to the people of a group: after one session, at the course's
    end, or three months later (cold)."""

    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("modèle")
    )
    group = models.ForeignKey(
        "cohorts.TrainingGroup", on_delete=models.PROTECT, related_name="survey_campaigns", verbose_name=_("groupe")
    )
    session = models.ForeignKey(
        "cohorts.ScheduledSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_campaigns",
        verbose_name=_("séance"),
    )
    opened_on = models.DateField(_("ouverte le"))
    closes_on = models.DateField(_("fermée le"))

    class Meta:
        ordering = ["-opened_on", "pk"]
        verbose_name = _("campagne de questionnaire")
        verbose_name_plural = _("campagnes de questionnaire")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "group", "session"],
                condition=Q(session__isnull=False),
                name="campaign_unique_session",
            ),
            models.UniqueConstraint(
                fields=["template", "group"], condition=Q(session__isnull=True), name="campaign_unique_group"
            ),
        ]

    def __str__(self):
        return f"{self.template.title} — {self.group}" + (f" — {self.session.date:%d/%m/%Y}" if self.session else "")


class Invitation(models.Model):
    """Who was invited to a campaign, reminded, and has answered. It never says what was answered:
    the Response holds no person, no token and no invitation."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("campagne")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_invitations",
        verbose_name=_("personne"),
    )
    # The link's token is an HMAC of the invitation and this nonce: only its hash is stored.
    nonce = models.CharField(max_length=32)
    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    reminded_count = models.PositiveSmallIntegerField(_("relances"), default=0)
    last_reminded_at = models.DateTimeField(_("dernière relance"), null=True, blank=True)
    answered = models.BooleanField(_("a répondu"), default=False)

    class Meta:
        ordering = ["campaign", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="invitation_unique_person")]

    def __str__(self):
        return f"{self.person} — {self.campaign}"


class Response(models.Model):
    """One anonymous set of answers: a random key, the campaign, the day, the answers by question
    code. Nothing here leads back to the invitation or the person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responses", verbose_name=_("campagne")
    )
    answered_on = models.DateField(_("répondu le"))
    answers = models.JSONField(_("réponses"), default=dict)

    class Meta:
        # By the random key: neither the order of answers nor of invitations can be read from it.
        ordering = ["id"]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")

    def __str__(self):
        return f"{self.campaign} — {self.answered_on:%d/%m/%Y}"


class Complaint(models.Model):
    """A complaint, or an incident a trainer recorded during training, with its deadlines:
    acknowledged, answered, closed, and the complainant's satisfaction."""

    class Channel(models.TextChoices):
        PUBLIC_FORM = "public_form", _("Formulaire public")
        MY_SPACE = "my_space", _("Mon espace")
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Téléphone")
        LETTER = "letter", _("Courrier")
        IN_PERSON = "in_person", _("En personne")
        INCIDENT = "incident", _("Incident noté par un formateur")

    class Category(models.TextChoices):
        CONTENT = "content", _("Contenu")
        LOGISTICS = "logistics", _("Logistique")
        TRAINER = "trainer", _("Formateur ou formatrice")
        ACCESSIBILITY = "accessibility", _("Accessibilité")
        ADMINISTRATIVE = "administrative", _("Administratif")
        TECHNICAL = "technical", _("Technique")

    class Severity(models.TextChoices):
        LOW = "low", _("Faible")
        MEDIUM = "medium", _("Moyenne")
        HIGH = "high", _("Grave")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Reçue")
        ACKNOWLEDGED = "acknowledged", _("Accusé de réception envoyé")
        ANSWERED = "answered", _("Réponse envoyée")
        CLOSED = "closed", _("Clôturée")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfaite")
        PARTLY = "partly", _("En partie satisfaite")
        NOT_SATISFIED = "not_satisfied", _("Pas satisfaite")
        UNKNOWN = "unknown", _("Ne s'est pas prononcée")

    received_on = models.DateField(_("reçue le"))
    channel = models.CharField(_("canal"), max_length=20, choices=Channel.choices)
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("personne (compte)"),
    )
    complainant_name = models.CharField(_("nom"), max_length=200, blank=True, help_text=_("Vide si anonyme."))
    complainant_email = models.EmailField(_("e-mail"), blank=True, help_text=_("Pour recevoir la réponse."))
    region = models.ForeignKey(
        "people.Region", on_delete=models.PROTECT, related_name="complaints", verbose_name=_("région")
    )
    group = models.ForeignKey(
        "cohorts.TrainingGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("groupe"),
    )
    session = models.ForeignKey(
        "cohorts.ScheduledSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("séance"),
    )
    organisation = models.ForeignKey(
        "people.TrainingOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("organisme"),
    )
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    severity = models.CharField(_("gravité"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    description = models.TextField(_("description"))
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    acknowledge_by = models.DateField(_("accusé de réception avant le"))
    answer_by = models.DateField(_("réponse avant le"))
    acknowledged_on = models.DateField(_("accusé de réception le"), null=True, blank=True)
    answer = models.TextField(_("réponse"), blank=True)
    answered_on = models.DateField(_("répondu le"), null=True, blank=True)
    closed_on = models.DateField(_("clôturée le"), null=True, blank=True)
    satisfaction = models.CharField(
        _("satisfaction de la personne"), max_length=20, choices=Satisfaction.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints_recorded",
        verbose_name=_("enregistrée par"),
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("réclamation")
        verbose_name_plural = _("réclamations")

    def __str__(self):
        return f"{self.get_category_display()} — {self.received_on:%d/%m/%Y}"

    @property
    def is_anonymous(self) -> bool:
        return self.complainant_id is None and not self.complainant_name and not self.complainant_email


class ImprovementAction(models.Model):
    """An improvement decided from a complaint, a survey finding or the annual review, tracked to
    the check that it worked: the trend → decision → action → result chain an auditor asks for."""

    class Source(models.TextChoices):
        COMPLAINT = "complaint", _("Réclamation")
        SURVEY = "survey", _("Résultats de questionnaire")
        REVIEW = "review", _("Revue annuelle")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Prévue")
        IN_PROGRESS = "in_progress", _("En cours")
        DONE = "done", _("Réalisée")
        CHECKED = "checked", _("Efficacité vérifiée")

    region = models.ForeignKey(
        "people.Region", on_delete=models.PROTECT, related_name="improvement_actions", verbose_name=_("région")
    )
    source = models.CharField(_("origine"), max_length=20, choices=Source.choices)
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("réclamation"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("campagne de questionnaire"),
    )
    finding = models.TextField(_("constat (tendance)"), help_text=_("Ce que montrent la réclamation ou les résultats."))
    decision = models.TextField(_("décision"))
    title = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="improvement_actions",
        verbose_name=_("responsable"),
    )
    due_on = models.DateField(_("échéance"))
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    effectiveness = models.TextField(_("vérification de l'efficacité (résultat)"), blank=True)
    checked_on = models.DateField(_("vérifiée le"), null=True, blank=True)
    created_on = models.DateField(_("décidée le"))

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action d'amélioration")
        verbose_name_plural = _("actions d'amélioration")

    def __str__(self):
        return self.title
