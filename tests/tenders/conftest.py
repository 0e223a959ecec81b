"""A region with its regional team, the national team, two training organisations with their staff,
and a call with one lot (the peer interveners' course in the Rhône) published and open: the world the
tenders tests work in. Helpers deposit a compliant and a non-compliant bid."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone

from lms.people.factories import TrainingOrganisationFactory
from lms.people.models import Role
from lms.tenders import services
from lms.tenders.kit import seed_specification
from lms.tenders.models import Requirement, Specification

# Before the deadline, then after it.
OPEN = datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2026, 11, 3, 10, 0, tzinfo=datetime.UTC)


def aware(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def clock():
    with time_machine.travel(OPEN, tick=False) as traveller:
        yield traveller


def build_world(site_tree, territory, organisation, make_user):
    seed_specification(Specification, Requirement)
    w = SimpleNamespace(region=territory.region, territory=territory, course=site_tree["peer_interveners"])
    w.referents = site_tree["referents"]
    w.team = make_user(Role.REGIONAL_TEAM, region=territory.region, first_name="Nadia", last_name="Benali")
    w.second_evaluator = make_user(Role.REGIONAL_TEAM, region=territory.region, first_name="Marc", last_name="Roux")
    w.national = make_user(Role.NATIONAL_TEAM, first_name="Inès", last_name="Moreau")
    w.admin = make_user(Role.ADMINISTRATOR)
    w.organisation = organisation
    w.staff = make_user(Role.ORGANISATION_STAFF, organisation=organisation, first_name="Paul", last_name="Durand")
    w.other_organisation = TrainingOrganisationFactory(region=territory.region, name="Formations Rhône Conseil")
    w.other_staff = make_user(
        Role.ORGANISATION_STAFF, organisation=w.other_organisation, first_name="Léa", last_name="Blanc"
    )
    return w


@pytest.fixture
def tw(site_tree, territory, organisation, make_user, clock):
    return build_world(site_tree, territory, organisation, make_user)


def make_call(w, *, publish=True, lots=None):
    call = services.create_call(
        actor=w.team, region=w.region, title="Formation des intervenants-pairs du Rhône 2027", procedure="private",
        publication_date=datetime.date(2026, 9, 20), questions_deadline=aware(datetime.date(2026, 10, 15), 12),
        submission_deadline=aware(datetime.date(2026, 11, 2), 12), award_date=datetime.date(2026, 11, 20),
        start_date=datetime.date(2027, 1, 4),
        lots=lots or [services.LotInput(course=w.course, territory=w.territory)],
        weights=[40, 20, 15, 15, 10], added_requirements=[("LOCAL", "Des séances à moins d'une heure de Lyon.")],
    )  # fmt: skip
    if publish:
        services.publish_call(actor=w.team, call=call)
    return call


GOOD_SCHEDULE = [  # 6 days over 3 months, 35 h, half-days and 6-hour days, never consecutive
    (datetime.date(2027, 1, 12), "09:00", "15:00"),
    (datetime.date(2027, 1, 26), "09:00", "15:00"),
    (datetime.date(2027, 2, 9), "09:00", "15:00"),
    (datetime.date(2027, 2, 23), "09:00", "15:00"),
    (datetime.date(2027, 3, 9), "09:00", "14:00"),
    (datetime.date(2027, 4, 13), "09:00", "15:00"),
]
# A 7-hour IP session and two consecutive days.
BAD_SCHEDULE = [
    (datetime.date(2027, 1, 12), "09:00", "16:00"),
    (datetime.date(2027, 1, 13), "09:00", "15:00"),
    (datetime.date(2027, 2, 9), "09:00", "15:00"),
    (datetime.date(2027, 2, 23), "09:00", "15:00"),
    (datetime.date(2027, 3, 9), "09:00", "14:00"),
    (datetime.date(2027, 4, 13), "09:00", "15:00"),
]


def schedule(rows):
    return [
        {"date": day, "start": datetime.time.fromisoformat(start), "end": datetime.time.fromisoformat(end)}
        for day, start, end in rows
    ]


def breakdown(price: str) -> dict:
    """A price schedule filled as organisations do: most of it for the co-led sessions."""
    total = Decimal(price)
    peers, engineering = (
        (total * Decimal("0.3")).quantize(Decimal("1")),
        (total * Decimal("0.1")).quantize(Decimal("1")),
    )
    return {"trainers": total - peers - engineering, "peer_trainers": peers, "engineering": engineering}


def bid(w, lot, *, staff=None, organisation=None, price="24000", rows=GOOD_SCHEDULE, team=None):
    return services.submit_bid(
        actor=staff or w.staff, lot=lot, organisation=organisation or w.organisation,
        technical_proposal="Une pédagogie active, le rattrapage en ligne et un travail d'intersession.",
        price=Decimal(price), group_size=8, price_breakdown=breakdown(price),
        team=team or [{"name": "Claire Martin", "role": "trainer"}, {"name": "Samir Haddad", "role": "peer_trainer"}],
        accessibility_means=["LSF", "FALC"], schedule=schedule(rows),
    )  # fmt: skip
