"""A partner's contact details on a request: erased at the person's request by the region's team,
or by the daily retention run once the request has been closed or cancelled long enough; the request,
its history and its figures stay."""

import datetime
import importlib

import pytest
import time_machine
from playwright.sync_api import expect

from lms.followup.factories import at
from lms.interventions import services, tasks
from lms.interventions.models import InterventionRequest
from lms.people.models import AuditLogEntry
from tests.axe import axe_violations
from tests.interventions.conftest import REQUEST, TODAY, advance


@pytest.mark.django_db
def test_the_team_erases_a_contact_and_the_request_stays(iw, make_request):
    request = advance(iw, make_request(), "qualified")
    services.cancel(actor=iw.team, request=request, reason="Claire Dumas a trouvé une autre solution")
    services.erase_contact(actor=iw.team, request=request, reason="Demande reçue par e-mail")
    request = InterventionRequest.objects.get()
    assert (request.contact_name, request.contact_email, request.contact_phone) == ("", "", "")
    assert request.contact_erased_at is not None and request.stage == "cancelled"
    assert request.organisation_name == "Foyer Les Tilleuls"
    assert "Claire Dumas" not in request.cancelled_reason
    assert all("Claire Dumas" not in change.comment for change in request.stage_changes.all())
    entry = AuditLogEntry.objects.get(action="delete", record_type="interventions.interventionrequest")
    assert entry.actor == iw.team and "Demande reçue par e-mail" in entry.detail


@pytest.mark.django_db
def test_erasing_needs_the_team_and_a_reason_and_happens_once(iw, make_request):
    request = make_request()
    with pytest.raises(Exception) as refused:
        services.erase_contact(actor=iw.other_team, request=request, reason="Demande")
    assert "Seule l'équipe régionale" in str(refused.value)
    with pytest.raises(Exception) as refused:
        services.erase_contact(actor=iw.team, request=request, reason="  ")
    assert "Dites pourquoi les coordonnées sont effacées." in str(refused.value)
    assert InterventionRequest.objects.get().contact_email == "claire@tilleuls.example"
    services.erase_contact(actor=iw.team, request=request, reason="Demande")
    with pytest.raises(Exception) as refused:
        services.erase_contact(actor=iw.team, request=request, reason="Demande")
    assert "déjà effacées" in str(refused.value)


@pytest.mark.django_db
def test_the_daily_run_erases_finished_requests_past_the_delay_only(iw, make_request, clock, settings):
    settings.INTERVENTION_CONTACT_RETENTION_MONTHS = 36
    closed = advance(iw, make_request(organisation_name="Foyer clôturé"), "closed")
    cancelled = make_request(organisation_name="Foyer annulé")
    services.cancel(actor=iw.team, request=cancelled, reason="Plus de besoin")
    running = advance(iw, make_request(organisation_name="Foyer en cours"), "qualified")

    clock.move_to(at(TODAY + datetime.timedelta(days=3 * 365 - 5)))
    assert tasks.forget_old_contacts() == 0
    clock.move_to(at(TODAY + datetime.timedelta(days=3 * 365 + 5)))
    assert tasks.forget_old_contacts() == 2
    assert tasks.forget_old_contacts() == 0  # idempotent
    erased = set(InterventionRequest.objects.filter(contact_erased_at__isnull=False).values_list("pk", flat=True))
    assert erased == {closed.pk, cancelled.pk}
    running.refresh_from_db()
    assert running.contact_email == "claire@tilleuls.example"
    assert (
        AuditLogEntry.objects.filter(actor=None, action="delete", detail__contains="durée de conservation").count() == 2
    )


@pytest.mark.django_db
def test_the_migration_creates_the_daily_schedule_once():
    from django.apps import apps
    from django_q.models import Schedule

    migration = importlib.import_module("lms.interventions.migrations.0002_contact_erasure").Migration
    create = migration.operations[-1].code
    create(apps, None)
    create(apps, None)
    schedule = Schedule.objects.get(func="lms.interventions.tasks.forget_old_contacts")
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1


@pytest.mark.django_db
def test_the_page_refuses_an_empty_reason_and_saves_nothing(client, iw, make_request):
    request = make_request()
    client.force_login(iw.team)
    response = client.post(f"/interventions/{request.pk}/effacer-contact/", {"erase-reason": ""})
    assert response.status_code == 400
    assert "Dites pourquoi les coordonnées sont effacées." in response.content.decode()
    assert InterventionRequest.objects.get().contact_erased_at is None
    response = client.post(f"/interventions/{request.pk}/effacer-contact/", {"erase-reason": "Demande de la personne"})
    assert response.status_code == 302
    page = client.get(f"/interventions/{request.pk}/").content.decode()
    assert "Coordonnées effacées le 15 septembre 2026." in page and "claire@tilleuls.example" not in page
    assert "Effacer les coordonnées du contact" not in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_team_erases_a_contact_from_the_request_page_on_a_phone(page, live_server, login, iw_live):
    with time_machine.travel(at(TODAY), tick=True):
        services.submit_request(actor=None, region=iw_live.region, **{**REQUEST, "territory": iw_live.territory})
        page.set_viewport_size({"width": 390, "height": 844})
        login(iw_live.team)
        page.get_by_role("link", name="Voir les demandes d'intervention").click()
        page.get_by_role("link", name="Foyer Les Tilleuls").click()
        page.get_by_role("button", name="Effacer les coordonnées").click()
        expect(page.locator(".form-error-summary")).to_be_visible()
        assert InterventionRequest.objects.get().contact_erased_at is None
        assert axe_violations(page) == []
        page.get_by_label("Motif de l'effacement").fill("Demande reçue par e-mail le 14 septembre")
        page.get_by_role("button", name="Effacer les coordonnées").click()
        expect(page.locator(".messages")).to_contain_text("Les coordonnées du contact sont effacées.")
        expect(page.locator(".facts").first).to_contain_text("Coordonnées effacées le 15 septembre 2026.")
        expect(page.get_by_text("claire@tilleuls.example")).to_have_count(0)
        assert axe_violations(page) == []
