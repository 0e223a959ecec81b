"""The call for tenders through its services: the versioned specification, a call's checks, sealed
bids with their receipts (clock frozen before and after the deadline), the kit check through the
cohorts scheduling rules, scoring, ranking, the award creating the group, and the letters."""

import datetime
import hashlib
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation
from pypdf import PdfReader

from lms.cohorts.models import TrainingGroup
from lms.people.models import Role, RoleAssignment, TrainingOrganisation
from lms.tenders import permissions, selectors, services
from lms.tenders.models import Bid, ComplianceResult, Question, Registration
from lms.tenders.pdf import letter
from tests.tenders.conftest import AFTER, BAD_SCHEDULE, GOOD_SCHEDULE, bid, make_call, schedule

pytestmark = pytest.mark.django_db


def test_the_national_team_edits_the_specification_in_a_new_version(tw):
    first = services.latest_specification()
    assert first.version == 1
    assert {"TAILLE-GROUPE", "SEANCES", "RYTHME", "CO-ANIMATION", "ACCESSIBILITE", "OBJECTIFS", "RATTRAPAGE",
            "INTERSESSION"} <= set(first.requirements.values_list("code", flat=True))  # fmt: skip
    with pytest.raises(ValidationError):
        services.save_requirement(actor=tw.team, code="X1", wording="…", level="must", check_method="evaluators")
    services.save_requirement(
        actor=tw.national, code="SUPPORTS", wording="Des supports remis en FALC.", level="should",
        check_method="evaluators",
    )  # fmt: skip
    draft = services.draft_specification()
    assert draft.version == 2 and draft.requirements.count() == first.requirements.count() + 1
    assert services.latest_specification() == first  # nothing changes for calls until published
    services.publish_specification(actor=tw.national)
    assert services.latest_specification().version == 2
    assert first.requirements.count() == 8  # the published version is untouched


def test_a_call_refuses_weights_off_100_and_a_bad_timetable_in_french(tw):
    with pytest.raises(ValidationError) as error:
        services.create_call(
            actor=tw.team, region=tw.region, title="AO", procedure="formal",
            publication_date=datetime.date(2026, 10, 1),
            questions_deadline=AFTER, submission_deadline=AFTER - datetime.timedelta(days=1),
            award_date=datetime.date(2026, 12, 1), start_date=datetime.date(2027, 1, 1),
            lots=[services.LotInput(course=tw.course, territory=tw.territory)], weights=[50, 20, 15, 15, 10],
            added_requirements=[("RATTRAPAGE", "Remplacer le rattrapage")],
        )  # fmt: skip
    messages = error.value.message_dict
    assert "110 points" in messages["weights"][0]
    assert "submission_deadline" in messages
    assert "n'en remplace aucune" in messages["added_requirements"][0]
    assert not tw.region.calls.exists()


def test_a_bid_is_sealed_until_the_deadline_and_refused_after_it(tw, clock):
    call = make_call(tw)
    lot = call.lots.get()
    first = bid(tw, lot)
    replacing = bid(tw, lot, price="23000")
    first.refresh_from_db()
    assert first.status == Bid.Status.REPLACED and replacing.status == Bid.Status.SUBMITTED
    expected = hashlib.sha256(
        json.dumps(services.bid_content(replacing), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    assert replacing.digest == expected and replacing.submitted_at.isoformat().startswith("2026-10-01T10:00")
    # The buyer's side cannot read it, nor run the check, before the deadline.
    with pytest.raises(Http404):
        permissions.access_buyer_bid(tw.team, replacing.pk)
    with pytest.raises(ValidationError):
        services.run_compliance(actor=tw.team, call=call)
    other = bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation)
    services.withdraw_bid(actor=tw.other_staff, bid=other)
    # Another organisation's staff cannot bid in its name.
    with pytest.raises(ValidationError):
        bid(tw, lot, staff=tw.other_staff)
    clock.move_to(AFTER)
    late = "date limite de remise des offres est passée"
    with translation.override("fr"), pytest.raises(ValidationError, match=late):
        bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation)
    with pytest.raises(ValidationError):
        services.withdraw_bid(actor=tw.staff, bid=replacing)
    assert permissions.access_buyer_bid(tw.team, replacing.pk) == replacing


@pytest.mark.parametrize(
    "breakdown, message",
    [
        ({"trainers": Decimal("20000"), "peer_trainers": Decimal("3000")}, "Le détail du prix fait 23"),
        ({}, "Détaillez le prix total selon les lignes du bordereau de prix."),
        ({"trainers": Decimal("0")}, "Détaillez le prix total"),
        ({"trainers": Decimal("25000"), "other": Decimal("-1000")}, "un montant positif ou nul"),
        ({"catering": Decimal("24000")}, "un montant positif ou nul"),
    ],
)
def test_a_bid_details_its_price_by_the_schedule_and_the_lines_sum_to_the_total(tw, clock, breakdown, message):
    lot = make_call(tw).lots.get()
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        services.submit_bid(
            actor=tw.staff, lot=lot, organisation=tw.organisation, technical_proposal="Une pédagogie active.",
            price=Decimal("24000"), price_breakdown=breakdown, group_size=8,
            team=[{"name": "Claire Martin", "role": "trainer"}], accessibility_means=[],
            schedule=schedule(GOOD_SCHEDULE),
        )  # fmt: skip
    assert message in " ".join(refused.value.message_dict["price_breakdown"])
    assert not Bid.objects.exists()
    # Filled as organisations do, it is kept line by line (zero lines dropped) and covered by the receipt.
    deposited = bid(tw, lot)
    assert deposited.price_breakdown == {"trainers": "14400", "peer_trainers": "7200", "engineering": "2400"}
    assert [label for label, _amount in deposited.price_lines][0] == "Ingénierie, préparation et coordination"
    assert services.bid_content(deposited)["price_breakdown"] == deposited.price_breakdown


def test_the_kit_check_sets_aside_a_7_hour_session_and_consecutive_days(tw, clock):
    call = make_call(tw)
    lot = call.lots.get()
    good = bid(tw, lot)
    bad = bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation, rows=BAD_SCHEDULE)
    clock.move_to(AFTER)
    with translation.override("fr"):
        services.run_compliance(actor=tw.team, call=call)
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.compliance == Bid.Compliance.COMPLIANT
    assert bad.compliance == Bid.Compliance.SET_ASIDE
    failed = {r.requirement.code: r.evidence for r in bad.compliance_results.filter(outcome="fail")}
    assert set(failed) == {"SEANCES"}
    assert "dure au plus 6 h : celle-ci dure 7 h" in failed["SEANCES"]
    assert "jours consécutifs" in failed["SEANCES"]
    outcomes = dict(good.compliance_results.values_list("requirement__code", "outcome"))
    assert outcomes["SEANCES"] == outcomes["RYTHME"] == outcomes["TAILLE-GROUPE"] == ComplianceResult.Outcome.PASS
    assert outcomes["OBJECTIFS"] == outcomes["LOCAL"] == ComplianceResult.Outcome.CLARIFY


def test_scoring_ranking_award_and_letters(tw, clock):
    call = make_call(tw)
    lot = call.lots.get()
    cheap = bid(tw, lot, price="20000")
    dear = bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation, price="25000")
    clock.move_to(AFTER)
    services.run_compliance(actor=tw.team, call=call)
    cheap.refresh_from_db()
    dear.refresh_from_db()
    quality = list(call.criteria.filter(kind="quality"))
    marks = {criterion.pk: (Decimal(8), "Solide et précis.") for criterion in quality}
    with pytest.raises(ValidationError, match="conflit"):
        services.score_bid(actor=tw.team, bid=cheap, marks=marks)
    services.declare_no_conflict(actor=tw.team, call=call)
    with pytest.raises(ValidationError) as error:
        services.score_bid(actor=tw.team, bid=cheap, marks={quality[0].pk: (Decimal(8), "")})
    assert f"justification_{quality[0].pk}" in error.value.message_dict
    services.score_bid(actor=tw.team, bid=cheap, marks=marks)
    criteria = list(call.criteria.all())
    with pytest.raises(ValidationError, match="notée"):
        services.award_lot(actor=tw.team, lot=lot, ranking=selectors.ranking(lot, criteria))
    services.score_bid(actor=tw.team, bid=dear, marks={c.pk: (Decimal(9), "Très bon.") for c in quality})
    rows = selectors.ranking(lot, criteria)
    # Price: 20000/20000 × 40 = 40 and 20000/25000 × 40 = 32; quality 8/10 and 9/10 of 60.
    assert [(row.bid, row.price_points, row.total) for row in rows] == [
        (cheap, Decimal("40.00"), Decimal("88.00")),
        (dear, Decimal("32.00"), Decimal("86.00")),
    ]
    with translation.override("fr"), pytest.raises(ValidationError, match="Consolidez d'abord"):
        services.award_lot(actor=tw.team, lot=lot, ranking=rows)
    for scored, mark in ((cheap, 8), (dear, 9)):
        services.consolidate_bid(
            actor=tw.team, bid=scored, marks={c.pk: (Decimal(mark), "Note de l'évaluatrice retenue.") for c in quality}
        )
    rows = selectors.ranking(lot, criteria)
    assert [(row.bid, row.total, row.consolidated) for row in rows] == [
        (cheap, Decimal("88.00"), True), (dear, Decimal("86.00"), True)
    ]  # fmt: skip
    group = services.award_lot(actor=tw.team, lot=lot, ranking=rows)
    lot.refresh_from_db()
    call.refresh_from_db()
    assert lot.awarded_bid == cheap and lot.group == group and call.status == "awarded"
    assert (group.organisation, group.course, group.territory, group.capacity) == (
        tw.organisation, tw.course, tw.territory, 8
    )  # fmt: skip
    assert (group.start_date, group.end_date, group.status) == (
        datetime.date(2027, 1, 12), datetime.date(2027, 4, 13), TrainingGroup.Status.PLANNED
    )  # fmt: skip
    dear, cheap = Bid.objects.get(pk=dear.pk), Bid.objects.get(pk=cheap.pk)
    with translation.override("fr"):
        rejection = PdfReader(io.BytesIO(letter(dear, rows, results=[]))).pages[0].extract_text()
        award = PdfReader(io.BytesIO(letter(cheap, rows, results=[]))).pages[0].extract_text()
    assert "Lettre de rejet" in rejection and "classée 2 sur 2" in rejection
    assert "Offre retenue : Organisme test, 88,00 points" in rejection
    assert "Lettre d'attribution" in award and dear.organisation.name not in award
    assert "délai de suspension" not in award  # a private consultation has none
    call.procedure = "formal"
    call.save()
    dear = Bid.objects.get(pk=dear.pk)
    with translation.override("fr"):
        formal = PdfReader(io.BytesIO(letter(dear, rows, results=[]))).pages[0].extract_text()
    assert "ne sera pas signé avant le 14/11/2026 (délai de suspension de 11 jours)" in formal


def test_a_registration_is_validated_into_an_organisation_and_a_staff_account(tw):
    with pytest.raises(ValidationError) as error:
        services.register_organisation(
            actor=None, name="Forma Sud", siret="73282932000075", nda="123", region=tw.region,
            contact_name="Julie Faure", contact_email="julie@formasud.example",
        )  # fmt: skip
    assert set(error.value.message_dict) == {"siret", "nda"}
    registration = services.register_organisation(
        actor=None, name="Forma Sud", siret="73282932000074", nda="84691234569", region=tw.region,
        contact_name="Julie Faure", contact_email="Julie@FormaSud.example",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.decide_registration(actor=tw.staff, registration=registration, accept=True)
    services.decide_registration(actor=tw.team, registration=registration, accept=True)
    organisation = TrainingOrganisation.objects.get(siret="73282932000074")
    assert registration.status == Registration.Status.VALIDATED and registration.organisation == organisation
    assignment = RoleAssignment.objects.get(organisation=organisation)
    assert (assignment.role, assignment.user.email) == (Role.ORGANISATION_STAFF, "julie@formasud.example")
    assert permissions.can_bid(assignment.user)


def test_questions_until_their_deadline_and_answers_published_without_a_name(tw, clock, client):
    call = make_call(tw)
    question = services.ask_question(actor=tw.staff, call=call, text="Les séances peuvent-elles avoir lieu le samedi ?")
    with pytest.raises(ValidationError):
        services.ask_question(actor=tw.team, call=call, text="Une question de l'acheteur")
    with pytest.raises(ValidationError):
        services.answer_question(actor=tw.staff, question=question, answer="Oui")
    client.force_login(tw.other_staff)
    page = client.get(f"/appels-d-offres/{call.pk}/").content.decode()
    assert "le samedi" not in page  # not answered yet
    services.answer_question(actor=tw.team, question=question, answer="Oui, si le lieu est ouvert.")
    page = client.get(f"/appels-d-offres/{call.pk}/").content.decode()
    assert "le samedi" in page and "Oui, si le lieu est ouvert." in page
    assert tw.organisation.name not in page and str(tw.staff.last_name) not in page
    clock.move_to(call.questions_deadline)
    with translation.override("fr"), pytest.raises(ValidationError, match="date limite des questions est passée"):
        services.ask_question(actor=tw.staff, call=call, text="Trop tard ?")
    assert Question.objects.count() == 1


def test_a_price_far_below_the_mean_is_flagged_abnormally_low(tw, clock, make_user):
    call = make_call(tw)
    lot = call.lots.get()
    bid(tw, lot, price="10000")
    bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation, price="25000")
    clock.move_to(AFTER)
    services.run_compliance(actor=tw.team, call=call)
    rows = selectors.ranking(lot, list(call.criteria.all()))
    # Mean 17 500: 10 000 is below 70 % of it (12 250), 25 000 is not.
    assert {row.bid.price: row.abnormally_low for row in rows} == {Decimal("10000"): True, Decimal("25000"): False}
