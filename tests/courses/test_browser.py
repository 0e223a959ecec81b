"""The curriculum in a real Chromium: axe audits, the LSF toggle, and an H5P activity that plays in a
session page and stores the logged-in trainee's xAPI statement."""

import pytest
from playwright.sync_api import expect
from wagtail_lms.models import H5PAttempt, H5PXAPIStatement

from lms.people.models import Role
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SESSION = "/formations/intervenants-pairs/savoir-experientiel-rare/"


@pytest.mark.parametrize("path", ["/formations/referents/", SESSION, "/formations/module-falc/"])
def test_curriculum_pages_have_no_axe_violation_for_an_anonymous_visitor(page, live_server, site_tree, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200
    assert axe_violations(page) == []


def test_the_viewer_toggles_the_lsf_video_which_follows_the_main_video(page, live_server, site_tree):
    page.goto(f"{live_server.url}{SESSION}")
    toggle = page.get_by_role("button", name="Afficher la langue des signes (LSF)")
    lsf = page.locator(".video-block__lsf")
    assert lsf.is_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(lsf).to_be_visible()
    lsf_time = page.evaluate(
        """() => new Promise((resolve) => {
            const main = document.querySelector('.video-block__main');
            const lsf = document.querySelector('.video-block__lsf');
            main.addEventListener('seeked', () => resolve(lsf.currentTime), { once: true });
            main.currentTime = 5;
        })"""
    )
    assert lsf_time == pytest.approx(5, abs=0.3)
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(lsf).to_be_hidden()


def test_h5p_activity_plays_and_stores_the_trainees_xapi_statement(page, live_server, site_tree, make_user, login):
    trainee = make_user(Role.TRAINEE, email="samia@example.fr")
    login(trainee)
    page.goto(f"{live_server.url}{SESSION}")
    # The player starts when the activity comes near the viewport, as the trainee scrolls.
    page.locator(".lms-h5p-activity").scroll_into_view_if_needed()
    frame_element = page.locator(".lms-h5p-activity iframe")
    frame_element.wait_for()
    assert frame_element.get_attribute("title") == "Activité interactive : Quiz : le savoir expérientiel rare"
    frame = page.frame_locator(".lms-h5p-activity iframe")
    frame.get_by_label("Un savoir construit en vivant une expérience peu commune").check()
    with page.expect_response(lambda response: "/lms/h5p-xapi/" in response.url) as xapi:
        frame.get_by_role("button", name="Valider ma réponse").click()
    assert xapi.value.status == 200
    assert frame.get_by_role("status").inner_text() == "Bonne réponse."

    statement = H5PXAPIStatement.objects.get(attempt__user=trainee)
    assert statement.verb == "http://adlnet.gov/expapi/verbs/answered"
    attempt = H5PAttempt.objects.get(user=trainee)
    assert (attempt.completion_status, attempt.score_raw, attempt.score_max) == ("completed", 1.0, 1.0)
    assert axe_violations(page) == []
