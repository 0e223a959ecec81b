"""In Chromium: a trainee who missed a session plays its H5P activity (a real-shaped package, with
the shared libraries of real exports) inside the catch-up; the xAPI statement and the completion are
stored. A player that cannot start leaves a French message and the text version; a hostile SVG of a
package, opened directly, cannot run."""

import json
import re

import pytest
from playwright.sync_api import expect
from wagtail_lms.models import H5PAttempt, H5PXAPIStatement

from courses.services import create_h5p_activity
from lms.attendance import services
from lms.attendance.models import CatchUp
from lms.cohorts.models import HalfDay
from tests.attendance.conftest import at
from tests.axe import axe_violations
from tests.courses.h5p_packages import real_shaped_package

pytestmark = pytest.mark.django_db(transaction=True)

H5P_BLOCK_ID = "55555555-5555-4555-8555-555555555555"
SCRIPTED_SVG = (
    b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"document.documentElement.setAttribute('data-ran', 'onload')\">"
    b"<script>document.documentElement.setAttribute('data-ran', 'script')</script></svg>"
)


@pytest.fixture
def missed(world):
    package = real_shaped_package(extra_files={"FontAwesome-4.5/hostile.svg": SCRIPTED_SVG})
    activity = create_h5p_activity(title="Quiz : le savoir rare", package=package, filename="quiz.h5p")
    session, trainer = world["session"], world["trainer"]
    page = session.session_page.specific
    page.body = json.dumps(
        [
            {
                "type": "h5p",
                "value": {
                    "activity": activity.pk,
                    "instructions_easy_read": "Choisissez la bonne réponse.",
                    "text_alternative": "<p>Qu'est-ce qu'un savoir expérientiel rare ?</p>",
                },
                "id": H5P_BLOCK_ID,
            }
        ]
    )
    page.save_revision().publish()
    morning = services.open_slot(session, HalfDay.MORNING, by=trainer, now=at(9))
    services.close_slot(morning, by=trainer, now=at(13))
    return {**world, "activity": activity, "trainee": world["trainees"][0]}


def test_the_trainee_plays_the_h5p_activity_of_a_catch_up_and_its_completion_is_stored(
    page, live_server, login, missed
):
    trainee = missed["trainee"]
    catch_up = CatchUp.objects.get(trainee=trainee)
    login(trainee)
    page.goto(f"{live_server.url}/mon-espace/")
    page.get_by_role("link", name="Séance 1 : se connaître", exact=True).click()
    page.get_by_role("link", name="Quiz : le savoir rare").click()
    expect(page).to_have_url(re.compile(re.escape(f"/rattrapage/{catch_up.pk}/content-{H5P_BLOCK_ID}/") + "$"))
    page.locator(".lms-h5p-activity").scroll_into_view_if_needed()
    page.locator(".lms-h5p-activity iframe").wait_for()
    frame = page.frame_locator(".lms-h5p-activity iframe")
    frame.get_by_label("Un savoir construit en vivant une expérience peu commune").check()
    with page.expect_response(lambda response: "/lms/h5p-xapi/" in response.url) as xapi:
        frame.get_by_role("button", name="Valider ma réponse").click()
    assert xapi.value.status == 200
    assert frame.get_by_role("status").inner_text() == "Bonne réponse."
    assert axe_violations(page) == []

    statement = H5PXAPIStatement.objects.get(attempt__user=trainee)
    assert statement.verb == "http://adlnet.gov/expapi/verbs/answered"
    attempt = H5PAttempt.objects.get(user=trainee, activity=missed["activity"])
    assert (attempt.completion_status, attempt.score_raw, attempt.score_max) == ("completed", 1.0, 1.0)

    page.get_by_role("button", name="J'ai terminé").click()
    expect(page.locator("body")).to_contain_text("Bravo, vous avez tout rattrapé pour cette séance !")
    catch_up.refresh_from_db()
    assert catch_up.completed_at is not None


def test_a_player_that_cannot_start_leaves_a_french_message_and_the_text_version(page, live_server, login, missed):
    catch_up = CatchUp.objects.get(trainee=missed["trainee"])
    login(missed["trainee"])
    page.route("**/h5p-standalone/main.bundle.js", lambda route: route.abort())
    page.goto(f"{live_server.url}/rattrapage/{catch_up.pk}/content-{H5P_BLOCK_ID}/")
    message = page.locator(".lms-h5p-activity__loading")
    assert message.inner_text() == (
        "L'activité interactive n'a pas pu démarrer. Faites-la avec sa version texte, juste en dessous."
    )
    assert page.locator("details.h5p-block__alternative").get_attribute("open") is not None
    expect(page.get_by_text("Qu'est-ce qu'un savoir expérientiel rare ?")).to_be_visible()


def test_a_scripted_svg_of_a_package_cannot_run_when_opened_directly(page, live_server, login, missed):
    login(missed["trainee"])
    url = f"{live_server.url}{missed['activity'].get_content_base_url()}/FontAwesome-4.5/hostile.svg"
    response = page.goto(url)
    assert response.status == 200
    assert response.headers["content-security-policy"].startswith("sandbox;")
    page.wait_for_timeout(300)
    assert page.locator("svg").get_attribute("data-ran") is None


def test_the_same_real_shaped_package_plays_in_the_session_page(page, live_server, login, missed):
    trainee = missed["trainee"]
    login(trainee)
    page.goto(f"{live_server.url}{missed['session'].session_page.url}")
    page.locator(".lms-h5p-activity").scroll_into_view_if_needed()
    frame = page.frame_locator(".lms-h5p-activity iframe")
    frame.get_by_label("Un diplôme").check()
    with page.expect_response(lambda response: "/lms/h5p-xapi/" in response.url) as xapi:
        frame.get_by_role("button", name="Valider ma réponse").click()
    assert xapi.value.status == 200
    attempt = H5PAttempt.objects.get(user=trainee, activity=missed["activity"])
    assert (attempt.completion_status, attempt.score_raw) == ("completed", 0.0)
