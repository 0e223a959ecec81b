"""A group's usual venue: chosen in Gestion within the group's region, taken by the group's new
sessions, shown on the group page and on the public course page's upcoming groups."""

import datetime

import pytest
import time_machine

from lms.cohorts.factories import VenueFactory
from lms.cohorts.models import TrainingGroup
from lms.people.factories import RegionFactory, TerritoryFactory
from tests.staff.test_workspace import group_data, login

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2027, 1, 10, 10, 0, tzinfo=datetime.UTC)


def test_the_group_form_saves_its_usual_venue_and_the_hub_shows_it(client, world):
    client = login(client, world["regional"])
    response = client.post("/gestion/groupes/nouveau/", group_data(world, venue=world["venue2"].pk))
    group = TrainingGroup.objects.get(name="IP Isère 2031")
    assert response.status_code == 302 and group.venue == world["venue2"]
    html = client.get(f"/groupes/{group.pk}/").content.decode()
    assert "Lieu habituel" in html and "Centre social" in html


def test_a_venue_of_another_region_is_refused_next_to_the_field(client, world):
    far = TerritoryFactory(region=RegionFactory(code="76", name="Occitanie"), name="Hérault", code="34")
    far_venue = VenueFactory(name="Salle lointaine", territory=far)
    group = world["ip_group"]
    group.venue = far_venue
    from django.core.exceptions import ValidationError

    from lms.cohorts import services

    with pytest.raises(ValidationError, match="autre région"):
        services.save_group(group)
    # An administrator's form offers every venue: the service refuses next to the field.
    response = login(client, world["admin"]).post(
        f"/gestion/groupes/{group.pk}/modifier/", group_data(world, name=group.name, venue=far_venue.pk)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_venue_error"' in html and "autre région" in html


def test_a_new_session_of_the_group_takes_its_usual_venue(client, world):
    group = world["ip_group"]
    group.venue = world["venue2"]
    group.save()
    html = login(client, world["regional"]).get(f"/groupes/{group.pk}/seances/nouvelle/").content.decode()
    option = html.split('name="venue"', 1)[1].split("</select>", 1)[0]
    assert f'value="{world["venue2"].pk}" selected' in option


def test_the_public_course_page_shows_the_groups_usual_venue(client, world):
    group = world["ip_group"]
    group.venue = world["venue2"]
    group.status = TrainingGroup.Status.RECRUITING
    group.start_date = datetime.date(2027, 3, 2)
    group.save()
    world["venue2"].city = "Villeurbanne"
    world["venue2"].save()
    with time_machine.travel(TODAY, tick=False):
        html = client.get("/formations/intervenants-pairs/").content.decode()
    section = html.split("IP Rhône", 1)[1].split("</li>", 1)[0]
    assert "Villeurbanne (Rhône)" in section
