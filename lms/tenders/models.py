"""Calls for tenders: the national specification (cahier des charges) as versioned requirements, the
regional teams' calls with their lots, timetable and weighted criteria, the training organisations'
registrations and sealed bids, the kit's compliance check, the evaluators' scores, their consolidation
and the award."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    MUST = "must", _("Exigence obligatoire")
    SHOULD = "should", _("Exigence souhaitée")


class CheckMethod(models.TextChoices):
    AUTOMATIC = "automatic", _("Contrôle automatique")
    EVALUATORS = "evaluators", _("Examen par les évaluateurs")


class Rule(models.TextChoices):
    """The kit rule an automatic requirement runs (lms.tenders.compliance)."""

    NONE = "", _("Aucune")
    GROUP_SIZE = "group_size", _("Taille des groupes")
    SESSIONS = "sessions", _("Durée des séances et jours non consécutifs")
    RHYTHM = "rhythm", _("Nombre de jours et étalement")
    CO_ANIMATION = "co_animation", _("Co-animation formateur et formateur pair")
    ACCESSIBILITY = "accessibility", _("Moyens d'accessibilité")


class Specification(models.Model):
    """One version of the national specification; a published version never changes."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("cahier des charges national")

    def __str__(self):
        return _("Cahier des charges national, version %(version)s") % {"version": self.version}


class Requirement(models.Model):
    """A requirement of the national specification, or one a call adds to it (never removes)."""

    specification = models.ForeignKey(
        Specification, on_delete=models.CASCADE, null=True, blank=True, related_name="requirements"
    )
    call = models.ForeignKey("tenders.Call", on_delete=models.CASCADE, null=True, blank=True, related_name="added")
    code = models.CharField(_("code"), max_length=20, help_text=_("Ex. « TAILLE-GROUPE »."))
    wording = models.TextField(_("libellé"))
    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices, default=Level.MUST)
    check_method = models.CharField(
        _("mode de contrôle"), max_length=12, choices=CheckMethod.choices, default=CheckMethod.EVALUATORS
    )
    rule = models.CharField(_("règle du kit"), max_length=20, choices=Rule.choices, blank=True, default="")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["specification", "code"], name="tenders_requirement_code"),
            models.UniqueConstraint(fields=["call", "code"], name="tenders_call_requirement_code"),
        ]

    def __str__(self):
        return f"{self.code} — {self.wording}"


class Procedure(models.TextChoices):
    FORMAL = "formal", _("Procédure formalisée (code de la commande publique)")
    PRIVATE = "private", _("Consultation privée")


class Call(models.Model):
    """A regional team's call for tenders to select the training organisation of its groups."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("En préparation")
        PUBLISHED = "published", _("Publié")
        AWARDED = "awarded", _("Attribué")
        ABANDONED = "abandoned", _("Déclaré sans suite")

    region = models.ForeignKey("people.Region", on_delete=models.PROTECT, related_name="calls")
    title = models.CharField(_("intitulé"), max_length=200)
    procedure = models.CharField(_("type de procédure"), max_length=10, choices=Procedure.choices)
    specification = models.ForeignKey(Specification, on_delete=models.PROTECT, related_name="calls")
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publication_date = models.DateField(_("date de publication"))
    questions_deadline = models.DateTimeField(_("date limite des questions"))
    submission_deadline = models.DateTimeField(_("date limite de remise des offres"))
    award_date = models.DateField(_("date prévue d'attribution"))
    start_date = models.DateField(_("début prévu des formations"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="calls_created"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    compliance_checked_at = models.DateTimeField(null=True, blank=True)
    abandoned_at = models.DateTimeField(_("déclaré sans suite le"), null=True, blank=True)
    abandoned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    abandon_reason = models.TextField(_("motif de la déclaration sans suite"), blank=True)

    class Meta:
        ordering = ["-submission_deadline", "pk"]
        verbose_name = _("appel d'offres")

    def __str__(self):
        return self.title


class Lot(models.Model):
    """One course in one territory: the groups the winning organisation will deliver."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("numéro"))
    course = models.ForeignKey("courses.CoursePage", on_delete=models.PROTECT, related_name="+")
    territory = models.ForeignKey("people.Territory", on_delete=models.PROTECT, related_name="+")
    awarded_bid = models.OneToOneField(
        "tenders.Bid", on_delete=models.SET_NULL, null=True, blank=True, related_name="awarded_lot"
    )
    awarded_at = models.DateTimeField(null=True, blank=True)
    group = models.ForeignKey("cohorts.TrainingGroup", on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="tenders_lot_number")]

    def __str__(self):
        return _("Lot %(number)s : %(course)s, %(territory)s") % {
            "number": self.number,
            "course": self.course.title,
            "territory": self.territory.name,
        }


class Criterion(models.Model):
    """A weighted award criterion; the weights of a call sum to 100."""

    class Kind(models.TextChoices):
        PRICE = "price", _("Prix")
        QUALITY = "quality", _("Qualité")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(_("critère"), max_length=120)
    weight = models.PositiveSmallIntegerField(_("pondération (points)"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.label} ({self.weight})"


class Registration(models.Model):
    """A training organisation asking to answer calls; the regional team validates it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("À valider")
        VALIDATED = "validated", _("Validée")
        REFUSED = "refused", _("Refusée")

    name = models.CharField(_("raison sociale"), max_length=200)
    siret = models.CharField(_("SIRET"), max_length=14)
    nda = models.CharField(_("numéro de déclaration d'activité (NDA)"), max_length=11)
    region = models.ForeignKey("people.Region", on_delete=models.PROTECT, related_name="+")
    contact_name = models.CharField(_("nom du contact"), max_length=150)
    contact_email = models.EmailField(_("e-mail du contact"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField()
    organisation = models.ForeignKey(
        "people.TrainingOrganisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "pk"]

    def __str__(self):
        return self.name


class PriceLine(models.TextChoices):
    """The lines of the call's price schedule (bordereau de prix) every bid details its price by."""

    ENGINEERING = "engineering", _("Ingénierie, préparation et coordination")
    TRAINERS = "trainers", _("Animation par les formateurs")
    PEER_TRAINERS = "peer_trainers", _("Animation par les formateurs pairs")
    ACCESSIBILITY = "accessibility", _("Moyens d'accessibilité (interprétation, vélotypie, FALC…)")
    MATERIALS = "materials", _("Supports et matériel pédagogique")
    TRAVEL = "travel", _("Déplacements et hébergement de l'équipe")
    OTHER = "other", _("Autres frais")


class Bid(models.Model):
    """A sealed offer of an organisation for one lot; replacing it keeps the former one, replaced."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Déposée")
        REPLACED = "replaced", _("Remplacée")
        WITHDRAWN = "withdrawn", _("Retirée")

    class Compliance(models.TextChoices):
        PENDING = "", _("Non vérifiée")
        COMPLIANT = "compliant", _("Conforme")
        SET_ASIDE = "set_aside", _("Écartée")

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="bids")
    organisation = models.ForeignKey("people.TrainingOrganisation", on_delete=models.PROTECT, related_name="bids")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField()
    technical_proposal = models.TextField(_("proposition technique"))
    price = models.DecimalField(_("prix total (€ HT)"), max_digits=10, decimal_places=2)
    # {PriceLine: "amount"}, the amounts summing to `price`.
    price_breakdown = models.JSONField(_("détail du prix"), default=dict, blank=True)
    group_size = models.PositiveSmallIntegerField(_("stagiaires par groupe"))
    team = models.JSONField(default=list)  # [{"name": "…", "role": "trainer" | "peer_trainer"}]
    accessibility_means = models.JSONField(default=list)
    schedule = models.JSONField(default=list)  # [{"date": "2027-01-12", "start": "09:00", "end": "12:30"}]
    digest = models.CharField(_("empreinte SHA-256"), max_length=64)
    compliance = models.CharField(max_length=10, choices=Compliance.choices, blank=True, default="")

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"{self.organisation} — {self.lot}"

    @property
    def price_lines(self) -> list[tuple[str, Decimal]]:
        """The price schedule's lines with this bid's amounts, in the schedule's order."""
        return [
            (label, Decimal(self.price_breakdown[code]))
            for code, label in PriceLine.choices
            if code in self.price_breakdown
        ]


class ComplianceResult(models.Model):
    """The outcome of one requirement for one bid, with its evidence."""

    class Outcome(models.TextChoices):
        PASS = "pass", _("Conforme")
        FAIL = "fail", _("Non conforme")
        CLARIFY = "clarify", _("À préciser")

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="compliance_results")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["requirement__order", "requirement__pk"]
        constraints = [models.UniqueConstraint(fields=["bid", "requirement"], name="tenders_compliance_once")]

    def __str__(self):
        return f"{self.requirement.code}: {self.get_outcome_display()}"


class Declaration(models.Model):
    """An evaluator's declaration of no conflict of interest for a call, before any score."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="declarations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    declared_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "evaluator"], name="tenders_declaration_once")]

    def __str__(self):
        return f"{self.evaluator} — {self.call}"


class Score(models.Model):
    """An evaluator's mark (0 to 10) on a quality criterion for a bid, with its justification."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mark = models.DecimalField(_("note sur 10"), max_digits=4, decimal_places=1)
    justification = models.TextField(_("justification"))
    scored_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion", "evaluator"], name="tenders_score_once"),
        ]

    def __str__(self):
        return f"{self.criterion.label}: {self.mark}"


class ConsolidatedScore(models.Model):
    """The regional team's consolidated mark (0 to 10) on a quality criterion for a bid, after the
    evaluators' scores, with its required justification: ranking, award and letters use it."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="consolidations")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="consolidations")
    mark = models.DecimalField(_("note consolidée sur 10"), max_digits=4, decimal_places=1)
    justification = models.TextField(_("justification de la consolidation"))
    consolidated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consolidated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="tenders_consolidation_once"),
        ]

    def __str__(self):
        return f"{self.criterion.label}: {self.mark}"


class Question(models.Model):
    """A bidder's question on a call; its answer is published to every bidder alike, without the
    name of who asked."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField()
    answer = models.TextField(_("réponse"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self):
        return self.text[:80]
