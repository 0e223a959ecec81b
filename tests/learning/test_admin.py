"""The administration lists learning records read-only, for administrators."""

import pytest
from django.urls import reverse

from lms.learning import services
from lms.people.models import Role

pytestmark = pytest.mark.django_db


def test_administrator_lists_and_inspects_but_cannot_edit(client, world, first_assignment, make_user):
    submission = services.save_answer(first_assignment, world["trainee"], answer_form="oral", submit=True)
    client.force_login(make_user(Role.ADMINISTRATOR))
    for prefix, obj in (("learning_submissions", submission), ("learning_assignments", first_assignment)):
        assert client.get(reverse(f"{prefix}:index")).status_code == 200
        assert client.get(reverse(f"{prefix}:inspect", args=[obj.pk])).status_code == 200
        assert client.get(reverse(f"{prefix}:edit", args=[obj.pk])).status_code in (302, 403)


def test_regional_team_does_not_see_the_records_in_the_administration(client, world, make_user, region):
    client.force_login(make_user(Role.REGIONAL_TEAM, region=region))
    assert client.get(reverse("learning_submissions:index")).status_code in (302, 403)
