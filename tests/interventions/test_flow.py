"""The request's life through the services: every move dated and attributed, illegal moves refused
with nothing half-saved, the peer's answer, meetings on the follow-up plan, feedback."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from lms.followup.models import Meeting
from lms.interventions import services
from lms.interventions.models import Feedback, InterventionRequest, Proposal, StageChange
from tests.interventions.conftest import advance

pytestmark = pytest.mark.django_db


def test_a_public_request_is_received_acknowledged_and_announced_to_its_region(
    iw, make_request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request()
    assert request.stage == "received" and request.channel == "public_form"
    change = request.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.by, change.by_label) == (
        "", "received", None, "partenaire (formulaire public)",
    )  # fmt: skip
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(["claire@tilleuls.example", iw.team.email])


def test_a_request_with_errors_saves_nothing(iw, make_request):
    with pytest.raises(ValidationError) as error:
        make_request(what="", contact_email="", organisation_kind="club", territory=None, venue_features=["jacuzzi"])
    assert {"what", "contact_email", "organisation_kind", "venue_features"} <= set(error.value.message_dict)
    assert not InterventionRequest.objects.exists() and not StageChange.objects.exists()


def test_a_department_of_another_region_is_refused(iw, make_request):
    from lms.people.models import Territory

    with pytest.raises(ValidationError) as error:
        make_request(territory=Territory.objects.get(code="75"))
    assert "territory" in error.value.message_dict


def test_the_whole_way_each_move_dated_and_by_whom(iw, make_request):
    request = advance(iw, make_request(), "closed")
    moves = list(request.stage_changes.values_list("from_stage", "to_stage", "by_id"))
    assert moves == [
        ("", "received", None),
        ("received", "qualified", iw.team.pk),
        ("qualified", "matching", iw.team.pk),
        ("matching", "proposed", iw.team.pk),
        ("proposed", "accepted", iw.peer.pk),
        ("accepted", "preparation", iw.team.pk),
        ("preparation", "done", iw.team.pk),
        ("done", "debriefed", iw.team.pk),
        ("debriefed", "closed", iw.team.pk),
    ]
    meeting = request.preparation_meeting
    assert meeting.plan == iw.plan and meeting.kind == Meeting.Kind.INDIVIDUAL
    assert meeting.participants.get().person == iw.peer


@pytest.mark.parametrize(
    ("stage", "service"),
    [
        ("received", services.start_matching),
        ("received", services.mark_done),
        ("qualified", services.qualify),
        ("matching", services.mark_debriefed),
        ("accepted", services.mark_done),
        ("done", services.close),
    ],
)
def test_illegal_moves_are_refused_in_french_and_change_nothing(iw, make_request, stage, service):
    request = make_request()
    if stage != "received":
        advance(iw, request, stage)
    before = request.stage_changes.count()
    with pytest.raises(ValidationError) as error:
        service(actor=iw.team, request=request)
    assert "ne peut pas passer" in error.value.messages[0]
    request.refresh_from_db()
    assert request.stage == stage and request.stage_changes.count() == before


def test_a_cancelled_request_goes_nowhere_and_needs_a_reason(iw, make_request):
    request = advance(iw, make_request(), "proposed")
    with pytest.raises(ValidationError):
        services.cancel(actor=iw.team, request=request, reason=" ")
    services.cancel(actor=iw.team, request=request, reason="Le foyer a reporté")
    assert request.proposals.get().status == Proposal.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        services.qualify(actor=iw.team, request=request)


def test_only_the_region_team_moves_a_request(iw, make_request):
    request = make_request()
    for outsider in (iw.other_team, iw.national, iw.peer):
        with pytest.raises(ValidationError):
            services.qualify(actor=outsider, request=request)
    services.qualify(actor=iw.admin, request=request)
    assert request.stage == "qualified"


def test_a_peer_of_another_region_or_without_a_validated_plan_cannot_be_proposed(iw, make_request):
    request = advance(iw, make_request(), "matching")
    with pytest.raises(ValidationError):
        services.propose(actor=iw.team, request=request, plans=[iw.far_plan])
    iw.second_plan.status = "draft"
    iw.second_plan.save()
    with pytest.raises(ValidationError):
        services.propose(actor=iw.team, request=request, plans=[iw.plan, iw.second_plan])
    # Nothing half-saved: the first, valid proposal went with the refusal.
    assert not Proposal.objects.exists()
    request.refresh_from_db()
    assert request.stage == "matching"


def test_nobody_answers_for_the_peer_and_accepting_withdraws_the_others(iw, make_request):
    request = advance(iw, make_request(), "matching")
    first, second = services.propose(actor=iw.team, request=request, plans=[iw.plan, iw.second_plan])
    with pytest.raises(ValidationError):
        services.answer_proposal(actor=iw.team, proposal=first, accept=True)
    with pytest.raises(ValidationError):
        services.answer_proposal(actor=iw.peer, proposal=first, accept=False, reason="")
    services.answer_proposal(actor=iw.peer, proposal=first, accept=True)
    second.refresh_from_db()
    request.refresh_from_db()
    assert (request.stage, second.status) == ("accepted", "withdrawn")
    with pytest.raises(ValidationError):
        services.answer_proposal(actor=iw.second, proposal=second, accept=True)


def test_when_everyone_declines_the_request_waits_for_a_new_search(iw, make_request):
    request = advance(iw, make_request(), "matching")
    first, second = services.propose(actor=iw.team, request=request, plans=[iw.plan, iw.second_plan])
    services.answer_proposal(actor=iw.peer, proposal=first, accept=False, reason="Pas disponible en octobre")
    request.refresh_from_db()
    assert request.stage == "proposed"
    services.answer_proposal(actor=iw.second, proposal=second, accept=False, reason="Trop loin")
    request.refresh_from_db()
    assert request.stage == "declined"
    services.start_matching(actor=iw.team, request=request)
    assert request.stage == "matching"


def test_feedback_once_each_after_done(iw, make_request):
    request = advance(iw, make_request(), "preparation")
    proposal = request.proposals.get(peer=iw.peer)
    with pytest.raises(ValidationError):
        services.give_peer_feedback(actor=iw.peer, proposal=proposal, rating=4)
    services.mark_done(actor=iw.team, request=request)
    request.refresh_from_db()
    assert request.feedback_token
    services.give_partner_feedback(token=request.feedback_token, rating="3", comment="Très concret")
    with pytest.raises(ValidationError):
        services.give_partner_feedback(token=request.feedback_token, rating="4")
    with pytest.raises(ValidationError):
        services.give_partner_feedback(token="wrong", rating="4")
    with pytest.raises(ValidationError):
        services.give_peer_feedback(actor=iw.second, proposal=proposal, rating=4)
    services.give_peer_feedback(actor=iw.peer, proposal=proposal, rating=4, comment="J'ai aimé")
    assert set(Feedback.objects.values_list("author_kind", "rating")) == {("partner", 3), ("peer", 4)}


def test_the_debriefing_meeting_comes_after_the_intervention(iw, make_request):
    from lms.followup.factories import at

    request = advance(iw, make_request(), "preparation")
    when = at(datetime.date(2026, 10, 20))
    with pytest.raises(ValidationError):
        services.schedule_request_meeting(
            actor=iw.team, request=request, kind="debriefing", starts_at=when, place="Lyon"
        )
    services.mark_done(actor=iw.team, request=request)
    meeting = services.schedule_request_meeting(
        actor=iw.team, request=request, kind="debriefing", starts_at=when, video_url="https://visio.example.org/b"
    )
    request.refresh_from_db()
    assert request.debriefing_meeting == meeting and meeting.plan == iw.plan


def test_an_intervention_done_counts_in_the_follow_up_indicators(iw, make_request, client):
    from django.urls import reverse

    from lms.followup import indicators
    from lms.followup.seed import ensure_indicators

    ensure_indicators()
    advance(iw, make_request(), "preparation")
    assert indicators.recorded_counts(iw.plan) == {}
    request = InterventionRequest.objects.get()
    services.mark_done(actor=iw.team, request=request)
    advance(iw, make_request(organisation_name="Mairie de Lyon"), "closed")
    assert indicators.recorded_counts(iw.plan) == {"interventions_done": 2}
    assert indicators.recorded_counts(iw.second_plan) == {}
    client.force_login(iw.team)
    page = client.get(reverse("followup:plan_detail", args=[iw.plan.pk])).content.decode()
    assert "Enregistré sur la plateforme" in page
    # The person's questionnaire starts from it.
    questionnaire = indicators.open_questionnaire_for_team(plan=iw.plan, milestone="3m", actor=iw.team)
    client.force_login(iw.peer)
    page = client.get(reverse("followup:my_questionnaire", args=[questionnaire.pk])).content.decode()
    assert 'name="interventions_done" value="2"' in page


def test_refusals_are_translated_before_their_values_are_filled_in(iw, make_request, monkeypatch):
    from django.utils import translation
    from django.utils.translation import trans_real

    request = make_request()
    with translation.override("en"):
        catalogue = trans_real.translation("en")
        original = catalogue.gettext
        monkeypatch.setattr(catalogue, "gettext", lambda message: "[en] " + original(message))
        with pytest.raises(ValidationError) as caught:
            services.mark_done(actor=iw.team, request=request)
        with pytest.raises(ValidationError) as fields:
            make_request(what="")
    [message] = caught.value.messages
    assert message.startswith("[en] ") and "%(" not in message
    assert fields.value.message_dict["what"][0].startswith("[en] ")
