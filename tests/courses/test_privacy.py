"""Online activity results are part of a person's export; erasure keeps the completion record and
deletes what the H5P player recorded about the person beyond it."""

import pytest
from wagtail_lms.models import H5PAttempt, H5PContentUserData, H5PXAPIStatement

from courses.factories import h5p_activity
from lms.people import privacy
from lms.people.models import Role

pytestmark = pytest.mark.django_db


def play(user, activity):
    """What the H5P player leaves behind: an attempt, a statement naming the person, saved answers."""
    attempt = H5PAttempt.objects.create(
        user=user, activity=activity, completion_status="completed", success_status="passed", score_raw=3, score_max=4
    )
    H5PXAPIStatement.objects.create(
        attempt=attempt,
        verb="http://adlnet.gov/expapi/verbs/completed",
        verb_display="completed",
        statement={"actor": {"name": user.get_full_name(), "mbox": f"mailto:{user.email}"}},
    )
    H5PContentUserData.objects.create(attempt=attempt, data_type="state", value='{"answers": ["mon vécu"]}')
    return attempt


def test_the_export_lists_activity_results(make_user):
    trainee = make_user(Role.TRAINEE)
    play(trainee, h5p_activity(title="Quiz : le savoir expérientiel"))
    section = next(s for s in privacy.export_personal_data(trainee)["sections"] if s["name"] == "online_activities")
    [attempt] = section["data"]["activités_h5p"]
    assert attempt["activité"] == "Quiz : le savoir expérientiel"
    assert attempt["score"] == 3 and attempt["score_maximum"] == 4
    assert attempt["déclarations_xapi"][0]["verbe"] == "completed"


def test_erasure_keeps_the_completion_and_deletes_what_names_the_person(make_user):
    admin, trainee, classmate = make_user(Role.ADMINISTRATOR), make_user(Role.TRAINEE), make_user(Role.TRAINEE)
    activity = h5p_activity(title="Quiz")
    play(trainee, activity)
    play(classmate, activity)

    privacy.erase_person(trainee, by=admin)

    attempt = H5PAttempt.objects.get(user=trainee)
    assert attempt.completion_status == "completed" and attempt.score_raw == 3
    assert not H5PXAPIStatement.objects.filter(attempt__user=trainee).exists()
    assert not H5PContentUserData.objects.filter(attempt__user=trainee).exists()
    assert H5PXAPIStatement.objects.filter(attempt__user=classmate).count() == 1
    assert H5PContentUserData.objects.filter(attempt__user=classmate).count() == 1
