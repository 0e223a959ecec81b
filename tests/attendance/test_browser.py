"""In Chromium: a trainee signs one slot by drawing and another with the keyboard-only alternative,
walks a catch-up to the end; every attendance page passes axe for each role that sees it."""

import json
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from lms.attendance import services
from lms.attendance.models import CatchUp, Signature
from lms.cohorts.models import HalfDay
from lms.people.models import Role
from tests.attendance.conftest import at, session_around_now
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EASY_READ_BLOCK_ID = "44444444-4444-4444-8444-444444444444"


@pytest.fixture
def day(world):
    course, group, trainer = world["course"], world["group"], world["trainer"]
    first, first_half = session_around_now(course, group, title="Séance du jour : les rôles", trainer=trainer)
    second, second_half = session_around_now(course, group, title="Atelier du jour : témoigner", trainer=trainer)
    first_slot = services.open_slot(first, first_half, by=trainer)
    second_slot = services.open_slot(second, second_half, by=trainer)
    # The world's session is past: the trainee missed it and has to catch up.
    missed = world["session"]
    page = missed.session_page.specific
    page.body = json.dumps(
        [
            {
                "type": "easy_read",
                "value": {"heading": "En bref", "text": "Nous avons appris à nous présenter."},
                "id": EASY_READ_BLOCK_ID,
            }
        ]
    )
    page.save_revision().publish()
    services.add_material(
        missed, by=trainer, kind="notes", title="Notes de la matinée", text="Tour de table, règles du groupe."
    )
    services.add_material(
        missed,
        by=trainer,
        kind="photo",
        title="Le tableau",
        text="Un tableau : nos règles de groupe, écoute et respect.",
        file=SimpleUploadedFile("tableau.png", _png_bytes(), content_type="image/png"),
    )
    morning = services.open_slot(missed, HalfDay.MORNING, by=trainer, now=at(9))
    services.close_slot(morning, by=trainer, now=at(13))
    return {**world, "first_slot": first_slot, "second_slot": second_slot}


def _png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (240, 240, 240)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_trainee_signs_by_drawing_and_by_keyboard_then_catches_up(page, live_server, login, day):
    trainee = day["trainees"][0]
    login(trainee)
    page.goto(f"{live_server.url}/mon-espace/")
    assert page.locator("h1").inner_text() == "Mon espace"
    assert axe_violations(page) == []

    # Drawn signature with the pointer.
    page.goto(f"{live_server.url}/emargement/creneaux/{day['first_slot'].pk}/signer/")
    assert axe_violations(page) == []
    canvas = page.locator("canvas.signature-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 60)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 30 + step * 25, box["y"] + 60 + (15 if step % 2 else -15))
    page.mouse.up()
    page.get_by_role("button", name="Signer avec mon dessin").click()
    page.wait_for_url(f"{live_server.url}/mon-espace/")
    expect(page.locator("body")).to_contain_text("C'est signé. Merci !")
    drawn = Signature.objects.get(record__slot=day["first_slot"])
    assert drawn.method == "drawn" and drawn.image.name.endswith(".png")

    # The accessible alternative, with the keyboard only.
    page.goto(f"{live_server.url}/emargement/creneaux/{day['second_slot'].pk}/signer/")
    page.get_by_label("Votre prénom et votre nom").focus()
    page.keyboard.type("Samia Haddad")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/mon-espace/")
    typed = Signature.objects.get(record__slot=day["second_slot"])
    assert typed.method == "typed_name" and typed.typed_name == "Samia Haddad"

    # The catch-up of the missed session, item by item.
    catch_up = CatchUp.objects.get(trainee=trainee)
    page.get_by_role("link", name="Séance 1 : se connaître", exact=True).click()
    assert axe_violations(page) == []
    assert page.locator("progress").get_attribute("value") == "0"
    page.get_by_role("link", name="En bref").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="J'ai terminé, élément suivant").click()
    expect(page.locator("h1")).to_have_text("Notes de la matinée")
    page.get_by_role("button", name="J'ai terminé, élément suivant").click()
    expect(page.locator("h1")).to_have_text("Le tableau")
    expect(page.get_by_role("img", name="Un tableau : nos règles de groupe, écoute et respect.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="J'ai terminé").click()
    expect(page.locator("body")).to_contain_text("Bravo, vous avez tout rattrapé pour cette séance !")
    assert page.locator("progress").get_attribute("value") == "3"
    catch_up.refresh_from_db()
    assert catch_up.completed_at is not None


def test_trainer_and_supervisor_pages_pass_axe(browser, page, live_server, login, day, make_user, region):
    login(day["trainer"])
    page.goto(f"{live_server.url}/emargement/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Séance du jour : les rôles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Émargement — Séance du jour : les rôles"))
    page.locator("a.cell-link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Présence de "))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Retour à l'émargement").click()
    page.goto(f"{live_server.url}/emargement/seances/{day['session'].pk}/")
    expect(page.locator("body")).to_contain_text("Absences et rattrapage")
    assert axe_violations(page) == []

    context = browser.new_context(locale="fr-FR")
    other = context.new_page()
    regional = make_user(Role.REGIONAL_TEAM, region=region)
    other.goto(f"{live_server.url}/connexion/")
    other.get_by_label("Adresse e-mail").fill(regional.email)
    other.get_by_label("Mot de passe").fill(settings.DEMO_PASSWORD)
    other.get_by_role("button", name="Se connecter").click()
    other.wait_for_load_state()
    other.goto(f"{live_server.url}/emargement/seances/{day['session'].pk}/")
    assert axe_violations(other) == []
    context.close()
