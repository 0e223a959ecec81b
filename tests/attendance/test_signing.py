"""Opening a half-day slot, each way of signing it, and every refusal: early, late, closed, bulk."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from lms.attendance import services
from lms.attendance.factories import signature_png_data_url as png_data_url
from lms.attendance.models import AttendanceRecord, AttendanceStatus, Signature, SignatureMethod
from lms.cohorts.models import HalfDay
from tests.attendance.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def morning(world):
    return services.open_slot(world["session"], HalfDay.MORNING, by=world["trainer"], now=at(8, 45))


def test_trainer_opens_a_slot_which_starts_and_ends_at_the_session_times(world, morning):
    assert morning.opened_by == world["trainer"] and morning.opened_at == at(8, 45)
    assert morning.starts_at == at(9) and morning.ends_at == at(13)
    assert morning.is_open and not morning.is_closed


def test_peer_trainer_opens_the_afternoon(world):
    slot = services.open_slot(world["session"], HalfDay.AFTERNOON, by=world["peer_trainer"], now=at(13))
    assert slot.starts_at == at(13) and slot.ends_at == at(17)


def test_a_trainee_cannot_open_a_slot(world):
    with pytest.raises(PermissionDenied):
        services.open_slot(world["session"], HalfDay.MORNING, by=world["trainees"][0], now=at(9))


def test_opening_more_than_30_minutes_early_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.open_slot(world["session"], HalfDay.MORNING, by=world["trainer"], now=at(8, 20))
    assert error.value.messages == ["L'émargement s'ouvre au plus tôt 30 minutes avant le début du créneau."]


def test_a_morning_only_session_has_no_afternoon_slot(world):
    session = world["session"]
    session.end_time = session.start_time.replace(hour=12)
    session.save()
    with pytest.raises(ValidationError) as error:
        services.open_slot(session, HalfDay.AFTERNOON, by=world["trainer"], now=at(13))
    assert error.value.messages == ["Cette séance n'a pas de créneau sur cette demi-journée."]


def test_drawn_signature_is_stored_as_a_private_png(world, morning):
    trainee = world["trainees"][0]
    signature = services.sign(
        morning, trainee, SignatureMethod.DRAWN, by=trainee, image_data_url=png_data_url(), now=at(9, 5)
    )
    assert signature.method == "drawn" and signature.signed_at == at(9, 5)
    assert signature.image.name.startswith("private/attendance/signatures/")
    with signature.image.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    assert signature.record.status == AttendanceStatus.PRESENT


def test_one_tap_confirmation_from_own_account(world, morning):
    trainee = world["trainees"][0]
    signature = services.sign(morning, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(9))
    assert signature.method == "one_tap" and signature.recorded_by == trainee


def test_typed_name(world, morning):
    trainee = world["trainees"][1]
    signature = services.sign(
        morning, trainee, SignatureMethod.TYPED_NAME, by=trainee, typed_name="  Éloïse   Béranger ", now=at(10)
    )
    assert signature.typed_name == "Éloïse Béranger"


def test_trainer_attests_with_a_reason(world, morning):
    trainee = world["trainees"][2]
    signature = services.sign(
        morning,
        trainee,
        SignatureMethod.TRAINER_ATTESTATION,
        by=world["trainer"],
        reason="Ne peut pas tenir un stylet",
        now=at(9, 30),
    )
    assert signature.attester_name == "Fanny Roux"
    assert signature.attestation_reason == "Ne peut pas tenir un stylet"
    assert signature.recorded_by == world["trainer"]


def test_support_person_attests_through_the_trainer(world, morning):
    trainee = world["trainees"][2]
    signature = services.sign(
        morning,
        trainee,
        SignatureMethod.SUPPORT_ATTESTATION,
        by=world["peer_trainer"],
        attester_name="Luc Martin (accompagnant)",
        reason="Communication alternative",
        now=at(9, 30),
    )
    assert signature.method == "support_attestation"
    assert signature.attester_name == "Luc Martin (accompagnant)"


@pytest.mark.parametrize(
    ("method", "kwargs", "message"),
    [
        (SignatureMethod.DRAWN, {}, "Dessinez votre signature dans le cadre avant de valider."),
        (
            SignatureMethod.DRAWN,
            {"image_data_url": "data:image/png;base64,AAAA"},
            "La signature dessinée n'a pas pu être lue. Recommencez.",
        ),
        (SignatureMethod.TYPED_NAME, {"typed_name": " "}, "Écrivez votre prénom et votre nom."),
    ],
)
def test_incomplete_trainee_signatures_are_refused(world, morning, method, kwargs, message):
    trainee = world["trainees"][0]
    with pytest.raises(ValidationError) as error:
        services.sign(morning, trainee, method, by=trainee, now=at(9, 5), **kwargs)
    assert error.value.messages == [message]
    assert not Signature.objects.exists()


def test_attestations_need_a_reason_and_the_support_person_name(world, morning):
    trainee = world["trainees"][0]
    with pytest.raises(ValidationError) as error:
        services.sign(morning, trainee, SignatureMethod.TRAINER_ATTESTATION, by=world["trainer"], now=at(10))
    assert error.value.messages == ["Indiquez pourquoi la présence est attestée."]
    with pytest.raises(ValidationError) as error:
        services.sign(
            morning, trainee, SignatureMethod.SUPPORT_ATTESTATION, by=world["trainer"], reason="CAA", now=at(10)
        )
    assert error.value.messages == ["Indiquez le nom de la personne d'accompagnement."]


def test_a_trainee_cannot_attest_nor_sign_for_someone_else(world, morning):
    first, second = world["trainees"][:2]
    with pytest.raises(PermissionDenied):
        services.sign(morning, second, SignatureMethod.ONE_TAP, by=first, now=at(9, 5))
    with pytest.raises(PermissionDenied):
        services.sign(morning, second, SignatureMethod.TRAINER_ATTESTATION, by=first, reason="x", now=at(9, 5))


def test_signing_before_the_slot_starts_is_refused(world, morning):
    trainee = world["trainees"][0]
    with pytest.raises(ValidationError) as error:
        services.sign(morning, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(8, 59))
    assert error.value.messages == ["Trop tôt : la signature ouvre à 09:00."]


def test_signing_after_the_slot_ended_is_refused_to_the_trainee_but_the_trainer_may_attest(world, morning):
    trainee = world["trainees"][0]
    with pytest.raises(ValidationError) as error:
        services.sign(morning, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(13, 1))
    assert error.value.messages == ["Le créneau est terminé : demandez au formateur d'attester votre présence."]
    services.sign(
        morning, trainee, SignatureMethod.TRAINER_ATTESTATION, by=world["trainer"], reason="Oubli", now=at(13, 5)
    )


def test_signing_a_slot_that_is_not_open_is_refused(world):
    from lms.attendance.models import AttendanceSlot

    slot = AttendanceSlot.objects.create(session=world["session"], half_day=HalfDay.AFTERNOON)
    trainee = world["trainees"][0]
    with pytest.raises(ValidationError) as error:
        services.sign(slot, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(14))
    assert error.value.messages == ["L'émargement de ce créneau n'est pas encore ouvert."]


def test_signing_a_closed_slot_is_refused(world, morning):
    services.close_slot(morning, by=world["trainer"], now=at(12, 55))
    trainee = world["trainees"][0]
    with pytest.raises(ValidationError) as error:
        services.sign(morning, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(12, 58))
    assert error.value.messages == ["Ce créneau est clos : il n'est plus possible de signer."]


def test_signing_twice_is_refused(world, morning):
    trainee = world["trainees"][0]
    services.sign(morning, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(9, 5))
    with pytest.raises(ValidationError) as error:
        services.sign(morning, trainee, SignatureMethod.TYPED_NAME, by=trainee, typed_name="Samia", now=at(9, 6))
    assert error.value.messages == ["La présence est déjà signée pour ce créneau."]


def test_bulk_signing_of_several_slots_is_refused(world, morning):
    afternoon = services.open_slot(world["session"], HalfDay.AFTERNOON, by=world["trainer"], now=at(12, 45))
    trainee = world["trainees"][0]
    with pytest.raises(ValidationError) as error:
        services.sign([morning, afternoon], trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(13, 5))
    assert error.value.messages == ["Une signature vaut pour un seul créneau : signez chaque demi-journée séparément."]
    assert not Signature.objects.exists()


def test_someone_not_enrolled_cannot_sign(world, morning, make_user):
    from lms.people.models import Role

    outsider = make_user(Role.TRAINEE)
    with pytest.raises(ValidationError) as error:
        services.sign(morning, outsider, SignatureMethod.ONE_TAP, by=outsider, now=at(9, 5))
    assert error.value.messages == ["Cette personne n'est pas inscrite à cette séance."]


def test_withdrawn_trainees_cannot_sign(world, morning):
    trainee = world["trainees"][0]
    trainee.enrolments.update(status="withdrawn")
    with pytest.raises(ValidationError):
        services.sign(morning, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(9, 5))


def test_late_status_is_kept_when_the_trainee_signs(world, morning):
    trainee = world["trainees"][0]
    services.set_status(morning, trainee, AttendanceStatus.LATE, by=world["trainer"], minutes_missed=20, now=at(9, 20))
    signature = services.sign(morning, trainee, SignatureMethod.ONE_TAP, by=trainee, now=at(9, 21))
    record = AttendanceRecord.objects.get(pk=signature.record_id)
    assert record.status == AttendanceStatus.LATE and record.minutes_missed == 20


def test_what_the_trainer_is_told_on_opening_matches_what_the_trainee_can_do(client, world):
    trainer, trainee = world["trainer"], world["trainees"][0]
    session = world["session"]
    # Opened 20 minutes before the start: trainees are told the time, and the trainer the same.
    with time_machine.travel(at(8, 40), tick=False):
        client.force_login(trainer)
        response = client.post(
            f"/emargement/seances/{session.pk}/action/", {"action": "open", "half_day": "morning"}, follow=True
        )
        assert "les stagiaires pourront signer à partir de 09:00" in response.content.decode()
        assert "peuvent signer" not in response.content.decode()
        client.force_login(trainee)
        home = client.get("/mon-espace/").content.decode()
        assert "vous pourrez signer à partir de 09:00" in home
        slot = session.attendance_slots.get()
        assert f"/emargement/creneaux/{slot.pk}/signer/" not in home
        assert "La signature ouvre à 09:00." in client.get(f"/emargement/creneaux/{slot.pk}/signer/").content.decode()
        with pytest.raises(ValidationError) as error:
            services.sign(slot, trainee, SignatureMethod.ONE_TAP, by=trainee)
        assert error.value.messages == ["Trop tôt : la signature ouvre à 09:00."]
    # From the start, the trainer's page says trainees can sign, and they can.
    with time_machine.travel(at(9, 1), tick=False):
        client.force_login(trainer)
        page = client.get(f"/emargement/seances/{session.pk}/").content.decode()
        assert "les stagiaires peuvent signer jusqu&#x27;à 13:00" in page or "peuvent signer jusqu'à 13:00" in page
        client.force_login(trainee)
        assert f"/emargement/creneaux/{slot.pk}/signer/" in client.get("/mon-espace/").content.decode()
        services.sign(slot, trainee, SignatureMethod.ONE_TAP, by=trainee)


def test_a_slot_opened_after_its_start_can_be_signed_at_once(client, world):
    trainer, trainee = world["trainer"], world["trainees"][0]
    with time_machine.travel(at(9, 20), tick=False):
        client.force_login(trainer)
        response = client.post(
            f"/emargement/seances/{world['session'].pk}/action/", {"action": "open", "half_day": "morning"}, follow=True
        )
        assert "peuvent signer jusqu" in response.content.decode()
        slot = world["session"].attendance_slots.get()
        assert slot.signing_opens_at == at(9, 20)
        services.sign(slot, trainee, SignatureMethod.ONE_TAP, by=trainee)
