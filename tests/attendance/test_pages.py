"""The trainee's home, signing page, the trainer's attendance pages, private files: who may see
them, what they show, and a number of queries that does not grow with trainees or sessions."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.attendance import services
from lms.attendance.factories import signature_png_data_url as png_data_url
from lms.attendance.models import AttendanceSlot, CatchUp, SessionMaterial, Signature, SignatureMethod
from lms.cohorts.models import Enrolment, HalfDay
from lms.people.models import Role
from tests.attendance.conftest import DAY, at, make_session, session_around_now

pytestmark = pytest.mark.django_db


def populate(world, make_user, *, trainees: int, sessions: int):
    """`trainees` trainees in the group and `sessions` past sessions with signatures, absences,
    catch-ups and materials; returns the sessions, first one being the world's."""
    group, trainer = world["group"], world["trainer"]
    people = list(world["trainees"])
    while len(people) < trainees:
        person = make_user(Role.TRAINEE)
        Enrolment.objects.create(group=group, trainee=person)
        people.append(person)
    all_sessions = [world["session"]]
    for index in range(1, sessions):
        all_sessions.append(
            make_session(
                world["course"],
                group,
                day=DAY + datetime.timedelta(days=7 * index),
                title=f"Séance {index + 1}",
                trainer=trainer,
                venue=world["venue"],
            )
        )
    for session in all_sessions:
        day = session.date
        services.add_material(session, by=trainer, kind="notes", title="Notes du jour", text="Ce que nous avons fait.")
        morning = services.open_slot(session, HalfDay.MORNING, by=trainer, now=at(9, day=day))
        afternoon = services.open_slot(session, HalfDay.AFTERNOON, by=trainer, now=at(13, day=day))
        for position, person in enumerate(people):
            if position % 3 == 0:
                services.sign(
                    morning, person, SignatureMethod.DRAWN, by=person, image_data_url=png_data_url(), now=at(9, 5, day)
                )
            elif position % 3 == 1:
                services.sign(morning, person, SignatureMethod.ONE_TAP, by=person, now=at(9, 5, day))
            services.sign(
                afternoon, person, SignatureMethod.TYPED_NAME, by=person, typed_name="Nom", now=at(13, 5, day)
            )
        services.close_slot(morning, by=trainer, now=at(13, day=day))
    return people, all_sessions


@pytest.fixture
def small(world, make_user):
    return populate(world, make_user, trainees=3, sessions=2)


@pytest.fixture
def large(world, make_user):
    return populate(world, make_user, trainees=15, sessions=8)


# Mon espace: exactly the same at both sizes (its panels from the follow-up, surveys, directory and
# interventions apps included: the directory reads the person's entries and validated plans; one more
# for the address of the next session's content page). The others: measured 17 and 8, a little room
# left.
HOME_QUERIES = 22
SESSION_PAGE_QUERIES = 19
INDEX_QUERIES = 10
# The same at 3 trainees and 2 sessions as at 15 trainees and 8 sessions.
SESSION_PAGE_EXACT_QUERIES = 18
MY_ATTENDANCE_QUERIES = 13


@pytest.mark.parametrize("size", ["small", "large"])
def test_trainee_home_runs_a_constant_number_of_queries(request, world, client, size, django_assert_num_queries):
    people, sessions = request.getfixturevalue(size)
    absent = people[2]  # absent every morning: one catch-up per session
    client.force_login(absent)
    client.get("/mon-espace/")
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/mon-espace/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "À rattraper" in html and html.count('class="card"') >= len(sessions)
    assert "Mes présences" in html and "Ma prochaine séance" in html


@pytest.mark.parametrize("size", ["small", "large"])
def test_trainer_session_page_runs_a_constant_number_of_queries(
    request, world, client, size, django_assert_max_num_queries
):
    people, sessions = request.getfixturevalue(size)
    client.force_login(world["trainer"])
    with django_assert_max_num_queries(SESSION_PAGE_QUERIES):
        response = client.get(f"/emargement/seances/{world['session'].pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    absent_rows = [person for position, person in enumerate(people) if position % 3 == 2]
    for person in absent_rows:
        assert person.get_full_name() in html
    assert html.count("0 sur 1 éléments") == len(absent_rows)


@pytest.mark.parametrize("size", ["small", "large"])
def test_trainer_index_runs_a_constant_number_of_queries(request, world, client, size, django_assert_max_num_queries):
    people, sessions = request.getfixturevalue(size)
    client.force_login(world["trainer"])
    with django_assert_max_num_queries(INDEX_QUERIES):
        response = client.get("/emargement/")
    html = response.content.decode()
    assert response.status_code == 200
    for session in sessions:
        assert f"/emargement/seances/{session.pk}/" in html


# --- Access -----------------------------------------------------------------------------------


@pytest.fixture
def closed_morning(world):
    session, trainer = world["session"], world["trainer"]
    morning = services.open_slot(session, HalfDay.MORNING, by=trainer, now=at(9))
    first = world["trainees"][0]
    services.sign(morning, first, SignatureMethod.DRAWN, by=first, image_data_url=png_data_url(), now=at(9, 5))
    services.close_slot(morning, by=trainer, now=at(13))
    return morning


def test_anonymous_visitors_are_sent_to_the_login_page(client, world):
    for url in ("/mon-espace/", "/emargement/", f"/emargement/seances/{world['session'].pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/connexion/")


def test_session_page_access(client, world, make_user, region, organisation):
    url = f"/emargement/seances/{world['session'].pk}/"
    allowed = [
        world["trainer"],
        world["peer_trainer"],
        make_user(Role.REGIONAL_TEAM, region=region),
        make_user(Role.ORGANISATION_STAFF, organisation=organisation),
        make_user(Role.ADMINISTRATOR),
    ]
    refused = [world["trainees"][0], make_user(Role.TRAINER), make_user(Role.NATIONAL_TEAM)]
    for user in allowed:
        client.force_login(user)
        assert client.get(url).status_code == 200, user
    for user in refused:
        client.force_login(user)
        assert client.get(url).status_code == 403, user
        assert client.get(f"/emargement/seances/{world['session'].pk}/feuille.pdf").status_code == 403


def test_supervisors_see_but_do_not_take_attendance(client, world, make_user, region):
    regional = make_user(Role.REGIONAL_TEAM, region=region)
    client.force_login(regional)
    html = client.get(f"/emargement/seances/{world['session'].pk}/").content.decode()
    assert "Ouvrir l'émargement" not in html
    response = client.post(
        f"/emargement/seances/{world['session'].pk}/action/", {"action": "open", "half_day": "morning"}
    )
    assert response.status_code == 403
    assert not AttendanceSlot.objects.exists()


def test_trainee_home_is_for_trainees_and_sends_trainers_to_their_attendance(client, world, make_user):
    client.force_login(world["trainer"])
    response = client.get("/mon-espace/")
    assert response.status_code == 302 and response.url == "/emargement/"
    client.force_login(make_user(Role.NATIONAL_TEAM))
    assert client.get("/mon-espace/").url == "/groupes/"
    client.force_login(make_user(Role.ADMINISTRATOR))
    assert client.get("/mon-espace/").url == "/admin/"
    client.force_login(make_user(Role.TRAINEE))
    assert client.get("/mon-espace/").status_code == 200
    client.force_login(world["trainees"][0])
    assert client.get("/emargement/").status_code == 403


def test_signature_image_is_private(client, world, closed_morning, make_user):
    signature = Signature.objects.get()
    url = f"/emargement/signatures/{signature.pk}/image/"
    for user in (world["trainees"][0], world["trainer"]):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    for user in (world["trainees"][1], make_user(Role.TRAINER)):
        client.force_login(user)
        assert client.get(url).status_code == 404  # alike for missing and not yours


def test_in_a_joint_session_the_other_groups_staff_do_not_reach_a_signature(
    client, world, closed_morning, make_user, site_tree, territory
):
    from lms.cohorts.models import TrainingGroup
    from lms.people.factories import TrainingOrganisationFactory

    other_org = TrainingOrganisationFactory(region=territory.region, name="Autre organisme")
    referents = TrainingGroup.objects.create(
        name="RP joint", course=site_tree["referents"], territory=territory, organisation=other_org, capacity=12
    )
    world["session"].groups.add(referents)
    signature = Signature.objects.get()
    url = f"/emargement/signatures/{signature.pk}/image/"
    client.force_login(make_user(Role.ORGANISATION_STAFF, organisation=other_org))
    assert client.get(url).status_code == 404
    client.force_login(make_user(Role.REGIONAL_TEAM, region=territory.region))
    assert client.get(url).status_code == 200


def test_material_file_is_private(client, world, make_user):
    material = services.add_material(
        world["session"],
        by=world["trainer"],
        kind=SessionMaterial.Kind.SLIDES,
        title="Diaporama",
        file=SimpleUploadedFile("diaporama.pdf", b"%PDF-1.4 fake", content_type="application/pdf"),
    )
    url = f"/rattrapage/supports/{material.pk}/fichier/"
    for user in (world["trainees"][1], world["trainer"]):
        client.force_login(user)
        assert client.get(url).status_code == 200
    client.force_login(make_user(Role.TRAINEE))
    assert client.get(url).status_code == 404


def test_a_catch_up_is_only_visible_to_its_trainee(client, world, closed_morning):
    catch_up = CatchUp.objects.get(trainee=world["trainees"][1])
    client.force_login(world["trainees"][1])
    assert client.get(f"/rattrapage/{catch_up.pk}/").status_code == 200
    client.force_login(world["trainees"][2])
    assert client.get(f"/rattrapage/{catch_up.pk}/").status_code == 404


# --- Signing through the page ------------------------------------------------------------------


@pytest.fixture
def open_morning(world):
    return services.open_slot(world["session"], HalfDay.MORNING, by=world["trainer"], now=at(9))


def test_sign_page_refuses_a_request_naming_several_slots(client, world, open_morning):
    afternoon = AttendanceSlot.objects.create(session=world["session"], half_day=HalfDay.AFTERNOON)
    client.force_login(world["trainees"][0])
    response = client.post(
        f"/emargement/creneaux/{open_morning.pk}/signer/",
        {"slot": [open_morning.pk, afternoon.pk], "method": "one_tap"},
    )
    assert response.status_code == 400
    assert "Une signature vaut pour un seul créneau" in response.content.decode()
    assert not Signature.objects.exists()


def test_sign_page_shows_the_refusal_next_to_the_form(client, world, open_morning):
    # The session day is in the future: signing now is too early.
    client.force_login(world["trainees"][0])
    response = client.post(
        f"/emargement/creneaux/{open_morning.pk}/signer/", {"slot": open_morning.pk, "method": "one_tap"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Trop tôt : la signature ouvre à 09:00." in html and 'role="alert"' in html


def test_sign_page_is_only_for_the_session_trainees(client, world, open_morning, make_user):
    client.force_login(make_user(Role.TRAINEE))
    assert client.get(f"/emargement/creneaux/{open_morning.pk}/signer/").status_code == 404


def test_trainer_page_shows_a_refused_status_next_to_its_form_keeping_input(client, world, open_morning):
    trainee = world["trainees"][0]
    client.force_login(world["trainer"])
    response = client.post(
        f"/emargement/seances/{world['session'].pk}/action/",
        {"action": "status", "slot": open_morning.pk, "trainee": trainee.pk, "status": "excused", "reason": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400
    uid = f"{open_morning.pk}-{trainee.pk}"
    assert f'id="status-{uid}-reason_error"' in html and "Indiquez le motif de l&#x27;absence justifiée." in html
    assert '<option value="excused" selected>' in html


def test_trainer_actions_through_the_page(client, world):
    session, half_day = session_around_now(world["course"], world["group"], trainer=world["trainer"])
    trainee = world["trainees"][0]
    client.force_login(world["trainer"])
    url = f"/emargement/seances/{session.pk}/action/"
    assert client.post(url, {"action": "open", "half_day": half_day}).status_code == 302
    open_morning = AttendanceSlot.objects.get(session=session, half_day=half_day)
    response = client.post(
        url,
        {
            "action": "attest",
            "slot": open_morning.pk,
            "trainee": trainee.pk,
            "method": "support_attestation",
            "attester_name": "Luc Martin",
            "reason": "Communication alternative",
        },
    )
    assert response.status_code == 302
    assert Signature.objects.get().attester_name == "Luc Martin"
    response = client.post(url, {"action": "close", "slot": open_morning.pk})
    assert response.status_code == 400 and "Cochez la case pour contresigner." in response.content.decode()
    assert (
        client.post(
            url, {"action": "status", "slot": [open_morning.pk, open_morning.pk], "trainee": trainee.pk}
        ).status_code
        == 400
    )
    response = client.post(url, {"action": "close", "slot": open_morning.pk, "confirm": "on"})
    assert response.status_code == 302
    open_morning.refresh_from_db()
    assert open_morning.closed_by == world["trainer"]
    assert CatchUp.objects.filter(session=session).count() == 2
    response = client.post(
        url,
        {
            "action": "amend",
            "slot": open_morning.pk,
            "trainee": world["trainees"][1].pk,
            "status": "excused",
            "reason": "Certificat médical reçu",
        },
    )
    assert response.status_code == 302
    html = client.get(f"/emargement/seances/{session.pk}/").content.decode()
    assert "Absent → Absence justifiée" in html and "Certificat médical reçu" in html


def test_trainee_signs_by_one_tap_through_the_page_and_sees_it_at_home(client, world):
    session, half_day = session_around_now(world["course"], world["group"], trainer=world["trainer"])
    slot = services.open_slot(session, half_day, by=world["trainer"])
    trainee = world["trainees"][0]
    client.force_login(trainee)
    home = client.get("/mon-espace/").content.decode()
    assert f"/emargement/creneaux/{slot.pk}/signer/" in home and "À signer maintenant" in home
    response = client.post(f"/emargement/creneaux/{slot.pk}/signer/", {"slot": slot.pk, "method": "one_tap"})
    assert response.status_code == 302 and response.url == "/mon-espace/"
    assert Signature.objects.get().method == "one_tap"
    home = client.get("/mon-espace/").content.decode()
    assert "À signer maintenant" not in home and "Confirmation depuis son compte" in home


def test_attendance_records_are_read_only_in_the_administration(client, world, closed_morning, make_user, region):
    client.force_login(make_user(Role.ADMINISTRATOR))
    assert client.get("/admin/emargement/creneaux/").status_code == 200
    assert client.get("/admin/emargement/creneaux/new/").status_code in (302, 403)
    slot_pk = AttendanceSlot.objects.get().pk
    assert client.get(f"/admin/emargement/creneaux/edit/{slot_pk}/").status_code in (302, 403)
    assert client.get("/admin/emargement/rattrapages/").status_code == 200
    client.force_login(make_user(Role.REGIONAL_TEAM, region=region))
    assert client.get("/admin/emargement/creneaux/").status_code in (302, 403)


def test_trainee_home_shows_next_session_access_arrangements_and_hours(client, world):
    from accessibility.models import ArrangementLine, ArrangementPlan

    plan = ArrangementPlan.objects.create(session=world["session"])
    ArrangementLine.objects.create(
        plan=plan, kind=ArrangementLine._meta.get_field("kind").choices[0][0], status="confirmed"
    )
    trainee = world["trainees"][0]
    client.force_login(trainee)
    html = client.get("/mon-espace/").content.decode()
    assert "Séance 1 : se connaître" in html and "Maison des associations, 3 rue Garibaldi, 69003 Lyon" in html
    assert "Métro B, arrêt Saxe-Gambetta" in html and "Une salle de pause est prévue." in html
    assert "Aménagements prévus" in html and "(confirmé)" in html
    assert '<div class="text-easy-read easy-read">' in html


def test_each_cell_links_to_its_own_page_with_the_trainers_forms(client, world, open_morning):
    """The attendance page stays light whatever the group's size: one link per trainee and half-day,
    and the status and attestation forms on that cell's page."""
    trainee = world["trainees"][0]
    client.force_login(world["trainer"])
    html = client.get(f"/emargement/seances/{world['session'].pk}/").content.decode()
    cell_url = f"/emargement/seances/{world['session'].pk}/creneaux/{open_morning.pk}/stagiaires/{trainee.pk}/"
    assert f'href="{cell_url}"' in html
    assert f"la présence de {trainee.get_full_name()}, matin" in html
    assert 'value="status"' not in html and 'value="attest"' not in html
    response = client.get(cell_url)
    cell_html = response.content.decode()
    assert response.status_code == 200
    assert 'name="action" value="status"' in cell_html and 'name="action" value="attest"' in cell_html
    assert f"Présence de {trainee.get_full_name()}, matin" in cell_html


def test_a_cell_page_answers_404_for_someone_not_on_the_sheet(client, world, open_morning, make_user):
    stranger = make_user(Role.TRAINEE)
    client.force_login(world["trainer"])
    url = f"/emargement/seances/{world['session'].pk}/creneaux/{open_morning.pk}/stagiaires/{stranger.pk}/"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", ["small", "large"])
def test_trainer_session_page_costs_the_same_queries_at_3_and_15_trainees(request, world, client, size):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request.getfixturevalue(size)
    client.force_login(world["trainer"])
    url = f"/emargement/seances/{world['session'].pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == SESSION_PAGE_EXACT_QUERIES


def test_mon_espace_lists_the_latest_half_days_and_links_to_all_of_them(client, world, large):
    """15 trainees and 8 sessions: 16 half-days each. Mon espace shows the latest 8 and counts the
    hours over all 16; the full list has its own page, reached from Mon espace."""
    people, sessions = large
    trainee = people[1]  # one-tap mornings, typed-name afternoons: every half-day signed
    client.force_login(trainee)
    html = client.get("/mon-espace/").content.decode()
    assert html.count("Confirmation depuis son compte") + html.count("Nom saisi") == 8
    assert "Voir toutes mes présences (16 demi-journées" in html
    full = client.get("/mon-espace/presences/").content.decode()
    assert full.count("Confirmation depuis son compte") + full.count("Nom saisi") == 16
    caption = re.search(r'<caption id="mes-presences-\d+">([^<]+)</caption>', html).group(1)
    assert caption in full


@pytest.mark.parametrize("size", ["small", "large"])
def test_full_attendance_list_costs_the_same_queries_whatever_the_records(request, world, client, size):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people, sessions = request.getfixturevalue(size)
    client.force_login(people[1])
    client.get("/mon-espace/presences/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/mon-espace/presences/").status_code == 200
    assert len(queries) == MY_ATTENDANCE_QUERIES
