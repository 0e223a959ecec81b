"""The tenders pages through the test client: each main page runs the same number of queries with
one or three times the data, refusals are French messages next to the field (400) and save nothing,
and a sealed bid answers 404 to the buyer's side."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.people.factories import TrainingOrganisationFactory
from lms.people.models import Role
from lms.tenders import services
from lms.tenders.models import Bid, Call, Registration
from tests.tenders.conftest import AFTER, BAD_SCHEDULE, OPEN, bid, make_call

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def bidders(tw, make_user, lot, count):
    for _index in range(count):
        organisation = TrainingOrganisationFactory(region=tw.region)
        staff = make_user(Role.ORGANISATION_STAFF, organisation=organisation)
        bid(tw, lot, staff=staff, organisation=organisation, rows=BAD_SCHEDULE)


@pytest.mark.parametrize("page", ["public_calls", "team_calls", "my_bids"])
def test_the_lists_run_a_constant_number_of_queries(tw, client, django_assert_num_queries, page):
    user = {"public_calls": None, "team_calls": tw.team, "my_bids": tw.staff}[page]
    if user:
        client.force_login(user)
    url = reverse(f"tenders:{page}")
    make_call(tw)
    bid(tw, Call.objects.get().lots.get())
    small = queries(client, url)
    for _index in range(2):
        call = make_call(tw)
        bid(tw, call.lots.get())
    with django_assert_num_queries(small):
        client.get(url)


def test_the_call_page_after_the_deadline_runs_a_constant_number_of_queries(
    tw, client, make_user, django_assert_num_queries, clock
):
    small_call, large_call = make_call(tw), make_call(tw)
    bid(tw, small_call.lots.get())
    bidders(tw, make_user, small_call.lots.get(), 1)
    bid(tw, large_call.lots.get())
    bidders(tw, make_user, large_call.lots.get(), 5)
    clock.move_to(AFTER)
    for call in (small_call, large_call):
        services.run_compliance(actor=tw.team, call=call)
        services.declare_no_conflict(actor=tw.team, call=call)
        compliant = Bid.objects.get(lot__call=call, compliance="compliant")
        marks = {c.pk: (Decimal(7), "Bien.") for c in call.criteria.filter(kind="quality")}
        services.score_bid(actor=tw.team, bid=compliant, marks=marks)
    client.force_login(tw.team)
    small = queries(client, reverse("tenders:call_manage", args=[small_call.pk]))
    with django_assert_num_queries(small):
        response = client.get(reverse("tenders:call_manage", args=[large_call.pk]))
    assert response.content.decode().count("Écartée") == 5


def test_a_sealed_bid_is_not_found_for_the_buyer_and_the_call_page_says_so(tw, client):
    call = make_call(tw)
    sealed = bid(tw, call.lots.get())
    client.force_login(tw.team)
    assert client.get(reverse("tenders:bid_score", args=[sealed.pk])).status_code == 404
    assert client.get(reverse("tenders:call_report", args=[call.pk])).status_code == 404
    page = client.get(reverse("tenders:call_manage", args=[call.pk])).content.decode()
    assert "restent scellées" in page and "Claire Martin" not in page
    client.force_login(tw.other_staff)
    assert client.get(reverse("tenders:my_bid", args=[sealed.pk])).status_code == 404


def test_refusals_are_shown_next_to_the_field_and_save_nothing(tw, client):
    response = client.post(
        reverse("tenders:register"),
        {"name": "Forma Sud", "siret": "12345678901234", "nda": "84691234569", "region": tw.region.pk,
         "contact_name": "Julie Faure", "contact_email": "julie@formasud.example"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "clé de contrôle" in response.content.decode()
    assert not Registration.objects.exists()
    call = make_call(tw)
    lot = call.lots.get()
    client.force_login(tw.staff)
    response = client.post(
        reverse("tenders:bid_form", args=[call.pk, lot.pk]),
        {"organisation": tw.organisation.pk, "technical_proposal": "Offre", "price": "1000", "group_size": "8",
         "team_name_1": "Claire Martin", "team_role_1": "trainer", "session_date_1": "2027-01-12"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Indiquez la date, le début et la fin de la séance." in response.content.decode()
    assert not Bid.objects.exists()


def test_a_bid_after_the_deadline_is_refused_by_the_server(tw, client, clock):
    call = make_call(tw)
    lot = call.lots.get()
    clock.move_to(AFTER)
    client.force_login(tw.staff)  # after the clock moved: a fresh session
    response = client.post(
        reverse("tenders:bid_form", args=[call.pk, lot.pk]),
        {"organisation": tw.organisation.pk, "technical_proposal": "Offre", "price": "1000", "group_size": "8",
         "team_name_1": "Claire Martin", "team_role_1": "trainer", "session_date_1": "2027-01-12",
         "session_start_1": "09:00", "session_end_1": "12:00"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "La date limite de remise des offres est passée" in response.content.decode()
    assert not Bid.objects.exists()
    assert OPEN < AFTER
