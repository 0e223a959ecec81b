"""The BPF worksheet (bilan pédagogique et financier, Cerfa 10443) of a training organisation for a
civil year: the cells defined in the catalogue (`BPF_SECTIONS`), filled from the organisation's
groups that start in the year (the dashboards' period rule), each section with its missing data.

Trainees are the places taken (enrolled or withdrawn: each enrolment counts for one trainee, as in
the dashboards); trainee-hours are the attended hours the attestations and certificates show
(`lms.attendance.selectors.hours_by_group`). A constant number of queries whatever the number of groups.

Small counts are NOT hidden here: the BPF is an official declaration that needs exact figures, and
the worksheet is read only by the organisation's staff, the regional team of its groups' region and
the national team (`permissions.access_bpf`)."""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lms.attendance.selectors import TraineeHours, hours_by_group
from lms.cohorts.models import Enrolment
from lms.formats import format_hours
from lms.reporting.catalogue import (
    ALL_TRAINEES,
    BPF_SECTIONS,
    BY_COURSE,
    ORGANISATION_FILLS,
    UNRECORDED,
    BpfLine,
    BpfSection,
    Scope,
)
from lms.reporting.exports import neutralised

ZERO = Decimal("0")


@dataclass
class Figure:
    """One line of a section as shown: its trainees and trainee-hours, None when the organisation fills it."""

    line: BpfLine
    label: str
    trainees: int | None = None
    hours: Decimal | None = None

    @property
    def filled(self) -> bool:
        return self.line.source != ORGANISATION_FILLS

    @property
    def hours_display(self) -> str:
        return format_hours(self.hours) if self.hours is not None else ""


@dataclass
class MissingRecord:
    """A record lacking what a section needs: what it is, what is missing, how many trainees, where to fix it."""

    label: str
    reason: str
    count: int
    url: str = ""


@dataclass
class SectionSheet:
    section: BpfSection
    figures: list[Figure] = field(default_factory=list)
    missing: int = 0
    records: list[MissingRecord] = field(default_factory=list)


@dataclass
class Worksheet:
    organisation: object
    year: int
    sections: list[SectionSheet]
    groups: int
    trainees: int
    hours: Decimal
    undated_groups: list[MissingRecord]


def _group_figures(groups) -> tuple[dict[int, int], dict[int, Decimal]]:
    """Trainees (places taken) and their attended hours, by group id."""
    taken = [Enrolment.Status.ENROLLED, Enrolment.Status.WITHDRAWN]
    places = Enrolment.objects.filter(group__in=groups, status__in=taken).values_list("group_id", "trainee_id")
    hours = hours_by_group(groups)
    trainees: dict[int, int] = {}
    attended: dict[int, Decimal] = {}
    for group_id, trainee_id in places:
        trainees[group_id] = trainees.get(group_id, 0) + 1
        figure = hours.get(group_id, {}).get(trainee_id, TraineeHours()).attended
        attended[group_id] = attended.get(group_id, ZERO) + figure
    return trainees, attended


def bpf_worksheet(*, organisation, year: int, regions: frozenset | None = None) -> Worksheet:
    """The worksheet of `organisation` for `year`, limited to `regions` when given (a regional team)."""
    scope = Scope(regions=regions, organisation=organisation.pk, year=year)
    groups = scope.groups()
    rows = list(groups.order_by("name", "pk").values("pk", "name", "course_id", "course__title"))
    trainees, attended = _group_figures(groups)
    total_trainees = sum(trainees.values())
    total_hours = sum(attended.values(), ZERO)
    courses: dict[int, dict] = {}
    for row in rows:
        course = courses.setdefault(row["course_id"], {"title": row["course__title"], "trainees": 0, "hours": ZERO})
        course["trainees"] += trainees.get(row["pk"], 0)
        course["hours"] += attended.get(row["pk"], ZERO)
    group_records = [
        MissingRecord(
            label=row["name"],
            reason=_("type de stagiaire et financement non renseignés"),
            count=trainees[row["pk"]],
            url=reverse("cohorts:group_detail", args=[row["pk"]]),
        )
        for row in rows
        if trainees.get(row["pk"])
    ]
    course_records = [
        MissingRecord(label=course["title"], reason=_("code NSF non enregistré"), count=course["trainees"])
        for course in sorted(courses.values(), key=lambda course: course["title"])
        if course["trainees"]
    ]
    sections = []
    for section in BPF_SECTIONS:
        sheet = SectionSheet(section=section)
        for line in section.lines:
            if line.source == BY_COURSE:
                for course in sorted(courses.values(), key=lambda course: course["title"]):
                    sheet.figures.append(
                        Figure(line, f"{course['title']} — {line.label}", course["trainees"], course["hours"])
                    )
            elif line.source in (ALL_TRAINEES, UNRECORDED):
                sheet.figures.append(Figure(line, str(line.label), total_trainees, total_hours))
            else:
                sheet.figures.append(Figure(line, str(line.label)))
        if section.code == "F-1":
            sheet.records, sheet.missing = group_records, total_trainees
        elif section.code == "F-4":
            sheet.records, sheet.missing = course_records, total_trainees
        sections.append(sheet)
    return Worksheet(
        organisation=organisation,
        year=year,
        sections=sections,
        groups=len(rows),
        trainees=total_trainees,
        hours=total_hours,
        undated_groups=_undated_groups(organisation, regions),
    )


def _undated_groups(organisation, regions) -> list[MissingRecord]:
    """The organisation's groups without a start date: no year holds them, so no BPF counts them."""
    groups = Scope(regions=regions, organisation=organisation.pk).groups().filter(start_date__isnull=True)
    return [
        MissingRecord(
            label=name, reason=_("date de début manquante"), count=0, url=reverse("cohorts:group_detail", args=[pk])
        )
        for pk, name in groups.order_by("name", "pk").values_list("pk", "name")
    ]


def _append(sheet, row: list) -> None:
    sheet.append([neutralised(value) for value in row])


def bpf_xlsx(sheet: Worksheet) -> bytes:
    """The worksheet as an XLSX workbook: the cells in the form's order, then the missing data."""
    workbook = Workbook()
    cells = workbook.active
    cells.title = _("BPF")
    _append(cells, [_("Cadre"), _("Ligne"), _("Libellé"), _("Nombre de stagiaires"), _("Heures suivies (décimales)")])
    for section_sheet in sheet.sections:
        _append(cells, [section_sheet.section.code, "", str(section_sheet.section.title), "", ""])
        if not section_sheet.figures:
            _append(cells, [section_sheet.section.code, "", str(section_sheet.section.note), "", ""])
        for figure in section_sheet.figures:
            if figure.filled:
                _append(
                    cells,
                    [
                        section_sheet.section.code,
                        figure.line.letter,
                        figure.label,
                        figure.trainees,
                        float(figure.hours),
                    ],
                )
            else:
                left = _("À renseigner par l'organisme")
                _append(cells, [section_sheet.section.code, figure.line.letter, figure.label, left, left])
    for cell in cells[1]:
        cell.font = Font(bold=True)
    missing = workbook.create_sheet(_("Données manquantes"))
    _append(missing, [_("Cadre"), _("Enregistrement"), _("Manque"), _("Stagiaires concernés")])
    for section_sheet in sheet.sections:
        for record in section_sheet.records:
            _append(missing, [section_sheet.section.code, record.label, record.reason, record.count])
    for record in sheet.undated_groups:
        _append(missing, ["", record.label, record.reason, ""])
    for cell in missing[1]:
        cell.font = Font(bold=True)
    about = workbook.create_sheet(_("À propos"))
    _append(about, [_("Organisme de formation"), sheet.organisation.name])
    _append(about, [_("Année civile"), sheet.year])
    _append(about, [_("Groupes comptés"), sheet.groups])
    _append(about, [_("Petits effectifs"), _("Chiffres exacts, non masqués : le BPF est une déclaration officielle.")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
