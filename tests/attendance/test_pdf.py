"""The attendance sheet PDF, read back with pypdf: metadata, names, slots, signatures, hours."""

import io
import re

import pytest
from pypdf import PdfReader

from lms.attendance import services
from lms.attendance.factories import signature_png_data_url as png_data_url
from lms.attendance.models import AttendanceStatus, SignatureMethod
from lms.attendance.pdf import attendance_sheet_pdf
from lms.attendance.selectors import attendance_sheet, session_for_sheet
from lms.cohorts.models import HalfDay
from lms.people.models import User
from tests.attendance.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_day(world):
    session, trainer = world["session"], world["trainer"]
    samia, eloise, karim = world["trainees"]
    morning = services.open_slot(session, HalfDay.MORNING, by=trainer, now=at(9))
    afternoon = services.open_slot(session, HalfDay.AFTERNOON, by=trainer, now=at(13))
    services.sign(morning, samia, SignatureMethod.DRAWN, by=samia, image_data_url=png_data_url(), now=at(9, 2))
    services.sign(afternoon, samia, SignatureMethod.ONE_TAP, by=samia, now=at(13, 2))
    services.set_status(morning, eloise, AttendanceStatus.LATE, by=trainer, minutes_missed=30, now=at(9, 30))
    services.sign(morning, eloise, SignatureMethod.TYPED_NAME, by=eloise, typed_name="Éloïse Béranger", now=at(9, 31))
    services.set_status(afternoon, eloise, AttendanceStatus.EXCUSED, by=trainer, reason="Rendez-vous MDPH", now=at(14))
    services.sign(
        afternoon,
        karim,
        SignatureMethod.SUPPORT_ATTESTATION,
        by=trainer,
        attester_name="Luc Martin",
        reason="Communication alternative",
        now=at(13, 10),
    )
    services.close_slot(morning, by=trainer, now=at(13))
    services.close_slot(afternoon, by=world["peer_trainer"], now=at(17, 5))
    return world


def read(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def test_sheet_lists_course_module_date_times_names_signatures_hours_and_countersignatures(signed_day):
    session = session_for_sheet(signed_day["session"].pk)
    reader, text = read(attendance_sheet_pdf(attendance_sheet(session)))
    assert reader.metadata.title == "Feuille d'émargement — Séance 1 : se connaître — 15/03/2027"
    assert reader.metadata.author == "Organisme test"
    assert reader.metadata.subject == "Émargement par demi-journée — Formation des intervenants-pairs"
    for expected in (
        "Feuille d'émargement",
        "Formation : Formation des intervenants-pairs",
        "Module : Séance 1 : se connaître",
        "Date : 15/03/2027",
        "09:00 à 17:00",
        "Maison des associations",
        "Organisme de formation : Organisme test",
        "Matin (09:00–13:00)",
        "Après-midi (13:00–17:00)",
        "Samia Haddad",
        "Éloïse Béranger",
        "Karim Diallo",
        "Confirmation depuis son compte",
        "Nom saisi : « Éloïse Béranger »",
        "30 min manquées",
        "Absence justifiée",
        "Motif : Rendez-vous MDPH",
        "Attestation de la personne d'accompagnement par Luc Martin (Communication alternative)",
        "Formateurs : Fanny Roux, Pascal Lemoine",
        "Matin : contresigné par Fanny Roux le 15/03/2027 13:00",
        "Après-midi : contresigné par Pascal Lemoine le 15/03/2027 17:05",
    ):
        assert expected in text, expected
    # Rows in name order, each ending with its hours: Éloïse 4 h − 30 min, Karim the attested
    # afternoon only, Samia the whole day.
    assert re.search(r"Éloïse Béranger .*? 3 h 30 Karim Diallo .*? 4 h Samia Haddad .*? 8 h Formateurs", text)


def test_drawn_signature_is_embedded_as_an_image_and_french_text_uses_the_standard_fonts(signed_day):
    session = session_for_sheet(signed_day["session"].pk)
    reader, text = read(attendance_sheet_pdf(attendance_sheet(session)))
    page = reader.pages[0]
    assert len(page.images) == 1
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert {font["/BaseFont"] for font in fonts} == {"/Helvetica", "/Helvetica-Bold"}
    assert all(font["/Encoding"] == "/WinAnsiEncoding" for font in fonts)
    assert "Éloïse Béranger" in text


def test_a_name_outside_the_standard_fonts_embeds_a_truetype_font_in_the_sheet(signed_day):
    trainee = User.objects.get(first_name="Éloïse")
    trainee.first_name = "Łucja"
    trainee.save(update_fields=["first_name"])
    session = session_for_sheet(signed_day["session"].pk)
    reader, text = read(attendance_sheet_pdf(attendance_sheet(session)))
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and all("Vera" in str(font["/BaseFont"]) for font in fonts)
    assert all("/FontFile2" in font["/FontDescriptor"].get_object() for font in fonts)
    assert "Łucja Béranger" in text


def test_sheet_pdf_view_for_the_trainer(client, signed_day):
    client.force_login(signed_day["trainer"])
    response = client.get(f"/emargement/seances/{signed_day['session'].pk}/feuille.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="emargement-2027-03-15-' in response["Content-Disposition"]
    _reader, text = read(response.content)
    assert "Karim Diallo" in text
