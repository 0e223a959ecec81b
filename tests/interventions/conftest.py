"""A region with its regional team and two peer interveners whose intervention projects are validated,
and another region with its own team and peer: the world the intervention tests work in."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine

from lms.followup.factories import at, plan
from lms.followup.models import FollowUpPlan
from lms.interventions import services
from lms.learning.factories import enrol, training_group
from lms.people.factories import RegionFactory, TerritoryFactory
from lms.people.models import Role

TODAY = datetime.date(2026, 9, 15)


@pytest.fixture
def clock():
    with time_machine.travel(at(TODAY), tick=False) as traveller:
        yield traveller


@pytest.fixture
def iw(site_tree, territory, organisation, make_user, clock):
    return build_world(site_tree, territory, organisation, make_user)


@pytest.fixture
def iw_live(site_tree, territory, organisation, make_user):
    """The same world without a frozen clock, for the live server's threads."""
    return build_world(site_tree, territory, organisation, make_user)


def build_world(site_tree, territory, organisation, make_user):
    course = site_tree["peer_interveners"]
    other_region = RegionFactory(code="11", name="Île-de-France")
    other_territory = TerritoryFactory(region=other_region, name="Paris", code="75")
    w = SimpleNamespace(region=territory.region, territory=territory, other_region=other_region)
    w.team = make_user(Role.REGIONAL_TEAM, region=territory.region, first_name="Nadia", last_name="Benali")
    w.other_team = make_user(Role.REGIONAL_TEAM, region=other_region, first_name="Hugo", last_name="Martin")
    w.admin = make_user(Role.ADMINISTRATOR)
    w.national = make_user(Role.NATIONAL_TEAM)
    w.peer = make_user(Role.TRAINEE, first_name="Samia", last_name="Haddad", email="samia@test.fr")
    w.second = make_user(Role.TRAINEE, first_name="Léo", last_name="Petit", email="leo@test.fr")
    w.far_peer = make_user(Role.TRAINEE, first_name="Zoé", last_name="Loin", email="zoe@test.fr")
    w.stranger = make_user(Role.TRAINEE, first_name="Paul", last_name="Autre")
    group = training_group(course, territory=territory, organisation=organisation, name="IP Rhône")
    far_group = training_group(course, territory=other_territory, organisation=organisation, name="IP Paris")
    enrol(group, w.peer, w.second)
    enrol(far_group, w.far_peer)
    validated = FollowUpPlan.Status.VALIDATED
    w.plan = plan(
        w.peer, group, status=validated, themes="Le rétablissement en santé mentale, la pair-aidance",
        audiences="Étudiants en travail social, équipes de foyers", formats=["awareness"],
        area="Lyon et sa métropole", availability="Les mardis et jeudis après-midi",
        intervention_needs="Un temps de pause toutes les heures, une salle calme.",
    )  # fmt: skip
    w.second_plan = plan(
        w.second, group, status=validated, themes="La vie en ESAT", audiences="Employeurs",
        formats=["user_expertise"], area="Villeurbanne", availability="Le lundi matin",
        intervention_needs="Je me déplace en fauteuil roulant.",
    )  # fmt: skip
    w.far_plan = plan(w.far_peer, far_group, status=validated, themes="Santé mentale", formats=["awareness"])
    return w


REQUEST = {
    "organisation_name": "Foyer Les Tilleuls",
    "organisation_kind": "esms",
    "contact_name": "Claire Dumas",
    "contact_email": "claire@tilleuls.example",
    "what": "Sensibiliser l'équipe au rétablissement en santé mentale",
    "audience": "Les équipes éducatives du foyer",
    "dates_wished": "Un mardi après-midi en octobre",
    "place": "Lyon 8e",
    "format": "awareness",
    "venue_features": ["break_room", "step_free"],
}


@pytest.fixture
def make_request(iw):
    def build(**overrides):
        fields = {**REQUEST, "territory": iw.territory, **overrides}
        region = fields.pop("region", iw.region)
        return services.submit_request(actor=None, region=region, **fields)

    return build


def advance(iw, request, to: str):
    """Walks a request through the services up to stage `to` (the peer is iw.peer)."""
    order = ["qualified", "matching", "proposed", "accepted", "preparation", "done", "debriefed", "closed"]
    for stage in order[: order.index(to) + 1]:
        if stage == "qualified":
            services.qualify(actor=iw.team, request=request)
        elif stage == "matching":
            services.start_matching(actor=iw.team, request=request)
        elif stage == "proposed":
            services.propose(actor=iw.team, request=request, plans=[iw.plan])
        elif stage == "accepted":
            services.answer_proposal(actor=iw.peer, proposal=request.proposals.get(peer=iw.peer), accept=True)
        elif stage == "preparation":
            services.schedule_request_meeting(
                actor=iw.team, request=request, kind="preparation",
                starts_at=at(TODAY + datetime.timedelta(days=7)), place="Foyer Les Tilleuls",
            )  # fmt: skip
        elif stage == "done":
            services.mark_done(actor=iw.team, request=request)
        elif stage == "debriefed":
            services.mark_debriefed(actor=iw.team, request=request)
        elif stage == "closed":
            services.close(actor=iw.team, request=request)
    request.refresh_from_db()
    return request
