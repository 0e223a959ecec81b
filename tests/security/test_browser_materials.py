"""In Chromium: a trainer adds a document to a session's catch-up from the attendance page (a
disguised web page is refused next to the field first), and an absent trainee downloads it."""

import pytest
from playwright.sync_api import expect

from lms.attendance import services
from lms.cohorts.models import HalfDay
from tests.attendance.conftest import at, world  # noqa: F401
from tests.security import samples

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def missed(world):  # noqa: F811
    # The first trainee was absent from the morning: a catch-up opens for them when it is closed.
    morning = services.open_slot(world["session"], HalfDay.MORNING, by=world["trainer"], now=at(9))
    services.close_slot(morning, by=world["trainer"], now=at(13))
    return world


def test_trainer_adds_a_document_and_an_absent_trainee_downloads_it(page, live_server, login, missed, tmp_path):
    hostile = tmp_path / "support.pdf"
    hostile.write_bytes(samples.html_calling("/rattrapage/supports/1/fichier/"))
    document = tmp_path / "Compte rendu.docx"
    document.write_bytes(samples.docx())

    login(missed["trainer"])
    page.get_by_role("link", name=missed["session"].session_page.title, exact=True).click()
    form = page.locator("form", has=page.get_by_role("button", name="Ajouter le support"))
    form.get_by_label("Type de support").select_option("document")
    form.get_by_label("Titre").fill("Compte rendu de la matinée")
    form.get_by_label("Fichier", exact=True).set_input_files(str(hostile))
    form.get_by_role("button", name="Ajouter le support").click()
    # Refused next to the field, in French, announced by the input itself.
    assert "page web (HTML)" in page.locator("#id_file_error").inner_text()
    assert "id_file_error" in page.get_by_label("Fichier", exact=True).get_attribute("aria-describedby")

    form = page.locator("form", has=page.get_by_role("button", name="Ajouter le support"))
    form.get_by_label("Type de support").select_option("document")
    form.get_by_label("Titre").fill("Compte rendu de la matinée")
    form.get_by_label("Fichier", exact=True).set_input_files(str(document))
    form.get_by_role("button", name="Ajouter le support").click()
    expect(page.locator("body")).to_contain_text("Le support est ajouté au rattrapage.")

    page.context.clear_cookies()
    login(missed["trainees"][0])
    page.get_by_role("link", name=missed["session"].session_page.title, exact=True).click()
    page.get_by_role("link", name="Compte rendu de la matinée").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ouvrir le fichier « Compte rendu de la matinée »").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    assert download.path().read_bytes() == samples.docx()
