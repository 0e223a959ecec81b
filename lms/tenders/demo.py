"""Demo calls for tenders of the Auvergne-Rhône-Alpes team, through the services: one open for bids,
one in evaluation (a bid set aside by the kit check for a 7-hour session on consecutive days, the
other partly scored) and one awarded, whose group is created. The deadlines of the last two are
moved into the past once their bids are in, as time would. Idempotent."""

import datetime
from decimal import Decimal

from django.utils import timezone

from courses.models import CoursePage
from lms.people import services as people_services
from lms.people.demo import ORGANISATION_NAME
from lms.people.models import Role, Territory, TrainingOrganisation, User
from lms.tenders import selectors, services
from lms.tenders.kit import seed_specification
from lms.tenders.models import Bid, Call, Requirement, Specification

TEAM_EMAIL = "equipe.regionale@epop.example"
STAFF_EMAIL = "organisme@epop.example"
OTHER_STAFF_EMAIL = "acces.formation@epop.example"

CALLS = [
    ("Formation des intervenants-pairs de l'Isère 2027", "peer_interveners", "38", "open"),
    ("Formation des intervenants-pairs du Rhône 2027", "peer_interveners", "69", "evaluation"),
    ("Formation des référents du Rhône 2027", "referents", "69", "awarded"),
]
TEAM = [{"name": "Claire Martin", "role": "trainer"}, {"name": "Samir Haddad", "role": "peer_trainer"}]


def _price_breakdown(price: Decimal) -> dict:
    """Most of the price for the co-led sessions, the rest for preparation and accessibility."""
    peers, accessibility = price * Decimal("0.3"), price * Decimal("0.15")
    return {"trainers": price - peers - accessibility, "peer_trainers": peers, "accessibility": accessibility}


def _schedule(start: datetime.date, *, faulty: bool = False) -> list[dict]:
    """Six days two weeks apart (35 h); `faulty` makes the first 7 hours and the second the next day."""
    days = [start + datetime.timedelta(days=14 * index) for index in range(5)] + [start + datetime.timedelta(days=90)]
    rows = [{"date": day, "start": datetime.time(9), "end": datetime.time(15)} for day in days]
    rows[4]["end"] = datetime.time(14)
    if faulty:
        rows[0]["end"] = datetime.time(16)
        rows[1]["date"] = start + datetime.timedelta(days=1)
    return rows


def _other_organisation(region) -> tuple[TrainingOrganisation, User]:
    organisation = people_services.link_training_organisation(
        name="Accès Formation Rhône-Alpes", siret="73282932000074", activity_declaration_number="84380012345",
        region=region, contact_email=OTHER_STAFF_EMAIL, actor=None,
    )  # fmt: skip
    user = User.objects.filter(email=OTHER_STAFF_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=OTHER_STAFF_EMAIL, first_name="Hugo", last_name="Lambert")
    people_services.assign_role(user, Role.ORGANISATION_STAFF, organisation=organisation)
    return organisation, user


def seed(stdout=None) -> None:
    seed_specification(Specification, Requirement)
    team = User.objects.get(email=TEAM_EMAIL)
    staff = User.objects.get(email=STAFF_EMAIL)
    organisation = TrainingOrganisation.objects.get(name=ORGANISATION_NAME)
    other, other_staff = _other_organisation(organisation.region)
    now = timezone.now()
    today = timezone.localdate()
    for title, audience, territory_code, stage in CALLS:
        if Call.objects.filter(title=title).exists():
            continue
        territory = Territory.objects.get(code=territory_code)
        course = CoursePage.objects.get(audience=audience)
        call = services.create_call(
            actor=team, region=territory.region, title=title, procedure="private" if stage != "awarded" else "formal",
            publication_date=today, questions_deadline=now + datetime.timedelta(days=10),
            submission_deadline=now + datetime.timedelta(days=20), award_date=today + datetime.timedelta(days=30),
            start_date=today + datetime.timedelta(days=60), weights=[40, 20, 15, 15, 10],
            lots=[services.LotInput(course=course, territory=territory)],
        )  # fmt: skip
        services.publish_call(actor=team, call=call)
        lot = call.lots.get()
        start = today + datetime.timedelta(days=62)
        bidders = [(staff, organisation, "24500", False), (other_staff, other, "21800", stage == "evaluation")]
        for actor, bidder, price, faulty in bidders:
            services.submit_bid(
                actor=actor, lot=lot, organisation=bidder, price=Decimal(price), group_size=course.max_group_size,
                price_breakdown=_price_breakdown(Decimal(price)),
                technical_proposal="Des séances en demi-journées co-animées, un rattrapage en ligne accompagné et "
                "un travail d'intersession suivi avec l'équipe régionale.",
                team=TEAM, accessibility_means=["LSF", "FALC", "locaux accessibles"],
                schedule=_schedule(start, faulty=faulty),
            )  # fmt: skip
        question = services.ask_question(
            actor=other_staff, call=call, text="Les séances peuvent-elles se tenir dans nos locaux de Villeurbanne ?"
        )
        services.answer_question(
            actor=team, question=question, answer="Oui, s'ils sont accessibles et offrent une salle de pause au calme."
        )
        if stage == "open":
            services.ask_question(actor=staff, call=call, text="Le prix comprend-il les frais d'interprétation LSF ?")
            continue
        # The deadline passes, as time would.
        Call.objects.filter(pk=call.pk).update(
            questions_deadline=now - datetime.timedelta(days=20), submission_deadline=now - datetime.timedelta(days=5)
        )
        call.refresh_from_db()
        services.run_compliance(actor=team, call=call)
        services.declare_no_conflict(actor=team, call=call)
        quality = list(call.criteria.filter(kind="quality"))
        for bid, mark in zip(
            Bid.objects.filter(lot=lot, status="submitted", compliance="compliant").order_by("pk"), (8, 7), strict=False
        ):
            services.score_bid(
                actor=team,
                bid=bid,
                marks={c.pk: (Decimal(mark), "Proposition claire, conforme au kit.") for c in quality},
            )
            if stage == "evaluation":
                break
        if stage == "awarded":
            for bid in Bid.objects.filter(lot=lot, status="submitted", compliance="compliant").order_by("pk"):
                given = {score.criterion_id: score.mark for score in bid.scores.all()}
                reason = "Note de l'évaluatrice confirmée par l'équipe régionale."
                services.consolidate_bid(actor=team, bid=bid, marks={c.pk: (given[c.pk], reason) for c in quality})
            criteria = list(call.criteria.all())
            services.award_lot(actor=team, lot=lot, ranking=selectors.ranking(lot, criteria))
