"""Statuses, the trainer's countersignature closing a slot, logged amendments, attended hours."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lms.attendance import services
from lms.attendance.models import Amendment, AttendanceRecord, AttendanceStatus, CatchUp, SignatureMethod
from lms.attendance.selectors import attended_hours, attended_hours_by_trainee
from lms.cohorts.models import HalfDay
from tests.attendance.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def morning(world):
    return services.open_slot(world["session"], HalfDay.MORNING, by=world["trainer"], now=at(9))


def test_excused_absence_needs_a_reason_and_opens_a_catch_up(world, morning):
    trainee = world["trainees"][0]
    with pytest.raises(ValidationError) as error:
        services.set_status(morning, trainee, AttendanceStatus.EXCUSED, by=world["trainer"], now=at(9, 30))
    assert error.value.messages == ["Indiquez le motif de l'absence justifiée."]
    record = services.set_status(
        morning, trainee, AttendanceStatus.EXCUSED, by=world["trainer"], reason="Rendez-vous médical", now=at(9, 30)
    )
    assert record.reason == "Rendez-vous médical"
    assert CatchUp.objects.get(trainee=trainee).session == world["session"]


def test_a_signed_trainee_cannot_be_noted_absent(world, morning):
    trainee = world["trainees"][0]
    services.sign(morning, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(9, 5))
    with pytest.raises(ValidationError) as error:
        services.set_status(morning, trainee, AttendanceStatus.ABSENT, by=world["trainer"], now=at(9, 30))
    assert error.value.messages == ["Cette personne a signé ce créneau : elle ne peut pas être notée absente."]


def test_minutes_missed_cannot_exceed_the_slot(world, morning):
    with pytest.raises(ValidationError) as error:
        services.set_status(
            morning, world["trainees"][0], AttendanceStatus.LATE, by=world["trainer"], minutes_missed=300, now=at(10)
        )
    assert error.value.messages == ["Le nombre de minutes manquées dépasse la durée du créneau."]


def test_only_leaders_set_statuses_and_close(world, morning, make_user):
    from lms.people.models import Role

    other_trainer = make_user(Role.TRAINER)
    with pytest.raises(PermissionDenied):
        services.set_status(morning, world["trainees"][0], AttendanceStatus.ABSENT, by=other_trainer, now=at(10))
    with pytest.raises(PermissionDenied):
        services.close_slot(morning, by=world["trainees"][0], now=at(13))


def test_closing_before_the_slot_starts_is_refused(world):
    slot = services.open_slot(world["session"], HalfDay.MORNING, by=world["trainer"], now=at(8, 40))
    with pytest.raises(ValidationError) as error:
        services.close_slot(slot, by=world["trainer"], now=at(8, 50))
    assert error.value.messages == ["Le créneau n'a pas commencé : il ne peut pas encore être contresigné."]


def test_closing_notes_unsigned_trainees_absent_and_opens_their_catch_up(world, morning):
    signed, late_unsigned, missing = world["trainees"]
    services.sign(morning, signed, SignatureMethod.ONE_TAP, by=signed, now=at(9, 5))
    slot = services.close_slot(morning, by=world["peer_trainer"], now=at(13, 2))
    assert slot.closed_by == world["peer_trainer"] and slot.closed_at == at(13, 2)
    statuses = dict(AttendanceRecord.objects.filter(slot=slot).values_list("trainee__last_name", "status"))
    assert statuses == {"Haddad": "present", "Béranger": "absent", "Diallo": "absent"}
    assert set(CatchUp.objects.values_list("trainee__last_name", flat=True)) == {"Béranger", "Diallo"}
    with pytest.raises(ValidationError) as error:
        services.close_slot(slot, by=world["trainer"], now=at(13, 5))
    assert error.value.messages == ["Ce créneau est déjà clos."]


def test_closing_keeps_a_trainee_noted_late_as_late_with_the_minutes_missed(world, morning):
    signed, late_unsigned, missing = world["trainees"]
    services.sign(morning, signed, SignatureMethod.ONE_TAP, by=signed, now=at(9, 5))
    services.set_status(
        morning, late_unsigned, AttendanceStatus.LATE, by=world["trainer"], minutes_missed=30, now=at(9, 30)
    )
    services.close_slot(morning, by=world["trainer"], now=at(13, 2))
    record = AttendanceRecord.objects.select_related("signature").get(slot=morning, trainee=late_unsigned)
    assert (record.status, record.minutes_missed) == ("late", 30)
    # The trainer's countersignature attests the presence they noted.
    assert record.signature.method == SignatureMethod.TRAINER_ATTESTATION
    assert record.signature.recorded_by == world["trainer"]
    assert attended_hours(late_unsigned, world["group"]) == morning.hours - Decimal("0.5")
    # No catch-up for someone who was there; the one who never came gets one.
    assert set(CatchUp.objects.values_list("trainee__last_name", flat=True)) == {missing.last_name}


def test_a_closed_slot_cannot_be_edited_nor_reopened(world, morning):
    services.close_slot(morning, by=world["trainer"], now=at(13))
    with pytest.raises(ValidationError) as error:
        services.set_status(morning, world["trainees"][0], AttendanceStatus.PRESENT, by=world["trainer"], now=at(13, 5))
    assert error.value.messages == ["Ce créneau est clos : faites une correction motivée."]
    with pytest.raises(ValidationError) as error:
        services.open_slot(world["session"], HalfDay.MORNING, by=world["trainer"], now=at(13, 5))
    assert error.value.messages == ["Ce créneau est déjà clos : il ne peut plus être rouvert."]


def test_amendment_is_logged_with_who_when_what_and_why(world, morning):
    trainee = world["trainees"][1]
    services.close_slot(morning, by=world["trainer"], now=at(13))
    amendment = services.amend(
        morning,
        trainee,
        by=world["trainer"],
        status=AttendanceStatus.LEFT_EARLY,
        minutes_missed=60,
        reason="Feuille papier signée retrouvée",
        now=at(18),
    )
    assert amendment.amended_by == world["trainer"] and amendment.amended_at == at(18)
    assert amendment.change == "Absent → Parti plus tôt (60 min)"
    assert amendment.reason == "Feuille papier signée retrouvée"
    assert AttendanceRecord.objects.get(slot=morning, trainee=trainee).status == "left_early"
    # 4 h morning, 60 minutes missed: the amended presence counts without a signature.
    assert attended_hours(trainee, world["group"]) == Decimal("3.00")


def test_amendments_need_a_reason_a_change_and_a_closed_slot(world, morning):
    trainee = world["trainees"][1]
    with pytest.raises(ValidationError) as error:
        services.amend(morning, trainee, by=world["trainer"], status="present", reason="x", now=at(12))
    assert error.value.messages == ["Ce créneau est encore ouvert : modifiez directement le statut."]
    services.close_slot(morning, by=world["trainer"], now=at(13))
    with pytest.raises(ValidationError) as error:
        services.amend(morning, trainee, by=world["trainer"], status="present", reason="  ", now=at(14))
    assert error.value.messages == ["Indiquez le motif de la correction."]
    with pytest.raises(ValidationError) as error:
        services.amend(morning, trainee, by=world["trainer"], status="absent", reason="rien", now=at(14))
    assert error.value.messages == ["Rien ne change : choisissez un autre statut."]
    with pytest.raises(PermissionDenied):
        services.amend(morning, trainee, by=trainee, status="present", reason="moi", now=at(14))
    assert not Amendment.objects.exists()


def test_attended_hours_count_signed_slots_minus_minutes_missed(world):
    session, trainer = world["session"], world["trainer"]
    first, second, third = world["trainees"]
    morning = services.open_slot(session, HalfDay.MORNING, by=trainer, now=at(9))
    afternoon = services.open_slot(session, HalfDay.AFTERNOON, by=trainer, now=at(13))
    services.sign(morning, first, SignatureMethod.ONE_TAP, by=first, now=at(9, 1))
    services.sign(afternoon, first, SignatureMethod.ONE_TAP, by=first, now=at(13, 1))
    services.set_status(morning, second, AttendanceStatus.LATE, by=trainer, minutes_missed=30, now=at(9, 30))
    services.sign(morning, second, SignatureMethod.TYPED_NAME, by=second, typed_name="Éloïse B", now=at(9, 31))
    # Noted present but never signed: does not count.
    services.set_status(afternoon, third, AttendanceStatus.PRESENT, by=trainer, now=at(13, 30))
    assert attended_hours(first, world["group"]) == Decimal("8.00")
    assert attended_hours(second, world["group"]) == Decimal("3.50")
    assert attended_hours(third, world["group"]) == Decimal("0")
    assert attended_hours_by_trainee(world["group"]) == {
        first.pk: Decimal("8.00"),
        second.pk: Decimal("3.50"),
        third.pk: Decimal("0"),
    }


def test_a_trainee_noted_absent_then_present_keeps_no_catch_up(world, morning):
    trainee = world["trainees"][0]
    services.set_status(morning, trainee, AttendanceStatus.ABSENT, by=world["trainer"], now=at(9, 10))
    assert CatchUp.objects.filter(trainee=trainee).exists()
    services.set_status(morning, trainee, AttendanceStatus.LATE, by=world["trainer"], minutes_missed=25, now=at(9, 25))
    assert not CatchUp.objects.filter(trainee=trainee).exists()


def test_the_signed_sheet_is_archived_when_the_last_half_day_closes_and_after_amendments(
    world, morning, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    from lms.attendance.models import AttendanceSheetArchive

    session, trainer = world["session"], world["trainer"]
    afternoon = services.open_slot(session, HalfDay.AFTERNOON, by=trainer, now=at(13))
    with django_capture_on_commit_callbacks(execute=True):
        services.close_slot(morning, by=trainer, now=at(13))
    assert not AttendanceSheetArchive.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.close_slot(afternoon, by=trainer, now=at(17))
    archive = AttendanceSheetArchive.objects.get(session=session)
    first_name = archive.file.name
    with archive.file.open("rb") as handle:
        assert "Samia Haddad" in PdfReader(handle).pages[0].extract_text()
    with django_capture_on_commit_callbacks(execute=True):
        services.amend(
            afternoon, world["trainees"][0], by=trainer, status=AttendanceStatus.EXCUSED, reason="Malade", now=at(18)
        )
    archive.refresh_from_db()
    assert archive.file.name != first_name and not archive.file.storage.exists(first_name)
    with archive.file.open("rb") as handle:
        assert "Motif : Malade" in " ".join(PdfReader(handle).pages[0].extract_text().split())
