"""The arrangements catalogue's providers: each regional team keeps its region's, the national team
reads them all, and each session's plan suggests them with the date by which to book."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from playwright.sync_api import expect

from accessibility import services
from accessibility.models import ArrangementKind, ArrangementProvider
from tests.accessibility.conftest import build_world
from tests.axe import axe_violations
from tests.staff.walks import DESKTOP, PHONE, no_sideways_scroll, open_menu_link

LSF_PROVIDER = {
    "name": "Interprètes LSF Rhône",
    "kinds": [ArrangementKind.LSF],
    "email": "reservation@lsf.example",
    "booking_lead_days": 21,
}


def need(trainee, kind):
    services.give_consent(trainee, actor=trainee, accepted=True)
    return services.add_need(trainee, actor=trainee, kind=kind, details="")


def provider(world, **overrides):
    return services.save_provider(actor=world.regional, region_id=world.region.pk, **{**LSF_PROVIDER, **overrides})


@pytest.mark.django_db
def test_the_regional_team_keeps_its_regions_providers(world):
    saved = provider(world, kinds=[ArrangementKind.SUBTITLES, ArrangementKind.LSF, ArrangementKind.LSF])
    assert saved.kinds == ["lsf", "subtitles"]  # catalogue order, once each
    assert saved.kind_labels[0] == "Interprétation en langue des signes française (LSF)"
    with pytest.raises(ValidationError) as refused:
        services.save_provider(actor=world.other_regional, region_id=world.region.pk, **LSF_PROVIDER)
    assert refused.value.message_dict["region"] == ["Vous ne pouvez pas tenir les prestataires de cette région."]
    with pytest.raises(ValidationError):
        services.save_provider(actor=world.national, region_id=world.region.pk, **LSF_PROVIDER)
    # The other region may use the same name.
    services.save_provider(actor=world.other_regional, region_id=world.other_region.pk, **LSF_PROVIDER)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"name": "  "}, "name", "Indiquez le nom du prestataire."),
        ({"name": "interprètes lsf rhône"}, "name", "Un prestataire de ce nom existe déjà dans la région."),
        ({"kinds": []}, "kinds", "Cochez au moins un aménagement fourni."),
        ({"kinds": ["teleportation"]}, "kinds", "Choisissez les aménagements dans la liste."),
        ({"booking_lead_days": 181}, "booking_lead_days", "Le délai de réservation va de 0 à 180 jours."),
    ],
)
def test_bad_input_is_refused_in_french_and_saves_nothing(world, fields, field, message):
    provider(world)
    with pytest.raises(ValidationError) as refused:
        provider(world, **fields)
    assert refused.value.message_dict[field] == [message]
    assert ArrangementProvider.objects.count() == 1


@pytest.mark.django_db
def test_the_pages_create_edit_and_scope_providers(client, world):
    client.force_login(world.regional)
    response = client.post(reverse("staff:provider_create"), {"region": world.region.pk, "name": ""})
    assert response.status_code == 400 and not ArrangementProvider.objects.exists()
    data = {"region": world.region.pk, "name": "Vélotypie 69", "kinds": ["captioning"], "booking_lead_days": "14"}
    assert client.post(reverse("staff:provider_create"), {**data, "active": "on"}).status_code == 302
    saved = ArrangementProvider.objects.get()
    assert (saved.region, saved.kinds, saved.booking_lead_days, saved.active) == (
        world.region,
        ["captioning"],
        14,
        True,
    )
    # The region does not change on edit, whatever is posted.
    edited = {**data, "region": world.other_region.pk, "booking_lead_days": "10"}
    assert client.post(reverse("staff:provider_edit", args=[saved.pk]), edited).status_code == 302
    saved.refresh_from_db()
    assert (saved.region, saved.booking_lead_days, saved.active) == (world.region, 10, False)

    # A team of another region neither edits it nor creates in this region.
    client.force_login(world.other_regional)
    assert client.get(reverse("staff:provider_edit", args=[saved.pk])).status_code == 404
    response = client.post(reverse("staff:provider_create"), {**data, "name": "Autre"})
    assert response.status_code == 400 and ArrangementProvider.objects.count() == 1
    assert "Vélotypie 69" not in client.get(reverse("staff:arrangements_catalogue")).content.decode()

    # The national team reads every region's providers, without editing them.
    client.force_login(world.national)
    html = client.get(reverse("staff:arrangements_catalogue")).content.decode()
    assert "Vélotypie 69" in html and reverse("staff:provider_edit", args=[saved.pk]) not in html
    assert client.get(reverse("staff:provider_create")).status_code == 403


@pytest.mark.django_db
def test_the_plan_suggests_the_regions_providers_with_the_booking_deadline(client, world, django_assert_num_queries):
    need(world.trainee, ArrangementKind.LSF)
    url = reverse("accessibility:session_plan", args=[world.morning.pk])
    client.force_login(world.regional)
    provider(world)
    client.get(url)  # warm the caches (site, settings, statement status) before counting
    count = _queries(client, url)
    provider(world, name="Signes et Paroles", booking_lead_days=45)
    provider(world, name="Sous-titrage 69", kinds=[ArrangementKind.SUBTITLES])
    paris = {**LSF_PROVIDER, "name": "LSF Paris"}
    services.save_provider(actor=world.other_regional, region_id=world.other_region.pk, **paris)
    with django_assert_num_queries(count):  # one query for the providers, whatever their number
        html = client.get(url).content.decode()
    deadline = world.morning.date - datetime.timedelta(days=21)
    assert "Interprètes LSF Rhône" in html and "Sous-titrage 69" not in html and "LSF Paris" not in html
    assert f"à réserver au plus tard le {deadline.day} " in html
    # The morning session is 30 days ahead: a 45-day lead time is already past.
    assert "date limite de réservation dépassée" in html
    assert 'list="providers-' in html and '<option value="Signes et Paroles">' in html
    # Trainers read the plan, not the providers.
    client.force_login(world.trainer)
    assert "Interprètes LSF Rhône" not in client.get(url).content.decode()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_regional_team_adds_a_provider_and_finds_it_on_a_session_plan(
    page, live_server, login, site_tree, territory, organisation, make_user
):
    world = build_world(site_tree, territory, organisation, make_user)
    need(world.trainee, ArrangementKind.LSF)
    page.set_viewport_size(PHONE)
    login(world.regional)
    open_menu_link(page, "Gestion")
    page.get_by_role("link", name="Catalogue des aménagements").click()
    page.get_by_role("link", name="Ajouter un prestataire").click()
    page.get_by_role("button", name="Enregistrer le prestataire").click()
    expect(page.locator(".form-error-summary")).to_be_visible()
    assert not ArrangementProvider.objects.exists()
    no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.get_by_label("Nom du prestataire").fill("Interprètes LSF Rhône")
    page.get_by_label("Interprétation en langue des signes française (LSF)").check()
    page.get_by_label("E-mail").fill("reservation@lsf.example")
    page.get_by_label("Délai de réservation (jours)").fill("14")
    page.get_by_role("button", name="Enregistrer le prestataire").click()
    expect(page.locator(".messages")).to_contain_text("Prestataire « Interprètes LSF Rhône » enregistré.")
    expect(page.get_by_role("link", name="Interprètes LSF Rhône")).to_be_visible()
    no_sideways_scroll(page)
    assert axe_violations(page) == []

    # From the group's hub to a session's plan: the provider is suggested with its deadline.
    page.set_viewport_size(DESKTOP)
    open_menu_link(page, "Gestion")
    page.get_by_role("link", name="IP Rhône", exact=True).click()
    page.get_by_role("link", name="Aménagements").first.click()
    expect(page.locator(".provider-offers").first).to_contain_text("Interprètes LSF Rhône")
    expect(page.locator(".provider-offers").first).to_contain_text("à réserver au plus tard le")
    assert axe_violations(page) == []


@pytest.mark.django_db
def test_the_team_is_reminded_of_a_providers_booking_deadline_a_week_before_and_on_the_day(world):
    from django.core import mail

    from accessibility import tasks
    from accessibility.models import ArrangementLine

    today = world.session.date - datetime.timedelta(days=20)  # the session is 20 days ahead
    need(world.trainee, ArrangementKind.LSF)
    provider(world, booking_lead_days=13, phone="04 78 00 00 01")  # deadline: 13 days before, a week from now
    services.save_provider(
        actor=world.other_regional, region_id=world.other_region.pk, **{**LSF_PROVIDER, "booking_lead_days": 13}
    )
    mail.outbox.clear()
    assert services.run_booking_reminders(today) == 1
    [message] = mail.outbox
    deadline = world.session.date - datetime.timedelta(days=13)
    assert message.to == ["region@test.fr"]
    assert message.subject == f"Réservation d'aménagements à faire — {world.session}"
    assert "La date limite de réservation approche" in message.body
    assert "Interprétation en langue des signes française (LSF) (Matin) — Interprètes LSF Rhône" in message.body
    assert "reservation@lsf.example, 04 78 00 00 01" in message.body
    assert f"à réserver au plus tard le {deadline.day} " in message.body
    assert f"/accessibilite/seances/{world.session.pk}/amenagements/" in message.body

    mail.outbox.clear()
    assert services.run_booking_reminders(today + datetime.timedelta(days=3)) == 0
    assert services.run_booking_reminders(deadline) == 1
    assert "C'est aujourd'hui la date limite de réservation" in mail.outbox[0].body

    # Once booked, nobody is reminded; the daily task runs both checks.
    for line in ArrangementLine.objects.filter(plan__session=world.session):
        services.update_line(line, actor=world.regional, status="confirmed", provider="Interprètes LSF Rhône")
    mail.outbox.clear()
    assert services.run_booking_reminders(deadline) == 0
    assert tasks.readiness_checks() == 0 and mail.outbox == []
