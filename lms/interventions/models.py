"""Partners' intervention requests: a request from an organisation, its dated stages, the peer
interveners proposed to it (each answers from their space), the feedback after the intervention and
the expense lines with their receipts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.followup.models import InterventionFormat
from lms.private_files import private_storage, random_name
from lms.uploads import MB
from lms.uploads.fields import PolicyFileField
from lms.uploads.policy import IMAGES, PDF, UploadPolicy

RECEIPT_POLICY = UploadPolicy(
    name="interventions.receipt",
    types=PDF | IMAGES,
    default_max_bytes=10 * MB,
    formats=_("PDF, PNG ou JPEG"),
)


def receipt_upload_to(instance, filename: str) -> str:
    return random_name("interventions/receipts", filename)


class OrganisationKind(models.TextChoices):
    ESMS = "esms", _("Établissement ou service médico-social (ESMS)")
    COMPANY = "company", _("Entreprise")
    PUBLIC_SERVICE = "public_service", _("Service public")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Autre")


class VenueFeature(models.TextChoices):
    """What the venue offers, compared with what a peer intervener needs."""

    STEP_FREE = "step_free", _("Accès de plain-pied ou ascenseur")
    BREAK_ROOM = "break_room", _("Salle de pause au calme")
    HEARING_LOOP = "hearing_loop", _("Boucle magnétique")
    SIGN_LANGUAGE = "sign_language", _("Interprète LSF possible")
    PUBLIC_TRANSPORT = "public_transport", _("Accessible en transports en commun")


class Stage(models.TextChoices):
    RECEIVED = "received", _("Reçue")
    QUALIFIED = "qualified", _("Qualifiée")
    MATCHING = "matching", _("Recherche d'intervenant")
    PROPOSED = "proposed", _("Proposée")
    ACCEPTED = "accepted", _("Acceptée par l'intervenant")
    DECLINED = "declined", _("Refusée par les intervenants")
    PREPARATION = "preparation", _("En préparation")
    DONE = "done", _("Réalisée")
    DEBRIEFED = "debriefed", _("Bilan fait")
    CLOSED = "closed", _("Clôturée")
    CANCELLED = "cancelled", _("Annulée")


class InterventionRequest(models.Model):
    """A partner's request for a peer intervener for one action, handled by the region's team."""

    class Channel(models.TextChoices):
        PUBLIC_FORM = "public_form", _("Formulaire public")
        TEAM = "team", _("Saisie par l'équipe")

    region = models.ForeignKey(
        "people.Region", on_delete=models.PROTECT, related_name="intervention_requests", verbose_name=_("région")
    )
    territory = models.ForeignKey(
        "people.Territory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intervention_requests",
        verbose_name=_("département"),
    )
    organisation_name = models.CharField(_("structure"), max_length=200)
    organisation_kind = models.CharField(_("type de structure"), max_length=20, choices=OrganisationKind.choices)
    contact_name = models.CharField(_("personne à contacter"), max_length=150)
    # Blank only once erased (`contact_erased_at`): the form and the services require it before.
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    what = models.TextField(_("l'intervention souhaitée"))
    audience = models.TextField(_("pour quel public"))
    dates_wished = models.CharField(_("dates souhaitées"), max_length=250)
    place = models.CharField(_("lieu"), max_length=250)
    format = models.CharField(_("format"), max_length=30, choices=InterventionFormat.choices, blank=True)
    expenses_budget = models.DecimalField(
        _("budget pour les défraiements (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    venue_features = models.JSONField(_("accessibilité du lieu"), default=list, blank=True)
    venue_notes = models.TextField(_("autres informations sur l'accessibilité"), blank=True)
    channel = models.CharField(_("origine"), max_length=20, choices=Channel.choices, default=Channel.PUBLIC_FORM)
    stage = models.CharField(_("étape"), max_length=20, choices=Stage.choices, default=Stage.RECEIVED)
    stage_changed_at = models.DateTimeField(_("étape changée le"))
    cancelled_reason = models.TextField(_("motif d'annulation"), blank=True)
    team_notes = models.TextField(_("notes de l'équipe"), blank=True)
    preparation_meeting = models.ForeignKey(
        "followup.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    debriefing_meeting = models.ForeignKey(
        "followup.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_token = models.CharField(max_length=64, blank=True, db_index=True)
    contact_erased_at = models.DateTimeField(_("coordonnées effacées le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("reçue le"))
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("demande d'intervention")
        verbose_name_plural = _("demandes d'intervention")

    def __str__(self):
        return f"{self.organisation_name} — {self.created_at:%d/%m/%Y}"

    @property
    def venue_feature_labels(self) -> list[str]:
        labels = dict(VenueFeature.choices)
        return [str(labels[value]) for value in self.venue_features if value in labels]


class StageChange(models.Model):
    """One move of a request from a stage to another: when, by whom, why."""

    request = models.ForeignKey(InterventionRequest, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("de"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("vers"), max_length=20, choices=Stage.choices)
    at = models.DateTimeField(_("le"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    by_label = models.CharField(_("par"), max_length=255, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        ordering = ["request", "at", "pk"]
        verbose_name = _("changement d'étape")
        verbose_name_plural = _("changements d'étape")

    def __str__(self):
        return f"{self.from_stage} → {self.to_stage}"


class Proposal(models.Model):
    """A peer intervener proposed for a request, with why; committed only once they accept."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("En attente de réponse")
        ACCEPTED = "accepted", _("Acceptée")
        DECLINED = "declined", _("Refusée")
        WITHDRAWN = "withdrawn", _("Retirée")

    request = models.ForeignKey(InterventionRequest, on_delete=models.CASCADE, related_name="proposals")
    peer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="intervention_proposals",
        verbose_name=_("intervenant-pair"),
    )
    plan = models.ForeignKey("followup.FollowUpPlan", on_delete=models.CASCADE, related_name="+")
    reasons = models.JSONField(_("raisons"), default=list)
    score = models.SmallIntegerField(_("score"), default=0)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    message = models.TextField(_("message de l'équipe"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proposed_at = models.DateTimeField(_("proposée le"))
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    decline_reason = models.TextField(_("motif du refus"), blank=True)

    class Meta:
        ordering = ["request", "-score", "pk"]
        verbose_name = _("proposition à un intervenant")
        verbose_name_plural = _("propositions aux intervenants")
        constraints = [models.UniqueConstraint(fields=["request", "peer"], name="interventions_proposal_once")]

    def __str__(self):
        return f"{self.peer} — {self.request}"

    @property
    def trainee(self):
        return self.peer


class Feedback(models.Model):
    """What the partner or the peer says after the intervention (once each)."""

    class Author(models.TextChoices):
        PARTNER = "partner", _("Partenaire")
        PEER = "peer", _("Intervenant-pair")

    request = models.ForeignKey(InterventionRequest, on_delete=models.CASCADE, related_name="feedback")
    author_kind = models.CharField(_("de la part de"), max_length=10, choices=Author.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    rating = models.PositiveSmallIntegerField(_("appréciation (1 à 4)"))
    comment = models.TextField(_("commentaire"), blank=True)
    given_at = models.DateTimeField(_("donné le"))

    class Meta:
        ordering = ["request", "given_at"]
        verbose_name = _("retour sur l'intervention")
        verbose_name_plural = _("retours sur l'intervention")
        constraints = [
            models.UniqueConstraint(fields=["request", "author_kind"], name="interventions_feedback_once_each")
        ]

    def __str__(self):
        return f"{self.get_author_kind_display()} — {self.rating}/4"


class ExpenseLine(models.Model):
    """An expense of the intervention (défraiement), with its receipt, who pays and the team's decision."""

    class Kind(models.TextChoices):
        TRANSPORT = "transport", _("Transport")
        MEALS = "meals", _("Repas")
        SUPPORT_PERSON = "support_person", _("Personne qui accompagne")
        OTHER = "other", _("Autre")

    class Payer(models.TextChoices):
        PARTNER = "partner", _("Le partenaire")
        REGIONAL_TEAM = "regional_team", _("L'équipe régionale")
        OTHER = "other", _("Autre financeur")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("À valider")
        APPROVED = "approved", _("Validée")
        REFUSED = "refused", _("Refusée")

    request = models.ForeignKey(InterventionRequest, on_delete=models.CASCADE, related_name="expenses")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="intervention_expenses"
    )
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("montant (€)"), max_digits=8, decimal_places=2)
    spent_on = models.DateField(_("date de la dépense"))
    description = models.CharField(_("détail"), max_length=250, blank=True)
    payer = models.CharField(_("qui paie"), max_length=20, choices=Payer.choices, default=Payer.PARTNER)
    receipt = PolicyFileField(
        _("justificatif"),
        policy=RECEIPT_POLICY,
        upload_to=receipt_upload_to,
        storage=private_storage,
        blank=True,
        help_text=_("Ticket, facture ou billet : PDF ou photo."),
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    refusal_reason = models.CharField(_("motif du refus"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    class Meta:
        ordering = ["request", "spent_on", "pk"]
        verbose_name = _("ligne de frais")
        verbose_name_plural = _("lignes de frais")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.amount} €"
