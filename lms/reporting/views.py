"""The tracking dashboards: figures across groups from the metric catalogue, scoped by role; the
groups list and a group's figures (not for funders); the catalogue's definitions; exports."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from courses.models import CoursePage
from lms.people.models import Region
from lms.private_files import private_file_response
from lms.reporting import services
from lms.reporting.bpf import bpf_worksheet, bpf_xlsx
from lms.reporting.catalogue import (
    BY_CODE,
    COURSE,
    FUNNEL,
    GROUP,
    HIDDEN,
    INDICATORS,
    ORGANISATION,
    PERCENT,
    QUALIOPI_INDICATORS,
    REGION,
    SMALL_COUNT,
    TABLE_COLUMNS,
    TERRITORY,
    Scope,
    breakdown,
)
from lms.reporting.charts import Bar, bar_chart
from lms.reporting.exports import report_xlsx as report_workbook
from lms.reporting.forms import BpfYearForm, FilterForm, ReportForm
from lms.reporting.models import XLSX_TYPE
from lms.reporting.pdf import funder_report_pdf
from lms.reporting.permissions import (
    access_bpf,
    access_export,
    access_group,
    access_report,
    can_issue_funder_reports,
    reach,
    report_regions,
    visible_reports,
)

PAGE_SIZE = 20
RESULT_YEARS = 3  # the public results cover this year and the two before
SEARCH_MAX = 100
# The filter a row of a table opens when followed (drill-down).
DRILL_PARAMETER = {REGION: "region", TERRITORY: "territoire", ORGANISATION: "organisme", COURSE: "formation"}
RATE_CHARTS = ["fill_rate", "attendance_rate"]


def _reach_or_403(request):
    found = reach(request.user)
    if found is None:
        raise PermissionDenied
    return found


def _query(form: FilterForm, **changes) -> str:
    """The filters' query string (valid values only), with `changes` set (None removes a key)."""
    data = form.valid_data()
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return urlencode(data)


def _charts(table, codes, *, prefix: str):
    return [
        bar_chart(
            key=f"{prefix}-{code}",
            title=_("%(indicator)s par %(dimension)s")
            % {"indicator": BY_CODE[code].label, "dimension": str(table.dimension_label).lower()},
            bars=[Bar(row.label, row.cell(code).number, row.cell(code).display) for row in table.rows],
            unit=BY_CODE[code].unit,
        )
        for code in codes
    ]


def funnel_chart(total, *, key: str):
    bars = [Bar(str(BY_CODE[code].label), total.cell(code).number, total.cell(code).display) for code in FUNNEL]
    return bar_chart(key=key, title=_("Des candidatures aux parcours terminés"), bars=bars, unit="count")


def dashboard_context(request, found):
    """The dashboard's figures for the request's filters (shared with the export's request)."""
    form = FilterForm(request.GET, reach=found, today=timezone.localdate())
    filters = form.filters()
    default = TERRITORY if filters.get("region") else found.dimensions[0]
    dimension = form.dimension(default)
    table = breakdown(found.scope(**filters), dimension)
    return form, filters, table


@login_required
@require_GET
def dashboard(request):
    found = _reach_or_403(request)
    form, filters, table = dashboard_context(request, found)
    parameter = DRILL_PARAMETER[table.dimension]
    context = {
        "form": form,
        "reach": found,
        "table": table,
        "columns": [BY_CODE[code] for code in TABLE_COLUMNS],
        "rows": [
            {"row": row, "cells": row.cells(), "query": _query(form, **{parameter: row.key, "par": None})}
            for row in table.rows
        ],
        "total_cells": table.total.cells(),
        "funnel": funnel_chart(table.total, key="funnel"),
        "charts": _charts(table, RATE_CHARTS, prefix="chart"),
        "query": _query(form),
        "exports": services.recent_exports(request.user),
        "can_read_reports": found.organisations is None,
        # The organisation staff's own BPF worksheets (the ids are in the reach: no query).
        "bpf_organisations": sorted(found.organisations) if found.organisations is not None else [],
    }
    return render(request, "reporting/dashboard.html", context)


@login_required
@require_GET
def groups(request):
    found = _reach_or_403(request)
    if not found.sees_groups:
        raise PermissionDenied
    form = FilterForm(request.GET, reach=found, today=timezone.localdate(), with_breakdown=False)
    filters = form.filters()
    search = request.GET.get("q", "").strip()[:SEARCH_MAX]
    scope = found.scope(search=search, **filters)
    ids = scope.groups().order_by("name", "pk").values_list("pk", flat=True)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    table = breakdown(scope, GROUP, keys=list(page.object_list))
    query = _query(form, q=search or None)
    context = {
        "form": form,
        "search": search,
        "page": page,
        "columns": [BY_CODE[code] for code in TABLE_COLUMNS if code != "groups"],
        "rows": [{"row": row, "cells": row.cells(TABLE_COLUMNS[1:])} for row in table.rows],
        "query": query,
    }
    return render(request, "reporting/groups.html", context)


@login_required
@require_GET
def group_detail(request, pk):
    group, found = access_group(request.user, pk)
    table = breakdown(found.scope(group=group.pk), GROUP, keys=[group.pk])
    row = table.rows[0]
    rates = [indicator.code for indicator in INDICATORS if indicator.unit == PERCENT]
    chart = bar_chart(
        key="group-rates",
        title=_("Les taux du groupe"),
        bars=[Bar(str(BY_CODE[code].label), row.cell(code).number, row.cell(code).display) for code in rates],
        unit=PERCENT,
    )
    cells = [cell for cell in row.cells([i.code for i in INDICATORS]) if cell.indicator.code not in FUNNEL[:2]]
    context = {"group": group, "cells": cells, "chart": chart}
    return render(request, "reporting/group.html", context)


@login_required
@require_GET
def catalogue(request):
    _reach_or_403(request)
    return render(request, "reporting/catalogue.html", {"indicators": INDICATORS})


@login_required
@require_POST
def export_start(request):
    found = _reach_or_403(request)
    form = FilterForm(request.POST, reach=found, today=timezone.localdate())
    try:
        export = services.start_export(actor=request.user, kind=request.POST.get("format", ""), query=form.valid_data())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(reverse("reporting:dashboard") + "?" + _query(form))
    return redirect("reporting:export_detail", pk=export.pk)


@login_required
@never_cache
@require_GET
def export_detail(request, pk):
    export = access_export(request.user, pk)
    return render(request, "reporting/export.html", {"export": export})


@login_required
@never_cache
@require_GET
def export_download(request, pk):
    export = access_export(request.user, pk)
    if not export.file:
        raise PermissionDenied
    return private_file_response(
        export.file, export.download_name, as_attachment=True, content_type=export.content_type
    )  # fmt: skip


@require_GET
def results_index(request):
    """The public list of courses whose results are published (Qualiopi indicator 2)."""
    courses = CoursePage.objects.live().public().order_by("title")
    return render(request, "reporting/results_index.html", {"courses": courses})


@require_GET
def results(request, pk):
    """A course's published results, from the catalogue: each result with its period, the trainees
    counted, the people it is measured on and the date it was computed. Small counts hidden."""
    course = CoursePage.objects.live().public().filter(pk=pk).first()
    if course is None:
        raise Http404
    today = timezone.localdate()
    lines = []
    for year in range(today.year, today.year - RESULT_YEARS, -1):
        total = breakdown(Scope(course=course.pk, year=year), COURSE).total
        trainees_count = total.measures.get("started") or 0
        for indicator in QUALIOPI_INDICATORS:
            cell = total.cell(indicator.code)
            population = cell.people if cell.people is not None else trainees_count
            lines.append(
                {
                    "indicator": indicator,
                    "year": year,
                    "cell": cell,
                    "trainees": _people(trainees_count),
                    "respondents": _people(population),
                }
            )
    return render(
        request,
        "reporting/results.html",
        {"course": course, "lines": lines, "updated_on": today, "indicators": QUALIOPI_INDICATORS},
    )


def _people(count: int) -> str:
    return HIDDEN if 0 < count < SMALL_COUNT else str(count)


@login_required
def reports(request):
    """Funder reports of the person's regions; the region's team and the national team issue a new
    version (the funder reads them)."""
    found = _reach_or_403(request)
    if found.organisations is not None:
        raise PermissionDenied
    can_issue = can_issue_funder_reports(request.user)
    regions = report_regions(request.user)
    choices = Region.objects.order_by("name") if regions is None else Region.objects.filter(pk__in=regions)
    form = ReportForm(request.POST or None, regions=choices, today=timezone.localdate()) if can_issue else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                report = services.issue_funder_report(
                    actor=request.user, region=form.cleaned_data["region"], year=form.cleaned_data["annee"]
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Rapport émis : version %(version)s.") % {"version": report.version})
                return redirect("reporting:report", pk=report.pk)
    page = Paginator(visible_reports(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reporting/reports.html", {"form": form, "page": page})


@login_required
@require_GET
def report_detail(request, pk):
    report = access_report(request.user, pk)
    versions = visible_reports(request.user).filter(region=report.region, year=report.year)
    return render(request, "reporting/report.html", {"report": report, "versions": versions})


@login_required
@require_GET
def report_pdf(request, pk):
    report = access_report(request.user, pk)
    response = HttpResponse(funder_report_pdf(report), content_type="application/pdf")
    filename = f"rapport-financeur-{report.region.code}-{report.year}-v{report.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def report_xlsx(request, pk):
    report = access_report(request.user, pk)
    response = HttpResponse(report_workbook(report), content_type=XLSX_TYPE)
    filename = f"rapport-financeur-{report.region.code}-{report.year}-v{report.version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _bpf(request, pk):
    organisation, found = access_bpf(request.user, pk)
    form = BpfYearForm(request.GET or None, today=timezone.localdate())
    year = form.year()
    return form, year, bpf_worksheet(organisation=organisation, year=year, regions=found.regions)


@login_required
@never_cache
@require_GET
def bpf(request, pk):
    """An organisation's BPF worksheet for a civil year: the Cerfa 10443 cells the platform fills, in
    the form's order, each section with its missing data and the records to fix."""
    form, year, sheet = _bpf(request, pk)
    years = [value for value, _label in form.fields["annee"].choices]
    return render(request, "reporting/bpf.html", {"form": form, "year": year, "years": years, "sheet": sheet})


@login_required
@never_cache
@require_GET
def bpf_download(request, pk):
    """The same worksheet as an XLSX workbook (small: built on the spot)."""
    _form, year, sheet = _bpf(request, pk)
    response = HttpResponse(bpf_xlsx(sheet), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="bpf-{sheet.organisation.pk}-{year}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
