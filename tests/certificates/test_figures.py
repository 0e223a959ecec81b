"""The same fact shows the same figure everywhere: attended hours on "Mon espace", the attestations
page, the certificate pages and PDF; the last session is only called missed once it is held."""

import datetime

import pytest
import time_machine

from lms.attendance.models import AttendanceStatus
from lms.certificates import selectors
from lms.certificates.services import IssuingContext, issue_certificate
from tests.certificates.conftest import attend, catch_up, evaluate, hand_in
from tests.certificates.pdf_tools import reader, text_of

pytestmark = pytest.mark.django_db

AFTER = datetime.datetime(2026, 6, 20, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def bob(world):
    """Bob: the first day signed (8 h), the second missed and caught up online (8 h), left the last
    half-day 30 minutes early (2 h 30): 10 h 30 attended, 8 h caught up."""
    bob = world.bob
    attend(world.sessions[0], bob)
    attend(world.sessions[1], bob, status=AttendanceStatus.ABSENT)
    catch_up(world.sessions[1], bob)
    attend(world.sessions[2], bob, status=AttendanceStatus.LEFT_EARLY, minutes_missed=30)
    hand_in(world, bob)
    evaluate(world, bob)
    return bob


def test_attended_hours_are_the_same_on_every_page_and_the_certificate(client, world, bob):
    client.force_login(bob)
    with time_machine.travel(AFTER, tick=False):
        home = client.get("/mon-espace/").content.decode()
        attestations = client.get("/certificats/").content.decode()
    assert "Intervenants-pairs Rhône 2026 : 10 h 30 de présence, 8 h rattrapées en ligne" in home
    assert "10 h 30 de présence et 8 h rattrapées en ligne : 18 h 30 comptées sur 19 h prévues" in attestations
    assert "Vous êtes venu 10 h 30 et vous avez rattrapé 8 h en ligne : cela fait 18 h 30 sur 19 h." in attestations

    with time_machine.travel(AFTER, tick=False):
        completion = selectors.group_completion(world.group)
        certificate, _created = issue_certificate(IssuingContext(world.group, completion), completion.status_of(bob))
        mine = client.get("/certificats/").content.decode()
        verify = client.get(f"/certificats/verifier/{certificate.code}/").content.decode()
    assert "10 h 30 de présence" in mine
    assert "pour une durée de 10 h 30." in verify
    assert "pour une durée de 10 h 30." in text_of(reader(certificate.realisation_pdf))
    assert "Durée : 10 h 30 réalisées, pour une durée prévue de 19 h." in text_of(reader(certificate.attestation_pdf))


def test_a_last_session_still_to_come_is_not_called_missed(client, world, bob):
    client.force_login(bob)
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        html = client.get("/certificats/").content.decode()
    assert "Vous n&#x27;êtes pas venu à la dernière séance." not in html
    assert "Absent à la dernière séance." not in html
    assert "La dernière séance n&#x27;a pas encore eu lieu : elle est prévue le 1 juin 2026." in html or (
        "La dernière séance n&#x27;a pas encore eu lieu : elle est prévue le 1er juin 2026." in html
    )
    with time_machine.travel(AFTER, tick=False):
        html = client.get("/certificats/").content.decode()
    assert "Présent à la dernière séance." in html
