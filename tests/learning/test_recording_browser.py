"""Answering by voice in a real Chromium: the form shows only the chosen part, the trainee records
with the keyboard, listens back, and sends; the recording is stored like an uploaded file."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from lms.learning.models import Submission
from tests.conftest import CHROMIUM_FLAGS, chromium_executable

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

# Chromium's stand-in microphone and camera, granted without the permission prompt.
FAKE_MEDIA_FLAGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


@pytest.fixture
def media_browser(browser):
    # A second browser from the same Playwright as the suite's: one Playwright per process.
    media = browser.browser_type.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS + FAKE_MEDIA_FLAGS)
    yield media
    media.close()


def signed_in_page(browser, live_server, user, *, width=390):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 844})
    context.grant_permissions(["microphone", "camera"], origin=live_server.url)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    return context, context.new_page()


def test_a_trainee_records_an_audio_answer_listens_back_and_sends_it(
    media_browser, live_server, world, first_assignment
):
    context, page = signed_in_page(media_browser, live_server, world["trainee"])
    try:
        page.goto(f"{live_server.url}{reverse('learning:my_work')}")
        page.get_by_role("link", name=first_assignment.title).first.click()
        page.wait_for_load_state()
        # Before a choice, none of the answer inputs is shown; choosing audio shows only the recorder.
        expect(page.get_by_label("Votre réponse écrite (ou une note pour l'oral)")).to_be_hidden()
        page.get_by_role("radio", name="Enregistrement audio").check()
        expect(page.get_by_label("Votre réponse écrite (ou une note pour l'oral)")).to_be_hidden()
        expect(page.get_by_label("Votre fichier")).to_be_hidden()
        start = page.get_by_role("button", name="Commencer l'enregistrement")
        start.focus()
        page.keyboard.press("Enter")
        page.get_by_role("status").filter(has_text="Enregistrement en cours").wait_for()
        page.wait_for_timeout(1200)
        # Focus moved to "Arrêter": the keyboard user stops where they are.
        page.keyboard.press("Enter")
        page.get_by_role("status").filter(has_text="Enregistrement terminé").wait_for()
        expect(page.get_by_label("Votre enregistrement, à réécouter avant de le rendre")).to_be_visible()
        page.get_by_role("button", name="Rendre mon travail").click()
        page.wait_for_load_state()
    finally:
        context.close()
    submission = Submission.objects.get(assignment=first_assignment, trainee=world["trainee"])
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.answer_form == "audio"
    assert submission.media_type == "audio/webm"
    assert submission.media_size > 0


def test_choosing_writing_shows_the_text_box_only(media_browser, live_server, world, first_assignment):
    context, page = signed_in_page(media_browser, live_server, world["trainee"], width=1280)
    try:
        page.goto(f"{live_server.url}{reverse('learning:answer', args=[first_assignment.pk])}")
        page.get_by_role("radio", name="Réponse écrite").check()
        expect(page.get_by_label("Votre réponse écrite (ou une note pour l'oral)")).to_be_visible()
        expect(page.get_by_role("button", name="Commencer l'enregistrement")).to_be_hidden()
        page.get_by_role("radio", name="Enregistrement vidéo").check()
        expect(page.get_by_role("button", name="Commencer la vidéo")).to_be_visible()
        expect(page.get_by_label("Votre réponse écrite (ou une note pour l'oral)")).to_be_hidden()
    finally:
        context.close()
