"""The Wagtail back office for groups and venues keeps the kit's cap on group size."""

import pytest
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


def test_administrators_list_groups_and_venues_in_wagtail(client, world):
    client.force_login(world["admin"])
    assert "IP Rhône" in client.get("/admin/groupes-formation/").content.decode()
    assert "Maison des associations" in client.get("/admin/lieux/").content.decode()


def test_back_office_validation_refuses_a_capacity_above_the_course_cap(world):
    group = world["ip_group"]
    group.capacity = 12
    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()
    assert excinfo.value.message_dict["capacity"] == [
        "Le nombre de places (12) dépasse la taille maximale fixée par la formation (8 personnes)."
    ]
