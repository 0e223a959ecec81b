"""Complaints: working-day deadlines, acknowledge → answer → close, the public and Mon espace forms,
trainers' incidents, audited identity, scopes; improvement actions and the annual review."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.people import privacy
from lms.people.models import AuditLogEntry
from lms.surveys import services_complaints as services
from lms.surveys.factories import ComplaintFactory
from lms.surveys.models import Complaint, ImprovementAction
from tests.surveys.conftest import PARIS

pytestmark = pytest.mark.django_db

# Thursday 3 December 2026.
THURSDAY = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=PARIS)


def test_deadlines_count_working_days_and_skip_weekends():
    thursday = datetime.date(2026, 12, 3)
    assert services.add_working_days(thursday, 2) == datetime.date(2026, 12, 7)  # Fri, Mon
    assert services.add_working_days(thursday, 15) == datetime.date(2026, 12, 24)


def test_a_complaint_gets_its_deadlines_from_the_settings(world, settings):
    settings.COMPLAINT_ACKNOWLEDGE_WORKING_DAYS = 1
    with time_machine.travel(THURSDAY, tick=False):
        complaint = services.file_complaint(
            actor=None, channel="email", category="logistics", description="Pas de rampe", group=world.group
        )
    assert complaint.acknowledge_by == datetime.date(2026, 12, 4)
    assert complaint.answer_by == datetime.date(2026, 12, 24)
    assert complaint.region == world.region and complaint.organisation == world.organisation
    assert complaint.is_anonymous


def test_steps_go_in_order_acknowledge_answer_close(world):
    complaint = ComplaintFactory(region=world.region)
    with pytest.raises(ValidationError):
        services.answer_complaint(complaint=complaint, actor=world.regional, answer="Réponse")
    with pytest.raises(ValidationError):
        services.close_complaint(complaint=complaint, actor=world.regional, satisfaction="satisfied")
    services.acknowledge(complaint=complaint, actor=world.regional)
    with pytest.raises(ValidationError):
        services.acknowledge(complaint=complaint, actor=world.regional)
    with pytest.raises(ValidationError) as empty:
        services.answer_complaint(complaint=complaint, actor=world.regional, answer="  ")
    assert "answer" in empty.value.message_dict
    services.answer_complaint(complaint=complaint, actor=world.regional, answer="Une rampe est commandée.")
    services.close_complaint(complaint=complaint, actor=world.regional, satisfaction="satisfied")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.CLOSED and complaint.satisfaction == "satisfied"


def test_the_public_form_files_an_anonymous_complaint_and_is_throttled(client, world, settings):
    settings.COMPLAINT_LIMIT_PER_IP = 2
    data = {"region": world.region.pk, "category": "accessibility", "description": "Pas d'interprète LSF"}
    for _ in range(2):
        assert client.post(reverse("surveys:complaint_public"), data).status_code == 302
    refused = client.post(reverse("surveys:complaint_public"), data)
    assert refused.status_code == 400
    assert "Trop de réclamations" in refused.content.decode()
    assert Complaint.objects.filter(channel="public_form", complainant=None).count() == 2


def test_anonymous_visitors_reach_the_public_form_from_the_home_page_footer(client, world):
    home = client.get("/")
    assert home.status_code == 200
    footer = home.content.decode().split('<footer class="site-footer">')[1]
    link = re.search(r'<a href="([^"]+)">Faire une réclamation</a>', footer)
    assert link is not None
    form = client.get(link.group(1))
    assert form.status_code == 200
    assert 'name="description"' in form.content.decode()


def test_a_refused_public_complaint_answers_400_with_the_error_next_to_the_field(client, world):
    response = client.post(reverse("surveys:complaint_public"), {"region": world.region.pk, "category": "content"})
    assert response.status_code == 400
    assert 'id="id_description_error"' in response.content.decode()
    assert not Complaint.objects.exists()


def test_mon_espace_files_a_complaint_about_ones_own_group(client, world):
    trainee = world.trainees[0]
    client.force_login(trainee)
    assert "Faire une réclamation" in client.get(reverse("attendance:trainee_home")).content.decode()
    data = {"group": world.group.pk, "category": "trainer", "description": "Un souci"}
    assert client.post(reverse("surveys:complaint_mine"), data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.complainant == trainee and complaint.channel == "my_space"
    assert complaint.region == world.region


def test_a_trainer_records_an_incident_only_for_a_session_they_lead(world, make_user):
    with pytest.raises(ValidationError):
        services.record_incident(
            actor=world.trainer, session=world.session, category="logistics", severity="low", description="Froid"
        )
    world.group.trainers.add(world.trainer)
    incident = services.record_incident(
        actor=world.trainer, session=world.session, category="logistics", severity="low", description="Froid"
    )
    assert incident.channel == "incident" and incident.complainant is None and incident.recorded_by == world.trainer


def test_reading_the_complainants_identity_is_audited(client, world):
    trainee = world.trainees[0]
    complaint = services.file_complaint(
        actor=trainee, channel="my_space", category="content", description="x", group=world.group
    )
    client.force_login(world.regional)
    url = reverse("surveys:complaint_detail", args=[complaint.pk])
    html = client.get(url).content.decode()
    assert trainee.email not in html
    assert not AuditLogEntry.objects.filter(record_type="surveys.complaint").exists()
    html = client.get(url + "?identite=1").content.decode()
    assert trainee.email in html
    entry = AuditLogEntry.objects.get(record_type="surveys.complaint")
    assert entry.actor == world.regional and entry.subject == trainee and entry.action == "read"


def test_another_regions_team_gets_404(client, world):
    complaint = ComplaintFactory(region=world.region)
    client.force_login(world.other_regional)
    assert client.get(reverse("surveys:complaint_detail", args=[complaint.pk])).status_code == 404
    url = reverse("surveys:complaint_step", args=[complaint.pk, "accuser-reception"])
    assert client.post(url).status_code == 404
    assert client.get(reverse("surveys:complaint_detail", args=[99999])).status_code == 404


def test_the_national_team_reads_but_does_not_handle(client, world):
    complaint = ComplaintFactory(region=world.region)
    client.force_login(world.national)
    assert client.get(reverse("surveys:complaint_detail", args=[complaint.pk])).status_code == 200
    url = reverse("surveys:complaint_step", args=[complaint.pk, "accuser-reception"])
    assert client.post(url).status_code == 404


def test_the_register_costs_the_same_queries_with_n_and_3n_complaints(client, world):
    client.force_login(world.regional)

    def measure(count):
        for _ in range(count):
            ComplaintFactory(region=world.region, group=world.group, session=world.session)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:complaints")).status_code == 200
        return len(queries)

    assert measure(2) == measure(4)


def test_privacy_export_and_erasure_keep_the_complaint_without_the_person(world):
    trainee = world.trainees[0]
    services.file_complaint(actor=trainee, channel="my_space", category="content", description="x", group=world.group)
    handler = next(h for h in privacy.handlers() if h.name == "surveys")
    exported = handler.exporter(trainee)
    assert exported["réclamations"][0]["description"] == "x"
    handler.eraser(trainee, "Personne-1")
    complaint = Complaint.objects.get()
    assert complaint.complainant is None and complaint.is_anonymous


def test_an_action_drawn_from_a_complaint_is_tracked_to_its_check_and_shows_in_the_review(client, world):
    complaint = ComplaintFactory(region=world.region)
    with pytest.raises(ValidationError):
        services.create_action(
            actor=world.regional,
            region=world.region,
            source="complaint",
            finding="f",
            decision="d",
            title="t",
            owner=world.regional,
            due_on=datetime.date(2027, 1, 15),
        )
    action = services.create_action(
        actor=world.regional,
        region=world.region,
        source="complaint",
        complaint=complaint,
        finding="Salles sans rampe",
        decision="Vérifier l'accès avant de réserver",
        title="Grille d'accessibilité des salles",
        owner=world.regional,
        due_on=datetime.date(2026, 12, 20),
    )
    with pytest.raises(ValidationError) as refused:
        services.update_action(action=action, actor=world.regional, status="checked")
    assert "effectiveness" in refused.value.message_dict
    services.update_action(action=action, actor=world.regional, status="checked", effectiveness="Plus aucune plainte")
    action.refresh_from_db()
    assert action.status == ImprovementAction.Status.CHECKED and action.checked_on
    client.force_login(world.regional)
    html = client.get(reverse("surveys:review") + "?annee=2026").content.decode()
    assert "Grille d&#x27;accessibilité des salles" in html and "Plus aucune plainte" in html
    export = client.get(reverse("surveys:review_export") + "?annee=2026").content.decode()
    assert export.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(export.lstrip("\ufeff")), delimiter=";"))
    assert ["Logistique", "1", "0"] in rows
    assert any("Plus aucune plainte" in row for row in rows)
    client.force_login(world.other_regional)
    assert client.get(reverse("surveys:action_detail", args=[action.pk])).status_code == 404


def test_the_actions_list_costs_the_same_queries_with_n_and_3n_actions(client, world):
    client.force_login(world.regional)

    def measure(count):
        for n in range(count):
            complaint = ComplaintFactory(region=world.region)
            services.create_action(
                actor=world.regional,
                region=world.region,
                source="complaint",
                complaint=complaint,
                finding="f",
                decision="d",
                title=f"Action {n}",
                owner=world.regional,
                due_on=datetime.date(2026, 12, 20),
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:actions")).status_code == 200
        return len(queries)

    assert measure(2) == measure(4)


def test_the_complainant_is_written_to_when_acknowledged_and_when_answered(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(region=world.region, complainant_name="Awa", complainant_email="awa@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(complaint=complaint, actor=world.regional)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["awa@example.org"]
    assert "Bonjour Awa" in mailoutbox[0].body and "22 décembre 2026" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_complaint(complaint=complaint, actor=world.regional, answer="Une rampe est commandée.")
    assert len(mailoutbox) == 2
    assert "Une rampe est commandée." in mailoutbox[1].body
    assert reverse("surveys:complaint_public") in mailoutbox[1].body


def test_a_signed_in_complainant_is_written_to_at_their_accounts_address(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    trainee = world.trainees[0]
    complaint = ComplaintFactory(region=world.region, complainant=trainee)
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(complaint=complaint, actor=world.regional)
    assert [message.to for message in mailoutbox] == [[trainee.email]]


def test_an_anonymous_complainant_and_a_refused_step_get_no_mail(world, mailoutbox, django_capture_on_commit_callbacks):
    anonymous = ComplaintFactory(region=world.region)
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(complaint=anonymous, actor=world.regional)
    named = ComplaintFactory(region=world.region, complainant_email="awa@example.org")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.answer_complaint(complaint=named, actor=world.regional, answer="Trop tôt")
    assert mailoutbox == []
