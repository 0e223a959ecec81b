"""Applications, the kit's interview grid per audience, decisions and the engagement charter."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.cohorts import services
from lms.cohorts.factories import ApplicationFactory
from lms.cohorts.models import Application, EngagementCharter, Enrolment
from lms.cohorts.permissions import can_read_interview_notes, visible_applications
from lms.people.models import Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    """Dates of applications, interviews and charters are checked against today: freeze it."""
    time_machine.move_to(datetime.datetime(2026, 9, 30, 10, 0, tzinfo=datetime.UTC), tick=False)


IP_GRID = {
    "ip_adult_with_disability": "yes",
    "ip_distance_from_experience": "yes",
    "ip_motivation_to_share": "partly",
    "ip_commitment_to_attend": "yes",
}
RP_GRID = {
    "rp_institution_involvement": "yes",
    "rp_management_involvement": "yes",
    "rp_inclusive_approach": "yes",
    "rp_commitment_to_attend": "yes",
}


def accept(application, grid, *, held_on=datetime.date(2026, 10, 1)):
    return services.record_interview(
        application,
        interviewer=None,
        held_on=held_on,
        decision="accepted",
        decision_reason="Motivation claire.",
        notes="Parcours personnel évoqué en confiance.",
        **grid,
    )


def test_a_referent_application_needs_the_employer(world):
    with pytest.raises(ValidationError) as excinfo:
        services.submit_application(
            course=world["rp_course"],
            territory=world["territory"],
            first_name="Marc",
            last_name="Lefèvre",
            email="marc@example.fr",
            motivation="…",
        )
    assert excinfo.value.message_dict["employer_name"] == [
        "Indiquez la structure employeuse : elle signe la charte d'engagement."
    ]


def test_interview_grid_of_the_audience_is_required(world):
    application = ApplicationFactory(course=world["ip_course"], territory=world["territory"])
    with pytest.raises(ValidationError) as excinfo:
        services.record_interview(
            application,
            interviewer=None,
            held_on=datetime.date(2026, 10, 1),
            decision="accepted",
            decision_reason="",
            **RP_GRID,
        )
    errors = excinfo.value.message_dict
    assert errors["ip_distance_from_experience"] == [
        "Renseignez le critère « distanciation par rapport à son vécu » de la grille d'entretien."
    ]
    assert errors["decision_reason"] == ["Indiquez le motif de la décision."]
    interview = accept(application, IP_GRID)
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert interview.ip_motivation_to_share == "partly"


def test_a_refusal_keeps_its_reason_and_blocks_enrolment(world):
    application = ApplicationFactory(course=world["ip_course"], territory=world["territory"])
    services.record_interview(
        application,
        interviewer=None,
        held_on=datetime.date(2026, 10, 1),
        decision="refused",
        decision_reason="Projet à mûrir, nouvelle candidature possible l'an prochain.",
        **IP_GRID,
    )
    application.refresh_from_db()
    assert application.status == Application.Status.REFUSED
    assert application.interview.decision_reason.startswith("Projet à mûrir")
    with pytest.raises(ValidationError, match="Seule une candidature retenue après entretien"):
        services.enrol_application(application, world["ip_group"])


def test_an_accepted_candidate_gets_an_account_and_is_enrolled(world):
    application = ApplicationFactory(course=world["ip_course"], territory=world["territory"], email="Nina@Example.fr")
    accept(application, IP_GRID)
    enrolment = services.enrol_application(application, world["ip_group"])
    assert enrolment.status == Enrolment.Status.ENROLLED
    user = User.objects.get(email="nina@example.fr")
    assert enrolment.trainee == user and Role.TRAINEE in {a.role for a in user.role_assignments.all()}
    application.refresh_from_db()
    assert application.status == Application.Status.ENROLLED and application.candidate == user


def test_an_accepted_candidate_goes_to_the_waiting_list_of_a_full_group(world):
    group = world["ip_group"]
    group.capacity = 0 + 1
    group.save()
    services.enrol(group, world["trainee"])
    application = ApplicationFactory(course=world["ip_course"], territory=world["territory"])
    accept(application, IP_GRID)
    assert services.enrol_application(application, group).status == Enrolment.Status.WAITING
    application.refresh_from_db()
    assert application.status == Application.Status.WAITING


def record_signed_charter(application, **fields):
    """The employer's charter, signed and uploaded as a PDF unless `fields` say otherwise."""
    return services.record_charter(
        application,
        **{
            "employer_name": "EHPAD Les Tilleuls",
            "signatory_name": "Claire Dubois",
            "signed_on": datetime.date(2026, 9, 1),
            "method": EngagementCharter.Method.DOCUMENT,
            "document": SimpleUploadedFile("charte.pdf", b"%PDF-1.4 charte", content_type="application/pdf"),
            **fields,
        },
    )


def test_the_charter_gate_for_referents(world):
    application = ApplicationFactory(course=world["rp_course"], territory=world["territory"])
    accept(application, RP_GRID)
    with pytest.raises(ValidationError) as excinfo:
        services.enrol_application(application, world["rp_group"])
    assert excinfo.value.messages == [
        "La charte d'engagement de l'employeur doit être enregistrée avant d'inscrire un référent."
    ]
    with pytest.raises(ValidationError) as excinfo:
        record_signed_charter(application, document=None)
    assert excinfo.value.message_dict["document"] == [
        "Déposez la charte signée, ou choisissez l'acceptation sur la plateforme."
    ]
    charter = record_signed_charter(application)
    assert charter.document.name.endswith(".pdf")
    assert services.enrol_application(application, world["rp_group"]).status == Enrolment.Status.ENROLLED


def test_the_signed_charter_is_stored_privately_and_served_to_the_regions_team_only(client, world):
    application = ApplicationFactory(course=world["rp_course"], territory=world["territory"])
    charter = record_signed_charter(
        application,
        document=SimpleUploadedFile("Charte Claire Dubois.pdf", b"%PDF-1.4 charte", content_type="application/pdf"),
    )
    # An unguessable private name: neither the employer nor the uploaded file name shows in it.
    assert charter.document.name.startswith("private/cohorts/charters/")
    assert "dubois" not in charter.document.name.lower()
    url = f"/candidatures/{application.pk}/charte/document/"

    client.force_login(world["regional"])
    page = client.get(f"/candidatures/{application.pk}/").content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 charte"
    assert response["Content-Disposition"].startswith("attachment")
    assert "charte-engagement-ehpad-les-tilleuls.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"

    for refused in (world["trainer2"], world["org_staff"], world["national"], world["trainee"]):
        client.force_login(refused)
        assert client.get(url).status_code in (403, 404)
    other = ApplicationFactory(course=world["rp_course"], territory=world["territory"])
    client.force_login(world["regional"])
    assert client.get(f"/candidatures/{other.pk}/charte/document/").status_code == 404


def test_on_platform_acceptance_is_timestamped_and_charters_are_for_referents_only(world):
    rp_application = ApplicationFactory(course=world["rp_course"], territory=world["territory"])
    charter = services.record_charter(
        rp_application,
        employer_name="ESAT du Rhône",
        signatory_name="Paul Roche",
        signed_on=datetime.date(2026, 9, 1),
        method=EngagementCharter.Method.PLATFORM,
    )
    assert charter.accepted_at is not None
    ip_application = ApplicationFactory(course=world["ip_course"], territory=world["territory"])
    with pytest.raises(ValidationError, match="La charte d'engagement ne concerne que les référents."):
        services.record_charter(
            ip_application,
            employer_name="X",
            signatory_name="Y",
            signed_on=datetime.date(2026, 9, 1),
            method=EngagementCharter.Method.PLATFORM,
        )


def test_interview_notes_are_read_by_the_region_team_and_administrators_only(world, make_user):
    from lms.people.factories import RegionFactory

    application = ApplicationFactory(course=world["ip_course"], territory=world["territory"])
    other_regional = make_user(Role.REGIONAL_TEAM, region=RegionFactory(code="76", name="Occitanie"))
    readers = {"regional", "admin"}
    for name in ("trainer", "peer_trainer", "regional", "org_staff", "national", "admin", "trainee"):
        assert can_read_interview_notes(world[name], application) == (name in readers), name
    assert not can_read_interview_notes(other_regional, application)
    assert list(visible_applications(world["regional"])) == [application]
    assert list(visible_applications(other_regional)) == []


def test_interview_notes_are_audited_when_written_and_read(world, client):
    from lms.people.models import AuditLogEntry

    application = ApplicationFactory(course=world["ip_course"], territory=world["territory"])
    interview = accept(application, IP_GRID)
    written = AuditLogEntry.objects.get(record_type="cohorts.selectioninterview", action="write")
    assert written.record_id == str(interview.pk)
    client.force_login(world["regional"])
    html = client.get(f"/candidatures/{application.pk}/").content.decode()
    assert "Parcours personnel évoqué en confiance." in html
    read = AuditLogEntry.objects.get(record_type="cohorts.selectioninterview", action="read")
    assert read.actor == world["regional"]
    # Someone who may not read the notes sees none and leaves no reading in the log.
    client.force_login(world["org_staff"])
    client.get(f"/candidatures/{application.pk}/")
    assert AuditLogEntry.objects.filter(action="read").count() == 1
