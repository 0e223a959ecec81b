"""Attendance in the data export and the erasure: rows kept by law, names, drawn signatures and
free-text reasons gone, archived sheets rendered again with the pseudonym, all or nothing."""

import datetime
import io
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from pypdf import PdfReader

from lms.attendance import services
from lms.attendance.factories import signature_png_data_url
from lms.attendance.models import (
    Amendment,
    AttendanceRecord,
    AttendanceSheetArchive,
    AttendanceStatus,
    CatchUp,
    Signature,
    SignatureMethod,
)
from lms.attendance.privacy import ERASED_TEXT
from lms.cohorts.models import HalfDay
from lms.people import privacy
from lms.people.models import Role
from tests.attendance.conftest import DAY, at, make_session

pytestmark = pytest.mark.django_db

NEXT_DAY = DAY + datetime.timedelta(days=1)


@pytest.fixture
def day(world, django_capture_on_commit_callbacks):
    """Two signed and archived sessions. Samia: drawn signature then late (corrected), excused in the
    afternoon, typed name the next day. Éloïse: typed name, then left early "to take Samia home".
    Karim: attested by his support person, then by the trainer."""
    session, trainer = world["session"], world["trainer"]
    samia, eloise, karim = world["trainees"]
    second = make_session(world["course"], world["group"], day=NEXT_DAY, end=(12, 0), title="Séance 2 : transmettre")
    with django_capture_on_commit_callbacks(execute=True):
        morning = services.open_slot(session, HalfDay.MORNING, by=trainer, now=at(9))
        afternoon = services.open_slot(session, HalfDay.AFTERNOON, by=trainer, now=at(13))
        services.sign(
            morning, samia, SignatureMethod.DRAWN, by=samia, image_data_url=signature_png_data_url(), now=at(9, 2)
        )
        services.sign(
            morning, eloise, SignatureMethod.TYPED_NAME, by=eloise, typed_name="Éloïse Béranger", now=at(9, 3)
        )
        services.sign(
            morning,
            karim,
            SignatureMethod.SUPPORT_ATTESTATION,
            by=trainer,
            attester_name="Luc Martin",
            reason="Communication alternative",
            now=at(9, 10),
        )
        services.set_status(
            afternoon, samia, AttendanceStatus.EXCUSED, by=trainer, reason="Rendez-vous MDPH", now=at(13)
        )
        services.sign(afternoon, eloise, SignatureMethod.ONE_TAP, by=eloise, now=at(13, 5))
        services.sign(
            afternoon, karim, SignatureMethod.TRAINER_ATTESTATION, by=trainer, reason="Tablette en panne", now=at(13, 6)
        )
        services.close_slot(morning, by=trainer, now=at(13))
        services.close_slot(afternoon, by=trainer, now=at(17))
        services.amend(
            morning, samia, by=trainer, status=AttendanceStatus.LATE, minutes_missed=20, reason="Bus adapté en retard"
        )
        services.amend(
            afternoon,
            eloise,
            by=trainer,
            status=AttendanceStatus.LEFT_EARLY,
            minutes_missed=30,
            reason="Partie raccompagner Samia Haddad",
        )
        peer = world["peer_trainer"]
        next_morning = services.open_slot(second, HalfDay.MORNING, by=peer, now=at(9, day=NEXT_DAY))
        for trainee in (eloise, karim):
            services.sign(next_morning, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(9, 5, day=NEXT_DAY))
        services.sign(
            next_morning, samia, SignatureMethod.TYPED_NAME, by=samia, typed_name="Samia Haddad", now=at(9, 6, NEXT_DAY)
        )
        services.close_slot(next_morning, by=peer, now=at(12, day=NEXT_DAY))
    return {**world, "second": second}


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, email="admin@test.fr")


def attendance_section(user) -> dict:
    export = privacy.export_personal_data(user)
    json.dumps(export, cls=DjangoJSONEncoder)  # the JSON download must serialise it
    return next(section for section in export["sections"] if section["name"] == "attendance")["data"]


def archive_text(session) -> tuple[str, int]:
    """The archived sheet's text (whitespace collapsed) and its number of embedded images."""
    archive = AttendanceSheetArchive.objects.get(session=session)
    with archive.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return text, sum(len(page.images) for page in reader.pages)


def test_the_export_holds_attendance_signatures_corrections_and_catch_ups(day):
    data = attendance_section(day["trainees"][0])
    morning, afternoon, next_morning = data["présences"]
    assert (morning["date"], morning["demi-journée"], morning["statut"]) == (DAY, "Matin", "En retard")
    assert morning["minutes_manquées"] == 20
    assert morning["signature"]["mode"] == "Signature dessinée"
    assert morning["signature"]["signature_dessinée_conservée"] is True
    assert morning["corrections"] == [
        {
            "date": morning["corrections"][0]["date"],
            "modification": "Présent → En retard (20 min)",
            "motif": "Bus adapté en retard",
        }
    ]
    assert (afternoon["statut"], afternoon["motif"], afternoon["signature"]) == (
        "Absence justifiée",
        "Rendez-vous MDPH",
        None,
    )
    assert next_morning["séance"] == "Séance 2 : transmettre"
    assert next_morning["signature"]["nom_saisi"] == "Samia Haddad"
    assert [item["séance"] for item in data["rattrapages"]] == ["Séance 1 : se connaître"]
    assert "en_tant_que_formateur" not in data

    karim = attendance_section(day["trainees"][2])
    assert karim["présences"][0]["signature"]["attestée_par"] == "Luc Martin"
    assert karim["présences"][0]["signature"]["motif_de_l'attestation"] == "Communication alternative"


def test_the_export_of_a_trainer_only_counts_what_they_did(day):
    data = attendance_section(day["trainer"])
    assert data["présences"] == [] and data["rattrapages"] == []
    assert data["en_tant_que_formateur"] == {
        "créneaux_ouverts": 2,
        "créneaux_contresignés": 2,
        "présences_attestées": 2,
        "corrections_faites": 2,
        "supports_de_séance_ajoutés": 0,
    }


def test_erasure_keeps_the_rows_but_removes_the_signature_file_the_names_and_the_reasons(
    day, admin, django_capture_on_commit_callbacks
):
    samia, eloise, karim = day["trainees"]
    drawn = Signature.objects.get(record__trainee=samia, method=SignatureMethod.DRAWN)
    image_name, storage = drawn.image.name, drawn.image.storage
    assert storage.exists(image_name)

    with django_capture_on_commit_callbacks(execute=True):
        pseudonym = privacy.erase_person(samia, by=admin)

    records = AttendanceRecord.objects.filter(trainee=samia).order_by("slot__session__date", "slot__half_day")
    assert [(r.status, r.minutes_missed) for r in records] == [
        (AttendanceStatus.EXCUSED, 0),
        (AttendanceStatus.LATE, 20),
        (AttendanceStatus.PRESENT, 0),
    ]
    drawn.refresh_from_db()
    assert drawn.method == SignatureMethod.DRAWN and not drawn.image
    assert not storage.exists(image_name)
    assert Signature.objects.get(record__trainee=samia, method=SignatureMethod.TYPED_NAME).typed_name == pseudonym
    assert records[0].reason == ERASED_TEXT
    amendment = Amendment.objects.get(record__trainee=samia)
    assert (amendment.change, amendment.reason) == ("Présent → En retard (20 min)", ERASED_TEXT)
    assert CatchUp.objects.filter(trainee=samia).count() == 1
    # Classmates keep their own data; only the mention of Samia's name in their texts changes.
    assert Amendment.objects.get(record__trainee=eloise).reason == f"Partie raccompagner {pseudonym}"
    assert Signature.objects.get(record__trainee=eloise, method=SignatureMethod.TYPED_NAME).typed_name == (
        "Éloïse Béranger"
    )
    support = Signature.objects.get(record__trainee=karim, method=SignatureMethod.SUPPORT_ATTESTATION)
    assert (support.attester_name, support.attestation_reason) == ("Luc Martin", "Communication alternative")
    assert Signature.objects.get(record__trainee=karim, method=SignatureMethod.TRAINER_ATTESTATION).attester_name == (
        "Fanny Roux"
    )


def test_erasure_renders_the_archived_sheets_again_with_the_pseudonym(day, admin, django_capture_on_commit_callbacks):
    samia = day["trainees"][0]
    before = {archive.session_id: archive.file.name for archive in AttendanceSheetArchive.objects.all()}
    text, images = archive_text(day["session"])
    assert "Samia Haddad" in text and "Rendez-vous MDPH" in text and images == 1

    with django_capture_on_commit_callbacks(execute=True):
        pseudonym = privacy.erase_person(samia, by=admin)

    for session in (day["session"], day["second"]):
        archive = AttendanceSheetArchive.objects.get(session=session)
        assert archive.file.name != before[session.pk]
        assert not archive.file.storage.exists(before[session.pk])
        text, images = archive_text(session)
        assert pseudonym in text
        assert "Haddad" not in text and "Samia" not in text
        assert "Éloïse Béranger" in text and "Karim Diallo" in text
    text, images = archive_text(day["session"])
    assert images == 0  # Samia's drawn signature was the only image
    assert "Rendez-vous MDPH" not in text and "Bus adapté" not in text
    assert "par Luc Martin (Communication alternative)" in text


def test_the_sheet_pdf_view_still_works_after_the_erasure(client, day, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pseudonym = privacy.erase_person(day["trainees"][0], by=admin)
    client.force_login(day["trainer"])
    response = client.get(f"/emargement/seances/{day['session'].pk}/feuille.pdf")
    assert response.status_code == 200
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert pseudonym in text and "Samia Haddad" not in text
    assert "Signature dessinée" in text
    # The drawn image itself is gone: its address answers "not found".
    signature = Signature.objects.get(record__trainee=day["trainees"][0], method=SignatureMethod.DRAWN)
    assert client.get(reverse("attendance:signature_image", args=[signature.pk])).status_code == 404


def test_erasing_a_trainer_replaces_their_name_where_they_attested_and_countersigned(
    day, admin, django_capture_on_commit_callbacks
):
    karim = day["trainees"][2]
    with django_capture_on_commit_callbacks(execute=True):
        pseudonym = privacy.erase_person(day["trainer"], by=admin)
    attested = Signature.objects.get(record__trainee=karim, method=SignatureMethod.TRAINER_ATTESTATION)
    assert attested.attester_name == pseudonym and attested.attestation_reason == "Tablette en panne"
    text, _images = archive_text(day["session"])
    assert "Fanny Roux" not in text
    assert f"contresigné par {pseudonym}" in text
    assert "Samia Haddad" in text  # the trainees stay as they were
    text, _images = archive_text(day["second"])
    assert "Fanny Roux" not in text and "Pascal Lemoine" in text


def test_a_failed_erasure_keeps_the_signature_file_the_names_and_the_archived_sheet(
    day, admin, django_capture_on_commit_callbacks
):
    samia = day["trainees"][0]
    drawn = Signature.objects.get(record__trainee=samia, method=SignatureMethod.DRAWN)
    archive_name = AttendanceSheetArchive.objects.get(session=day["session"]).file.name

    def failing_eraser(user, pseudonym):
        raise RuntimeError("panne d'un autre module")

    privacy.register("test_failing", label="Panne", eraser=failing_eraser, order=999)
    try:
        with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
            privacy.erase_person(samia, by=admin)
    finally:
        privacy.unregister("test_failing")

    image_name = drawn.image.name
    drawn.refresh_from_db()
    assert drawn.image.name == image_name and drawn.image.storage.exists(image_name)
    assert Signature.objects.get(record__trainee=samia, method=SignatureMethod.TYPED_NAME).typed_name == "Samia Haddad"
    assert AttendanceRecord.objects.get(trainee=samia, reason__startswith="Rendez-vous").reason == "Rendez-vous MDPH"
    assert Amendment.objects.get(record__trainee=samia).reason == "Bus adapté en retard"
    archive = AttendanceSheetArchive.objects.get(session=day["session"])
    assert archive.file.name == archive_name and archive.file.storage.exists(archive_name)
    assert "Samia Haddad" in archive_text(day["session"])[0]
    samia.refresh_from_db()
    assert samia.get_full_name() == "Samia Haddad"
