"""The reporting app's only write path: exports of the dashboards' figures (requested here, built by
a django-q2 task in lms.reporting.tasks, which updates its progress) and funder reports, frozen
snapshots of a region's figures for a year, versioned."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from lms.people.models import Region, User
from lms.reporting.catalogue import BY_CODE, FUNNEL, TABLE_COLUMNS, TERRITORY, Scope, breakdown
from lms.reporting.forms import FIRST_YEAR
from lms.reporting.models import FunderReport, ReportExport
from lms.reporting.permissions import can_issue_funder_reports, reach

RECENT_EXPORTS = 5


def start_export(*, actor: User, kind: str, query: dict) -> ReportExport:
    """Queues the export of the dashboard `query` (the filter form's values) as `kind` (xlsx, csv)."""
    if reach(actor) is None:
        raise ValidationError(_("Vous ne pouvez pas exporter ces chiffres."))
    if kind not in ReportExport.Kind.values:
        raise ValidationError({"format": _("Choisissez le format de l'export : XLSX ou CSV.")})
    export = ReportExport.objects.create(
        requested_by=actor, kind=kind, filters=query, dimension=query.get("par", ""), steps=3
    )
    async_task("lms.reporting.tasks.run_export", export.pk, task_name=f"export-suivi-{export.pk}")
    return export


def recent_exports(user: User) -> QuerySet:
    return ReportExport.objects.filter(requested_by=user)[:RECENT_EXPORTS]


def snapshot(table) -> dict:
    """A table as it is shown (hidden small counts included), to be stored and read back unchanged."""
    columns = [{"code": code, "label": str(BY_CODE[code].label)} for code in TABLE_COLUMNS]

    def line(row):
        return {"label": row.label, "cells": [cell.display for cell in row.cells()]}

    return {
        "dimension": str(table.dimension_label),
        "columns": columns,
        "rows": [line(row) for row in table.rows],
        "total": line(table.total) | {"label": str(_("Total"))},
        "funnel": [{"label": str(BY_CODE[code].label), "value": table.total.cell(code).display} for code in FUNNEL],
    }


@transaction.atomic
def issue_funder_report(*, actor: User, region: Region, year: int) -> FunderReport:
    """Freezes the region's figures of `year` (by territory) as the next version of its report."""
    if not can_issue_funder_reports(actor, region):
        raise ValidationError(_("Vous ne pouvez pas émettre le rapport de cette région."))
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError(
            {"annee": _("Choisissez une année entre %(first)s et l'année en cours.") % {"first": FIRST_YEAR}}
        )
    with translation.override("fr"):
        table = breakdown(Scope(regions=frozenset({region.pk}), year=year), TERRITORY)
        figures = snapshot(table)
    # Locks the region's row so that two issues at once cannot take the same version number.
    Region.objects.select_for_update().get(pk=region.pk)
    latest = FunderReport.objects.filter(region=region, year=year).aggregate(latest=Max("version"))["latest"] or 0
    return FunderReport.objects.create(
        region=region, year=year, version=latest + 1, figures=figures, issued_by=actor, issued_at=timezone.now()
    )
