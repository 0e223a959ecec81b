"""The regional team's journey through the browser: from login to the group page, move one session,
cancel another, resend a convocation; every page on the way passes axe-core."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import expect

from lms.cohorts.models import ConvocationLog, ScheduledSession
from tests.axe import axe_violations
from tests.cohorts.conftest import enrol_trainee
from tests.cohorts.test_pages import schedule_week

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime.datetime(2031, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def no_violation(page):
    assert axe_violations(page) == [], page.url


def test_regional_team_moves_cancels_and_resends_from_the_group_page(page, live_server, login, world):
    with time_machine.travel(NOW, tick=True):
        enrol_trainee(world["ip_group"], world["trainee"])
        first = schedule_week(world)
        second = schedule_week(world, weeks=2, page_index=2)
        mail.outbox.clear()

        login(world["regional"])
        page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Groupes").first.click()
        page.get_by_role("link", name="IP Rhône").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == "IP Rhône"

        # Move the first session to the Wednesday, in another venue.
        page.get_by_role("link", name="Déplacer la séance du 3 mars").click()
        no_violation(page)
        page.get_by_label("Date").fill("2031-03-05")
        page.get_by_label("Lieu", exact=True).select_option(label=str(world["venue2"]))
        page.get_by_label("Motif du changement").fill("Salle en travaux.")
        page.get_by_role("button", name="Déplacer la séance").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text("prévenus par e-mail")
        no_violation(page)
        first.refresh_from_db()
        assert first.date == datetime.date(2031, 3, 5) and first.sequence == 1
        assert any(m.to == ["stagiaire@test.fr"] and m.subject.startswith("Séance modifiée") for m in mail.outbox)

        # Cancel the second one: a reason is required.
        page.get_by_role("link", name="Annuler la séance du 17 mars").click()
        page.get_by_role("button", name="Annuler la séance").click()
        page.wait_for_load_state()
        expect(page.locator(".form-error-summary")).to_have_count(1)
        no_violation(page)
        page.get_by_label("Motif de l'annulation").fill("Formatrice malade.")
        page.get_by_role("button", name="Annuler la séance").click()
        page.wait_for_load_state()
        second.refresh_from_db()
        assert second.status == ScheduledSession.Status.CANCELLED
        expect(page.get_by_text("Annulée", exact=True)).to_have_count(1)
        assert any(m.subject.startswith("Séance annulée") for m in mail.outbox)

        # Resend the moved session's convocation to the trainee, after a look at the message.
        page.get_by_role("link", name="Convocations de la séance du 5 mars").click()
        no_violation(page)
        page.get_by_role("link", name="Aperçu du message du 5 mars").click()
        expect(page.locator("body")).to_contain_text("Convocation : IP séance 2 le 05/03/2031")
        no_violation(page)
        page.go_back()
        mail.outbox.clear()
        page.get_by_role("button", name="Renvoyer à Samia Haddad").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text("Convocation renvoyée à Samia Haddad.")
        assert [m.to for m in mail.outbox] == [["stagiaire@test.fr"]]
        assert ConvocationLog.objects.filter(kind="resent", sent_by=world["regional"]).count() == 1
        no_violation(page)
        page.get_by_role("link", name="Toutes les séances du groupe").click()
        no_violation(page)
