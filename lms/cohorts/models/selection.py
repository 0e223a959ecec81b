"""Selection of candidates: applications, the kit's interview grid, the employer's engagement charter."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.people.models import Territory
from lms.private_files import private_storage, random_name
from lms.uploads import MB
from lms.uploads.fields import PolicyFileField
from lms.uploads.policy import IMAGES, PDF, UploadPolicy


class Assessment(models.TextChoices):
    """How far a candidate meets one criterion of the kit's interview grid."""

    YES = "yes", _("Oui")
    PARTLY = "partly", _("En partie")
    NO = "no", _("Non")


# The charter signed by the employer: a PDF or a photo/scan of the signed page.
CHARTER_POLICY = UploadPolicy(
    name="cohorts.charter", types=PDF | IMAGES, default_max_bytes=10 * MB, formats=_("PDF, PNG ou JPEG")
)


def charter_upload_to(instance, filename: str) -> str:
    return random_name("cohorts/charters", filename)


class EngagementCharter(models.Model):
    """The engagement charter signed by a referent's employer: no referent is enrolled without it."""

    class Method(models.TextChoices):
        DOCUMENT = "document", _("Document signé déposé")
        PLATFORM = "platform", _("Acceptation sur la plateforme")

    employer_name = models.CharField(
        _("structure employeuse"), max_length=200, help_text=_("ESMS, entreprise, service public…")
    )
    signatory_name = models.CharField(
        _("signataire"), max_length=150, help_text=_("Nom de la personne qui engage la structure.")
    )
    signatory_role = models.CharField(
        _("fonction du signataire"), max_length=150, blank=True, help_text=_("Ex. directrice, DRH.")
    )
    signed_on = models.DateField(_("date de signature"), help_text=_("Date de signature ou d'acceptation."))
    method = models.CharField(
        _("forme de l'engagement"),
        max_length=20,
        choices=Method.choices,
        help_text=_("Un document signé déposé, ou l'acceptation de la charte sur la plateforme."),
    )
    document = PolicyFileField(
        _("charte signée"),
        policy=CHARTER_POLICY,
        upload_to=charter_upload_to,
        storage=private_storage,
        blank=True,
        help_text=_("PDF ou image de la charte signée (obligatoire pour un document signé)."),
    )
    accepted_at = models.DateTimeField(
        _("acceptée sur la plateforme le"),
        null=True,
        blank=True,
        help_text=_("Horodatage de l'acceptation en ligne."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enregistrée par"),
    )
    created_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)

    class Meta:
        ordering = ["employer_name", "-signed_on"]
        verbose_name = _("charte d'engagement")
        verbose_name_plural = _("chartes d'engagement")

    def __str__(self):
        return f"{self.employer_name} — {self.signatory_name} ({self.signed_on:%d/%m/%Y})"


class Application(models.Model):
    """A candidacy for a course in a territory, sent through the public form or recorded by the
    regional team."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Reçue")
        ACCEPTED = "accepted", _("Retenue")
        REFUSED = "refused", _("Non retenue")
        WAITING = "waiting", _("En liste d'attente")
        ENROLLED = "enrolled", _("Inscrite")
        WITHDRAWN = "withdrawn", _("Retirée")

    class Source(models.TextChoices):
        PUBLIC_FORM = "public_form", _("Formulaire public")
        RECORDED = "recorded", _("Saisie par l'équipe régionale")

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="applications", verbose_name=_("formation")
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="applications", verbose_name=_("territoire")
    )
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    employer_name = models.CharField(
        _("structure employeuse"), max_length=200, blank=True, help_text=_("Pour les référents : votre employeur.")
    )
    job_title = models.CharField(_("fonction"), max_length=150, blank=True)
    motivation = models.TextField(_("motivation"), help_text=_("Pourquoi la candidate ou le candidat veut se former."))
    interview_needs = models.TextField(
        _("besoins pour l'entretien"),
        blank=True,
        help_text=_("Ce qui aide pour l'entretien : interprète LSF, FALC, accompagnant… (pas de diagnostic)."),
    )
    source = models.CharField(_("origine"), max_length=20, choices=Source.choices, default=Source.PUBLIC_FORM)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("compte de la personne"),
        help_text=_("Créé ou retrouvé à l'inscription dans un groupe."),
    )
    charter = models.ForeignKey(
        EngagementCharter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("charte d'engagement de l'employeur"),
        help_text=_("Obligatoire avant d'inscrire un référent."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saisie par"),
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")

    def __str__(self):
        return f"{self.full_name} — {self.course.title}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class SelectionInterview(models.Model):
    """The selection interview with the kit's grid for the course's audience, and the decision.
    Its notes are sensitive: only the region's team and administrators read them."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Candidature retenue")
        REFUSED = "refused", _("Candidature non retenue")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="interview", verbose_name=_("candidature")
    )
    held_on = models.DateField(_("date de l'entretien"))
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mené par"),
    )
    # Grid for peer interveners (kit, annex 3).
    ip_adult_with_disability = models.CharField(
        _("adulte en situation de handicap (quel que soit le handicap)"),
        max_length=10,
        choices=Assessment.choices,
        blank=True,
    )
    ip_distance_from_experience = models.CharField(
        _("distanciation par rapport à son vécu"), max_length=10, choices=Assessment.choices, blank=True
    )
    ip_motivation_to_share = models.CharField(
        _("motivation à transmettre son savoir expérientiel"), max_length=10, choices=Assessment.choices, blank=True
    )
    ip_commitment_to_attend = models.CharField(
        _("engagement à suivre toute la formation"), max_length=10, choices=Assessment.choices, blank=True
    )
    # Grid for referents.
    rp_institution_involvement = models.CharField(
        _("implication de l'établissement"), max_length=10, choices=Assessment.choices, blank=True
    )
    rp_management_involvement = models.CharField(
        _("implication de la direction"), max_length=10, choices=Assessment.choices, blank=True
    )
    rp_inclusive_approach = models.CharField(
        _("adhésion à une démarche inclusive"), max_length=10, choices=Assessment.choices, blank=True
    )
    rp_commitment_to_attend = models.CharField(
        _("engagement à suivre toute la formation"), max_length=10, choices=Assessment.choices, blank=True
    )
    notes = models.TextField(
        _("notes d'entretien"),
        blank=True,
        help_text=_("Confidentiel : lisible par l'équipe régionale et l'administration seulement."),
    )
    decision = models.CharField(_("décision"), max_length=20, choices=Decision.choices)
    decision_reason = models.TextField(_("motif de la décision"), help_text=_("Motif communiqué à la personne."))
    created_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    class Meta:
        verbose_name = _("entretien de sélection")
        verbose_name_plural = _("entretiens de sélection")

    def __str__(self):
        return f"Entretien — {self.application.full_name}"


# The kit's interview grid for each audience: (field name, what the interviewer looks for).
INTERVIEW_GRIDS = {
    "peer_interveners": [
        "ip_adult_with_disability",
        "ip_distance_from_experience",
        "ip_motivation_to_share",
        "ip_commitment_to_attend",
    ],
    "referents": [
        "rp_institution_involvement",
        "rp_management_involvement",
        "rp_inclusive_approach",
        "rp_commitment_to_attend",
    ],
}
