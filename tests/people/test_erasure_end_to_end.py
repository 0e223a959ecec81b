"""Export and erasure across every app, on the demo world: after erasure, no text column of any
table (ours, Wagtail's, Django's, django-q2's) still holds the person's name, e-mail or phone."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from wagtail_lms.models import H5PAttempt, H5PXAPIStatement

from accessibility.models import DisplayPreference
from courses.factories import h5p_activity
from lms.people import privacy
from lms.people.models import User
from tests.conftest import ensure_wagtail_root

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_mentioning(needles: list[str]) -> dict[str, list[str]]:
    """{"app.Model.field": [needle, …]} for every text column of every table holding a needle."""
    needles = [needle.lower() for needle in needles if needle]
    hits = {}
    for model in apps.get_models():
        fields = [field.attname for field in model._meta.concrete_fields if isinstance(field, TEXT_FIELDS)]
        if not fields or model._meta.proxy:
            continue
        for row in model._base_manager.values_list(*fields):
            for name, value in zip(fields, row, strict=True):
                text = str(value).lower() if value is not None else ""
                found = [needle for needle in needles if needle in text]
                if found:
                    hits.setdefault(f"{model._meta.label}.{name}", []).extend(found)
    return hits


@pytest.fixture
def demo_world(db):
    ensure_wagtail_root()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    trainee = User.objects.get(email="stagiaire@epop.example")
    # What the demo does not hold: display choices, and an H5P result whose statement names the person.
    DisplayPreference.objects.create(user=trainee, falc=True)
    activity = h5p_activity(title="Quiz")
    attempt = H5PAttempt.objects.create(user=trainee, activity=activity, completion_status="completed")
    H5PXAPIStatement.objects.create(
        attempt=attempt,
        verb="http://adlnet.gov/expapi/verbs/completed",
        statement={"actor": {"name": trainee.get_full_name(), "mbox": f"mailto:{trainee.email}"}},
    )
    return trainee


def identifying_strings(user: User) -> list[str]:
    return [user.email, user.get_full_name(), f"{user.last_name} {user.first_name}", user.phone]


def test_the_export_has_a_section_for_every_app_holding_the_persons_data(demo_world):
    export = privacy.export_personal_data(demo_world)
    names = {section["name"] for section in export["sections"]}
    assert {handler.name for handler in privacy.handlers() if handler.exporter} == names
    filled = {section["name"] for section in export["sections"] if section["data"]}
    # The demo trainee applied, was interviewed, enrolled, signed attendance and answered assignments.
    assert {"identite", "accessibility_needs", "display_preferences", "online_activities"} <= filled
    assert len(filled) >= 6


def test_after_erasure_no_table_holds_the_persons_name_email_or_phone(demo_world, django_capture_on_commit_callbacks):
    trainee = demo_world
    needles = identifying_strings(trainee)
    admin = User.objects.get(email="admin@epop.example")
    classmate = trainee.enrolments.first().group.enrolments.exclude(trainee=trainee).first().trainee
    assert rows_mentioning(needles), "the scan must see the person before erasure"

    with django_capture_on_commit_callbacks(execute=True):
        pseudonym = privacy.erase_person(trainee, by=admin)

    assert rows_mentioning(needles) == {}
    # The scan still finds the others: only the erased person is gone.
    assert "people.User.email" in rows_mentioning([classmate.email])
    trainee.refresh_from_db()
    assert trainee.first_name == pseudonym and not trainee.is_active


def test_the_export_costs_the_same_queries_whatever_the_amount_of_data(
    demo_world, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lms.learning.models import Feedback, Submission

    trainee = demo_world
    client.force_login(trainee)
    with CaptureQueriesContext(connection) as before:
        assert client.get("/mon-compte/mes-donnees/").status_code == 200

    # More of everything the sections list: activity results with statements, feedback, audit entries.
    trainer = User.objects.get(email="formatrice@epop.example")
    for number in range(4):
        attempt = H5PAttempt.objects.create(user=trainee, activity=h5p_activity(title=f"Quiz {number}"))
        H5PXAPIStatement.objects.create(attempt=attempt, verb="http://adlnet.gov/expapi/verbs/attempted", statement={})
        for submission in Submission.objects.filter(trainee=trainee):
            Feedback.objects.create(submission=submission, author=trainer, text=f"Retour {number}")
    assert Submission.objects.filter(trainee=trainee).exists()

    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get("/mon-compte/mes-donnees/").status_code == 200
