"""Attendance per half-day slot: the slot opened and countersigned by a trainer, one record per
trainee with a status, the trainee's signature, and the log of corrections made after closing."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.attendance.storage import SHEET_POLICY, SIGNATURE_POLICY, sheet_upload_to, signature_upload_to
from lms.cohorts.models import MIDDAY, HalfDay, ScheduledSession
from lms.private_files import private_storage
from lms.uploads.fields import PolicyFileField

PARIS = ZoneInfo("Europe/Paris")


class AttendanceSlot(models.Model):
    """One half-day of a scheduled session: opened by a trainer for signing, then countersigned
    (closed); a closed slot only changes through logged amendments."""

    session = models.ForeignKey(
        ScheduledSession, on_delete=models.CASCADE, related_name="attendance_slots", verbose_name=_("séance")
    )
    half_day = models.CharField(_("demi-journée"), max_length=10, choices=HalfDay.choices)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ouvert par"),
        help_text=_("Le formateur ou formateur pair qui a ouvert l'émargement."),
    )
    opened_at = models.DateTimeField(_("ouvert le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contresigné par"),
        help_text=_("Le formateur dont la contre-signature clôt le créneau."),
    )
    closed_at = models.DateTimeField(_("contresigné le"), null=True, blank=True)

    class Meta:
        ordering = ["session__date", "session__start_time", "half_day"]
        verbose_name = _("créneau d'émargement")
        verbose_name_plural = _("créneaux d'émargement")
        constraints = [models.UniqueConstraint(fields=["session", "half_day"], name="attendance_slot_unique")]

    def __str__(self):
        return f"{self.session} — {self.get_half_day_display()}"

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def start_time(self) -> datetime.time:
        if self.half_day == HalfDay.AFTERNOON:
            return max(self.session.start_time, MIDDAY)
        return self.session.start_time

    @property
    def end_time(self) -> datetime.time:
        if self.half_day == HalfDay.MORNING:
            return min(self.session.end_time, MIDDAY)
        return self.session.end_time

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.session.date, self.start_time, tzinfo=PARIS)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.session.date, self.end_time, tzinfo=PARIS)

    @property
    def signing_opens_at(self) -> datetime.datetime | None:
        """When trainees may start signing: when the trainer opened the slot, or the slot's start if
        it was opened before (None while not opened). Trainees sign until the slot ends."""
        if self.opened_at is None:
            return None
        return max(self.opened_at, self.starts_at)

    def signing_state(self, now: datetime.datetime) -> str:
        """What a trainee can do on this slot at `now`: "not_open", "too_early", "open", "ended",
        "closed" — the one answer behind the signing rule, the trainee's pages and the trainer's messages."""
        if self.closed_at is not None:
            return "closed"
        if self.opened_at is None:
            return "not_open"
        if now < self.signing_opens_at:
            return "too_early"
        if now > self.ends_at:
            return "ended"
        return "open"

    @property
    def hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Présent")
    LATE = "late", _("En retard")
    LEFT_EARLY = "left_early", _("Parti plus tôt")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Absence justifiée")


# Statuses that count as attended (the trainee was there, maybe not the whole half-day).
ATTENDING_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)
ABSENT_STATUSES = (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)


class AttendanceRecord(models.Model):
    """A trainee's attendance on one slot: status, reason of an excused absence, time missed."""

    slot = models.ForeignKey(
        AttendanceSlot, on_delete=models.CASCADE, related_name="records", verbose_name=_("créneau")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="attendance_records",
        verbose_name=_("stagiaire"),
    )
    status = models.CharField(
        _("statut"), max_length=12, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    reason = models.CharField(
        _("motif"), max_length=300, blank=True, help_text=_("Obligatoire pour une absence justifiée.")
    )
    minutes_missed = models.PositiveSmallIntegerField(
        _("minutes manquées"), default=0, help_text=_("Retard ou départ anticipé, en minutes.")
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["slot", "trainee__last_name", "trainee__first_name"]
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [models.UniqueConstraint(fields=["slot", "trainee"], name="attendance_record_unique")]

    def __str__(self):
        return f"{self.trainee} — {self.slot} : {self.get_status_display()}"

    @property
    def attended(self) -> bool:
        return self.status in ATTENDING_STATUSES


class SignatureMethod(models.TextChoices):
    DRAWN = "drawn", _("Signature dessinée")
    ONE_TAP = "one_tap", _("Confirmation depuis son compte")
    TYPED_NAME = "typed_name", _("Nom saisi")
    TRAINER_ATTESTATION = "trainer_attestation", _("Attestation du formateur")
    SUPPORT_ATTESTATION = "support_attestation", _("Attestation de la personne d'accompagnement")


ATTESTATION_METHODS = (SignatureMethod.TRAINER_ATTESTATION, SignatureMethod.SUPPORT_ATTESTATION)


class Signature(models.Model):
    """How and when a trainee's presence on a slot was signed; attestations say who attested and why."""

    record = models.OneToOneField(
        AttendanceRecord, on_delete=models.CASCADE, related_name="signature", verbose_name=_("présence")
    )
    method = models.CharField(_("mode de signature"), max_length=24, choices=SignatureMethod.choices)
    image = PolicyFileField(
        _("signature dessinée"),
        policy=SIGNATURE_POLICY,
        upload_to=signature_upload_to,
        storage=private_storage,
        blank=True,
        help_text=_("Image PNG de la signature, fichier privé."),
    )
    typed_name = models.CharField(_("nom saisi"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signé le"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("enregistré par"),
        help_text=_("Le compte depuis lequel la signature a été faite."),
    )
    attester_name = models.CharField(
        _("nom de la personne qui atteste"),
        max_length=200,
        blank=True,
        help_text=_("Formateur ou personne d'accompagnement."),
    )
    attestation_reason = models.CharField(_("motif de l'attestation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self):
        return f"{self.record} — {self.get_method_display()}"


class Amendment(models.Model):
    """A correction made to a closed slot: who, when, what changed and why."""

    slot = models.ForeignKey(
        AttendanceSlot, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("créneau")
    )
    record = models.ForeignKey(
        AttendanceRecord,
        on_delete=models.CASCADE,
        related_name="amendments",
        verbose_name=_("présence"),
    )
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("corrigé par")
    )
    amended_at = models.DateTimeField(_("corrigé le"))
    change = models.CharField(_("modification"), max_length=300, help_text=_("Ce qui a changé, avant → après."))
    reason = models.CharField(_("motif"), max_length=300, help_text=_("Pourquoi la correction a été faite."))

    class Meta:
        ordering = ["amended_at"]
        verbose_name = _("correction d'émargement")
        verbose_name_plural = _("corrections d'émargement")

    def __str__(self):
        return f"{self.record} — {self.change}"


class AttendanceSheetArchive(models.Model):
    """The attendance sheet PDF as it stood when the session's last half-day was countersigned (and
    after each later amendment): the record kept for funders and audits."""

    session = models.OneToOneField(
        ScheduledSession, on_delete=models.CASCADE, related_name="sheet_archive", verbose_name=_("séance")
    )
    file = PolicyFileField(
        _("feuille d'émargement"),
        policy=SHEET_POLICY,
        upload_to=sheet_upload_to,
        storage=private_storage,
        help_text=_("PDF privé, régénéré après chaque correction."),
    )
    generated_at = models.DateTimeField(_("générée le"))

    class Meta:
        verbose_name = _("feuille d'émargement archivée")
        verbose_name_plural = _("feuilles d'émargement archivées")

    def __str__(self):
        return f"Feuille d'émargement — {self.session}"
