"""The dashboards by role, the groups list and a group's page, the catalogue page, exports."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from lms.reporting.models import ReportExport
from tests.reporting.conftest import build_world


def get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def comparison(response) -> dict[str, list[str]]:
    """The comparison table's rows: label → cells, from the page's context (what the template shows)."""
    return {item["row"].label: [cell.display for cell in item["cells"]] for item in response.context["rows"]}


def test_the_national_team_compares_regions_and_drills_down(client, rw):
    response = get(client, rw.national, "reporting:dashboard")
    assert response.status_code == 200
    rows = comparison(response)
    assert set(rows) == {"Auvergne-Rhône-Alpes", "Île-de-France"}
    drilled = get(client, rw.national, "reporting:dashboard", region=rw.region.pk)
    assert set(comparison(drilled)) == {"Rhône", "Isère"}
    assert f"region={rw.region.pk}" in response.context["rows"][0]["query"]


def test_the_regional_team_reads_its_region_only(client, rw):
    response = get(client, rw.team, "reporting:dashboard")
    assert set(comparison(response)) == {"Rhône", "Isère"}
    assert "IP Paris 2026" not in response.content.decode()
    groups = get(client, rw.team, "reporting:groups")
    assert [item["row"].label for item in groups.context["rows"]] == ["IP Rhône 2026", "Réf Isère 2026"]
    assert get(client, rw.team, "reporting:group", rw.group.pk).status_code == 200
    assert get(client, rw.team, "reporting:group", rw.far.pk).status_code == 404
    assert get(client, rw.other_team, "reporting:group", rw.group.pk).status_code == 404


def test_organisation_staff_sees_its_groups(client, rw):
    groups = get(client, rw.org_staff, "reporting:groups")
    assert [item["row"].label for item in groups.context["rows"]] == ["IP Rhône 2026", "Réf Isère 2026"]
    assert get(client, rw.org_staff, "reporting:group", rw.far.pk).status_code == 404


def test_the_funder_sees_aggregates_of_its_region_and_no_name(client, rw):
    response = get(client, rw.funder, "reporting:dashboard")
    assert response.status_code == 200
    html = response.content.decode()
    assert set(comparison(response)) == {"Rhône", "Isère"}
    for person in rw.people + rw.small_people + rw.far_people + [rw.team, rw.trainer]:
        assert person.last_name not in html
    assert "IP Rhône 2026" not in html
    assert get(client, rw.funder, "reporting:groups").status_code == 403
    assert get(client, rw.funder, "reporting:group", rw.group.pk).status_code == 404


def test_a_trainee_reads_no_dashboard(client, rw):
    assert get(client, rw.people[0], "reporting:dashboard").status_code == 403


def test_small_counts_read_less_than_five_on_the_pages(client, rw):
    rows = comparison(get(client, rw.team, "reporting:dashboard"))
    assert rows["Isère"][2] == "< 5"  # 3 enrolled
    group = get(client, rw.team, "reporting:group", rw.small.pk)
    assert "&lt; 5" in group.content.decode()


def test_groups_are_searched_and_paginated(client, site_tree, territory, organisation, make_user, clock):
    w = build_world(site_tree, territory, organisation, make_user, extra_groups=21)
    page = get(client, w.team, "reporting:groups")
    assert len(page.context["rows"]) == 20 and page.context["page"].paginator.num_pages == 2
    second = get(client, w.team, "reporting:groups", page=2)
    assert len(second.context["rows"]) == 3
    found = get(client, w.team, "reporting:groups", q="isère")
    assert [item["row"].label for item in found.context["rows"]] == ["Réf Isère 2026"]


def test_an_unknown_filter_is_ignored(client, rw):
    response = get(client, rw.team, "reporting:dashboard", region="abc", territoire="99999999999999999999", annee="x")
    assert response.status_code == 200
    assert set(comparison(response)) == {"Rhône", "Isère"}


@pytest.mark.parametrize("extra", [0, 5])
def test_pages_run_a_constant_number_of_queries(
    client, site_tree, territory, organisation, make_user, clock, django_assert_num_queries, extra
):
    w = build_world(site_tree, territory, organisation, make_user, extra_groups=extra)
    client.force_login(w.team)
    client.get(reverse("reporting:dashboard"))  # warms the session and caches
    with django_assert_num_queries(DASHBOARD_QUERIES):
        client.get(reverse("reporting:dashboard"))
    with django_assert_num_queries(GROUPS_QUERIES):
        client.get(reverse("reporting:groups"))
    with django_assert_num_queries(GROUP_QUERIES):
        client.get(reverse("reporting:group", args=[w.group.pk]))
    client.logout()
    with django_assert_num_queries(RESULTS_QUERIES):
        client.get(reverse("reporting:results", args=[w.group.course_id]))


DASHBOARD_QUERIES = 25
GROUPS_QUERIES = 26
GROUP_QUERIES = 21


def test_the_xlsx_export_has_the_pages_figures(client, rw):
    client.force_login(rw.team)
    page = client.get(reverse("reporting:dashboard"), {"annee": "2026"})
    response = client.post(reverse("reporting:export_start"), {"annee": "2026", "format": "xlsx"})
    export = ReportExport.objects.get()
    assert response.url == reverse("reporting:export_detail", args=[export.pk])
    assert export.status == ReportExport.Status.DONE and export.percent == 100
    detail = client.get(response.url)
    assert reverse("reporting:export_download", args=[export.pk]) in detail.content.decode()
    download = client.get(reverse("reporting:export_download", args=[export.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook.sheetnames == ["Tableau", "Entonnoir", "Dictionnaire", "Filtres"]
    sheet = workbook["Tableau"]
    exported = {row[0]: [str(v) for v in row[1:]] for row in sheet.iter_rows(min_row=2, values_only=True)}
    for label, cells in comparison(page).items():
        assert [cell.replace(" %", "") for cell in cells] == exported[label]
    assert ["Année", "2026"] in [list(row) for row in workbook["Filtres"].iter_rows(values_only=True)]
    assert workbook["Dictionnaire"]["A2"].value == "groups"
    # Only the person who asked reads it.
    client.force_login(rw.other_team)
    assert client.get(reverse("reporting:export_download", args=[export.pk])).status_code == 404


def test_the_csv_export_suits_french_spreadsheets(client, rw):
    rw.group.name = '=HYPERLINK("http://x")'
    rw.group.save(update_fields=["name"])
    client.force_login(rw.national)
    client.post(reverse("reporting:export_start"), {"par": "organisation", "format": "csv"})
    client.post(reverse("reporting:export_start"), {"format": "csv"})
    export = ReportExport.objects.order_by("pk").last()
    content = b"".join(client.get(reverse("reporting:export_download", args=[export.pk])).streaming_content)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Région"
    assert rows[-1][0] == "Total"


def test_a_formula_in_a_name_is_neutralised(rw):
    from lms.reporting.exports import neutralised

    assert neutralised("=1+1") == "'=1+1"
    assert neutralised("+33") == "'+33"
    assert neutralised("@x") == "'@x"
    assert neutralised("-2") == "'-2"
    assert neutralised("Rhône") == "Rhône"
    assert neutralised(12) == 12


def test_an_unknown_format_is_refused(client, rw):
    client.force_login(rw.team)
    response = client.post(reverse("reporting:export_start"), {"format": "pdf"}, follow=True)
    assert "Choisissez le format de l&#x27;export" in response.content.decode()
    assert not ReportExport.objects.exists()


def test_the_catalogue_page_lists_every_indicator(client, rw):
    response = get(client, rw.funder, "reporting:catalogue")
    assert "Qualiopi indicateur 2" in response.content.decode()


def test_a_course_publishes_its_results_with_periods_and_respondents(client, rw, django_assert_num_queries):
    index = client.get(reverse("reporting:results_index"))
    assert reverse("reporting:results", args=[rw.group.course_id]) in index.content.decode()
    response = client.get(reverse("reporting:results", args=[rw.group.course_id]))
    assert response.status_code == 200
    lines = {(line["indicator"].code, line["year"]): line for line in response.context["lines"]}
    completion = lines[("completion_rate", 2026)]
    # IP Rhône (7 places taken, 6 enrolled, 5 certified) and IP Paris (6 enrolled, none certified).
    assert (completion["cell"].display, completion["trainees"], completion["respondents"]) == ("42 %", "13", "12")
    assert lines[("attendance_rate", 2025)]["cell"].display == "—"
    assert "15/09/2026" in response.content.decode()
    html = response.content.decode()
    for person in rw.people:
        assert person.last_name not in html
    # Each definition has its easy-to-read wording, shown in FALC mode.
    assert (
        '<span class="text-easy-read easy-read">Sur 100 personnes inscrites, combien ont fini la formation.</span>'
        in html
    )
    with django_assert_num_queries(RESULTS_QUERIES):
        client.get(reverse("reporting:results", args=[rw.group.course_id]))
    assert client.get(reverse("reporting:results", args=[999999])).status_code == 404


RESULTS_QUERIES = 39


def test_a_name_with_markup_is_exported_as_text_in_an_attachment(client, rw):
    rw.territory.name = "<script>alert(1)</script>"
    rw.territory.save(update_fields=["name"])
    client.force_login(rw.team)
    client.post(reverse("reporting:export_start"), {"format": "csv"})
    export = ReportExport.objects.get()
    assert export.status == ReportExport.Status.DONE
    response = client.get(reverse("reporting:export_download", args=[export.pk]))
    assert response["Content-Disposition"].startswith("attachment") and response["X-Content-Type-Options"] == "nosniff"
    assert b"<script>" in b"".join(response.streaming_content)
