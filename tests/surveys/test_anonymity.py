"""No model field, screen or export ties a response to a person."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from lms.surveys import services, tasks
from lms.surveys.models import Campaign, Invitation, Response
from tests.surveys.conftest import AFTER_SESSION

pytestmark = pytest.mark.django_db

ANSWERS = {"seance-globale": "4", "commentaire": "Un avis"}


def test_a_response_has_no_field_that_leads_to_a_person_an_invitation_or_a_token():
    fields = {field.name: field for field in Response._meta.get_fields()}
    assert set(fields) == {"id", "campaign", "answered_on", "answers", "actions"} - {"actions"}
    assert fields["id"].get_internal_type() == "UUIDField"  # random: no order to join on
    assert fields["answered_on"].get_internal_type() == "DateField"  # no time of day
    for field in Response._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related in (None, Campaign), field.name
    # …and the invitation says nothing of the answers, nor when it was answered.
    invitation_fields = {field.name for field in Invitation._meta.get_fields()}
    assert "response" not in invitation_fields and "answered_at" not in invitation_fields


def answer_all(world):
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
        for invitation in Invitation.objects.select_related("person"):
            services.answer_as_person(
                invitation_id=invitation.pk,
                answers={**ANSWERS, "commentaire": f"Avis de {invitation.person.first_name}"},
                actor=invitation.person,
            )


def test_the_export_holds_answers_and_no_person_data(client, world):
    answer_all(world)
    campaign = Campaign.objects.get()
    client.force_login(world.regional)
    response = client.get(reverse("surveys:campaign_export", args=[campaign.pk]))
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["campagne", "groupe", "mois", "seance-globale", "seance-comprehension", "seance-rythme",
                       "seance-accessibilite", "commentaire"]  # fmt: skip
    assert len(rows) == 7
    for person in world.trainees:
        assert person.email not in content and person.last_name not in content
    assert "2026-12" in content and "2026-12-01" not in content  # no day in the export


def test_the_results_page_names_no_respondent(client, world):
    answer_all(world)
    campaign = Campaign.objects.get()
    client.force_login(world.regional)
    html = client.get(reverse("surveys:campaign_results", args=[campaign.pk])).content.decode()
    assert "Moyenne : 4,0 sur 5" in html or "Moyenne : 4.0 sur 5" in html
    for person in world.trainees:
        assert person.email not in html and person.last_name not in html
