"""Matching a request with the region's peer interveners: who is a candidate, the visible reason for
each criterion, the score, and a query count that does not grow with the candidates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.followup.factories import plan
from lms.followup.models import FollowUpPlan
from lms.interventions import selectors
from lms.learning.factories import enrol
from lms.people.models import Role
from tests.interventions.conftest import advance

pytestmark = pytest.mark.django_db


def by_peer(candidates):
    return {candidate.peer.email: candidate for candidate in candidates}


def reasons(candidate):
    return {reason["criterion"]: reason for reason in candidate.reasons}


def test_candidates_are_the_region_validated_intervention_projects(iw, make_request):
    draft_peer = iw.stranger
    enrol(iw.plan.group, draft_peer)
    plan(draft_peer, iw.plan.group, status=FollowUpPlan.Status.UNDER_REVIEW, themes="Santé mentale")
    candidates = selectors.candidates_for(make_request())
    assert set(by_peer(candidates)) == {"samia@test.fr", "leo@test.fr"}


def test_each_criterion_gives_a_visible_reason(iw, make_request):
    candidates = selectors.candidates_for(make_request())
    samia, leo = by_peer(candidates)["samia@test.fr"], by_peer(candidates)["leo@test.fr"]
    assert candidates[0].peer == iw.peer and samia.score > leo.score
    r = reasons(samia)
    assert r["themes"]["ok"] and "mentale" in r["themes"]["words"]
    assert r["audience"]["ok"] and "équipes" in r["audience"]["words"]
    assert r["format"]["ok"] and r["area"]["ok"] and r["area"]["same_department"]
    assert r["availability"]["ok"] and r["availability"]["words"] == ["après", "mardis"]
    # Needs a quiet break room: the venue has one.
    assert r["accessibility"] == {"criterion": "accessibility", "ok": True, "needed": ["break_room"], "missing": []}
    assert r["load"] == {"criterion": "load", "ok": True, "count": 0}
    r = reasons(leo)
    assert not r["themes"]["ok"] and not r["format"]["ok"] and r["availability"]["ok"] is False
    # A wheelchair user, and the venue says it is step-free.
    assert r["accessibility"]["ok"] and r["accessibility"]["needed"] == ["step_free"]
    labels = dict((name, text) for name, _verdict, text in samia.labels)
    assert labels["Thèmes"].startswith("mots en commun : ")
    assert labels["Accessibilité"] == "le lieu répond à ses besoins"


def test_a_venue_without_what_the_peer_needs_says_so(iw, make_request):
    leo = by_peer(selectors.candidates_for(make_request(venue_features=["break_room"])))["leo@test.fr"]
    assert reasons(leo)["accessibility"]["missing"] == ["step_free"]
    text = dict((name, text) for name, _v, text in leo.labels)["Accessibilité"]
    assert text == "le lieu n'indique pas : Accès de plain-pied ou ascenseur"


def test_the_current_load_counts_accepted_requests_not_closed(iw, make_request):
    advance(iw, make_request(), "preparation")
    advance(iw, make_request(), "closed")
    samia = by_peer(selectors.candidates_for(make_request()))["samia@test.fr"]
    assert reasons(samia)["load"] == {"criterion": "load", "ok": False, "count": 1}


def test_matching_runs_in_constant_queries(iw, make_request, make_user, organisation):
    request = make_request()

    def count():
        with CaptureQueriesContext(connection) as queries:
            selectors.candidates_for(request)
        return len(queries)

    few = count()
    for index in range(4):
        person = make_user(Role.TRAINEE, email=f"pair{index}@test.fr")
        enrol(iw.plan.group, person)
        plan(person, iw.plan.group, status=FollowUpPlan.Status.VALIDATED, themes="Santé mentale", area="Lyon")
    assert len(selectors.candidates_for(request)) == 6
    assert count() == few


def test_short_needs_words_count():
    assert selectors.needed_features("Un interprète LSF, et je viens en bus.") == ["sign_language", "public_transport"]
    assert selectors.needed_features("Rien de particulier.") == []
