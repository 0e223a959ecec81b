"""The learning pages in a real Chromium, for each role that sees them: no axe-core violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lms.learning import services
from tests.axe import axe_violations
from tests.learning.conftest import upload, wav_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_world(world, objectives):
    """Answers, feedback, levels and goals, so that every part of the pages is drawn."""
    group, trainee, trainer = world["ip_group"], world["trainee"], world["trainer"]
    first, last = group.assignments.all()
    submission = services.save_answer(
        first, trainee, answer_form="audio", upload=upload("memo.wav", wav_bytes(), "audio/wav"), submit=True
    )
    services.give_feedback(
        submission, author=trainer, text="Très bien.", audio=upload("r.wav", wav_bytes(), "audio/wav")
    )
    services.save_answer(last, trainee, answer_form="text", text="Mon brouillon", submit=False)
    services.record_assessments(group, trainee, kind="entry", levels={objectives["C1"]: 2}, by=trainee)
    services.record_assessments(group, trainee, kind="final", levels={objectives["C1"]: 3}, by=trainer)
    services.set_intermediate_goal(
        group, trainee, description="Parler 5 minutes", objectives=[objectives["C1"]], by=trainer
    )
    return {**world, "first": first, "last": last}


def audit(page, live_server, paths) -> dict:
    found = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    return found


def test_trainee_pages_have_no_axe_violation(page, live_server, login, busy_world):
    world = busy_world
    group, trainee = world["ip_group"], world["trainee"]
    login(trainee)
    paths = [
        reverse("learning:my_work"),
        reverse("learning:answer", args=[world["first"].pk]),
        reverse("learning:answer", args=[world["last"].pk]),
        reverse("learning:trainee_objectives", args=[group.pk, trainee.pk]),
        reverse("learning:assess", args=[group.pk, trainee.pk, "entree"]),
    ]
    assert audit(page, live_server, paths) == {}
    # A refused answer shows its error next to the field: still no violation.
    page.goto(f"{live_server.url}{reverse('learning:answer', args=[world['last'].pk])}")
    page.get_by_role("radio", name="Fichier").check()
    page.get_by_role("button", name="Rendre mon travail").click()
    page.wait_for_load_state()
    expect(page.locator(".field-error", has_text="Choisissez le fichier à rendre.")).to_be_visible()
    assert axe_violations(page) == []


def test_trainer_pages_have_no_axe_violation(page, live_server, login, busy_world):
    world = busy_world
    group, trainee = world["ip_group"], world["trainee"]
    login(world["trainer"])
    paths = [
        reverse("learning:my_work"),
        reverse("learning:group_work", args=[group.pk]),
        reverse("learning:review", args=[world["first"].pk, trainee.pk]),
        reverse("learning:review", args=[world["last"].pk, world["other"].pk]),
        reverse("learning:group_objectives", args=[group.pk]),
        reverse("learning:trainee_objectives", args=[group.pk, trainee.pk]),
        reverse("learning:assess", args=[group.pk, trainee.pk, "finale"]),
    ]
    assert audit(page, live_server, paths) == {}
