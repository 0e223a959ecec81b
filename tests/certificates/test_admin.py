"""Completion rules and signatories are administered in Wagtail."""

import pytest
from django.urls import reverse

from lms.certificates.models import CompletionRule
from lms.people.models import Role

pytestmark = pytest.mark.django_db


def test_an_administrator_edits_a_courses_completion_rules_in_wagtail(client, site_tree, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR, email="admin@example.fr"))
    assert client.get(reverse("completion_rules:index")).status_code == 200
    response = client.get(reverse("completion_rules:add"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Part minimale des heures prévues du groupe où la personne était présente" in html
    course = site_tree["referents"]
    response = client.post(
        reverse("completion_rules:add"),
        {
            "course": course.pk,
            "min_attendance_percent": "70",
            "count_caught_up_absences": "on",
            "caught_up_weight_percent": "50",
            "max_caught_up_hours": "",
            "require_final_session": "",
            "require_intersession_work": "on",
            "require_final_evaluation": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = CompletionRule.objects.get(course=course)
    assert (rule.min_attendance_percent, rule.caught_up_weight_percent, rule.require_final_session) == (70, 50, False)
    assert client.get(reverse("certificate_signatories:index")).status_code == 200


def test_a_trainee_has_no_access_to_the_rules_administration(client, site_tree, make_user):
    client.force_login(make_user(Role.TRAINEE))
    assert client.get(reverse("completion_rules:index")).status_code in (302, 403)
