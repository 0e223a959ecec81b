"""Issue 14, reproductions 2 and 3: a trainee's records follow the record's own group and an active
enrolment in it; an application typed with someone's e-mail does not link their account; a joint
session is planned only with a group the planner manages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from model_bakery import baker

from accessibility.permissions import can_view_accessibility_needs
from lms.cohorts import services
from lms.cohorts.factories import ApplicationFactory, TrainingGroupFactory, VenueFactory
from lms.cohorts.models import Application, Enrolment, ScheduledSession, SelectionInterview
from lms.cohorts.permissions import can_view_trainee_records
from lms.learning.permissions import access_feedback, access_submission
from lms.people.factories import RegionFactory, TerritoryFactory, TrainingOrganisationFactory
from lms.people.models import Role, User
from tests.learning.conftest import wav_bytes

pytestmark = pytest.mark.django_db

IP_GRID = dict.fromkeys(services.INTERVIEW_GRIDS["peer_interveners"], "yes")


@pytest.fixture
def scope(site_tree, territory, organisation, make_user):
    course = site_tree["peer_interveners"]
    other_region = RegionFactory(code="76", name="Occitanie")
    other_territory = TerritoryFactory(region=other_region, name="Hérault", code="34")
    other_org = TrainingOrganisationFactory(region=other_region, name="Organisme d'Occitanie")
    home = TrainingGroupFactory(name="IP Rhône", course=course, territory=territory, organisation=organisation)
    foreign = TrainingGroupFactory(name="IP Hérault", course=course, territory=other_territory, organisation=other_org)
    trainee = make_user(Role.TRAINEE, email="samia@example.fr")
    trainer = make_user(Role.TRAINER)
    other_trainer = make_user(Role.TRAINER)
    home.trainers.add(trainer)
    foreign.trainers.add(other_trainer)
    Enrolment.objects.create(group=home, trainee=trainee)
    from courses.models import SessionPage

    page = course.add_child(instance=SessionPage(title="Séance 1", slug="seance-scope", can_be_joint=True))
    session = ScheduledSession.objects.create(
        session_page=page, date=datetime.date(2026, 11, 2), start_time=datetime.time(9), end_time=datetime.time(12)
    )
    session.groups.add(home)
    assignment = baker.make("learning.Assignment", group=home, scheduled_session=session)
    submission = baker.make(
        "learning.Submission", assignment=assignment, trainee=trainee, media=ContentFile(wav_bytes(), "travail.wav")
    )
    feedback = baker.make(
        "learning.Feedback", submission=submission, author=trainer, audio=ContentFile(wav_bytes(), "retour.wav")
    )
    return {
        "course": course,
        "home": home,
        "foreign": foreign,
        "trainee": trainee,
        "trainer": trainer,
        "other_trainer": other_trainer,
        "regional": make_user(Role.REGIONAL_TEAM, region=territory.region),
        "other_regional": make_user(Role.REGIONAL_TEAM, region=other_region),
        "org_staff": make_user(Role.ORGANISATION_STAFF, organisation=organisation),
        "other_org_staff": make_user(Role.ORGANISATION_STAFF, organisation=other_org),
        "admin": make_user(Role.ADMINISTRATOR),
        "submission": submission,
        "feedback": feedback,
        "other_territory": other_territory,
        "page": page,
    }


def foreign_place(scope, status):
    """The trainee's place in the other region's group, in `status`."""
    return Enrolment.objects.create(
        group=scope["foreign"],
        trainee=scope["trainee"],
        status=status,
        waitlisted_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) if status == "waiting" else None,
    )


@pytest.mark.parametrize("status", [Enrolment.Status.WITHDRAWN, Enrolment.Status.WAITING])
@pytest.mark.parametrize("who", ["other_regional", "other_org_staff", "other_trainer"])
def test_a_place_that_is_not_active_in_another_group_opens_none_of_the_trainees_records(client, scope, who, status):
    foreign_place(scope, status)
    viewer = scope[who]
    assert not can_view_trainee_records(viewer, scope["trainee"])
    assert not can_view_accessibility_needs(viewer, scope["trainee"])
    client.force_login(viewer)
    urls = [
        reverse("learning:submission_media", kwargs={"submission_id": scope["submission"].pk}),
        reverse("learning:feedback_audio", kwargs={"feedback_id": scope["feedback"].pk}),
        reverse("accessibility:trainee_needs", kwargs={"trainee_id": scope["trainee"].pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    response = client.post(urls[2], {"action": "add", "category": "lsf"})
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["other_regional", "other_org_staff", "other_trainer"])
def test_an_active_place_in_another_group_does_not_open_the_records_of_this_group(scope, who):
    foreign_place(scope, Enrolment.Status.ENROLLED)
    viewer = scope[who]
    assert can_view_trainee_records(viewer, scope["trainee"], group=scope["foreign"])
    assert not can_view_trainee_records(viewer, scope["trainee"], group=scope["home"])
    with pytest.raises(Exception) as refused:
        access_submission(viewer, scope["submission"].pk)
    assert refused.type.__name__ == "Http404"
    with pytest.raises(Exception) as refused:
        access_feedback(viewer, scope["feedback"].pk)
    assert refused.type.__name__ == "Http404"


@pytest.mark.parametrize("who", ["trainee", "trainer", "regional", "org_staff", "admin"])
def test_the_trainee_and_the_groups_staff_open_the_files(client, scope, who):
    client.force_login(scope[who])
    assert access_submission(scope[who], scope["submission"].pk) == scope["submission"]
    assert client.get(reverse("learning:submission_media", args=[scope["submission"].pk])).status_code == 200
    assert client.get(reverse("learning:feedback_audio", args=[scope["feedback"].pk])).status_code == 200


def test_a_withdrawn_trainees_files_are_closed_to_the_staff_but_not_to_the_trainee(client, scope):
    Enrolment.objects.filter(group=scope["home"]).update(status=Enrolment.Status.WITHDRAWN)
    url = reverse("learning:submission_media", args=[scope["submission"].pk])
    for who, status in (("trainer", 404), ("regional", 404), ("org_staff", 404), ("trainee", 200)):
        client.force_login(scope[who])
        assert client.get(url).status_code == status, who


def test_missing_and_not_yours_answer_the_same_404(client, scope):
    client.force_login(scope["other_trainer"])
    for pk in (scope["submission"].pk, 999999):
        assert client.get(reverse("learning:submission_media", args=[pk])).status_code == 404


def accepted_application(scope, email, territory):
    application = ApplicationFactory(course=scope["course"], territory=territory, email=email)
    services.record_interview(
        application,
        interviewer=None,
        held_on=datetime.date.today(),
        decision=SelectionInterview.Decision.ACCEPTED,
        decision_reason="Retenue.",
        **IP_GRID,
    )
    application.refresh_from_db()
    return application


def test_an_application_typed_with_someones_email_does_not_link_their_account(client, scope):
    """The other region's team records an application with the trainee's e-mail and enrols it."""
    application = accepted_application(scope, "SAMIA@example.fr", scope["other_territory"])
    client.force_login(scope["other_regional"])
    response = client.post(
        reverse("cohorts:enrol_application", args=[application.pk]), {"group": scope["foreign"].pk}, follow=True
    )
    assert "Un compte existe déjà avec l" in response.content.decode()
    application.refresh_from_db()
    assert application.candidate is None and application.status == Application.Status.ACCEPTED
    assert not Enrolment.objects.filter(group=scope["foreign"]).exists()
    assert not can_view_accessibility_needs(scope["other_regional"], scope["trainee"])
    # An administrator, who checks it is the same person, may link it.
    enrolment = services.enrol_application(application, scope["foreign"], actor=scope["admin"])
    assert enrolment.trainee == scope["trainee"]


def test_a_new_candidate_gets_one_account_even_when_enrolled_twice(scope):
    application = accepted_application(scope, "nouvelle@example.fr", scope["home"].territory)
    services.enrol_application(application, scope["home"], actor=scope["regional"])
    with pytest.raises(ValidationError):
        services.enrol_application(application, scope["home"], actor=scope["regional"])
    assert User.objects.filter(email="nouvelle@example.fr").count() == 1


# --- Reproduction 3: joint sessions ------------------------------------------------------------


def test_a_joint_session_with_another_organisations_group_is_refused(client, scope, site_tree, organisation):
    rp_other_org = TrainingGroupFactory(
        name="RP Rhône autre organisme",
        course=site_tree["referents"],
        territory=scope["home"].territory,
        organisation=TrainingOrganisationFactory(region=scope["home"].territory.region, name="Autre organisme"),
    )
    page = scope["page"]
    venue = VenueFactory(territory=scope["home"].territory)
    client.force_login(scope["org_staff"])
    response = client.post(
        reverse("cohorts:schedule_session", args=[scope["home"].pk]),
        {
            "session_page": page.pk,
            "joint_group": rp_other_org.pk,
            "date": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
            "venue": venue.pk,
        },
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert ScheduledSession.objects.count() == 1  # the fixture's only
    # The service refuses it on its own too, whatever the form offers.
    plan = services.SessionPlan(
        session_page=page,
        groups=[scope["home"], rp_other_org],
        date=datetime.date.today() + datetime.timedelta(days=30),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        venue=venue,
        actor=scope["org_staff"],
    )
    with pytest.raises(ValidationError, match="Vous ne gérez pas le groupe"):
        services.schedule_session(plan)
    assert ScheduledSession.objects.count() == 1
