"""The staff workspace ("Gestion"): groups and venues created and edited through the services, with
the refusals next to the field; the back office's group and arrangement forms use the same rules."""

import pytest
from django.urls import reverse

from accessibility.models import ArrangementLine, ArrangementPlan
from lms.cohorts import services
from lms.cohorts.models import TrainingGroup, Venue
from lms.people.factories import RegionFactory, TerritoryFactory, UserFactory
from lms.people.models import Role
from tests.cohorts.conftest import enrol_trainee, plan

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def group_data(world, **overrides):
    data = {
        "name": "IP Isère 2031",
        "course": world["ip_course"].pk,
        "territory": world["territory"].pk,
        "organisation": world["organisation"].pk,
        "capacity": "8",
        "start_date": "",
        "end_date": "",
        "status": TrainingGroup.Status.PLANNED,
        "trainers": [world["trainer"].pk],
        "peer_trainers": [world["peer_trainer"].pk],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "name,status", [("regional", 200), ("org_staff", 200), ("national", 200), ("trainer", 403), ("trainee", 403)]
)
def test_the_workspace_is_for_the_staff_roles(client, world, name, status):
    assert login(client, world[name]).get("/gestion/").status_code == status


def test_the_nav_shows_gestion_and_hides_administration_from_roles_that_cannot_use_it(client, world):
    html = login(client, world["regional"]).get("/gestion/").content.decode()
    assert 'href="/gestion/"' in html and 'href="/admin/"' not in html
    assert login(client, world["regional"]).get("/admin/").status_code in (302, 403)
    html = login(client, world["admin"]).get("/gestion/").content.decode()
    assert 'href="/admin/"' in html
    html = login(client, world["trainer"]).get("/mes-seances/").content.decode()
    assert 'href="/gestion/"' not in html


def test_the_regional_team_creates_a_group_and_lands_on_its_page(client, world):
    response = login(client, world["regional"]).post("/gestion/groupes/nouveau/", group_data(world))
    group = TrainingGroup.objects.get(name="IP Isère 2031")
    assert response.status_code == 302 and response.url == f"/groupes/{group.pk}/"
    assert list(group.trainers.all()) == [world["trainer"]]
    assert list(group.peer_trainers.all()) == [world["peer_trainer"]]


def test_a_capacity_above_the_course_cap_is_refused_next_to_the_field(client, world):
    response = login(client, world["regional"]).post("/gestion/groupes/nouveau/", group_data(world, capacity="12"))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_capacity_error"' in html
    assert "dépasse la taille maximale fixée par la formation (8 personnes)" in html
    assert 'value="IP Isère 2031"' in html
    assert not TrainingGroup.objects.filter(name="IP Isère 2031").exists()


def test_capacity_below_the_enrolled_count_is_refused_on_edit(client, world):
    group = world["ip_group"]
    for _index in range(3):
        enrol_trainee(group, UserFactory())
    url = f"/gestion/groupes/{group.pk}/modifier/"
    response = login(client, world["regional"]).post(url, group_data(world, name=group.name, capacity="1"))
    assert response.status_code == 400
    assert "Le groupe compte déjà 3 inscrits" in response.content.decode()
    group.refresh_from_db()
    assert group.capacity == 8


def test_another_regions_territory_or_group_is_out_of_reach(client, world):
    other_region = RegionFactory(code="76", name="Occitanie")
    far = TerritoryFactory(region=other_region, name="Hérault", code="34")
    client = login(client, world["regional"])
    response = client.post("/gestion/groupes/nouveau/", group_data(world, territory=far.pk))
    assert response.status_code == 400 and 'id="id_territory_error"' in response.content.decode()
    other = services.save_group(
        TrainingGroup(
            name="IP Hérault", course=world["ip_course"], territory=far, organisation=world["organisation"], capacity=8
        )
    )
    assert client.get(f"/gestion/groupes/{other.pk}/modifier/").status_code == 404
    # the service refuses it too, whatever the form
    other.capacity = 6
    with pytest.raises(Exception, match="territoire"):
        services.save_group(other, actor=world["regional"])


def test_the_national_team_reads_but_does_not_create(client, world):
    client = login(client, world["national"])
    html = client.get("/gestion/").content.decode()
    assert "IP Rhône" in html and "/gestion/groupes/nouveau/" not in html
    assert client.get("/gestion/groupes/nouveau/").status_code == 403
    assert client.get(f"/gestion/groupes/{world['ip_group'].pk}/modifier/").status_code == 404


def test_organisation_staff_create_groups_for_their_organisation_only(client, world):
    from lms.people.factories import TrainingOrganisationFactory

    rival = TrainingOrganisationFactory(name="Autre organisme")
    response = login(client, world["org_staff"]).post(
        "/gestion/groupes/nouveau/", group_data(world, organisation=rival.pk)
    )
    assert response.status_code == 400 and 'id="id_organisation_error"' in response.content.decode()
    response = client.post("/gestion/groupes/nouveau/", group_data(world))
    assert response.status_code == 302


def test_venues_are_created_and_edited_in_the_workspace(client, world):
    client = login(client, world["regional"])
    data = {
        "name": "Salle Jean Moulin",
        "address": "3 rue Garibaldi",
        "postcode": "69003",
        "city": "Lyon",
        "territory": world["territory"].pk,
        "public_transport": "Métro B",
        "step_free_access": "on",
        "break_room": "on",
        "access_notes": "",
    }
    assert client.post("/gestion/lieux/nouveau/", data).status_code == 302
    venue = Venue.objects.get(name="Salle Jean Moulin")
    assert venue.step_free_access and venue.break_room
    response = client.post(f"/gestion/lieux/{venue.pk}/modifier/", {**data, "postcode": ""})
    assert response.status_code == 400 and 'id="id_postcode_error"' in response.content.decode()
    assert f"/gestion/lieux/{venue.pk}/modifier/" in client.get("/gestion/").content.decode()


# --- The back office's forms write through the same services ---------------------------------------


def admin_group_data(world, group, **overrides):
    data = group_data(world, name=group.name, **overrides)
    return data


def test_admin_group_form_refuses_a_capacity_below_the_enrolled_count_next_to_the_field(client, world):
    group = world["ip_group"]
    for _index in range(3):
        enrol_trainee(group, UserFactory())
    client = login(client, world["admin"])
    url = reverse("training_groups:edit", args=[group.pk])
    response = client.post(url, admin_group_data(world, group, capacity="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Le groupe compte déjà 3 inscrits" in html
    group.refresh_from_db()
    assert group.capacity == 8
    response = client.post(url, admin_group_data(world, group, capacity="5", trainers=[world["trainee"].pk]))
    assert "rôle de formateur" in response.content.decode()
    response = client.post(url, admin_group_data(world, group, capacity="5"))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.capacity == 5


@pytest.fixture
def line(world):
    session, _warnings = services.schedule_session(plan(world))
    arrangement_plan, _created = ArrangementPlan.objects.get_or_create(session=session)
    return ArrangementLine.objects.create(plan=arrangement_plan, kind="lsf", half_day="morning", beneficiary_count=1)


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"status": "confirmed", "provider": "", "cost": "350"}, "provider", "Indiquez le prestataire"),
        ({"status": "requested", "provider": "Interprètes 69", "cost": "-5"}, "cost", "ne peut pas être négatif"),
    ],
)
def test_admin_arrangement_line_form_refuses_with_the_services_rules(client, world, line, data, field, message):
    client = login(client, world["admin"])
    url = reverse("arrangement_lines:edit", args=[line.pk])
    response = client.post(url, {**data, "notes": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    line.refresh_from_db()
    assert line.status == "needed" and line.provider == "" and line.cost is None


def test_admin_arrangement_line_form_saves_a_valid_booking(client, world, line):
    client = login(client, world["admin"])
    url = reverse("arrangement_lines:edit", args=[line.pk])
    response = client.post(url, {"status": "confirmed", "provider": " Interprètes 69 ", "cost": "350", "notes": ""})
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.status, line.provider, str(line.cost)) == ("confirmed", "Interprètes 69", "350.00")


def test_roles_without_wagtail_access_get_no_admin_link_even_with_is_staff(client, world):
    assert world["regional"].is_staff
    html = login(client, world["regional"]).get("/groupes/").content.decode()
    assert "Administration" not in html
    assert Role.REGIONAL_TEAM


# --- Completion rules and the arrangements catalogue ------------------------------------------------


def rule_data(**overrides):
    data = {
        "min_attendance_percent": "75",
        "count_caught_up_absences": "on",
        "caught_up_weight_percent": "50",
        "max_caught_up_hours": "",
        "require_final_session": "on",
        "require_intersession_work": "on",
        "require_final_evaluation": "",
    }
    data.update(overrides)
    return data


def test_the_national_team_edits_completion_rules_and_others_read_them(client, world):
    from lms.certificates.models import CompletionRule

    url = f"/gestion/regles-de-fin-de-formation/{world['ip_course'].pk}/"
    client = login(client, world["regional"])
    html = client.get("/gestion/regles-de-fin-de-formation/").content.decode()
    assert "Présence minimale" in html and url not in html
    assert client.get(url).status_code == 403

    client = login(client, world["national"])
    assert url in client.get("/gestion/regles-de-fin-de-formation/").content.decode()
    response = client.post(url, rule_data(min_attendance_percent="120"))
    assert response.status_code == 400 and 'id="id_min_attendance_percent_error"' in response.content.decode()
    response = client.post(url, rule_data(count_caught_up_absences="", max_caught_up_hours="6"))
    assert response.status_code == 400 and 'id="id_max_caught_up_hours_error"' in response.content.decode()
    assert client.post(url, rule_data()).status_code == 302
    rule = CompletionRule.objects.get(course=world["ip_course"])
    assert (rule.min_attendance_percent, rule.caught_up_weight_percent, rule.require_final_evaluation) == (
        75,
        50,
        False,
    )


def test_the_arrangements_catalogue_lists_the_kits_arrangements(client, world):
    html = login(client, world["org_staff"]).get("/gestion/amenagements/").content.decode()
    assert "Interprétation en langue des signes française (LSF)" in html
    assert "pour chaque demi-journée" in html
