"""The answer page, Mes questionnaires, results: the under-5 rule, scopes, query guards."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.cohorts.models import ScheduledSession
from lms.surveys import services, tasks
from lms.surveys.models import Campaign, Invitation, Response
from tests.surveys.conftest import AFTER_SESSION, make_group

pytestmark = pytest.mark.django_db


def sent(world):
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
    return Campaign.objects.get()


def test_the_link_opens_an_accessible_form_and_a_second_answer_is_refused(client, world):
    sent(world)
    token = re.search(r"/questionnaires/r/([0-9a-f]+)/", mail.outbox[0].body).group(1)
    url = reverse("surveys:answer", args=[token])
    with time_machine.travel(AFTER_SESSION, tick=False):
        html = client.get(url).content.decode()
        assert html.count('<fieldset class="choice-group"') == 4 and html.count('<legend class="dual-text"') == 4
        assert "La séance vous a plu ?" in html  # FALC wording is there for the FALC mode
        response = client.post(url, {"seance-globale": "5", "commentaire": "Très bien"})
        assert response.status_code == 302
        again = client.get(url)
    assert "déjà répondu" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_refused_answer_comes_back_with_400_and_the_error_next_to_the_question(client, world):
    sent(world)
    token = services.token_for(Invitation.objects.first())
    with time_machine.travel(AFTER_SESSION, tick=False):
        response = client.post(reverse("surveys:answer", args=[token]), {"seance-globale": "8"})
    assert response.status_code == 400
    assert 'id="id_seance-globale_error"' in response.content.decode()
    assert not Response.objects.exists()


def test_an_unknown_token_gets_a_404_page(client, db):
    assert client.get(reverse("surveys:answer", args=["nimporte-quoi"])).status_code == 404


def test_mon_espace_lists_the_questionnaires_to_answer(client, world):
    sent(world)
    client.force_login(world.trainees[0])
    with time_machine.travel(AFTER_SESSION, tick=False):
        html = client.get(reverse("attendance:trainee_home")).content.decode()
    invitation = Invitation.objects.get(person=world.trainees[0])
    assert "Mes questionnaires" in html
    assert reverse("surveys:answer_mine", args=[invitation.pk]) in html


def test_under_five_respondents_the_results_show_no_breakdown(client, world):
    campaign = sent(world)
    for invitation in Invitation.objects.select_related("person")[:4]:
        services.answer_as_person(invitation_id=invitation.pk, answers={"seance-globale": "2"}, actor=invitation.person)
    client.force_login(world.regional)
    html = client.get(reverse("surveys:campaign_results", args=[campaign.pk])).content.decode()
    assert "Moins de 5 réponses" in html and "Moyenne" not in html
    export = client.get(reverse("surveys:campaign_export", args=[campaign.pk])).content.decode()
    assert export.count("\n") == 2  # the header and the notice, no answers
    invitation = Invitation.objects.filter(answered=False).select_related("person").first()
    services.answer_as_person(invitation_id=invitation.pk, answers={"seance-globale": "2"}, actor=invitation.person)
    html = client.get(reverse("surveys:campaign_results", args=[campaign.pk])).content.decode()
    assert "Moyenne : 2" in html


def test_another_regions_team_gets_404_and_sees_no_campaign(client, world):
    campaign = sent(world)
    client.force_login(world.other_regional)
    assert client.get(reverse("surveys:campaign_results", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("surveys:campaign_export", args=[campaign.pk])).status_code == 404
    assert world.group.name not in client.get(reverse("surveys:results")).content.decode()


def test_organisation_staff_and_national_team_read_the_groups_results(client, world):
    campaign = sent(world)
    for user in (world.org_staff, world.national):
        client.force_login(user)
        assert client.get(reverse("surveys:campaign_results", args=[campaign.pk])).status_code == 200
    client.force_login(world.trainer)
    assert client.get(reverse("surveys:results")).status_code == 404


def add_sessions(world, count, start):
    for n in range(count):
        session = ScheduledSession.objects.create(
            session_page=world.session_page,
            date=datetime.date(2026, 11, 20) + datetime.timedelta(days=start + n),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
        )
        session.groups.add(world.group)
        group = make_group(
            world.course, world.territory, world.organisation, world.trainees[:2], name=f"Groupe {start + n}"
        )
        session.groups.add(group)


def test_the_results_list_costs_the_same_queries_with_n_and_3n_campaigns(client, world):
    client.force_login(world.regional)

    def measure():
        with time_machine.travel(AFTER_SESSION, tick=False):
            tasks.run_survey_cycle()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:results")).status_code == 200
        return len(queries)

    add_sessions(world, 2, 0)
    few = measure()
    add_sessions(world, 4, 2)
    many = measure()
    assert Campaign.objects.count() >= 13
    assert few == many
