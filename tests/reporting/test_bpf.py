"""The BPF worksheet (Cerfa 10443) of a training organisation: its figures on a realistic world, who
reads it, the XLSX read back, the missing data and a constant number of queries."""

import datetime
import io
from decimal import Decimal

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.attendance.selectors import hours_by_group, hours_by_trainee
from lms.cohorts.models import TrainingGroup
from lms.learning.factories import enrol, session_page
from lms.people.factories import TrainingOrganisationFactory
from lms.people.models import Role
from lms.reporting.catalogue import BPF, BPF_SECTIONS, ORGANISATION_FILLS
from lms.reporting.factories import schedule, signed_attendance
from tests.reporting.conftest import P, dated_group, trainees


def worksheet(client, user, organisation, year=None):
    client.force_login(user)
    params = {"annee": year} if year else {}
    return client.get(reverse("reporting:bpf", args=[organisation.pk]), params)


def lines(response) -> dict[str, tuple]:
    """Line code → (trainees, hours) of every filled line, from the page's context."""
    found = {}
    for section_sheet in response.context["sheet"].sections:
        for figure in section_sheet.figures:
            if figure.filled:
                found.setdefault(figure.line.code, []).append((figure.trainees, figure.hours))
    return {code: values[0] if len(values) == 1 else values for code, values in found.items()}


def missing(response) -> dict[str, int]:
    return {s.section.code: s.missing for s in response.context["sheet"].sections if s.section.missing_label}


def test_the_worksheet_counts_the_organisations_groups_of_the_year(client, bw):
    response = worksheet(client, bw.org_staff, bw.organisation, 2026)
    assert response.status_code == 200
    figures = lines(response)
    total = (10, Decimal("22.5"))  # Rhône 7 trainees 17.5 h, Isère 3 trainees 5 h; Paris never counts
    assert figures["F-1-nr"] == figures["F-1-total"] == figures["F-3-d"] == figures["F-4-total"] == total
    assert sorted(figures["F-4-course"]) == [(3, Decimal("5")), (7, Decimal("17.5"))]
    assert response.context["sheet"].groups == 2
    # Small counts are exact here (an official declaration), never "< 5".
    html = response.content.decode()
    assert "&lt; 5" not in html and "22 h 30" in html and "17 h 30" in html
    assert "IP Paris 2026" not in html and "IP Rhône 2025" not in html


def test_the_previous_year_has_its_own_figures(client, bw):
    figures = lines(worksheet(client, bw.org_staff, bw.organisation, 2025))
    assert figures["F-1-total"] == (2, Decimal("6"))


def test_the_default_year_is_the_one_before(client, bw):
    response = worksheet(client, bw.org_staff, bw.organisation)
    assert response.context["year"] == 2025
    assert worksheet(client, bw.org_staff, bw.organisation, "1999").context["year"] == 2025  # unknown: ignored


def test_hours_are_the_attestations_hours(bw):
    """The worksheet's hours per group are the figures every attestation and certificate reads, a
    joint session (two groups) included, counted once in each."""
    joint = schedule(
        session_page(bw.group.course, "Séance commune"), bw.group, bw.small, date=datetime.date(2026, 5, 4)
    )
    signed_attendance(joint, {bw.people[0]: (P, 0), bw.small_people[0]: (P, 0)})
    groups = TrainingGroup.objects.filter(pk__in=[bw.group.pk, bw.small.pk, bw.far.pk])
    together = hours_by_group(groups)
    for group in groups:
        assert together[group.pk] == hours_by_trainee(group)
    assert together[bw.group.pk][bw.people[0].pk].attended == Decimal("6")  # 3 h on 16 March, 3 h joint


def test_each_section_counts_its_missing_data_with_links(client, bw):
    response = worksheet(client, bw.org_staff, bw.organisation, 2026)
    assert missing(response) == {"F-1": 10, "F-4": 10}
    sheet = response.context["sheet"]
    f1 = next(s for s in sheet.sections if s.section.code == "F-1")
    assert [(r.label, r.count, r.url) for r in f1.records] == [
        ("IP Rhône 2026", 7, reverse("cohorts:group_detail", args=[bw.group.pk])),
        ("Réf Isère 2026", 3, reverse("cohorts:group_detail", args=[bw.small.pk])),
    ]
    assert [r.label for r in sheet.undated_groups] == ["IP sans date"]
    html = response.content.decode()
    assert reverse("cohorts:group_detail", args=[bw.undated.pk]) in html
    assert reverse("cohorts:group_detail", args=[bw.group.pk]) in html
    # The links lead to pages the organisation's staff can open.
    assert client.get(f1.records[0].url).status_code == 200


def test_the_cells_are_defined_once_in_the_catalogue():
    codes = [line.code for section in BPF_SECTIONS for line in section.lines]
    assert len(codes) == len(set(codes))
    assert [s.code for s in BPF_SECTIONS] == ["C", "D", "E", "F-1", "F-2", "F-3", "F-4", "G"]
    assert all(line.maps_to is BPF for section in BPF_SECTIONS for line in section.lines)
    f1 = next(s for s in BPF_SECTIONS if s.code == "F-1")
    assert [line.letter for line in f1.lines if line.source == ORGANISATION_FILLS] == ["a", "b", "c", "d", "e"]


def test_who_reads_the_worksheet(client, bw):
    assert worksheet(client, bw.org_staff, bw.organisation, 2026).status_code == 200
    assert worksheet(client, bw.team, bw.organisation, 2026).status_code == 200
    assert worksheet(client, bw.national, bw.organisation, 2026).status_code == 200
    for user in (bw.funder, bw.people[0], bw.other_team, bw.trainer):
        assert worksheet(client, user, bw.organisation, 2026).status_code == 404
        client.force_login(user)
        assert client.get(reverse("reporting:bpf_xlsx", args=[bw.organisation.pk])).status_code == 404
    assert worksheet(client, bw.org_staff, bw.other_org, 2026).status_code == 404
    assert client.get(reverse("reporting:bpf", args=[999999])).status_code == 404


def test_another_organisations_staff_gets_404(client, bw, make_user):
    other_staff = make_user(Role.ORGANISATION_STAFF, organisation=bw.other_org)
    assert worksheet(client, other_staff, bw.organisation, 2026).status_code == 404
    assert worksheet(client, other_staff, bw.other_org, 2026).status_code == 200


def test_the_regional_team_reads_its_regions_groups_only(client, bw, make_user):
    """An organisation with groups in two regions: each region's team reads its own groups' figures."""
    paris_group = dated_group(
        bw.group.course, bw, "IP Paris Organisme test", datetime.date(2026, 5, 4), territory=bw.paris
    )
    enrol(paris_group, *trainees(make_user, "Pt", 2))
    assert lines(worksheet(client, bw.team, bw.organisation, 2026))["F-1-total"][0] == 10
    assert lines(worksheet(client, bw.other_team, bw.organisation, 2026))["F-1-total"][0] == 2
    assert lines(worksheet(client, bw.org_staff, bw.organisation, 2026))["F-1-total"][0] == 12


def test_the_xlsx_equals_the_page(client, bw):
    response = worksheet(client, bw.org_staff, bw.organisation, 2026)
    download = client.get(reverse("reporting:bpf_xlsx", args=[bw.organisation.pk]), {"annee": 2026})
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="bpf-{bw.organisation.pk}-2026.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(download.content))
    rows = list(workbook["BPF"].iter_rows(min_row=2, values_only=True))
    on_page = [
        (s.section.code, f.line.letter or None, f.label, f.trainees, float(f.hours))
        for s in response.context["sheet"].sections
        for f in s.figures
        if f.filled
    ]
    in_file = [tuple(row) for row in rows if isinstance(row[3], int)]
    assert in_file == on_page
    left = [row for row in rows if row[3] == "À renseigner par l'organisme"]
    assert [(row[0], row[1]) for row in left][:5] == [("F-1", letter) for letter in "abcde"]
    missing_rows = list(workbook["Données manquantes"].iter_rows(min_row=2, values_only=True))
    assert ("F-1", "IP Rhône 2026", "type de stagiaire et financement non renseignés", 7) in missing_rows
    assert (None, "IP sans date", "date de début manquante", None) in missing_rows
    assert ["Année civile", 2026] in [list(row) for row in workbook["À propos"].iter_rows(values_only=True)]


def test_a_formula_like_group_name_is_neutralised(client, bw):
    TrainingGroup.objects.filter(pk=bw.group.pk).update(name="=HYPERLINK(1)")
    client.force_login(bw.org_staff)
    download = client.get(reverse("reporting:bpf_xlsx", args=[bw.organisation.pk]), {"annee": 2026})
    missing_rows = list(openpyxl.load_workbook(io.BytesIO(download.content))["Données manquantes"].values)
    assert any(row[1] == "'=HYPERLINK(1)" for row in missing_rows)


def test_the_dashboard_links_to_the_worksheet(client, bw):
    client.force_login(bw.org_staff)
    html = client.get(reverse("reporting:dashboard")).content.decode()
    assert reverse("reporting:bpf", args=[bw.organisation.pk]) in html
    client.force_login(bw.team)
    assert (
        reverse("reporting:bpf", args=[bw.organisation.pk])
        not in client.get(reverse("reporting:dashboard")).content.decode()
    )


def test_the_worksheet_runs_a_constant_number_of_queries(client, site_tree, territory, make_user, clock):
    """One group, then three groups (each with enrolments and signed attendance): the same queries."""
    organisation = TrainingOrganisationFactory(region=territory.region, name="Organisme constant")
    staff = make_user(Role.ORGANISATION_STAFF, organisation=organisation)
    peers = site_tree["peer_interveners"]
    page = session_page(peers, "Séance 1 — Se présenter")
    holder = type("World", (), {"territory": territory, "organisation": organisation})

    def add_group(index):
        group = dated_group(peers, holder, f"Groupe {index}", datetime.date(2026, 3, 1))
        people = trainees(make_user, f"Q{index}-", 2)
        enrol(group, *people)
        session = schedule(page, group, date=datetime.date(2026, 3, 1))
        signed_attendance(session, dict.fromkeys(people, (P, 0)))

    def measure():
        client.force_login(staff)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reporting:bpf", args=[organisation.pk]), {"annee": 2026})
        assert response.status_code == 200
        return len(queries), response

    add_group(0)
    one, response = measure()
    assert lines(response)["F-1-total"] == (2, Decimal("6"))
    add_group(1)
    add_group(2)
    three, response = measure()
    assert lines(response)["F-1-total"] == (6, Decimal("18"))
    assert one == three


def test_a_groups_figures_page_links_to_its_organisations_worksheet(client, bw):
    """The regional and national teams reach the worksheet from a group's figures page."""
    link = reverse("reporting:bpf", args=[bw.organisation.pk]) + "?annee=2026"
    for user in (bw.team, bw.national):
        client.force_login(user)
        assert link in client.get(reverse("reporting:group", args=[bw.group.pk])).content.decode()
        assert client.get(link).status_code == 200
