"""The cohorts pages for each role: who sees what, forms, and constant query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.cohorts import services
from lms.cohorts.factories import ApplicationFactory, TrainingGroupFactory
from lms.cohorts.models import Application, Enrolment, ScheduledSession, SelectionInterview
from lms.people.factories import RegionFactory, UserFactory
from lms.people.models import Role
from tests.cohorts.conftest import MONDAY, enrol_trainee, plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    """Dates of applications, interviews and charters are checked against today: freeze it."""
    time_machine.move_to(datetime.datetime(2026, 9, 30, 10, 0, tzinfo=datetime.UTC), tick=False)


def get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def schedule_week(world, weeks=0, page_index=1, group="ip_group"):
    groups = [world[group]]
    if group == "rp_group":
        page = world["rp_pages"][page_index]
        extra = {"trainer": world["trainer2"], "peer_trainer": world["peer_trainer2"], "venue": "venue2"}
    else:
        page, extra = world["ip_pages"][page_index], {}
    session, _ = services.schedule_session(
        plan(world, page=page, groups=groups, date=MONDAY + datetime.timedelta(weeks=weeks), **extra)
    )
    return session


# --- Public application form -------------------------------------------------------------------


def test_public_application_form_explains_each_course_in_easy_to_read_french(client, world):
    response = client.get(reverse("cohorts:apply"))
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert 'class="text-easy-read easy-read"' in html
    assert "Vous n&#x27;avez pas besoin de diplôme." in html
    assert "Groupes de 8 personnes au plus, 5 à 8 jours de formation sur 3 à 4 mois." in html


def test_public_application_errors_sit_next_to_fields_and_keep_what_was_typed(client, world):
    response = client.post(
        reverse("cohorts:apply"),
        {
            "course": world["rp_course"].pk,
            "territory": world["territory"].pk,
            "first_name": "Marc",
            "last_name": "Lefèvre",
            "email": "marc@example.fr",
            "motivation": "Accueillir des pairs.",
            "consent": "on",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_employer_name_error"' in html
    assert "Indiquez la structure employeuse : elle signe la charte d&#x27;engagement." in html
    assert 'aria-describedby="id_employer_name_helptext id_employer_name_error"' in html
    assert 'aria-invalid="true"' in html and 'value="marc@example.fr"' in html
    assert not Application.objects.exists()


def test_public_application_is_recorded(client, world):
    response = client.post(
        reverse("cohorts:apply"),
        {
            "course": world["ip_course"].pk,
            "territory": world["territory"].pk,
            "first_name": "Nina",
            "last_name": "Petit",
            "email": "nina@example.fr",
            "motivation": "Aider les autres.",
            "interview_needs": "Documents en FALC.",
            "consent": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("cohorts:apply_done")
    application = Application.objects.get()
    assert application.source == Application.Source.PUBLIC_FORM and application.status == "received"


def test_consent_is_required(client, world):
    response = client.post(reverse("cohorts:apply"), {"course": world["ip_course"].pk})
    assert 'id="id_consent_error"' in response.content.decode()


# --- Groups overview and detail --------------------------------------------------------------


def test_groups_overview_shows_fill_rate_next_session_and_warnings(client, world):
    enrol_trainee(world["ip_group"], world["trainee"])
    schedule_week(world)
    world["rp_group"].peer_trainers.clear()
    html = get(client, world["regional"], reverse("cohorts:groups_overview")).content.decode()
    assert "1 / 8 places (12 %)" in html
    assert "lundi 3 mars 2031" in html
    assert "Aucun formateur pair parmi les animateurs : le kit demande une co-animation." in html
    assert html.count("<h1") == 1 and "<caption" in html and 'scope="col"' in html


@pytest.mark.parametrize(
    "name,status",
    [("regional", 200), ("org_staff", 200), ("national", 200), ("admin", 200), ("trainer", 403), ("trainee", 403)],
)
def test_groups_overview_access(client, world, name, status):
    assert get(client, world[name], reverse("cohorts:groups_overview")).status_code == status


def test_groups_overview_of_another_region_is_empty_and_anonymous_must_log_in(client, world, make_user):
    other = make_user(Role.REGIONAL_TEAM, region=RegionFactory(code="76", name="Occitanie"))
    assert "IP Rhône" not in get(client, other, reverse("cohorts:groups_overview")).content.decode()
    client.logout()
    assert client.get(reverse("cohorts:groups_overview")).status_code == 302


def grow(world, count):
    """More groups, each with sessions and enrolments, to prove the query count does not grow."""
    for index in range(count):
        group = TrainingGroupFactory(
            name=f"IP extra {index}",
            course=world["ip_course"],
            territory=world["territory"],
            organisation=world["organisation"],
        )
        group.trainers.add(world["trainer"])
        group.peer_trainers.add(world["peer_trainer"])
        services.enrol(group, UserFactory())
        session = ScheduledSession.objects.create(
            session_page=world["ip_pages"][index % 6],
            date=MONDAY + datetime.timedelta(weeks=20 + 2 * index),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            venue=world["venue"],
            trainer=world["trainer"],
            peer_trainer=world["peer_trainer"],
        )
        session.groups.add(group)
        if index == 0:
            session.groups.add(world["rp_group"])
        if index < 2:
            enrol_trainee(group, world["trainee"])


@pytest.mark.parametrize("extra", [1, 8])
def test_listing_pages_have_a_constant_query_count(client, world, extra, django_assert_max_num_queries):
    schedule_week(world)
    grow(world, extra)
    pages = [
        (world["regional"], reverse("cohorts:groups_overview"), "IP extra"),
        (world["national"], reverse("cohorts:groups_overview"), "IP extra"),
        (world["trainer"], reverse("cohorts:my_sessions"), "IP séance"),
        (world["trainee"], reverse("cohorts:my_schedule"), "IP séance"),
    ]  # the group page (the hub) has its own guard: tests/staff/test_group_hub.py
    for user, url, expected in pages:
        client.force_login(user)
        with django_assert_max_num_queries(20):
            response = client.get(url)
        assert response.status_code == 200 and expected in response.content.decode(), url


def test_applications_list_has_a_constant_query_count(client, world, django_assert_max_num_queries):
    client.force_login(world["regional"])
    for count in (1, 10):
        for _ in range(count):
            application = ApplicationFactory(course=world["rp_course"], territory=world["territory"])
            SelectionInterview.objects.create(
                application=application, held_on=MONDAY, decision="accepted", decision_reason="ok"
            )
        with django_assert_max_num_queries(14):
            assert client.get(reverse("cohorts:applications")).status_code == 200


@pytest.mark.parametrize(
    "name,status",
    [
        ("regional", 200),
        ("org_staff", 200),
        ("trainer", 200),
        ("peer_trainer", 200),
        ("admin", 200),
        ("national", 200),
        ("trainee", 404),
        ("trainer2", 404),
    ],
)
def test_group_detail_access(client, world, name, status):
    url = reverse("cohorts:group_detail", args=[world["ip_group"].pk])
    assert get(client, world[name], url).status_code == status


def test_group_detail_lists_enrolled_and_the_ordered_waiting_list_and_records_a_withdrawal(client, world):
    group = world["ip_group"]
    group.capacity = 1
    group.save()
    enrolment = services.enrol(group, world["trainee"])
    first = UserFactory(first_name="Aline", last_name="Premier")
    services.enrol(group, first, waitlist=True)
    services.enrol(group, UserFactory(first_name="Bruno", last_name="Second"), waitlist=True)
    url = reverse("cohorts:group_detail", args=[group.pk])
    html = get(client, world["regional"], url).content.decode()
    assert html.index("Aline Premier") < html.index("Bruno Second")
    assert "Liste d'attente, dans l'ordre d'arrivée" in html

    client.force_login(world["trainer"])
    withdraw_url = reverse("cohorts:withdraw_enrolment", args=[group.pk, enrolment.pk])
    assert client.post(withdraw_url).status_code == 403
    assert "Enregistrer le désistement" not in client.get(url).content.decode()

    client.force_login(world["regional"])
    response = client.post(withdraw_url, follow=True)
    assert "La place libérée est proposée à Aline Premier, premier de la liste d&#x27;attente." in (
        response.content.decode()
    )
    assert Enrolment.objects.get(trainee=first).status == Enrolment.Status.ENROLLED


def test_scheduling_page_refuses_with_the_rule_and_warns_after_saving(client, world):
    url = reverse("cohorts:schedule_session", args=[world["ip_group"].pk])
    client.force_login(world["regional"])
    assert client.get(url).status_code == 200
    data = {
        "session_page": world["ip_pages"][0].pk,
        "date": "2031-03-03",
        "start_time": "09:00",
        "end_time": "16:00",
        "venue": world["venue"].pk,
        "trainer": world["trainer"].pk,
        "peer_trainer": world["peer_trainer"].pk,
    }
    html = client.post(url, data).content.decode()
    assert "dure au plus 6 h : celle-ci dure 7 h." in html and 'value="2031-03-03"' in html
    data.update(end_time="12:00", joint_group=world["rp_group"].pk)
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    assert "Séance « IP séance 1 » planifiée le 03/03/2031." in html
    assert "Attention : Le groupe « IP Rhône » a 1 jour(s) de formation planifié(s)" in html
    assert set(ScheduledSession.objects.get().groups.all()) == {world["ip_group"], world["rp_group"]}
    client.force_login(world["trainer"])
    assert client.get(url).status_code == 403


# --- Selection pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,status",
    [("regional", 200), ("admin", 200), ("org_staff", 403), ("trainer", 403), ("national", 403), ("trainee", 403)],
)
def test_applications_access(client, world, name, status):
    assert get(client, world[name], reverse("cohorts:applications")).status_code == status


def test_selection_journey_for_a_referent_through_the_pages(client, world):
    client.force_login(world["regional"])
    response = client.post(
        reverse("cohorts:record_application"),
        {
            "course": world["rp_course"].pk,
            "territory": world["territory"].pk,
            "first_name": "Julie",
            "last_name": "Masson",
            "email": "julie@example.fr",
            "employer_name": "IME Les Platanes",
            "motivation": "Accueillir des intervenants-pairs.",
        },
    )
    application = Application.objects.get()
    assert response.status_code == 302 and application.source == Application.Source.RECORDED
    interview_url = reverse("cohorts:record_interview", args=[application.pk])
    html = client.get(interview_url).content.decode()
    assert "Implication de la direction" in html and "Distanciation" not in html
    response = client.post(
        interview_url,
        {
            "held_on": "2026-10-01",
            "rp_institution_involvement": "yes",
            "rp_management_involvement": "yes",
            "rp_inclusive_approach": "partly",
            "rp_commitment_to_attend": "yes",
            "notes": "Note confidentielle.",
            "decision": "accepted",
            "decision_reason": "Structure engagée.",
        },
    )
    assert response.status_code == 302
    detail_url = reverse("cohorts:application_detail", args=[application.pk])
    html = client.get(detail_url).content.decode()
    assert "Note confidentielle." in html
    assert "La charte n'est pas enregistrée : la personne ne peut pas encore être inscrite." in html
    enrol_url = reverse("cohorts:enrol_application", args=[application.pk])
    html = client.post(enrol_url, {"group": world["rp_group"].pk}, follow=True).content.decode()
    assert "La charte d&#x27;engagement de l&#x27;employeur doit être enregistrée avant d&#x27;inscrire" in html
    response = client.post(
        reverse("cohorts:record_charter", args=[application.pk]),
        {
            "employer_name": "IME Les Platanes",
            "signatory_name": "Claire Dubois",
            "signatory_role": "Directrice",
            "signed_on": "2026-09-01",
            "method": "document",
            "document": SimpleUploadedFile("charte.pdf", b"%PDF-1.4", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    html = client.post(enrol_url, {"group": world["rp_group"].pk}, follow=True).content.decode()
    assert "Julie Masson est inscrit dans « RP Rhône »." in html

    # Notes stay with the region's team: an organisation's staff cannot open the application.
    client.force_login(world["org_staff"])
    assert client.get(detail_url).status_code == 403


# --- Trainers and trainees ---------------------------------------------------------------------


def test_my_sessions_shows_groups_dates_venues_and_co_leader(client, world):
    schedule_week(world)
    html = get(client, world["peer_trainer"], reverse("cohorts:my_sessions")).content.decode()
    assert "IP séance 2" in html and "IP Rhône" in html and "Maison des associations" in html
    assert "Fanny Roux" in html
    assert get(client, world["trainee"], reverse("cohorts:my_sessions")).status_code == 403


def test_my_schedule_shows_group_sessions_and_venue_access(client, world):
    enrol_trainee(world["ip_group"], world["trainee"])
    schedule_week(world)
    schedule_week(world, weeks=1, group="rp_group")
    html = get(client, world["trainee"], reverse("cohorts:my_schedule")).content.decode()
    assert "Mon groupe : IP Rhône" in html and "IP séance 2" in html
    assert "RP séance 2" not in html
    assert "Métro B, arrêt Place Guichard (200 m)." in html
    assert "Accès de plain-pied ou par ascenseur : oui." in html and "Salle de pause à côté : oui." in html
    assert html.count("<h1") == 1


def test_nav_links_follow_roles(client, world):
    html = get(client, world["trainee"], "/accessibilite/").content.decode()
    assert reverse("cohorts:my_schedule") in html and reverse("cohorts:groups_overview") not in html
    html = get(client, world["regional"], "/accessibilite/").content.decode()
    assert reverse("cohorts:groups_overview") in html and reverse("cohorts:applications") in html
    client.logout()
    assert reverse("cohorts:apply") in client.get("/accessibilite/").content.decode()
