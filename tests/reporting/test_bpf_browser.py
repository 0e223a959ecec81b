"""The BPF worksheet walked in a real Chromium by the organisation's staff: from the start page to the
tracking dashboard to the worksheet by links, a year changed, the XLSX downloaded and read back
(its figures are the page's); on a desktop and on a 390 px phone."""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def filled_rows(page, code: str) -> list[tuple[str, str, str]]:
    """(label, trainees, hours) of the section's filled lines as the page shows them."""
    found = []
    rows = page.locator(f"#bpf-table-{code} tbody tr")
    for index in range(rows.count()):
        cells = rows.nth(index).locator("td").all_inner_texts()
        if len(cells) == 3:
            found.append((rows.nth(index).locator("th").inner_text().strip(), cells[1].strip(), cells[2].strip()))
    return found


def hours_text(value: float) -> str:
    """The page's display of hours (3.5 → "3 h 30")."""
    whole, minutes = divmod(round(value * 60), 60)
    return f"{whole} h {minutes:02d}" if minutes else f"{whole} h"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_organisation_staff_reaches_and_downloads_its_bpf(page, live_server, login, bw_live, width):
    w = bw_live
    page.set_viewport_size({"width": width, "height": 900})
    login(w.org_staff)
    page.get_by_role("link", name="Ouvrir le tableau de bord de suivi").click()
    expect(page.get_by_role("heading", name="Suivi et indicateurs", level=1)).to_be_visible()
    page.get_by_role("link", name="Bilan pédagogique et financier (BPF)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bilan pédagogique et financier")

    page.get_by_label("Année civile").select_option("2026")
    page.get_by_role("button", name="Afficher l'année").click()
    expect(page).to_have_url(re.compile(r"/indicateurs/bpf/\d+/\?annee=2026"))
    heading = page.get_by_role("heading", name="Bilan pédagogique et financier 2026 — Organisme test", level=1)
    expect(heading).to_be_visible()
    total = page.locator('#bpf-table-F-1 tr[data-line="F-1-total"]')
    expect(total).to_contain_text("10")
    expect(total).to_contain_text("22 h 30")
    expect(page.locator("#bpf-F-1 .bpf-missing")).to_contain_text("Données manquantes : 10")
    expect(page.locator("#bpf-F-1").get_by_role("link", name="IP Rhône 2026")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("IP Paris 2026")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    on_page = filled_rows(page, "F-1") + filled_rows(page, "F-3") + filled_rows(page, "F-4")

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la feuille de travail 2026 (XLSX)").click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    in_file = [
        (row[2], str(row[3]), hours_text(row[4]))
        for row in workbook["BPF"].iter_rows(min_row=2, values_only=True)
        if isinstance(row[3], int)
    ]
    assert on_page and in_file == on_page

    # Another year: the group of 2025 only.
    page.get_by_label("Année civile").select_option("2025")
    page.get_by_role("button", name="Afficher l'année").click()
    expect(page.get_by_role("heading", name="Bilan pédagogique et financier 2025 — Organisme test")).to_be_visible()
    expect(page.locator('#bpf-table-F-1 tr[data-line="F-1-total"]')).to_contain_text("6 h")
    expect(page.locator("#bpf-F-1").get_by_role("link", name="IP Rhône 2025")).to_be_visible()
