"""The export files, from the catalogue's tables: an XLSX workbook (a sheet per table, the data
dictionary, the filters applied) or a CSV of the main table (UTF-8 with a BOM, ";" separators, the
French spreadsheet defaults). Hidden small counts read "< 5" as on the pages; a cell that starts
like a formula (= + - @) is neutralised with a leading apostrophe."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lms.reporting.catalogue import BY_CODE, FUNNEL, INDICATORS, PERCENT, TABLE_COLUMNS, Breakdown, Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_MAX = 31


def neutralised(value):
    """A text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell_value(cell: Cell):
    """A figure as a number when shown; "< 5" or "—" as on the page otherwise."""
    number = cell.number
    return cell.display if number is None else number


def header(table: Breakdown) -> list[str]:
    labels = [str(table.dimension_label)]
    for code in TABLE_COLUMNS:
        indicator = BY_CODE[code]
        labels.append(f"{indicator.label} (%)" if indicator.unit == PERCENT else str(indicator.label))
    return labels


def table_rows(table: Breakdown) -> list[list]:
    rows = [[row.label] + [cell_value(cell) for cell in row.cells()] for row in table.rows]
    rows.append([str(_("Total"))] + [cell_value(cell) for cell in table.total.cells()])
    return rows


def dictionary_rows() -> list[list[str]]:
    rows = [
        [_("Code"), _("Indicateur"), _("Définition"), _("Numérateur"), _("Dénominateur"), _("Unité"), _("Correspond à")]
    ]
    for indicator in INDICATORS:
        rows.append(
            [
                indicator.code,
                str(indicator.label),
                str(indicator.definition),
                str(indicator.numerator_label),
                str(indicator.denominator_label),
                _("pourcentage") if indicator.unit == PERCENT else _("nombre"),
                str(indicator.maps_to),
            ]
        )
    return rows


def _sheet(workbook, title: str, rows: list[list], *, first: bool = False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title[:SHEET_TITLE_MAX]
    for row in rows:
        sheet.append([neutralised(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return sheet


def xlsx(table: Breakdown, filters: list[tuple[str, str]]) -> bytes:
    workbook = Workbook()
    _sheet(workbook, _("Tableau"), [header(table)] + table_rows(table), first=True)
    funnel = [[_("Étape"), _("Personnes")]] + [
        [str(BY_CODE[code].label), cell_value(table.total.cell(code))] for code in FUNNEL
    ]
    _sheet(workbook, _("Entonnoir"), funnel)
    _sheet(workbook, _("Dictionnaire"), dictionary_rows())
    _sheet(workbook, _("Filtres"), [[_("Filtre"), _("Valeur")]] + [list(pair) for pair in filters])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(table: Breakdown) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header(table))
    for row in table_rows(table):
        writer.writerow([neutralised(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report) -> bytes:
    """A funder report's workbook, from its frozen snapshot (never recomputed)."""
    figures = report.figures
    workbook = Workbook()
    header = [figures["dimension"]] + [column["label"] for column in figures["columns"]]
    rows = [[row["label"], *row["cells"]] for row in figures["rows"]]
    rows.append([figures["total"]["label"], *figures["total"]["cells"]])
    _sheet(workbook, _("Tableau"), [header] + rows, first=True)
    _sheet(
        workbook, _("Entonnoir"), [[_("Étape"), _("Personnes")]] + [[s["label"], s["value"]] for s in figures["funnel"]]
    )
    _sheet(workbook, _("Dictionnaire"), dictionary_rows())
    issued = [
        [_("Rapport"), _("Valeur")],
        [_("Région"), report.region.name],
        [_("Année"), report.year],
        [_("Version"), report.version],
        [_("Émis le"), report.issued_at.strftime("%d/%m/%Y %H:%M")],
    ]
    _sheet(workbook, _("Rapport"), issued)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
