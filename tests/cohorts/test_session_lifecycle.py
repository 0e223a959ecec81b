"""A session's life after planning: edit, move, cancel, delete, with the kit's rules re-checked, the people
concerned told, calendars updated (same UID, higher SEQUENCE) and nothing signed ever lost."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lms.cohorts import services_sessions, tasks
from lms.cohorts.models import ConvocationLog, ScheduledSession, SessionChange
from lms.cohorts.services import issue_calendar_token
from lms.people.factories import TrainingOrganisationFactory
from lms.people.models import Role
from tests.cohorts.conftest import MONDAY, enrol_trainee
from tests.cohorts.test_pages import schedule_week

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Four weeks before the first session: every session of these tests is in the future.
NOW = datetime.datetime(2031, 2, 3, 10, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def session(world):
    enrol_trainee(world["ip_group"], world["trainee"])
    return schedule_week(world)


def sign_morning(session, trainee, *, countersigned=False):
    from lms.attendance.models import AttendanceRecord, AttendanceSlot, Signature, SignatureMethod

    slot = AttendanceSlot.objects.create(
        session=session,
        half_day="morning",
        opened_at=timezone.now(),
        closed_at=timezone.now() if countersigned else None,
    )
    record = AttendanceRecord.objects.create(slot=slot, trainee=trainee)
    Signature.objects.create(
        record=record, method=SignatureMethod.ONE_TAP, signed_at=timezone.now(), recorded_by=trainee
    )
    return slot


def feed_events(client, user):
    response = client.get(reverse("cohorts:calendar_feed", args=[issue_calendar_token(user=user).token]))
    return {str(event["uid"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}


# --- Services: rules, transaction, refusals ----------------------------------------------------


def test_moving_a_session_rechecks_the_kits_rules_and_saves_nothing_when_refused(world, session):
    schedule_week(world, weeks=1, page_index=2)
    sunday = MONDAY + datetime.timedelta(days=6)
    with pytest.raises(ValidationError) as refusal:
        services_sessions.update_session(session, actor=world["regional"], date=sunday)
    assert "ne peuvent pas avoir lieu des jours consécutifs" in " ".join(refusal.value.messages)
    session.refresh_from_db()
    assert (session.date, session.sequence) == (MONDAY, 0)
    assert not SessionChange.objects.exists()


def test_a_move_bumps_the_version_and_records_what_changed(world, session):
    wednesday = MONDAY + datetime.timedelta(days=2)
    moved, warnings, change = services_sessions.update_session(
        session,
        actor=world["regional"],
        reason="Salle indisponible.",
        date=wednesday,
        start_time=datetime.time(13, 30),
        end_time=datetime.time(17, 0),
        venue=world["venue2"],
    )
    moved.refresh_from_db()
    assert (moved.date, moved.sequence, moved.changed_at) == (wednesday, 1, NOW)
    assert change.kind == SessionChange.Kind.MOVED and change.changed_by == world["regional"]
    assert change.summary.splitlines() == [
        "Date : lundi 3 mars 2031 → mercredi 5 mars 2031",
        "Horaires : 09:30–15:30 → 13:30–17:00",
        "Lieu : Maison des associations (Lyon) → Centre social (Lyon)",
    ]
    assert isinstance(warnings, list)


def test_an_edit_of_the_leaders_is_not_a_move(world, session):
    _session, _warnings, change = services_sessions.update_session(
        session, actor=world["org_staff"], trainer=world["trainer2"]
    )
    assert change.kind == SessionChange.Kind.EDITED
    assert change.summary == "Formateur ou formatrice : Fanny Roux → " + str(world["trainer2"])


def test_nothing_changed_and_a_past_date_are_refused_in_french(world, session):
    with pytest.raises(ValidationError, match="Rien n'a changé"):
        services_sessions.update_session(session, actor=world["regional"], date=MONDAY)
    with pytest.raises(ValidationError) as refusal:
        services_sessions.update_session(session, actor=world["regional"], date=datetime.date(2031, 1, 6))
    assert refusal.value.message_dict == {"date": ["La nouvelle date est passée : choisissez une date à venir."]}


def test_only_those_who_manage_the_group_change_its_sessions(world, session, make_user):
    other_staff = make_user(Role.ORGANISATION_STAFF, organisation=TrainingOrganisationFactory(name="Autre OF"))
    for actor in (world["trainer"], world["national"], world["trainee"], other_staff):
        with pytest.raises(PermissionDenied):
            services_sessions.update_session(session, actor=actor, date=MONDAY + datetime.timedelta(days=2))
        with pytest.raises(PermissionDenied):
            services_sessions.cancel_session(session, actor=actor, reason="…")
    session.refresh_from_db()
    assert session.sequence == 0 and not session.is_cancelled


def test_cancelling_needs_a_reason_and_keeps_the_session_on_record(world, session):
    with pytest.raises(ValidationError) as refusal:
        services_sessions.cancel_session(session, actor=world["regional"], reason="  ")
    assert "Indiquez le motif" in refusal.value.message_dict["reason"][0]
    services_sessions.cancel_session(session, actor=world["regional"], reason="Formatrice malade.")
    session.refresh_from_db()
    assert session.is_cancelled and session.cancelled_at == NOW and session.sequence == 1
    assert session.cancellation_reason == "Formatrice malade."
    with pytest.raises(ValidationError, match="déjà annulée"):
        services_sessions.cancel_session(session, actor=world["regional"], reason="Encore.")
    with pytest.raises(ValidationError, match="annulée : elle ne peut plus être modifiée"):
        services_sessions.update_session(session, actor=world["regional"], venue=world["venue2"])


def test_a_cancelled_session_frees_its_day_for_another_session(world, session):
    services_sessions.cancel_session(session, actor=world["regional"], reason="Grève.")
    again = schedule_week(world, page_index=2)
    assert again.date == MONDAY


def test_signed_attendance_is_never_lost(world, session):
    sign_morning(session, world["trainee"])
    tuesday = MONDAY + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="ne peut pas être déplacée à une autre date"):
        services_sessions.update_session(session, actor=world["regional"], date=tuesday + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="supprimerait|supprimeraient"):
        services_sessions.update_session(session, actor=world["regional"], start_time=datetime.time(13, 30))
    with pytest.raises(ValidationError, match="ne peut pas être annulée"):
        services_sessions.cancel_session(session, actor=world["regional"], reason="Erreur.")
    with pytest.raises(ValidationError, match="ne peut pas être supprimée"):
        services_sessions.delete_session(session, actor=world["regional"])
    # The venue and the end time can still be corrected on the same day.
    services_sessions.update_session(session, actor=world["regional"], venue=world["venue2"])
    session.refresh_from_db()
    assert session.venue == world["venue2"] and session.attendance_slots.count() == 1


def test_a_countersigned_slot_protects_the_session_too(world, session):
    from lms.attendance.models import Signature

    sign_morning(session, world["trainee"], countersigned=True)
    Signature.objects.all().delete()
    with pytest.raises(ValidationError):
        services_sessions.cancel_session(session, actor=world["regional"], reason="Erreur.")


def test_deleting_is_only_for_a_session_nobody_was_told_about(world, session):
    tasks.send_convocation(session.pk, world["trainee"].pk, "d7")
    with pytest.raises(ValidationError, match="annulez-la plutôt"):
        services_sessions.delete_session(session, actor=world["regional"])
    other = schedule_week(world, weeks=2, page_index=2)
    services_sessions.delete_session(other, actor=world["regional"])
    assert not ScheduledSession.objects.filter(pk=other.pk).exists()


def test_a_cancelled_session_opens_no_attendance(world, session):
    from lms.attendance import services as attendance

    services_sessions.cancel_session(session, actor=world["regional"], reason="Grève.")
    session.refresh_from_db()
    with pytest.raises(ValidationError, match="annulée"):
        attendance.open_slot(session, "morning", by=world["trainer"], now=NOW + datetime.timedelta(days=28))


# --- People are told ---------------------------------------------------------------------------


def test_a_move_sends_each_trainee_a_new_convocation_and_each_leader_a_notice(
    world, session, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services_sessions.update_session(
            session, actor=world["regional"], reason="Salle en travaux.", date=MONDAY + datetime.timedelta(days=2)
        )
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"stagiaire@test.fr", "formatrice@test.fr", "pair@test.fr"}
    trainee_mail = by_recipient["stagiaire@test.fr"]
    assert trainee_mail.subject == "Séance modifiée — convocation : IP séance 2 le 05/03/2031"
    assert "Votre séance de formation EPoP a changé." in trainee_mail.body
    assert "- Date : lundi 3 mars 2031 → mercredi 5 mars 2031" in trainee_mail.body
    assert "Pourquoi : Salle en travaux." in trainee_mail.body
    assert "mercredi 5 mars 2031, de 09:30 à 15:30" in trainee_mail.body
    leader_mail = by_recipient["formatrice@test.fr"]
    assert leader_mail.subject == "Séance modifiée : IP séance 2 du 05/03/2031"
    assert "Les stagiaires sont prévenus par e-mail" in leader_mail.body
    log = ConvocationLog.objects.get()
    assert (log.kind, log.sequence, log.sent_by) == ("updated", 1, world["regional"])


def test_a_trainer_taken_off_the_session_is_told(world, session, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services_sessions.update_session(session, actor=world["regional"], trainer=world["trainer2"])
    assert "formateur2@test.fr" in {m.to[0] for m in mail.outbox}
    assert "formatrice@test.fr" in {m.to[0] for m in mail.outbox}


def test_a_cancellation_tells_everyone_why(world, session, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services_sessions.cancel_session(session, actor=world["regional"], reason="Formatrice malade.")
    trainee_mail = next(m for m in mail.outbox if m.to == ["stagiaire@test.fr"])
    assert trainee_mail.subject == "Séance annulée : IP séance 2 du 03/03/2031"
    assert "est annulée." in trainee_mail.body and "Formatrice malade." in trainee_mail.body
    html, _mimetype = trainee_mail.alternatives[0]
    assert '<html lang="fr">' in html
    assert any(
        m.subject == "Séance annulée : IP séance 2 du 03/03/2031" for m in mail.outbox if m.to[0] == "pair@test.fr"
    )
    assert ConvocationLog.objects.get().kind == "cancelled"
    # No automatic convocation for a cancelled session.
    assert tasks.queue_due_convocations(today=MONDAY - datetime.timedelta(days=7)) == 0


def test_automatic_convocations_go_again_for_the_new_date(world, session):
    assert tasks.queue_due_convocations(today=MONDAY - datetime.timedelta(days=7)) == 1
    services_sessions.update_session(session, actor=world["regional"], date=MONDAY + datetime.timedelta(days=2))
    assert tasks.queue_due_convocations(today=MONDAY + datetime.timedelta(days=2 - 7)) == 1
    assert ConvocationLog.objects.filter(kind="d7").count() == 2


def test_resending_one_or_all_convocations(world, session, django_capture_on_commit_callbacks):
    from lms.people.factories import UserFactory

    classmate = UserFactory(email="camarade@example.fr", last_name="Zola")
    enrol_trainee(world["ip_group"], classmate)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services_sessions.resend_convocations(session, actor=world["regional"], trainees=[classmate]) == 1
    assert [m.to for m in mail.outbox] == [["camarade@example.fr"]]
    assert "Voici de nouveau votre convocation" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert services_sessions.resend_convocations(session, actor=world["org_staff"]) == 2
    assert ConvocationLog.objects.filter(kind="resent").count() == 3
    assert ConvocationLog.objects.filter(kind="resent", sent_by=world["org_staff"]).count() == 2
    with pytest.raises(ValidationError, match="ne participe pas"):
        services_sessions.resend_convocations(session, actor=world["regional"], trainees=[world["trainer"]])
    with django_capture_on_commit_callbacks(execute=True):
        services_sessions.cancel_session(session, actor=world["regional"], reason="Grève.")
    with pytest.raises(ValidationError, match="annulée"):
        services_sessions.resend_convocations(session, actor=world["regional"])


# --- Calendars and plannings -------------------------------------------------------------------


def test_the_calendar_keeps_the_uid_with_a_higher_sequence_and_shows_cancellations(client, world, session):
    uid = f"seance-{session.pk}@epop-formations"
    event = feed_events(client, world["trainee"])[uid]
    assert event["sequence"] == 0 and str(event["status"]) == "CONFIRMED"
    services_sessions.update_session(session, actor=world["regional"], date=MONDAY + datetime.timedelta(days=2))
    event = feed_events(client, world["trainee"])[uid]
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == datetime.datetime(2031, 3, 5, 9, 30, tzinfo=PARIS)
    services_sessions.cancel_session(session, actor=world["regional"], reason="Grève des transports.")
    for person in (world["trainee"], world["trainer"]):
        event = feed_events(client, person)[uid]
        assert event["sequence"] == 2 and str(event["status"]) == "CANCELLED"
        assert "Grève des transports." in str(event["description"])


def test_plannings_show_the_change(client, world, session):
    other = schedule_week(world, weeks=2, page_index=2)
    services_sessions.update_session(session, actor=world["regional"], venue=world["venue2"])
    services_sessions.cancel_session(other, actor=world["regional"], reason="Grève des transports.")
    client.force_login(world["trainee"])
    html = client.get(reverse("cohorts:my_schedule")).content.decode()
    assert "(modifiée le 3 février)" in html
    assert "Séance annulée : Grève des transports." in html
    client.force_login(world["trainer"])
    html = client.get(reverse("cohorts:my_sessions")).content.decode()
    assert "Séance annulée : Grève des transports." in html


# --- Arrangement plans follow --------------------------------------------------------------------


def test_a_moved_sessions_bookings_are_to_reconfirm_and_a_cancelled_ones_to_cancel(client, world, session):
    from accessibility import services as accessibility
    from accessibility.models import ArrangementKind, ArrangementLine

    accessibility.give_consent(world["trainee"], actor=world["trainee"], accepted=True)
    accessibility.add_need(world["trainee"], actor=world["trainee"], kind=ArrangementKind.LSF)
    line = ArrangementLine.objects.filter(plan__session=session).first()
    accessibility.update_line(line, actor=world["regional"], status="confirmed", provider="Interprètes 69")
    services_sessions.update_session(session, actor=world["regional"], date=MONDAY + datetime.timedelta(days=2))
    line.refresh_from_db()
    assert line.status == "requested" and line.provider == "Interprètes 69" and line.still_needed
    assert "à reconfirmer auprès du prestataire" in line.notes
    services_sessions.cancel_session(session, actor=world["regional"], reason="Grève.")
    for line in ArrangementLine.objects.filter(plan__session=session):
        assert not line.still_needed and "annuler la réservation" in line.notes
    client.force_login(world["regional"])
    html = client.get(reverse("accessibility:session_plan", args=[session.pk])).content.decode()
    assert "Séance annulée : les aménagements réservés sont à annuler" in html
    # A later change of needs leaves the cancelled session's plan as it was.
    accessibility.add_need(world["trainee"], actor=world["trainee"], kind=ArrangementKind.OTHER, details="Table")
    assert not ArrangementLine.objects.filter(plan__session=session, still_needed=True).exists()
