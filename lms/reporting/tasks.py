"""django-q2 task: builds an export from the catalogue, step by step (figures, file, storage), so
that its page shows the progress. The figures are those of the dashboard with the same filters, for
the person who asked, with their reach when the task runs."""

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from lms.reporting import exports
from lms.reporting.catalogue import TERRITORY, breakdown
from lms.reporting.forms import FilterForm
from lms.reporting.models import ReportExport
from lms.reporting.permissions import reach


def _step(export: ReportExport, **fields) -> None:
    export.steps_done += 1
    for name, value in fields.items():
        setattr(export, name, value)
    export.save(update_fields=["steps_done", "status", *fields])


def run_export(export_id: int) -> None:
    export = ReportExport.objects.select_related("requested_by").get(pk=export_id)
    try:
        _build(export)
    except Exception as error:  # the page must say it failed rather than stay "running" forever
        export.status, export.error = ReportExport.Status.FAILED, f"L'export n'a pas pu être préparé ({error})."
        export.save(update_fields=["status", "error"])
        raise


def _build(export: ReportExport) -> None:
    found = reach(export.requested_by)
    if found is None:
        export.status, export.error = ReportExport.Status.FAILED, "Droits de lecture retirés."
        export.save(update_fields=["status", "error"])
        return
    with translation.override("fr"):
        export.status = ReportExport.Status.RUNNING
        form = FilterForm(export.filters, reach=found, today=timezone.localdate())
        filters = form.filters()
        dimension = form.dimension(TERRITORY if filters.get("region") else found.dimensions[0])
        table = breakdown(found.scope(**filters), dimension)
        _step(export)
        if export.kind == ReportExport.Kind.XLSX:
            content = exports.xlsx(table, form.described())
        else:
            content = exports.csv_bytes(table)
        _step(export)
        export.file.save(f"suivi.{export.kind}", ContentFile(content), save=False)
        export.status, export.finished_at = ReportExport.Status.DONE, timezone.now()
        _step(export, file=export.file, finished_at=export.finished_at)
