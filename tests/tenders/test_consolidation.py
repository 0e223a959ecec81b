"""The regional team's consolidation of the evaluators' scores and the sensitivity of a lot's award to
the weights: the service's rules and French refusals (nothing saved), another region's team answered
404, the award waiting for every compliant bid's consolidation, the pages' constant query counts and
the analysis report carrying the consolidated marks."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from lms.people.factories import RegionFactory, TerritoryFactory, TrainingOrganisationFactory
from lms.people.models import AuditLogEntry, Role
from lms.tenders import selectors, services
from lms.tenders.models import Bid, ConsolidatedScore, Score
from lms.tenders.privacy import export_tenders
from tests.tenders.conftest import AFTER, bid, make_call

pytestmark = pytest.mark.django_db


def deposit(tw, make_user, prices):
    """A call, before its deadline, with one bid per price from distinct organisations."""
    call = make_call(tw)
    lot = call.lots.get()
    bids = [bid(tw, lot, price=prices[0])]
    for price in prices[1:]:
        organisation = TrainingOrganisationFactory(region=tw.region)
        staff = make_user(Role.ORGANISATION_STAFF, organisation=organisation)
        bids.append(bid(tw, lot, staff=staff, organisation=organisation, price=price))
    return call, lot, bids


def score(tw, call, bids, marks):
    """After the deadline: the kit check, then both evaluators score; bid i gets marks[i][0] from the
    first evaluator and marks[i][1] from the second, on every quality criterion."""
    services.run_compliance(actor=tw.team, call=call)
    quality = list(call.criteria.filter(kind="quality"))
    for evaluator, index in ((tw.team, 0), (tw.second_evaluator, 1)):
        services.declare_no_conflict(actor=evaluator, call=call)
        for scored, pair in zip(bids, marks, strict=False):
            services.score_bid(
                actor=evaluator, bid=Bid.objects.get(pk=scored.pk),
                marks={c.pk: (Decimal(pair[index]), f"Avis de {evaluator.first_name}.") for c in quality},
            )  # fmt: skip
    return [Bid.objects.get(pk=item.pk) for item in bids], quality


def scored_call(tw, make_user, clock, *, prices=("20000", "25000"), marks=((6, 8), (9, 9))):
    call, lot, bids = deposit(tw, make_user, prices)
    clock.move_to(AFTER)
    bids, quality = score(tw, call, bids, marks)
    return call, lot, bids, quality


def consolidate(tw, target, quality, mark, reason="Moyenne retenue après discussion."):
    return services.consolidate_bid(actor=tw.team, bid=target, marks={c.pk: (Decimal(mark), reason) for c in quality})


def test_the_team_consolidates_and_the_award_waits_for_every_compliant_bid(tw, make_user, clock):
    call, lot, (cheap, dear), quality = scored_call(tw, make_user, clock)
    criteria = list(call.criteria.all())
    # Before consolidation the ranking shows the evaluators' mean, marked provisional.
    rows = selectors.ranking(lot, criteria)
    assert [(row.bid, row.total, row.consolidated) for row in rows] == [
        (dear, Decimal("86.00"), False), (cheap, Decimal("82.00"), False)
    ]  # fmt: skip
    with translation.override("fr"), pytest.raises(ValidationError, match="Consolidez d'abord .* il reste"):
        services.award_lot(actor=tw.team, lot=lot, ranking=rows)
    consolidate(tw, cheap, quality, 9)  # the team raises the cheap bid from its mean of 7
    rows = selectors.ranking(lot, criteria)
    assert [(row.bid, row.total, row.consolidated) for row in rows] == [
        (cheap, Decimal("94.00"), True), (dear, Decimal("86.00"), False)
    ]  # fmt: skip
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        services.award_lot(actor=tw.team, lot=lot, ranking=rows)
    assert error.value.messages == [
        f"Consolidez d'abord les notes de chaque offre conforme du lot : il reste {dear.organisation.name}."
    ]
    # Once consolidated, an evaluator's scores no longer change.
    with translation.override("fr"), pytest.raises(ValidationError, match="déjà consolidé"):
        services.score_bid(actor=tw.second_evaluator, bid=cheap, marks={c.pk: (Decimal(1), "Non.") for c in quality})
    assert set(Score.objects.filter(bid=cheap).values_list("mark", flat=True)) == {Decimal(6), Decimal(8)}
    consolidate(tw, dear, quality, 9)
    group = services.award_lot(actor=tw.team, lot=lot, ranking=selectors.ranking(lot, criteria))
    assert group.organisation == cheap.organisation
    entry = AuditLogEntry.objects.filter(record_type="tenders.bid", record_id=str(cheap.pk), action="write").get()
    assert entry.actor == tw.team and entry.detail == "notes consolidées par l'équipe régionale"
    with translation.override("fr"), pytest.raises(ValidationError, match="déjà attribué"):
        consolidate(tw, Bid.objects.select_related("lot__call").get(pk=dear.pk), quality, 5)


def test_refusals_are_french_and_save_nothing(tw, make_user, clock):
    call, lot, (cheap, dear), quality = scored_call(tw, make_user, clock)
    first, *others = quality
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        services.consolidate_bid(
            actor=tw.team, bid=cheap,
            marks={first.pk: (Decimal(11), "Trop haut."), **{c.pk: (Decimal(7), " ") for c in others}},
        )  # fmt: skip
    messages = error.value.message_dict
    assert messages[f"mark_{first.pk}"] == ["Donnez une note consolidée de 0 à 10."]
    assert messages[f"justification_{others[0].pk}"] == [
        "Justifiez la note consolidée : c'est obligatoire, même quand elle reprend la moyenne."
    ]
    assert not ConsolidatedScore.objects.exists() and not AuditLogEntry.objects.filter(action="write").exists()
    # Another region's team, the national team and a bidder are refused by the service itself.
    other_region = RegionFactory(code="93", name="Provence-Alpes-Côte d'Azur")
    outsider = make_user(Role.REGIONAL_TEAM, region=other_region)
    for actor in (outsider, tw.national, tw.staff):
        with translation.override("fr"), pytest.raises(ValidationError, match="pas le droit"):
            services.consolidate_bid(actor=actor, bid=cheap, marks={c.pk: (Decimal(7), "Ok.") for c in quality})
    # A member of the team who has not declared the absence of conflict of interest.
    newcomer = make_user(Role.REGIONAL_TEAM, region=tw.region)
    with translation.override("fr"), pytest.raises(ValidationError, match="conflit d'intérêts"):
        services.consolidate_bid(actor=newcomer, bid=cheap, marks={c.pk: (Decimal(7), "Ok.") for c in quality})
    # A bid nobody has scored yet.
    Score.objects.filter(bid=dear, criterion=first).delete()
    with translation.override("fr"), pytest.raises(ValidationError, match="au moins une note d'évaluateur"):
        consolidate(tw, dear, quality, 7)
    assert not ConsolidatedScore.objects.exists()


def test_the_consolidation_page_shows_the_scores_side_by_side_and_refuses_in_place(tw, make_user, clock, client):
    call, lot, (cheap, _dear), quality = scored_call(tw, make_user, clock)
    client.force_login(tw.team)
    url = reverse("tenders:bid_consolidate", args=[cheap.pk])
    page = client.get(url).content.decode()
    assert "Avis de Nadia." in page and "Avis de Marc." in page
    assert "Moyenne : 7,0 sur 10" in page and "la plus basse : 2,0" in page
    assert f'name="mark_{quality[0].pk}" value="7.0"' in page
    data = {f"mark_{c.pk}": "7" for c in quality} | {f"justification_{c.pk}": "" for c in quality}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Justifiez la note consolidée" in response.content.decode()
    assert not ConsolidatedScore.objects.exists()
    data |= {f"justification_{c.pk}": "La moyenne reflète les deux avis." for c in quality}
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == reverse("tenders:call_manage", args=[call.pk])
    assert ConsolidatedScore.objects.filter(bid=cheap, mark=7, consolidated_by=tw.team).count() == len(quality)
    manage = client.get(response.url).content.decode()
    assert "Modifier les notes consolidées de l'offre de Organisme test" in manage
    # Another region's team and the national team: not found, and nothing written.
    outsider = make_user(Role.REGIONAL_TEAM, region=TerritoryFactory(region=RegionFactory(code="93")).region)
    for user in (outsider, tw.national):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, data | {f"mark_{quality[0].pk}": "1"}).status_code == 404
        assert client.get(reverse("tenders:lot_sensitivity", args=[call.pk, lot.pk])).status_code == (
            404 if user is outsider else 200
        )
    assert set(ConsolidatedScore.objects.values_list("mark", flat=True)) == {Decimal(7)}


def test_the_sensitivity_page_reads_the_consolidated_marks(tw, make_user, clock, client):
    call, lot, (cheap, dear), quality = scored_call(tw, make_user, clock)
    client.force_login(tw.team)
    url = reverse("tenders:lot_sensitivity", args=[call.pk, lot.pk])
    assert "consolidez d'abord" in client.get(url).content.decode()
    consolidate(tw, cheap, quality, 6)
    consolidate(tw, dear, quality, 9)
    page = client.get(url).content.decode()
    # Price 40 (cheap 40, dear 32), quality 60 (cheap 6/10, dear 9/10): 76 against 86. The price gains
    # 1 - 36/60 = 0.4 a point for the cheap bid, 0.8 - 54/60 = -0.1 for the dear one: +20 points
    # ties them at 84 and the cheaper wins the tie.
    assert "Variation de pondération qui change l'attributaire du lot 1" in page
    assert "hausse de 20,00 points ou plus" in page and "60,00" in page
    assert f"l'offre classée 1re est celle de {dear.organisation.name}" in page
    # Pédagogie (20 of 100) on its own: the dear bid leads by 10, and the cheap bid gains on it only as
    # the other criteria give way, 0.6 - 64/80 = -0.2 against 0.9 - 68/80 = 0.05 a point: 10 / 0.25
    # = 40 points less, below zero. No change of that weight alone gives the lot to the cheap bid.
    assert "aucune variation de pondération ne change l'attributaire" in page


def test_the_new_pages_run_a_constant_number_of_queries(tw, make_user, clock, client, django_assert_num_queries):
    small = deposit(tw, make_user, ("20000", "25000"))
    large = deposit(tw, make_user, ("21000", "26000", "30000"))
    clock.move_to(AFTER)
    pages = []
    for call, lot, bids in (small, large):
        bids, quality = score(tw, call, bids, ((6, 8), (9, 9), (7, 7)))
        for target in bids:
            consolidate(tw, target, quality, 7)
        pages.append(
            [
                reverse("tenders:lot_sensitivity", args=[call.pk, lot.pk]),
                reverse("tenders:bid_consolidate", args=[bids[0].pk]),
                reverse("tenders:call_manage", args=[call.pk]),
            ]
        )
    client.force_login(tw.team)
    for small_url, large_url in zip(*pages, strict=True):
        with CaptureQueriesContext(connection) as context:
            assert client.get(small_url).status_code == 200
        with django_assert_num_queries(len(context.captured_queries)):
            page = client.get(large_url)
        assert page.status_code == 200


def test_the_analysis_report_gives_the_consolidated_marks_and_their_justifications(tw, make_user, clock, client):
    call, lot, (cheap, dear), quality = scored_call(tw, make_user, clock)
    consolidate(tw, cheap, quality, 7, reason="Les deux avis se rejoignent sur l'essentiel.")
    client.force_login(tw.team)
    with translation.override("fr"):
        response = client.get(reverse("tenders:call_report", args=[call.pk]))
    report = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in report.pages).split())
    assert "Pédagogie, note consolidée par l'équipe régionale : 7/10 — Les deux avis se rejoignent" in text
    assert "Pédagogie : notes pas encore consolidées." in text
    assert "Pédagogie, Marc Roux : 8/10 — Avis de Marc." in text


def test_the_team_members_export_holds_the_marks_they_consolidated(tw, make_user, clock):
    call, lot, (cheap, _dear), quality = scored_call(tw, make_user, clock)
    consolidate(tw, cheap, quality, 7, reason="Les deux avis se rejoignent.")
    section = export_tenders(tw.team)["notes_consolidées"]
    assert [(item["critère"], item["note"], item["justification"]) for item in section] == [
        (c.label, "7.0", "Les deux avis se rejoignent.") for c in quality
    ]
    assert export_tenders(tw.second_evaluator)["notes_consolidées"] == []
