"""Remaining intersession work: "Mon espace" and "Travaux" answer from one selector and agree."""

import re

import pytest

from lms.learning import selectors, services

pytestmark = pytest.mark.django_db


def _titles(html: str, heading: str) -> list[str]:
    """The card titles listed under `heading` (up to the next h2)."""
    section = html.split(heading, 1)[1].split("<h2", 1)[0]
    return re.findall(r'<a href="/travaux/\d+/">([^<]+)</a>', section)


def test_a_draft_of_a_task_not_yet_given_is_work_to_do_on_both_pages(client, world, first_assignment):
    trainee = world["trainee"]
    services.save_answer(first_assignment, trainee, answer_form="text", text="Brouillon", submit=False)
    work = selectors.remaining_work(trainee)
    assert [row.assignment for row in work.to_do] == [first_assignment]
    assert [row.status for row in work.to_do] == ["draft"]
    later = [row.assignment for row in work.upcoming]
    assert later == [world["ip_group"].assignments.last()]

    client.force_login(trainee)
    home = client.get("/mon-espace/").content.decode()
    travaux = client.get("/travaux/").content.decode()
    assert "Aucun travail à rendre" not in home and "Aucun travail à rendre" not in travaux
    assert _titles(home, "Travaux à faire") == _titles(travaux, "Mes travaux à faire") == [first_assignment.title]
    assert "1 travail sera donné à une prochaine séance." in home
    assert _titles(travaux, "Travaux des prochaines séances") == [later[0].title]


def test_with_nothing_started_before_the_first_session_both_pages_say_nothing_to_hand_in(client, world):
    client.force_login(world["trainee"])
    home = client.get("/mon-espace/").content.decode()
    travaux = client.get("/travaux/").content.decode()
    assert "Aucun travail à rendre pour le moment." in home and "Aucun travail à rendre pour le moment." in travaux
    assert "2 travaux seront donnés aux prochaines séances." in home
    assert len(_titles(travaux, "Travaux des prochaines séances")) == 2
