"""An export of the dashboards' figures (XLSX or CSV), built in the background from the catalogue:
who asked, with which filters, how far it got, and the file once done (private storage)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.private_files import private_storage, random_name
from lms.uploads import MB
from lms.uploads.fields import PolicyFileField
from lms.uploads.policy import UploadPolicy

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/plain"
EXPORT_POLICY = UploadPolicy(
    name="reporting.export", types=frozenset({XLSX_TYPE, CSV_TYPE}), default_max_bytes=50 * MB, formats=_("XLSX ou CSV")
)


def export_path(instance, filename: str) -> str:
    return random_name("suivi", filename)


class ReportExport(models.Model):
    """One export requested from a dashboard; its counters feed the progress bar."""

    class Kind(models.TextChoices):
        XLSX = "xlsx", _("Classeur XLSX")
        CSV = "csv", _("Fichier CSV")

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")
        FAILED = "failed", _("Échec")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_exports", verbose_name=_("demandé par")
    )
    kind = models.CharField(_("format"), max_length=10, choices=Kind.choices)
    filters = models.JSONField(_("filtres"), default=dict, blank=True)
    dimension = models.CharField(_("détail par"), max_length=20)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    steps = models.PositiveSmallIntegerField(_("étapes"), default=0)
    steps_done = models.PositiveSmallIntegerField(_("étapes terminées"), default=0)
    file = PolicyFileField(
        _("fichier"), policy=EXPORT_POLICY, upload_to=export_path, storage=private_storage, blank=True
    )
    error = models.TextField(_("erreur"), blank=True)
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export de suivi")
        verbose_name_plural = _("exports de suivi")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.created_at:%d/%m/%Y %H:%M}"

    @property
    def percent(self) -> int:
        if not self.steps:
            return 100 if self.status == self.Status.DONE else 0
        return round(100 * self.steps_done / self.steps)

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def content_type(self) -> str:
        return XLSX_TYPE if self.kind == self.Kind.XLSX else "text/csv; charset=utf-8"

    @property
    def download_name(self) -> str:
        return f"suivi-epop-{self.created_at:%Y-%m-%d}.{self.kind}"


class FunderReport(models.Model):
    """A funder report for one region and one civil year: the catalogue's figures frozen when the
    report was issued (later corrections do not change it). A new version can be issued; every
    version is kept."""

    region = models.ForeignKey(
        "people.Region", on_delete=models.PROTECT, related_name="funder_reports", verbose_name=_("région")
    )
    year = models.PositiveSmallIntegerField(_("année"))
    version = models.PositiveSmallIntegerField(_("version"))
    figures = models.JSONField(_("chiffres figés"), help_text=_("Les lignes et le total, tels qu'affichés."))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("émis par")
    )
    issued_at = models.DateTimeField(_("émis le"))

    class Meta:
        ordering = ["region", "-year", "-version"]
        verbose_name = _("rapport au financeur")
        verbose_name_plural = _("rapports au financeur")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "version"], name="funder_report_unique_version")
        ]

    def __str__(self):
        return f"{self.region} {self.year} v{self.version}"
