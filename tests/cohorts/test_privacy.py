"""Applications, interviews, enrolments and convocations in a person's data export, and their
erasure: selection data goes (its deletion audited), enrolments and convocation logs stay, the
private calendar address stops working."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.cohorts import services, tasks
from lms.cohorts.models import (
    Application,
    CalendarToken,
    ConvocationLog,
    EngagementCharter,
    Enrolment,
    SelectionInterview,
)
from lms.cohorts.services import issue_calendar_token
from lms.people import privacy
from lms.people.models import AuditLogEntry
from tests.cohorts.test_pages import schedule_week
from tests.cohorts.test_selection import IP_GRID, RP_GRID

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    """Dates of applications, interviews and charters are checked against today: freeze it."""
    time_machine.move_to(datetime.datetime(2026, 9, 30, 10, 0, tzinfo=datetime.UTC), tick=False)


PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def section(user):
    export = privacy.export_personal_data(user)
    return next(s for s in export["sections"] if s["name"] == "cohorts")["data"]


def selected_referent(world, *, first_name, last_name, email, notes, employer="EHPAD Les Tilleuls"):
    """A referent's application, interview, signed charter (uploaded document) and enrolment."""
    application = services.submit_application(
        course=world["rp_course"],
        territory=world["territory"],
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone="06 12 34 56 78",
        employer_name=employer,
        job_title="Aide-soignante",
        motivation="Faire entendre la voix des personnes accompagnées.",
        interview_needs="Un entretien le matin.",
    )
    services.record_interview(
        application,
        interviewer=world["regional"],
        held_on=datetime.date(2026, 10, 1),
        decision="accepted",
        decision_reason="Projet porté par la direction.",
        notes=notes,
        **RP_GRID,
    )
    services.record_charter(
        application,
        recorded_by=world["regional"],
        employer_name=employer,
        signatory_name="Claire Dubois",
        signatory_role="Directrice",
        signed_on=datetime.date(2026, 9, 15),
        method=EngagementCharter.Method.DOCUMENT,
        document=SimpleUploadedFile("charte.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    application.refresh_from_db()
    # The e-mail is an existing account's: only an administrator links it.
    enrolment = services.enrol_application(application, world["rp_group"], actor=world["admin"])
    assert enrolment.status == Enrolment.Status.ENROLLED
    application.refresh_from_db()
    return application


@pytest.fixture
def selection(world, django_capture_on_commit_callbacks):
    """Samia applied twice: once for peer interveners (refused, never linked to her account), then
    as a referent (enrolled, convoked). Léo, a classmate, went through the same steps."""
    trainee = world["trainee"]
    refused = services.submit_application(
        course=world["ip_course"],
        territory=world["territory"],
        first_name="Samia",
        last_name="Haddad",
        email="Stagiaire@test.fr",
        motivation="Première candidature.",
    )
    services.record_interview(
        refused,
        interviewer=world["regional"],
        held_on=datetime.date(2026, 9, 30),
        decision="refused",
        decision_reason="Formation de référent plus adaptée.",
        notes="A parlé de son hospitalisation.",
        **{**IP_GRID, "ip_distance_from_experience": "no"},
    )
    mine = selected_referent(
        world, first_name="Samia", last_name="Haddad", email=trainee.email, notes="Très à l'aise, évoque sa surdité."
    )
    classmate = selected_referent(
        world, first_name="Léo", last_name="Petit", email="leo@test.fr", notes="Notes sur Léo.", employer="IME Soleil"
    )
    session = schedule_week(world, group="rp_group")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_convocation(session.pk, trainee.pk, "d7") is True
        assert tasks.send_convocation(session.pk, classmate.candidate_id, "d7") is True
    return {"refused": refused, "mine": mine, "classmate": classmate, "session": session}


def test_the_export_holds_applications_interviews_enrolments_and_convocations(world, selection):
    trainee = world["trainee"]
    data = section(trainee)
    # Only the application linked to the account: the other one merely bears the same address.
    [application] = data["candidatures"]
    assert application["prénom"] == "Samia" and application["téléphone"] == "06 12 34 56 78"
    assert application["structure_employeuse"] == "EHPAD Les Tilleuls" and application["fonction"] == "Aide-soignante"
    assert application["motivation"] == "Faire entendre la voix des personnes accompagnées."
    assert application["besoins_pour_l'entretien"] == "Un entretien le matin." and application["statut"] == "Inscrite"
    interview = application["entretien"]
    assert interview["décision"] == "Candidature retenue"
    assert interview["motif_de_la_décision"] == "Projet porté par la direction."
    assert interview["notes_d'entretien"] == "Très à l'aise, évoque sa surdité."
    assert {"critère": "implication de la direction", "appréciation": "Oui"} in interview["grille"]
    charter = application["charte_d'engagement"]
    assert charter["signataire"] == "Claire Dubois" and charter["document_déposé"] is True
    [enrolment] = data["inscriptions"]
    assert enrolment["groupe"] == "RP Rhône" and enrolment["statut"] == "Inscrit"
    [convocation] = data["convocations_envoyées"]
    assert convocation["séance"] == "RP séance 2" and convocation["envoi"] == "Sept jours avant"
    assert "Notes sur Léo." not in str(data) and "A parlé de son hospitalisation." not in str(data)
    # Reading the interview notes through the export is audited like any other reading.
    assert AuditLogEntry.objects.filter(
        action="read",
        actor=trainee,
        subject=trainee,
        record_type="cohorts.selectioninterview",
        record_id=str(selection["mine"].interview.pk),
    ).exists()


def test_erasure_deletes_selection_data_keeps_enrolment_and_convocations(
    client, world, selection, django_capture_on_commit_callbacks
):
    trainee, mine, refused = world["trainee"], selection["mine"], selection["refused"]
    classmate = selection["classmate"]
    interview_ids = [mine.interview.pk, refused.interview.pk]
    my_document, their_document = mine.charter.document, classmate.charter.document
    feed = reverse("cohorts:calendar_feed", args=[issue_calendar_token(user=trainee).token])
    assert client.get(feed).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        pseudonym = privacy.erase_person(trainee, by=world["admin"])
    # Both applications (the linked one and the one bearing her address), interviews and her charter.
    assert not Application.objects.filter(pk__in=[mine.pk, refused.pk]).exists()
    assert not SelectionInterview.objects.filter(pk__in=interview_ids).exists()
    assert not EngagementCharter.objects.filter(pk=mine.charter_id).exists()
    assert not my_document.storage.exists(my_document.name)
    # The enrolment and the convocation log stay (attendance, certificates, proof of convocation).
    enrolment = Enrolment.objects.get(trainee=trainee)
    assert enrolment.group == world["rp_group"] and enrolment.application is None
    assert ConvocationLog.objects.filter(trainee=trainee, session=selection["session"]).exists()
    # The private calendar address no longer answers.
    assert not CalendarToken.objects.filter(user=trainee).exists()
    assert client.get(feed).status_code == 404
    # Each interview deletion is audited, under the pseudonym; no audit label keeps her name.
    deletions = AuditLogEntry.objects.filter(action="delete", record_type="cohorts.selectioninterview")
    assert sorted(int(entry.record_id) for entry in deletions) == sorted(interview_ids)
    assert {entry.record_label for entry in deletions} == {f"Entretien — {pseudonym}"}
    assert not AuditLogEntry.objects.filter(record_label__icontains="Haddad").exists()
    # Léo's application, interview notes, charter and its document are untouched.
    classmate.refresh_from_db()
    assert classmate.first_name == "Léo" and classmate.interview.notes == "Notes sur Léo."
    assert classmate.charter.signatory_name == "Claire Dubois" and their_document.storage.exists(their_document.name)
    assert Enrolment.objects.filter(trainee=classmate.candidate).exists()


def test_a_charter_shared_with_another_application_stays(world, selection, django_capture_on_commit_callbacks):
    mine, classmate = selection["mine"], selection["classmate"]
    Application.objects.filter(pk=classmate.pk).update(charter=mine.charter)
    document = mine.charter.document
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_person(world["trainee"], by=world["admin"])
    assert EngagementCharter.objects.filter(pk=mine.charter_id).exists()
    assert document.storage.exists(document.name)


def test_erasing_the_interviewer_keeps_the_candidates_interviews(world, selection):
    regional = world["regional"]
    privacy.erase_person(regional, by=world["admin"])
    assert SelectionInterview.objects.filter(interviewer=regional).count() == 3
    assert Application.objects.count() == 3


def test_a_failing_eraser_leaves_the_selection_data(client, world, selection, django_capture_on_commit_callbacks):
    def failing_eraser(user, pseudonym):
        raise RuntimeError("panne d'un effaceur")

    trainee, mine = world["trainee"], selection["mine"]
    feed = reverse("cohorts:calendar_feed", args=[issue_calendar_token(user=trainee).token])
    privacy.register("failing", label="Effaceur en panne", eraser=failing_eraser, order=2000)
    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            privacy.erase_person(trainee, by=world["admin"])
    finally:
        privacy.unregister("failing")
    assert Application.objects.filter(pk__in=[mine.pk, selection["refused"].pk]).count() == 2
    assert SelectionInterview.objects.get(application=mine).notes == "Très à l'aise, évoque sa surdité."
    assert mine.charter.document.storage.exists(mine.charter.document.name)
    assert not AuditLogEntry.objects.filter(action="delete").exists()
    assert client.get(feed).status_code == 200
