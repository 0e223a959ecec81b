"""Campaigns at a session's end, one-time tokens, reminders to non-respondents only, the cold survey
riding on the follow-up questionnaire."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from lms import events
from lms.cohorts.models import ScheduledSession
from lms.surveys import services, tasks
from lms.surveys.models import Campaign, Invitation, Question, Response, SurveyTemplate
from tests.surveys.conftest import AFTER_SESSION, PARIS

pytestmark = pytest.mark.django_db

ANSWERS = {"seance-globale": "5", "seance-comprehension": "4", "seance-accessibilite": "yes", "commentaire": "Bien"}


def token_of(message) -> str:
    return re.search(r"/questionnaires/r/([0-9a-f]+)/", message.body).group(1)


def test_the_kit_seeds_versioned_templates_each_with_a_free_text_question_and_falc_wordings(db):
    from lms.surveys.kit import ensure_kit_templates

    ensure_kit_templates()
    codes = set(SurveyTemplate.objects.values_list("code", flat=True))
    assert {"chaud-seance", "chaud-formation", "froid", "formateurs"} <= codes
    for template in SurveyTemplate.objects.prefetch_related("questions"):
        questions = list(template.questions.all())
        assert template.version == 1 and template.title_easy_read
        assert any(q.kind == Question.Kind.TEXT for q in questions), template.code
        assert all(q.text_easy_read for q in questions)
    assert ensure_kit_templates() == 0  # idempotent


def test_nothing_is_sent_before_the_session_ends(world):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 11, 0, tzinfo=PARIS), tick=False):
        tasks.run_survey_cycle()
    assert not Campaign.objects.exists()
    assert mail.outbox == []


def test_the_hot_survey_goes_to_the_sessions_participants_once(world):
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
        tasks.run_survey_cycle()
    campaign = Campaign.objects.get()
    assert campaign.session == world.session and campaign.group == world.group
    assert sorted(m.to[0] for m in mail.outbox) == sorted(t.email for t in world.trainees)
    assert campaign.invitations.filter(sent_at__isnull=False).count() == 6


def test_a_cancelled_session_gets_no_survey(world):
    ScheduledSession.objects.filter(pk=world.session.pk).update(status=ScheduledSession.Status.CANCELLED)
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
    assert not Campaign.objects.exists()


def test_a_token_answers_once_and_marks_the_invitation_answered_in_the_same_transaction(world):
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
        token = token_of(mail.outbox[0])
        response = services.answer_with_token(token=token, answers=ANSWERS)
        with pytest.raises(ValidationError, match="déjà répondu"):
            services.answer_with_token(token=token, answers=ANSWERS)
    invitation = Invitation.objects.get(person__email=mail.outbox[0].to[0])
    assert invitation.answered
    assert Response.objects.count() == 1
    assert response.answers == {
        "seance-globale": 5,
        "seance-comprehension": 4,
        "seance-accessibilite": "yes",
        "commentaire": "Bien",
    }
    assert response.answered_on == datetime.date(2026, 12, 1)


def test_a_refused_answer_keeps_the_invitation_open_and_stores_nothing(world):
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
        token = token_of(mail.outbox[0])
        with pytest.raises(ValidationError) as refused:
            services.answer_with_token(token=token, answers={**ANSWERS, "seance-globale": "9"})
    assert "seance-globale" in refused.value.message_dict
    assert not Invitation.objects.filter(answered=True).exists()
    assert not Response.objects.exists()


def test_an_unknown_token_or_a_closed_campaign_is_refused(world):
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
        with pytest.raises(ValidationError, match="pas valable"):
            services.answer_with_token(token="0" * 64, answers=ANSWERS)
    token = token_of(mail.outbox[0])
    with (
        time_machine.travel(AFTER_SESSION + datetime.timedelta(days=30), tick=False),
        pytest.raises(ValidationError, match="fermé"),
    ):
        services.answer_with_token(token=token, answers=ANSWERS)
    assert not Response.objects.exists()


def test_the_token_is_not_stored_only_its_hash(world):
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
    token = token_of(mail.outbox[0])
    values = [str(v) for row in Invitation.objects.values() for v in row.values()]
    assert token not in values
    assert services.hash_token(token) in values


def test_answering_from_mon_espace_needs_ones_own_invitation(world):
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
        mine = Invitation.objects.get(person=world.trainees[0])
        with pytest.raises(ValidationError):
            services.answer_as_person(invitation_id=mine.pk, answers=ANSWERS, actor=world.trainees[1])
        services.answer_as_person(invitation_id=mine.pk, answers=ANSWERS, actor=world.trainees[0])
    mine.refresh_from_db()
    assert mine.answered


def test_reminders_reach_only_those_who_have_not_answered_and_stop_after_the_limit(world, settings):
    settings.SURVEY_REMINDER_LIMIT = 2
    settings.SURVEY_REMINDER_INTERVAL_DAYS = 3
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
    for invitation in Invitation.objects.exclude(person=world.trainees[0]).select_related("person"):
        services.answer_as_person(invitation_id=invitation.pk, answers=ANSWERS, actor=invitation.person)
    mail.outbox.clear()
    with time_machine.travel(AFTER_SESSION + datetime.timedelta(days=2), tick=False):
        tasks.run_survey_cycle()
    assert mail.outbox == []  # too early
    for days in (3, 4, 6, 9, 12):
        with time_machine.travel(AFTER_SESSION + datetime.timedelta(days=days), tick=False):
            tasks.run_survey_cycle()
    assert [m.to[0] for m in mail.outbox] == [world.trainees[0].email] * 2
    assert all(m.subject.startswith("Rappel") for m in mail.outbox)
    assert Invitation.objects.get(person=world.trainees[0]).reminded_count == 2


def test_the_course_end_sends_trainees_and_trainers_questionnaires(world):
    world.group.trainers.add(world.trainer)
    world.group.end_date = datetime.date(2026, 11, 30)
    world.group.save()
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
    course_campaigns = Campaign.objects.filter(session__isnull=True)
    assert set(course_campaigns.values_list("template__code", flat=True)) == {"chaud-formation", "formateurs"}
    assert world.trainer.email in [m.to[0] for m in mail.outbox]


def test_the_cold_survey_rides_on_the_three_month_followup_message(world):
    world.group.end_date = datetime.date(2026, 9, 1)
    world.group.save()
    person = world.trainees[0]
    links = []
    with time_machine.travel(AFTER_SESSION, tick=False):
        events.publish(events.FOLLOWUP_QUESTIONNAIRE_SENDING, person=person, milestone="3m", links=links)
        events.publish(events.FOLLOWUP_QUESTIONNAIRE_SENDING, person=person, milestone="6m", links=links)
    invitation = Invitation.objects.get(person=person, campaign__template__code="froid")
    assert invitation.sent_at is not None
    assert len(links) == 1 and services.token_for(invitation) in links[0][1]
    assert links[0][1].startswith("http")
    mail.outbox.clear()
    with time_machine.travel(AFTER_SESSION + datetime.timedelta(hours=1), tick=False):
        tasks.run_survey_cycle()
    # The follow-up's message was the invitation: the scheduler sends no second one.
    assert person.email not in [m.to[0] for m in mail.outbox if "Trois mois" in m.subject]


def test_someone_who_finished_no_group_gets_no_cold_link(world):
    links = []
    events.publish(events.FOLLOWUP_QUESTIONNAIRE_SENDING, person=world.outsider, milestone="3m", links=links)
    assert links == []


def test_a_new_version_keeps_the_question_codes_and_replaces_the_old_one_for_new_campaigns(world):
    old = services.active_template(moment="hot_session")
    with time_machine.travel(AFTER_SESSION, tick=False):
        tasks.run_survey_cycle()
    new = services.new_template_version(template=old, actor=world.regional)
    assert new.version == 2 and services.active_template(moment="hot_session") == new
    assert list(new.questions.values_list("code", flat=True)) == list(old.questions.values_list("code", flat=True))
    assert Campaign.objects.get().template == old  # the open campaign keeps its version
    with pytest.raises(ValidationError, match="dernière version"):
        services.new_template_version(template=old, actor=world.regional)
