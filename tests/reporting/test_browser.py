"""The tracking pages walked in a real Chromium, each role from its start page: the regional team
reads its dashboard, filters it, drills into a group and exports the figures (the XLSX read back
equals the page); the national team compares regions on a phone and drills into one; the funder
reaches its aggregates from the menu and never sees a name."""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def table_cells(page, table_id: str) -> dict[str, list[str]]:
    rows = page.locator(f"#{table_id} tbody tr")
    found = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        found[row.locator("th").inner_text().strip()] = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    return found


def test_the_regional_team_reads_drills_down_and_exports(page, live_server, login, rw_live):
    w = rw_live
    login(w.team)
    expect(page.get_by_role("heading", name="Suivi et indicateurs")).to_be_visible()  # the start page's panel
    page.get_by_role("link", name="Ouvrir le tableau de bord de suivi").click()
    expect(page.get_by_role("heading", name="Suivi et indicateurs", level=1)).to_be_visible()
    expect(page.locator("#comparison-table tbody tr")).to_have_count(2)
    expect(page.locator("#comparison-table")).not_to_contain_text("Paris")
    page.get_by_label("Année").select_option("2026")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"/indicateurs/\?annee=2026"))
    expect(page.locator("#comparison-table").get_by_role("row", name="Isère")).to_contain_text("< 5")
    assert axe_violations(page) == []
    on_page = table_cells(page, "comparison-table")

    # Export with the same filters: the file's figures are the page's.
    page.get_by_label("Classeur XLSX (une feuille par tableau)").check()
    page.get_by_role("button", name="Préparer l'export").click()
    expect(page.get_by_role("heading", name="Export des chiffres de suivi")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le fichier (Classeur XLSX)").click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    exported = {row[0]: [str(v) for v in row[1:]] for row in workbook["Tableau"].iter_rows(min_row=2, values_only=True)}
    assert on_page and all([c.replace(" %", "") for c in cells] == exported[label] for label, cells in on_page.items())
    assert ["Année", "2026"] in [list(row) for row in workbook["Filtres"].iter_rows(values_only=True)]

    # Back to the dashboard, then the groups list, searched, and a group.
    page.get_by_role("link", name="Retour au tableau de bord").click()
    page.get_by_role("link", name="Liste des groupes").click()
    expect(page.get_by_role("heading", name="Groupes suivis")).to_be_visible()
    page.get_by_label("Rechercher un groupe").fill("rhône")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.locator("table.reporting-table tbody tr")).to_have_count(1)
    page.get_by_role("link", name="IP Rhône 2026").click()
    expect(page.get_by_role("heading", name="Suivi du groupe IP Rhône 2026")).to_be_visible()
    group_table = page.locator("#group-table tbody tr")
    expect(group_table.filter(has=page.get_by_role("rowheader", name="Inscrits", exact=True))).to_contain_text("6")
    assiduity = page.get_by_role("rowheader", name="Taux d'assiduité", exact=True)
    expect(group_table.filter(has=assiduity)).to_contain_text("67 %")
    assert axe_violations(page) == []


def test_the_national_team_compares_regions_on_a_phone(page, live_server, login, rw_live):
    w = rw_live
    page.set_viewport_size({"width": 390, "height": 844})
    login(w.national)
    page.get_by_role("link", name="Ouvrir le tableau de bord de suivi").click()
    comparison = page.locator("#comparison-table")
    expect(comparison.get_by_role("row", name="Auvergne-Rhône-Alpes")).to_be_visible()
    expect(comparison.get_by_role("row", name="Île-de-France")).to_contain_text("100 %")
    expect(page.get_by_role("img", name="Taux de remplissage par région")).to_be_visible()
    comparison.get_by_role("link", name="Auvergne-Rhône-Alpes").click()
    expect(comparison.get_by_role("link", name="Rhône", exact=True)).to_be_visible()
    expect(comparison.get_by_role("link", name="Isère", exact=True)).to_be_visible()
    expect(comparison).not_to_contain_text("Paris")
    page.get_by_role("link", name="Liste des groupes").click()
    page.get_by_role("link", name="IP Rhône 2026").click()
    expect(page.get_by_role("heading", name="Suivi du groupe IP Rhône 2026")).to_be_visible()


def test_the_funder_sees_aggregates_only_and_no_name(page, live_server, login, rw_live):
    w = rw_live
    login(w.funder)
    page.get_by_role("link", name="Suivi et indicateurs").click()
    expect(page.get_by_role("heading", name="Suivi et indicateurs", level=1)).to_be_visible()
    body = page.locator("body")
    expect(body).to_contain_text("Aucun nom n'est affiché")
    expect(page.locator("#comparison-table tbody tr")).to_have_count(2)
    expect(page.get_by_role("link", name="Liste des groupes")).to_have_count(0)
    for person in w.people + w.small_people + w.far_people + [w.team, w.trainer]:
        expect(body).not_to_contain_text(person.last_name)
    expect(body).not_to_contain_text("IP Rhône 2026")
    page.get_by_role("link", name="Définition des indicateurs").click()
    expect(page.get_by_role("heading", name="Définition des indicateurs")).to_be_visible()
    for person in w.people:
        expect(page.locator("body")).not_to_contain_text(person.last_name)
    response = page.goto(f"{live_server.url}/indicateurs/groupes/{w.group.pk}/")
    assert response.status == 404


def test_anyone_reads_a_courses_results_from_the_footer(page, live_server, rw_live):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/formations/")
    page.get_by_role("link", name="Résultats des formations").click()
    page.get_by_role("link", name=rw_live.group.course.title).click()
    expect(page.get_by_role("heading", name=f"Résultats : {rw_live.group.course.title}")).to_be_visible()
    results = page.locator("#results-table")
    expect(results.get_by_role("columnheader", name="Répondants")).to_be_visible()
    completion = results.locator("tbody tr").filter(has=page.get_by_role("rowheader", name="Taux de réalisation"))
    expect(completion.first).to_contain_text("2026")
    expect(completion.first).to_contain_text("42 %")
    expect(page.locator("body")).to_contain_text("Mis à jour le")
    assert axe_violations(page) == []


def test_the_regional_team_issues_a_funder_report_that_the_funder_reads(page, live_server, login, rw_live):
    w = rw_live
    login(w.team)
    page.get_by_role("link", name="Ouvrir le tableau de bord de suivi").click()
    page.get_by_role("link", name="Rapports au financeur").click()
    page.get_by_role("button", name="Émettre le rapport").click()  # nothing chosen: refused, nothing saved
    expect(page.locator("body")).to_contain_text("Champ requis")
    page.get_by_label("Région").select_option(label="Auvergne-Rhône-Alpes")
    page.get_by_label("Année").select_option("2026")
    page.get_by_role("button", name="Émettre le rapport").click()
    expect(
        page.get_by_role("heading", name="Rapport au financeur Auvergne-Rhône-Alpes 2026, version 1")
    ).to_be_visible()
    expect(page.locator("#report-table")).to_contain_text("Rhône")
    assert axe_violations(page) == []

    login(w.funder)
    page.get_by_role("link", name="Suivi et indicateurs").click()
    page.get_by_role("link", name="Rapports au financeur").click()
    expect(page.get_by_role("button", name="Émettre le rapport")).to_have_count(0)
    page.get_by_role("link", name="Auvergne-Rhône-Alpes 2026, version 1").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le rapport (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    for person in w.people:
        expect(page.locator("body")).not_to_contain_text(person.last_name)
