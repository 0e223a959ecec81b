"""Completion rules per course, the organisation's signatory, issued certificates and issuing batches."""

import base64
import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from lms.people.models import TrainingOrganisation
from lms.uploads import MB
from lms.uploads.fields import PolicyFileField, PolicyImageField
from lms.uploads.policy import IMAGES, PDF, UploadPolicy


def new_certificate_code() -> str:
    """An unguessable, readable code (100 random bits in base32): ABCD-EFGH-IJKL-MNOP-QRST."""
    raw = base64.b32encode(secrets.token_bytes(15)).decode()[:20]
    return "-".join(raw[i : i + 4] for i in range(0, 20, 4))


def new_salt() -> str:
    return secrets.token_hex(16)


def document_path(instance, filename: str) -> str:
    # A random folder per file: the path reveals nothing and cannot be guessed.
    return f"certificats/{uuid.uuid4().hex}/{filename}"


# The organisation's stamp and its legal representative's signature, printed on the documents.
SIGNATORY_IMAGE_POLICY = UploadPolicy(
    name="certificates.signatory_image",
    types=IMAGES,
    default_max_bytes=2 * MB,
    formats=_("PNG ou JPEG"),
    decode_images=True,
)
# The documents the platform generates.
CERTIFICATE_PDF_POLICY = UploadPolicy(name="certificates.pdf", types=PDF, default_max_bytes=20 * MB, formats=_("PDF"))


def signatory_image_path(instance, filename: str) -> str:
    return f"certificats/signataires/{uuid.uuid4().hex}/{filename}"


class CompletionRule(models.Model):
    """What a trainee must have done to complete a course, and so receive their documents."""

    course = models.OneToOneField(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="completion_rule",
        verbose_name=_("formation"),
        help_text=_("La formation à laquelle ces règles s'appliquent."),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("présence minimale (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Part minimale des heures prévues du groupe où la personne était présente. 0 : pas de minimum."),
    )
    count_caught_up_absences = models.BooleanField(
        _("compter les absences rattrapées"),
        default=True,
        help_text=_("Une absence rattrapée en ligne compte comme des heures de présence."),
    )
    caught_up_weight_percent = models.PositiveSmallIntegerField(
        _("valeur d'une heure rattrapée (%)"),
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("100 : une heure rattrapée vaut une heure de présence ; 50 : elle en vaut la moitié."),
    )
    max_caught_up_hours = models.DecimalField(
        _("heures rattrapées comptées au plus"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Plafond des heures rattrapées prises en compte. Vide : pas de plafond."),
    )
    require_final_session = models.BooleanField(
        _("dernière séance obligatoire"),
        default=True,
        help_text=_("La personne doit avoir été présente à la dernière séance du groupe."),
    )
    require_intersession_work = models.BooleanField(
        _("travaux d'intersession rendus"),
        default=True,
        help_text=_("Tous les travaux d'intersession demandés doivent avoir été rendus."),
    )
    require_final_evaluation = models.BooleanField(
        _("évaluation finale faite"),
        default=True,
        help_text=_("L'évaluation finale des objectifs doit avoir été faite."),
    )
    updated_at = models.DateTimeField(_("modifiées le"), auto_now=True)

    panels = [
        FieldPanel("course"),
        MultiFieldPanel(
            [
                FieldPanel("min_attendance_percent"),
                FieldPanel("count_caught_up_absences"),
                FieldPanel("caught_up_weight_percent"),
                FieldPanel("max_caught_up_hours"),
            ],
            heading=_("Présence"),
        ),
        FieldPanel("require_final_session"),
        FieldPanel("require_intersession_work"),
        FieldPanel("require_final_evaluation"),
    ]

    class Meta:
        verbose_name = _("règles de fin de formation")
        verbose_name_plural = _("règles de fin de formation")

    def __str__(self):
        return f"Règles de fin de formation — {self.course.title}"


class OrganisationSignatory(models.Model):
    """Who signs a training organisation's certificates, where, with its stamp and signature images."""

    organisation = models.OneToOneField(
        TrainingOrganisation,
        on_delete=models.CASCADE,
        related_name="certificate_signatory",
        verbose_name=_("organisme de formation"),
    )
    signatory_name = models.CharField(
        _("nom du représentant légal"), max_length=150, help_text=_("Prénom et nom de la personne qui signe.")
    )
    signatory_title = models.CharField(
        _("fonction"), max_length=150, blank=True, help_text=_("Ex. « Directrice »."), default=""
    )
    place = models.CharField(
        _("fait à"),
        max_length=120,
        blank=True,
        help_text=_("Ville écrite après « Fait à ». Vide : ville de l'organisme."),
    )
    stamp = PolicyImageField(
        _("cachet"),
        policy=SIGNATORY_IMAGE_POLICY,
        upload_to=signatory_image_path,
        blank=True,
        help_text=_("Image du cachet de l'organisme (PNG ou JPEG, fond transparent de préférence)."),
    )
    signature = PolicyImageField(
        _("signature"),
        policy=SIGNATORY_IMAGE_POLICY,
        upload_to=signatory_image_path,
        blank=True,
        help_text=_("Image de la signature du représentant légal (PNG ou JPEG)."),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("signatory_name"),
        FieldPanel("signatory_title"),
        FieldPanel("place"),
        FieldPanel("stamp"),
        FieldPanel("signature"),
    ]

    class Meta:
        verbose_name = _("signataire des certificats")
        verbose_name_plural = _("signataires des certificats")

    def __str__(self):
        return f"{self.signatory_name} ({self.organisation})"


class Certificate(models.Model):
    """A trainee's completion documents for one group: attestation, certificat de réalisation and
    Open Badge. What they state is copied at issue time so that later edits do not alter them."""

    code = models.CharField(_("code de vérification"), max_length=24, unique=True, default=new_certificate_code)
    group = models.ForeignKey(
        "cohorts.TrainingGroup", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("groupe")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("stagiaire")
    )
    trainee_name = models.CharField(_("nom du stagiaire"), max_length=300)
    course_title = models.CharField(_("formation"), max_length=255)
    organisation_name = models.CharField(_("organisme de formation"), max_length=200)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"))
    hours = models.DecimalField(_("heures réalisées"), max_digits=6, decimal_places=2)
    issued_at = models.DateTimeField(_("délivré le"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("délivré par"),
    )
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("révoqué par"),
    )
    revocation_reason = models.TextField(_("motif de révocation"), blank=True)
    # The badge's subject is a salted hash of the e-mail; the salt is published inside the badge.
    email_salt = models.CharField(max_length=64, default=new_salt)
    attestation_pdf = PolicyFileField(
        _("attestation de fin de formation"), policy=CERTIFICATE_PDF_POLICY, upload_to=document_path, blank=True
    )
    realisation_pdf = PolicyFileField(
        _("certificat de réalisation"), policy=CERTIFICATE_PDF_POLICY, upload_to=document_path, blank=True
    )
    badge_jwt = models.TextField(_("badge Open Badges (VC-JWT)"), blank=True)

    class Meta:
        ordering = ["group", "trainee_name"]
        verbose_name = _("certificat")
        verbose_name_plural = _("certificats")
        constraints = [models.UniqueConstraint(fields=["group", "trainee"], name="certificate_unique_trainee_group")]

    def __str__(self):
        return f"{self.trainee_name} — {self.course_title} ({self.code})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def verification_url(self) -> str:
        from django.urls import reverse

        return settings.SITE_BASE_URL + reverse("certificates:verify", args=[self.code])


class IssuingBatch(models.Model):
    """One "issue for the whole group" request, run in the background; its counters feed the progress bar."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")
        FAILED = "failed", _("Échec")

    group = models.ForeignKey(
        "cohorts.TrainingGroup", on_delete=models.CASCADE, related_name="issuing_batches", verbose_name=_("groupe")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("demandé par"),
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("stagiaires à traiter"), default=0)
    processed = models.PositiveIntegerField(_("stagiaires traités"), default=0)
    issued_count = models.PositiveIntegerField(_("documents délivrés"), default=0)
    existing_count = models.PositiveIntegerField(_("déjà délivrés"), default=0)
    incomplete_count = models.PositiveIntegerField(_("formation non terminée"), default=0)
    revoked_count = models.PositiveIntegerField(_("révoqués, non délivrés à nouveau"), default=0)
    error = models.TextField(_("erreur"), blank=True)
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lot de délivrance")
        verbose_name_plural = _("lots de délivrance")

    def __str__(self):
        return f"{self.group} — {self.created_at:%d/%m/%Y %H:%M}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return round(100 * self.processed / self.total)

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
