"""Follow-up indicators: seeded definitions, questionnaires sent by the daily scheduler at the end and
at +3, +6, +12 months (idempotent), one reminder to non-respondents only, answers in the person's
space (FALC) or entered by the team, the end values as baseline."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accessibility.preferences import COOKIE_NAME
from lms import events
from lms.followup import indicators, services, tasks
from lms.followup.factories import at
from lms.followup.models import IndicatorDefinition, Questionnaire
from tests.followup.conftest import AFTER

THREE_MONTHS = datetime.date(2026, 8, 20)


def test_the_issues_examples_are_seeded(db):
    from lms.followup.seed import ensure_indicators

    assert ensure_indicators() == 0  # the migration (or the fixture) made them; a second run adds none
    codes = set(IndicatorDefinition.objects.values_list("code", flat=True))
    assert {"interventions_done", "projects_started", "referent_actions_done", "employment_status"} <= codes
    scale = IndicatorDefinition.objects.get(code="able_to_share_experience")
    assert (scale.answer_type, scale.objective_code) == ("scale", "IP1")
    assert scale.wording_easy_read


@pytest.fixture
def plans(fw, after_course):
    services.open_plans_for_ended_courses()
    return fw


@pytest.fixture
def subscriber():
    """A subscriber like the surveys app: it adds its link to the +3-month message."""
    seen = []

    def add_link(*, person, milestone, links):
        seen.append((person.first_name, milestone))
        if milestone == "3m":
            links.append(("Donner mon avis sur la formation", "https://epop.example.org/avis/"))

    events.subscribe(events.FOLLOWUP_QUESTIONNAIRE_SENDING, add_link)
    yield seen
    events.unsubscribe(events.FOLLOWUP_QUESTIONNAIRE_SENDING, add_link)


def test_questionnaires_go_out_once_per_milestone_and_carry_the_subscribers_links(plans, subscriber):
    fw = plans
    with time_machine.travel(at(AFTER, 18), tick=False):
        first = tasks.send_questionnaires()
        again = tasks.send_questionnaires()
    assert first["sent"] == 4 and again == {"sent": 0, "reminded": 0}
    assert set(Questionnaire.objects.values_list("milestone", flat=True)) == {"end"}
    mail.outbox.clear()
    with time_machine.travel(at(THREE_MONTHS, 7), tick=False):
        assert tasks.send_questionnaires()["sent"] == 4
    message = next(m for m in mail.outbox if m.to == [fw.trainee.email])
    assert "Donner mon avis sur la formation : https://epop.example.org/avis/" in message.body
    mine = Questionnaire.objects.get(plan__trainee=fw.trainee, milestone="3m")
    assert reverse("followup:my_questionnaire", args=[mine.pk]) in message.body
    assert ("Samia", "3m") in subscriber and ("Samia", "end") in subscriber


def test_one_reminder_to_non_respondents_only(plans):
    fw = plans
    with time_machine.travel(at(THREE_MONTHS, 7), tick=False):
        tasks.send_questionnaires()
    answered = Questionnaire.objects.get(plan__trainee=fw.trainee, milestone="3m")
    indicators.answer_questionnaire(questionnaire=answered, actor=fw.trainee, values={"interventions_done": 2})
    mail.outbox.clear()
    with time_machine.travel(at(THREE_MONTHS + datetime.timedelta(days=14), 7), tick=False):
        assert tasks.send_questionnaires()["reminded"] == 3
        assert tasks.send_questionnaires()["reminded"] == 0
    assert fw.trainee.email not in {address for m in mail.outbox for address in m.to}
    assert all(m.subject.startswith("Rappel") for m in mail.outbox)
    with time_machine.travel(at(THREE_MONTHS + datetime.timedelta(days=60), 7), tick=False):
        assert tasks.send_questionnaires()["reminded"] == 0


def test_an_unanswered_questionnaire_after_its_reminder_raises_an_alert(plans):
    from lms.followup.alerts import alerts_for

    fw = plans
    with time_machine.travel(at(THREE_MONTHS, 7), tick=False):
        tasks.send_questionnaires()
    with time_machine.travel(at(THREE_MONTHS + datetime.timedelta(days=14), 7), tick=False):
        tasks.send_questionnaires()
    with time_machine.travel(at(THREE_MONTHS + datetime.timedelta(days=29), 7), tick=False):
        kinds = {(alert.kind, alert.plan.trainee.first_name) for alert in alerts_for(fw.team)}
    assert ("questionnaire_unanswered", "Samia") in kinds


def test_answers_are_checked_and_the_end_values_are_the_baseline(plans):
    fw = plans
    with time_machine.travel(at(AFTER, 18), tick=False):
        tasks.send_questionnaires()
    end = Questionnaire.objects.get(plan__trainee=fw.trainee, milestone="end")
    with pytest.raises(ValidationError):
        indicators.answer_questionnaire(questionnaire=end, actor=fw.trainee, values={})
    with pytest.raises(ValidationError):
        indicators.answer_questionnaire(questionnaire=end, actor=fw.trainee, values={"able_to_share_experience": 9})
    with pytest.raises(ValidationError):
        indicators.answer_questionnaire(questionnaire=end, actor=fw.other, values={"interventions_done": 1})
    indicators.answer_questionnaire(
        questionnaire=end, actor=fw.trainee, values={"interventions_done": 0, "able_to_share_experience": "2"}
    )
    later = indicators.open_questionnaire_for_team(plan=end.plan, milestone="3m", actor=fw.team)
    indicators.answer_questionnaire(
        questionnaire=later, actor=fw.team, values={"interventions_done": 3, "volunteering": "yes"}
    )
    milestones, rows = indicators.indicator_table(end.plan)
    assert milestones[0][0] == "end"
    values = {indicator.code: row for indicator, row in rows}
    assert values["interventions_done"][:2] == ["0", "3"]
    assert values["able_to_share_experience"][0] == "2"
    assert values["volunteering"][1] == "Oui"
    assert "referent_actions_done" not in values  # a referents' indicator


def test_the_person_answers_in_falc_mode_with_fieldsets_and_radio_scales(client, plans):
    fw = plans
    with time_machine.travel(at(THREE_MONTHS, 7), tick=False):
        tasks.send_questionnaires()
    questionnaire = Questionnaire.objects.get(plan__trainee=fw.trainee, milestone="3m")
    client.force_login(fw.trainee)
    client.cookies[COOKIE_NAME] = "falc"
    url = reverse("followup:my_questionnaire", args=[questionnaire.pk])
    html = client.get(url).content.decode()
    assert "<legend>Je peux parler de mon expérience pour aider les autres." in html
    assert 'type="radio" name="able_to_share_experience" value="4"' in html
    assert client.post(url, {"interventions_done": "-3"}).status_code == 400
    response = client.post(url, {"interventions_done": "2", "able_to_share_experience": "4", "volunteering": "no"})
    assert response.status_code == 302
    questionnaire.refresh_from_db()
    assert questionnaire.answered_by == fw.trainee
    client.force_login(fw.other)
    assert client.get(url).status_code == 404
    client.force_login(fw.other_team)
    assert client.get(reverse("followup:team_questionnaire", args=[questionnaire.plan_id, "3m"])).status_code == 404
    client.force_login(fw.team)
    assert client.get(reverse("followup:team_questionnaire", args=[questionnaire.plan_id, "9m"])).status_code == 404
