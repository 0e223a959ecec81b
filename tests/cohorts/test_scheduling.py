"""The kit's scheduling rules: refusals and warnings, each with its French message."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lms.cohorts import services
from lms.cohorts.models import HalfDay
from tests.cohorts.conftest import MONDAY, plan

pytestmark = pytest.mark.django_db


def refusal(world, **kwargs) -> str:
    with pytest.raises(ValidationError) as excinfo:
        services.schedule_session(plan(world, **kwargs))
    return " ".join(excinfo.value.messages)


def test_a_valid_session_is_saved_with_its_groups_and_half_days(world):
    session, warnings = services.schedule_session(plan(world))
    assert list(session.groups.all()) == [world["ip_group"]]
    assert session.half_days == [HalfDay.MORNING, HalfDay.AFTERNOON]
    assert session.duration_hours == 6
    assert any("1 jour(s) de formation planifié(s) : le kit en prévoit 5 à 8" in w for w in warnings)


def test_a_morning_session_covers_one_half_day(world):
    session, _ = services.schedule_session(plan(world, start=(9, 0), end=(12, 30)))
    assert session.half_days == [HalfDay.MORNING]


def test_peer_interveners_session_longer_than_six_hours_is_refused(world):
    message = refusal(world, start=(9, 0), end=(16, 0))
    assert "dure au plus 6 h : celle-ci dure 7 h." in message


def test_referents_may_have_a_full_day(world):
    session, _ = services.schedule_session(
        plan(
            world,
            page=world["rp_pages"][1],
            groups=[world["rp_group"]],
            start=(9, 0),
            end=(17, 0),
            trainer=world["trainer2"],
            peer_trainer=world["peer_trainer2"],
        )
    )
    assert session.duration_hours == 8


def test_sessions_of_a_group_on_consecutive_days_are_refused(world):
    services.schedule_session(plan(world))
    message = refusal(world, page=world["ip_pages"][2], date=MONDAY + datetime.timedelta(days=1), venue="venue2")
    assert "Le groupe « IP Rhône » a déjà une séance le 03/03/2031" in message
    assert "ne peuvent pas avoir lieu des jours consécutifs" in message
    # Two days later is fine.
    services.schedule_session(plan(world, page=world["ip_pages"][2], date=MONDAY + datetime.timedelta(days=2)))


def test_a_trainer_cannot_lead_two_sessions_at_once(world):
    services.schedule_session(plan(world))
    message = refusal(
        world,
        page=world["rp_pages"][1],
        groups=[world["rp_group"]],
        venue="venue2",
        peer_trainer=world["peer_trainer2"],
    )
    assert "Fanny Roux anime déjà une séance à ce moment-là (IP séance 2, 09:30–15:30)." in message


def test_a_venue_cannot_host_two_sessions_at_once(world):
    services.schedule_session(plan(world))
    message = refusal(
        world,
        page=world["rp_pages"][1],
        groups=[world["rp_group"]],
        start=(14, 0),
        end=(17, 0),
        trainer=world["trainer2"],
        peer_trainer=world["peer_trainer2"],
    )
    assert "Le lieu « Maison des associations » est déjà occupé à ce moment-là" in message
    # Back to back (ending when the other starts) is not a clash.
    services.schedule_session(
        plan(
            world,
            page=world["rp_pages"][1],
            groups=[world["rp_group"]],
            start=(15, 30),
            end=(18, 0),
            trainer=world["trainer2"],
            peer_trainer=world["peer_trainer2"],
        )
    )


def test_a_venue_or_a_remote_link_is_required(world):
    assert "Indiquez un lieu ou un lien de visioconférence." in refusal(world, venue=None)
    session, _ = services.schedule_session(plan(world, venue=None, remote_url="https://visio.example.fr/epop"))
    assert session.remote_url


def test_a_joint_session_brings_an_ip_and_an_rp_group_of_the_same_territory(world):
    session, _ = services.schedule_session(
        plan(world, page=world["ip_pages"][0], groups=[world["ip_group"], world["rp_group"]])
    )
    assert set(session.groups.all()) == {world["ip_group"], world["rp_group"]}


def test_a_joint_session_needs_a_joint_capable_curriculum_session(world):
    message = refusal(world, page=world["ip_pages"][1], groups=[world["ip_group"], world["rp_group"]])
    assert "La séance « IP séance 2 » du programme ne peut pas être commune." in message


def test_a_joint_session_needs_one_group_of_each_audience_in_one_territory(world, organisation):
    from lms.cohorts.factories import TrainingGroupFactory
    from lms.people.factories import TerritoryFactory

    other_ip = TrainingGroupFactory(
        name="IP bis", course=world["ip_course"], territory=world["territory"], organisation=organisation
    )
    message = refusal(world, page=world["ip_pages"][0], groups=[world["ip_group"], other_ip])
    assert "Une séance commune réunit exactement un groupe d'intervenants-pairs et un groupe de référents." in message
    isere = TerritoryFactory(region=world["territory"].region, name="Isère")
    rp_isere = TrainingGroupFactory(
        name="RP Isère", course=world["rp_course"], territory=isere, organisation=organisation
    )
    message = refusal(world, page=world["ip_pages"][0], groups=[world["ip_group"], rp_isere])
    assert "Les deux groupes d'une séance commune doivent être du même territoire." in message


def test_the_curriculum_session_must_belong_to_the_group_course(world):
    message = refusal(world, page=world["rp_pages"][1])
    assert "Cette séance du programme n'appartient pas à la formation du groupe." in message


def test_a_good_rhythm_gives_no_warning_and_a_bad_one_warns(world):
    # 6 days of 6 h over 3.5 months: the kit's rhythm.
    warnings = []
    for index, page in enumerate(world["ip_pages"]):
        _, warnings = services.schedule_session(
            plan(world, page=page, date=MONDAY + datetime.timedelta(weeks=3 * index))
        )
    assert warnings == []
    assert services.group_warnings(world["ip_group"]) == []


def test_too_short_a_span_and_too_few_hours_are_warned(world):
    warnings = []
    for index, page in enumerate(world["ip_pages"][:5]):
        _, warnings = services.schedule_session(
            plan(world, page=page, date=MONDAY + datetime.timedelta(weeks=index), start=(9, 0), end=(12, 0))
        )
    text = " ".join(warnings)
    assert "vont du 03/03/2031 au 31/03/2031 : le kit prévoit de les étaler sur 3 à 4 mois." in text
    assert "totalise 15 h de séances planifiées, loin des 35 h prévues par la formation." in text


def test_a_session_without_peer_trainer_is_warned_and_the_group_too(world):
    world["ip_group"].peer_trainers.clear()
    _, warnings = services.schedule_session(plan(world, peer_trainer=None))
    assert "Aucun formateur pair n'est prévu pour cette séance : le kit demande une co-animation." in warnings
    assert "Aucun formateur pair parmi les animateurs : le kit demande une co-animation." in services.group_warnings(
        world["ip_group"]
    )


def test_group_capacity_cannot_exceed_the_course_cap(world):
    group = world["ip_group"]
    group.capacity = 9
    with pytest.raises(ValidationError) as excinfo:
        services.save_group(group)
    assert excinfo.value.message_dict["capacity"] == [
        "Le nombre de places (9) dépasse la taille maximale fixée par la formation (8 personnes)."
    ]
    rp = world["rp_group"]
    rp.capacity = 16
    with pytest.raises(ValidationError):
        services.save_group(rp)
    rp.capacity = 15
    services.save_group(rp)
