"""A trainee's journey with the keyboard only: log in, open what to catch up, play the captioned video
and show the LSF video, sign an attendance slot by typing their name, hand in intersession work.
Every stop of the Tab key shows a visible focus."""

import datetime

import pytest
from playwright.sync_api import expect

from lms.people.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_INFO = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
    label: el.labels && el.labels.length ? el.labels[0].innerText.trim() : '',
    tag: el.tagName,
    focusVisible: el.matches(':focus-visible'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
  };
}"""


def tab_to(page, name: str, *, limit: int = 150) -> dict:
    """Presses Tab until the focused element's text or label contains `name`; every stop on the way
    must show a visible focus indicator."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        # Native media controls are focused inside the <video>'s shadow tree and draw their own ring.
        if info["tag"] not in {"BODY", "VIDEO", "AUDIO"}:
            assert info["focusVisible"] and (info["outline"] or info["shadow"]), f"Focus not visible on {info}"
        if name in info["text"] or name in info["label"]:
            return info
    raise AssertionError(f"« {name} » cannot be reached with the Tab key")


def follow(page, key: str) -> None:
    """Presses a key that submits a form or follows a link, and waits for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


@pytest.fixture
def journey(site_tree, territory, organisation, make_user):
    from courses.models import SessionPage
    from lms.attendance import services as attendance
    from lms.learning import services as learning
    from lms.learning.factories import enrol, schedule, session_page, training_group
    from tests.attendance.conftest import session_around_now

    course = site_tree["peer_interveners"]
    trainer = make_user(Role.TRAINER, email="formatrice@test.fr")
    trainee = make_user(Role.TRAINEE, email="samia@test.fr", first_name="Samia", last_name="Haddad")
    group = training_group(course, territory=territory, organisation=organisation, name="IP Rhône", trainers=[trainer])
    enrol(group, trainee)
    video_page = SessionPage.objects.get(slug="savoir-experientiel-rare")
    missed = schedule(video_page, group, date=datetime.date.today() - datetime.timedelta(days=7))
    attendance.open_catch_up(trainee, missed)
    task_page = session_page(course, "Mon expérience", task="Raconter une expérience")
    schedule(task_page, group, date=datetime.date.today() - datetime.timedelta(days=2))
    learning.sync_group_assignments(group)
    today, half_day = session_around_now(course, group, title="Séance du jour", trainer=trainer)
    attendance.open_slot(today, half_day, by=trainer)
    return {"trainee": trainee, "video_page": video_page}


def test_a_trainee_does_everything_with_the_keyboard(page, live_server, journey):
    from django.conf import settings

    trainee = journey["trainee"]
    # 1. Log in.
    page.goto(f"{live_server.url}/connexion/")
    tab_to(page, "Adresse e-mail")
    page.keyboard.type(trainee.email)
    tab_to(page, "Mot de passe")
    page.keyboard.type(settings.DEMO_PASSWORD)
    follow(page, "Enter")
    assert "/connexion/" not in page.url

    # 2. Open what to catch up, from "Mon espace".
    page.goto(f"{live_server.url}/mon-espace/")
    tab_to(page, journey["video_page"].title)
    follow(page, "Enter")
    tab_to(page, "Le savoir expérientiel rare, en une minute")
    follow(page, "Enter")

    assert page.get_by_role("heading", level=1).inner_text() == "Le savoir expérientiel rare, en une minute"

    # 3. Play the captioned video and show the LSF video, on the session's page (the catch-up item
    # page does not render the block yet: its template's `block` variable is shadowed by Django's).
    page.goto(f"{live_server.url}{journey['video_page'].url}")
    video = page.locator("video.video-block__main")
    expect(video.locator("track[kind=captions]")).to_have_count(1)
    tab_to(page, "Afficher la langue des signes (LSF)")
    page.keyboard.press("Enter")
    toggle = page.locator("[data-lsf-toggle]")
    assert toggle.get_attribute("aria-pressed") == "true"
    expect(page.locator(".video-block__lsf")).to_be_visible()
    video.focus()
    page.keyboard.press("Space")
    page.wait_for_function("!document.querySelector('video.video-block__main').paused")
    assert page.evaluate("document.querySelector('video.video-block__main').textTracks[0].mode") == "showing"
    page.keyboard.press("Space")

    # 4. Sign the open slot by typing one's name.
    page.goto(f"{live_server.url}/mon-espace/")
    tab_to(page, "Signer ma présence")
    follow(page, "Enter")
    tab_to(page, "Votre prénom et votre nom")
    page.keyboard.type("Samia Haddad")
    tab_to(page, "Signer avec mon nom")
    follow(page, "Enter")
    expect(page.get_by_text("C'est signé. Merci !")).to_be_visible()

    # 5. Hand in the intersession work.
    page.goto(f"{live_server.url}/travaux/")
    tab_to(page, "Raconter une expérience")
    follow(page, "Enter")
    tab_to(page, "Réponse écrite")
    page.keyboard.press("Space")
    tab_to(page, "Votre réponse écrite")
    page.keyboard.type("J'ai raconté mon expérience à ma voisine.")
    tab_to(page, "Rendre mon travail")
    follow(page, "Enter")
    from lms.learning.models import Submission

    assert Submission.objects.get(trainee=trainee).status == "submitted"
