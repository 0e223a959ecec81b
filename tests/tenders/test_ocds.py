"""The OCDS 1.1 release package of a call, validated against the official release-package and release
schemas (copied in tests/tenders/ocds_schema/, resolved offline): a published call, the same after the
deadline, an awarded call and an abandoned one; nothing of a sealed bid, no price before the deadline,
no person's name or e-mail, ever; drafts are not published; a constant number of queries."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from jsonschema import Draft4Validator
from referencing import Registry, Resource

from lms.people.factories import TerritoryFactory
from lms.tenders import selectors, services
from tests.tenders.conftest import AFTER, bid, make_call

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "ocds_schema"


@pytest.fixture(scope="module")
def validator():
    package, release = (
        json.loads((SCHEMAS / name).read_text()) for name in ("release-package-schema.json", "release-schema.json")
    )
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema)) for schema in (package, release)
    )
    return Draft4Validator(package, registry=registry)


def errors_of(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(data)]


def fetch(client, call):
    response = client.get(reverse("tenders:public_call_ocds", kwargs={"pk": call.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.content.decode(), response.json()


def people_words(tw) -> list[str]:
    """Names and e-mails of every person in the world, and what a bid holds inside."""
    people = [tw.team, tw.second_evaluator, tw.national, tw.staff, tw.other_staff, tw.admin]
    words = [person.email for person in people] + [person.last_name for person in people if person.last_name]
    return words + ["Claire Martin", "Samir Haddad", "pédagogie active", "LSF", "09:00"]


def dates_of(release) -> list[str]:
    tender = release["tender"]
    return [release["date"]] + [
        tender[period][key] for period in ("tenderPeriod", "enquiryPeriod", "awardPeriod") for key in tender[period]
    ]


def test_a_draft_call_has_no_open_data(tw, client):
    call = make_call(tw, publish=False)
    response = client.get(reverse("tenders:public_call_ocds", kwargs={"pk": call.pk}))
    assert response.status_code == 404


@override_settings(OCDS_OCID_PREFIX="ocds-test42")
def test_a_published_call_shows_its_tender_and_nothing_of_the_sealed_bids(tw, client, validator):
    call = make_call(tw)
    lot = call.lots.get()
    bid(tw, lot, price="24321.50")
    bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation, price="19876")
    text, package = fetch(client, call)
    assert errors_of(validator, package) == []
    assert package["version"] == "1.1" and package["uri"].endswith(f"/appels-d-offres/{call.pk}/ocds.json")
    [release] = package["releases"]
    assert release["ocid"] == f"ocds-test42-appel-{call.pk}" and release["tag"] == ["tender"]
    tender = release["tender"]
    assert tender["status"] == "active"
    assert (tender["procurementMethod"], tender["procurementMethodDetails"]) == ("selective", "Consultation privée")
    assert tender["tenderPeriod"]["endDate"] == "2026-11-02T12:00:00+01:00"
    assert tender["enquiryPeriod"]["endDate"] == "2026-10-15T12:00:00+02:00"
    assert [lot_["id"] for lot_ in tender["lots"]] == ["lot-1"]
    assert [item["relatedLot"] for item in tender["items"]] == ["lot-1"]
    assert "Prix : 40 points" in tender["awardCriteriaDetails"]
    assert [party["roles"] for party in release["parties"]] == [["buyer", "procuringEntity"]]
    assert release["buyer"]["name"] == f"Équipe régionale EPoP {tw.region.name}"
    # Sealed: no tenderer, no count, no price, nothing a bid holds.
    assert "tenderers" not in tender and "numberOfTenderers" not in tender and "awards" not in release
    for secret in ["24321", "19876", tw.organisation.name, tw.other_organisation.name, "@", *people_words(tw)]:
        assert secret not in text, secret
    for moment in dates_of(release):
        assert datetime.datetime.fromisoformat(moment).tzinfo is not None
    # The release schema is really applied through the package's reference.
    broken = json.loads(text)
    broken["releases"][0]["tender"]["status"] = "sans suite"
    del broken["releases"][0]["initiationType"]
    assert sorted(errors_of(validator, broken)) == [
        "releases/0/tender/status: 'sans suite' is not one of "
        "['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete', 'withdrawn', None]",
        "releases/0: 'initiationType' is a required property",
    ]


def test_after_the_deadline_the_tenderers_are_organisations_without_prices(tw, client, clock, validator):
    call = make_call(tw)
    lot = call.lots.get()
    bid(tw, lot, price="24321.50")
    withdrawn = bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation, price="19876")
    services.withdraw_bid(actor=tw.other_staff, bid=withdrawn)
    clock.move_to(AFTER)
    text, package = fetch(client, call)
    assert errors_of(validator, package) == []
    [release] = package["releases"]
    tender = release["tender"]
    assert tender["numberOfTenderers"] == 1
    assert [party["name"] for party in tender["tenderers"]] == [tw.organisation.name]
    [tenderer] = [party for party in release["parties"] if party["roles"] == ["tenderer"]]
    assert tenderer["identifier"] == {
        "scheme": "FR-SIRET",
        "id": tw.organisation.siret,
        "legalName": tw.organisation.name,
    }
    assert set(tenderer) == {"id", "name", "roles", "identifier", "address"}
    for secret in ["24321", "19876", tw.other_organisation.name, "@", *people_words(tw)]:
        assert secret not in text, secret


def award(tw, call, clock):
    lot = call.lots.get()
    cheap = bid(tw, lot, price="20000")
    bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation, price="25000")
    clock.move_to(AFTER)
    services.run_compliance(actor=tw.team, call=call)
    services.declare_no_conflict(actor=tw.team, call=call)
    quality = list(call.criteria.filter(kind="quality"))
    for one in call.lots.get().bids.filter(status="submitted"):
        services.score_bid(actor=tw.team, bid=one, marks={c.pk: (Decimal(8), "Solide.") for c in quality})
        services.consolidate_bid(actor=tw.team, bid=one, marks={c.pk: (Decimal(8), "Avis unanime.") for c in quality})
    lot = call.lots.get()
    services.award_lot(actor=tw.team, lot=lot, ranking=selectors.ranking(lot, list(call.criteria.all())))
    return cheap


def test_an_awarded_call_names_its_supplier_per_lot(tw, client, clock, validator):
    call = make_call(tw)
    winner = award(tw, call, clock)
    text, package = fetch(client, call)
    assert errors_of(validator, package) == []
    [release] = package["releases"]
    assert release["tag"] == ["award"] and release["tender"]["status"] == "complete"
    [awarded] = release["awards"]
    assert awarded["relatedLots"] == ["lot-1"] and awarded["status"] == "active"
    assert awarded["suppliers"] == [{"id": f"epop-organisme-{winner.organisation_id}", "name": tw.organisation.name}]
    assert awarded["value"] == {"amount": 20000.0, "currency": "EUR"}
    assert datetime.datetime.fromisoformat(awarded["date"]) == AFTER
    roles = {party["name"]: party["roles"] for party in release["parties"]}
    assert roles[tw.organisation.name] == ["tenderer", "supplier"]
    assert roles[tw.other_organisation.name] == ["tenderer"]
    assert release["tender"]["lots"][0]["status"] == "complete"
    # The losing price and everything inside the bids stay out, and no person either.
    for secret in ["25000", "@", *people_words(tw)]:
        assert secret not in text, secret


def test_an_abandoned_call_is_cancelled_with_its_reason(tw, client, clock, validator):
    call = make_call(tw)
    bid(tw, call.lots.get(), price="24321.50")
    services.abandon_call(actor=tw.team, call=call, reason="Le besoin a changé : la formation est reportée.")
    text, package = fetch(client, call)
    assert errors_of(validator, package) == []
    [release] = package["releases"]
    assert release["tag"] == ["tenderCancellation"] and release["tender"]["status"] == "cancelled"
    assert release["tender"]["lots"][0]["status"] == "cancelled"
    [cancellation] = [doc for doc in release["tender"]["documents"] if doc["documentType"] == "cancellationDetails"]
    assert cancellation["description"] == "Le besoin a changé : la formation est reportée."
    # Abandoned before the deadline: the bids stay sealed for ever in the open data.
    assert "tenderers" not in release["tender"]
    for secret in ["24321", tw.organisation.name, "@", *people_words(tw)]:
        assert secret not in text, secret


def test_the_open_data_reads_a_constant_number_of_queries(tw, client, clock, site_tree):
    def measure(call):
        with CaptureQueriesContext(connection) as queries:
            fetch(client, call)
        return len(queries)

    small = make_call(tw)
    bid(tw, small.lots.get())
    courses = [site_tree["peer_interveners"], site_tree["referents"]]
    territories = [tw.territory, TerritoryFactory(region=tw.region, name="Ain", code="01")]
    lots = [services.LotInput(course=course, territory=territory) for course in courses for territory in territories]
    large = make_call(tw, lots=lots)
    for lot in large.lots.all():
        bid(tw, lot)
        bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation)
    assert large.lots.count() > small.lots.count()
    clock.move_to(AFTER)
    assert measure(large) == measure(small)
