"""The published satisfaction results (Qualiopi indicator 2): open to everyone, by course and year,
no figure under 5 respondents, reached from the footer, same queries with N and 3N campaigns."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.surveys.factories import CampaignFactory
from lms.surveys.models import Invitation, Response, SurveyTemplate
from tests.surveys.conftest import make_group

pytestmark = pytest.mark.django_db


def hot_course():
    return SurveyTemplate.objects.get(moment="hot_course", audience="trainees", is_active=True)


def answered(campaign, people, scores, *, code):
    """Invites `people` to `campaign` and records one response per score."""
    for person in people:
        Invitation.objects.create(campaign=campaign, person=person, nonce="n", token_hash=f"{campaign.pk}-{person.pk}")
    for score in scores:
        Response.objects.create(campaign=campaign, answered_on=campaign.opened_on, answers={code: score})


def test_anyone_reads_the_figures_and_lines_under_5_respondents_show_none(client, world):
    course_end = CampaignFactory(group=world.group, template=hot_course(), opened_on=datetime.date(2027, 1, 15))
    answered(course_end, world.trainees, [5, 4, 4, 3, 5], code="formation-globale")
    session = CampaignFactory(group=world.group, session=world.session)
    answered(session, world.trainees, [5, 2], code="seance-globale")

    response = client.get(reverse("surveys:public_results"))
    assert response.status_code == 200
    rows = re.findall(r"<tr>(.*?)</tr>", response.content.decode(), re.S)
    course_row = next(row for row in rows if "2027" in row)
    assert ">5<" in course_row and "83 %" in course_row and "4,2" in course_row
    session_row = next(row for row in rows if "2026" in row)
    assert "moins de 5 réponses" in session_row
    assert "%" not in session_row and ">2<" not in session_row


def test_the_footer_leads_to_the_published_results(client, world):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    link = re.search(r'<a href="([^"]+)">Résultats de satisfaction</a>', footer)
    assert link is not None and link.group(1) == reverse("surveys:public_results")


def test_the_published_results_cost_the_same_queries_with_n_and_3n_campaigns(client, world):
    template = hot_course()

    def add(count, start):
        for n in range(start, start + count):
            group = make_group(world.course, world.territory, world.organisation, [], name=f"Groupe {n}")
            campaign = CampaignFactory(group=group, template=template, opened_on=datetime.date(2025 + n % 2, 6, 1))
            answered(campaign, world.trainees, [4] * 5, code="formation-globale")

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:public_results")).status_code == 200
        return len(queries)

    add(2, 0)
    few = measure()
    add(4, 2)
    many = measure()
    assert few == many
