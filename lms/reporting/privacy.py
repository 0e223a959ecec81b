"""The reporting app's part in personal-data rights: the exports a person asked for (when, which
filters) are theirs; erasure deletes them with their files. Figures hold no name."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lms.people import privacy
from lms.reporting.models import ReportExport


def export_reporting(user) -> dict:
    return {
        "exports_de_suivi": [
            {"format": export.kind, "filtres": export.filters, "statut": export.status, "demandé_le": export.created_at}
            for export in ReportExport.objects.filter(requested_by=user).order_by("pk")
        ]
    }


def erase_reporting(user, pseudonym: str) -> None:
    exports = list(ReportExport.objects.filter(requested_by=user))
    files = [export.file for export in exports if export.file]
    ReportExport.objects.filter(pk__in=[export.pk for export in exports]).delete()
    transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files])


def register() -> None:
    privacy.register(
        "reporting", label=_("Exports de suivi"), exporter=export_reporting, eraser=erase_reporting, order=95
    )
