"""Funder reports: a frozen snapshot per region and year, versioned; a correction does not change a
report already issued; the funder reads its region's reports and issues none."""

import io

import openpyxl
from django.urls import reverse
from pypdf import PdfReader

from lms.cohorts.models import Enrolment
from lms.reporting import services
from lms.reporting.models import FunderReport


def test_a_report_stays_unchanged_after_a_correction_and_a_new_version_is_kept(client, rw):
    first = services.issue_funder_report(actor=rw.team, region=rw.region, year=2026)
    assert first.version == 1
    rhone = next(row for row in first.figures["rows"] if row["label"] == "Rhône")
    assert rhone["cells"][2] == "6"  # enrolled
    # A correction: one more trainee withdraws.
    Enrolment.objects.filter(group=rw.group, trainee=rw.people[0]).update(status="withdrawn")
    first.refresh_from_db()
    assert next(row for row in first.figures["rows"] if row["label"] == "Rhône")["cells"][2] == "6"
    second = services.issue_funder_report(actor=rw.national, region=rw.region, year=2026)
    assert second.version == 2
    assert next(row for row in second.figures["rows"] if row["label"] == "Rhône")["cells"][2] == "5"
    assert FunderReport.objects.count() == 2

    client.force_login(rw.funder)
    page = client.get(reverse("reporting:report", args=[first.pk]))
    assert page.status_code == 200 and "Version 2" in page.content.decode()
    pdf = client.get(reverse("reporting:report_pdf", args=[first.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Auvergne-Rhône-Alpes" in text and "version 1" in text
    for person in rw.people:
        assert person.last_name not in text
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("reporting:report_xlsx", args=[first.pk])).content))
    sheet = {row[0]: row[1:] for row in workbook["Tableau"].iter_rows(min_row=2, values_only=True)}
    assert sheet["Rhône"][2] == "6" and workbook.sheetnames == ["Tableau", "Entonnoir", "Dictionnaire", "Rapport"]


def test_the_funder_and_other_regions_issue_nothing(client, rw):
    client.force_login(rw.funder)
    listing = client.get(reverse("reporting:reports"))
    assert listing.status_code == 200 and listing.context["form"] is None
    assert client.post(reverse("reporting:reports"), {"region": rw.region.pk, "annee": 2026}).status_code == 403
    client.force_login(rw.other_team)
    response = client.post(reverse("reporting:reports"), {"region": rw.region.pk, "annee": 2026})
    assert response.status_code == 200 and "form" in response.context
    assert not FunderReport.objects.exists()
    report = services.issue_funder_report(actor=rw.team, region=rw.region, year=2026)
    assert client.get(reverse("reporting:report", args=[report.pk])).status_code == 404


def test_the_regional_team_issues_from_the_form(client, rw, django_assert_num_queries):
    client.force_login(rw.team)
    response = client.post(reverse("reporting:reports"), {"region": rw.region.pk, "annee": 2026})
    report = FunderReport.objects.get()
    assert response.url == reverse("reporting:report", args=[report.pk])
    refused = client.post(reverse("reporting:reports"), {"region": rw.region.pk, "annee": 2019})
    assert "annee" in refused.context["form"].errors and FunderReport.objects.count() == 1
    client.get(reverse("reporting:reports"))
    with django_assert_num_queries(REPORTS_QUERIES):
        client.get(reverse("reporting:reports"))
    services.issue_funder_report(actor=rw.team, region=rw.region, year=2025)
    with django_assert_num_queries(REPORTS_QUERIES):
        client.get(reverse("reporting:reports"))
    with django_assert_num_queries(REPORT_QUERIES):
        client.get(reverse("reporting:report", args=[report.pk]))


REPORTS_QUERIES = 11
REPORT_QUERIES = 10
