"""Both documents' wording and figures read back from the PDFs, their metadata and font, and the QR
code decoded back to the verification URL."""

import datetime

import pytest
import time_machine
from django.conf import settings

from lms.attendance.models import AttendanceStatus
from lms.certificates import selectors
from lms.certificates.services import IssuingContext, issue_certificate
from tests.certificates.conftest import attend, catch_up, evaluate, hand_in
from tests.certificates.pdf_tools import fonts, qr_text, reader, text_of, xobjects

pytestmark = pytest.mark.django_db


def issue(world, trainee):
    completion = selectors.group_completion(world.group)
    certificate, created = issue_certificate(IssuingContext(world.group, completion), completion.status_of(trainee))
    assert created
    return certificate


# Issued on the 1st of a month (10:00 in Paris), so the date reads « 1er juillet 2026 ».
@time_machine.travel(datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC), tick=False)
def test_certificat_de_realisation_follows_the_ministry_model(world):
    certificate = issue(world, world.alice)
    pdf = reader(certificate.realisation_pdf)
    text = text_of(pdf)
    assert "CERTIFICAT DE RÉALISATION" in text
    assert (
        "Je soussigné(e) Odile Perrin, représentant légal du dispensateur de l'action concourant au "
        "développement des compétences Organisme test, atteste que : Alice Bérénger "
        "a suivi l'action : Formation des intervenants-pairs"
    ) in text
    assert "Nature de l'action concourant au développement des compétences : X action de formation" in text
    for unchecked in (
        "bilan de compétences",
        "action de validation des acquis de l'expérience",
        "action de formation par apprentissage",
    ):
        assert unchecked in text and f"X {unchecked}" not in text
    assert "qui s'est déroulée du 2 mars 2026 au 1er juin 2026 pour une durée de 19 h." in text
    assert "je m'engage à conserver l'ensemble des pièces justificatives" in text
    assert "pendant une durée de 3 ans à compter de la fin de l'année du dernier paiement" in text
    assert "Fait à : Lyon Le : 1er juillet 2026" in text
    assert "Cachet et signature du responsable du dispensateur de formation" in text
    assert certificate.verification_url in text and certificate.code in text
    # The stamp and the signature are drawn as images.
    images = [obj for obj in xobjects(pdf.pages[0]).values() if obj["/Subtype"] == "/Image"]
    assert len(images) == 2


def test_hours_are_the_signed_attended_half_days_not_the_caught_up_ones(world):
    bob = world.bob
    attend(world.sessions[0], bob)
    attend(world.sessions[1], bob, status=AttendanceStatus.ABSENT)
    attend(world.sessions[2], bob, status=AttendanceStatus.LEFT_EARLY, minutes_missed=30)
    catch_up(world.sessions[1], bob)
    hand_in(world, bob)
    evaluate(world, bob)
    certificate = issue(world, bob)
    assert str(certificate.hours) == "10.50"
    assert "pour une durée de 10 h 30." in text_of(reader(certificate.realisation_pdf))


def test_attestation_lists_the_action_objectives_and_evaluation_results(world):
    certificate = issue(world, world.alice)
    text = text_of(reader(certificate.attestation_pdf))
    assert "ATTESTATION DE FIN DE FORMATION" in text
    assert "Organisme test atteste que Alice Bérénger a suivi la formation : Formation des intervenants-pairs" in text
    assert "Nature de l'action : action de formation (article L. 6313-1 du code du travail)" in text
    assert "Dates : du 2 mars 2026 au 1er juin 2026" in text
    assert "Durée : 19 h réalisées, pour une durée prévue de 19 h." in text
    assert "Objectifs de la formation" in text
    first = world.objectives[0]
    assert f"{first.code} — {' '.join(first.wording.split())}" in text
    assert "Résultats de l'évaluation des acquis" in text
    assert f"{' '.join(first.wording.split())} : Acquis" in text
    assert "Fait à : Lyon" in text


def test_pdfs_carry_metadata_language_and_standard_fonts_for_french_text(world):
    """French text fits the standard fonts: nothing embedded, accents extract through WinAnsi."""
    certificate = issue(world, world.alice)
    for field, title in (
        (certificate.realisation_pdf, "Certificat de réalisation"),
        (certificate.attestation_pdf, "Attestation de fin de formation"),
    ):
        pdf = reader(field)
        assert pdf.metadata.title == f"{title} — Alice Bérénger"
        assert pdf.metadata.author == "Organisme test"
        assert "Formation des intervenants-pairs" in pdf.metadata.subject
        assert pdf.trailer["/Root"]["/Lang"] == "fr-FR"
        used = fonts(pdf.pages[0])
        assert {font["/BaseFont"] for font in used} == {"/Helvetica", "/Helvetica-Bold"}
        assert all(font["/Encoding"] == "/WinAnsiEncoding" for font in used)
        assert "Alice Bérénger" in pdf.pages[0].extract_text()


def test_a_name_outside_the_standard_fonts_embeds_a_truetype_font(world):
    world.bob.first_name, world.bob.last_name = "Łukasz", "Čapek"
    world.bob.save(update_fields=["first_name", "last_name"])
    hand_in(world, world.bob)
    evaluate(world, world.bob)
    for session in world.sessions:
        attend(session, world.bob)
    certificate = issue(world, world.bob)
    for field in (certificate.realisation_pdf, certificate.attestation_pdf):
        pdf = reader(field)
        for font in fonts(pdf.pages[0]):
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor, font
            assert "BitstreamVeraSans" in font["/BaseFont"]
        assert "Łukasz Čapek" in pdf.pages[0].extract_text()


def test_qr_code_decodes_to_the_verification_url(world):
    certificate = issue(world, world.alice)
    assert certificate.verification_url == f"{settings.SITE_BASE_URL}/certificats/verifier/{certificate.code}/"
    for field in (certificate.realisation_pdf, certificate.attestation_pdf):
        pdf = reader(field)
        assert qr_text(pdf.pages[0], pdf) == [certificate.verification_url]


def test_codes_are_unguessable_and_distinct(world):
    hand_in(world, world.bob)
    evaluate(world, world.bob)
    for session in world.sessions:
        attend(session, world.bob)
    first, second = issue(world, world.alice), issue(world, world.bob)
    assert first.code != second.code
    assert len(first.code.replace("-", "")) == 20  # 100 random bits in base32
