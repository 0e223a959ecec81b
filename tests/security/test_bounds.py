"""Issue 14, reproductions 8 and 9: absurd dates and amounts are refused by the services with a French
message (and no 500), non-numeric ids on the attendance actions answer 400, a double click on
"Inscrire" creates one account."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from lms.bounds import parse_money
from lms.cohorts import services
from lms.cohorts.factories import ApplicationFactory, EngagementCharterFactory, TrainingGroupFactory, VenueFactory
from lms.cohorts.models import Application, ScheduledSession, SelectionInterview
from lms.people.models import Role, User

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 30)
IP_GRID = dict.fromkeys(services.INTERVIEW_GRIDS["peer_interveners"], "yes")


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(datetime.datetime(2026, 9, 30, 10, 0, tzinfo=datetime.UTC), tick=False)


@pytest.mark.parametrize(
    "value,message",
    [
        ("1e20", "ne peut pas dépasser"),
        ("99999999999", "ne peut pas dépasser"),
        ("NaN", "doit être un nombre"),
        ("Infinity", "doit être un nombre"),
        ("-1", "négatif"),
        ("12,345", "deux chiffres"),
        ("abc", "doit être un nombre"),
    ],
)
def test_amounts_have_a_maximum_and_cents(value, message):
    amount, error = parse_money(value, what="Le coût")
    assert amount is None and message in error and error.startswith("Le coût")


def test_a_plausible_amount_is_kept():
    assert parse_money("350,5") == (Decimal("350.50"), None)
    assert parse_money("") == (None, None)


@pytest.fixture
def group(site_tree, territory, organisation):
    from courses.models import SessionPage

    course = site_tree["peer_interveners"]
    page = course.add_child(instance=SessionPage(title="Séance bornes", slug="seance-bornes"))
    group = TrainingGroupFactory(
        name="IP bornes",
        course=course,
        territory=territory,
        organisation=organisation,
        start_date=datetime.date(2026, 10, 5),
        end_date=datetime.date(2027, 1, 20),
    )
    group.page = page
    group.venue = VenueFactory(territory=territory)
    return group


@pytest.mark.parametrize(
    "day", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31), datetime.date(1900, 3, 1), datetime.date(2020, 3, 3)]
)
def test_a_session_far_from_today_or_from_its_group_is_refused(group, day, make_user):
    plan = services.SessionPlan(
        session_page=group.page,
        groups=[group],
        date=day,
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        venue=group.venue,
        actor=make_user(Role.ADMINISTRATOR),
    )
    with pytest.raises(ValidationError) as refused:
        services.schedule_session(plan)
    assert "plausible" in refused.value.messages[0] or "trop éloignée" in refused.value.messages[0]
    assert not ScheduledSession.objects.exists()


def test_a_session_within_its_groups_dates_is_scheduled(group):
    plan = services.SessionPlan(
        session_page=group.page,
        groups=[group],
        date=datetime.date(2026, 10, 6),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        venue=group.venue,
    )
    session, _warnings = services.schedule_session(plan)
    assert session.pk


def test_a_session_years_after_its_group_is_refused(group):
    plan = services.SessionPlan(
        session_page=group.page,
        groups=[group],
        date=datetime.date(2028, 10, 6),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        venue=group.venue,
    )
    with pytest.raises(ValidationError, match="trop éloignée des dates du groupe"):
        services.schedule_session(plan)


@pytest.mark.parametrize(
    "day,accepted",
    [
        (datetime.date(1, 1, 1), False),
        (datetime.date(2030, 1, 1), False),
        (datetime.date(2026, 9, 29), False),  # the day before the application was received
        (datetime.date(2026, 9, 30), True),
        (datetime.date(2026, 10, 20), True),  # planned shortly ahead
    ],
)
def test_an_interview_is_not_before_the_application_nor_far_ahead(site_tree, territory, day, accepted):
    application = ApplicationFactory(course=site_tree["peer_interveners"], territory=territory)
    record = lambda: services.record_interview(  # noqa: E731
        application, interviewer=None, held_on=day, decision="accepted", decision_reason="Retenue.", **IP_GRID
    )
    if accepted:
        record()
        assert SelectionInterview.objects.count() == 1
    else:
        with pytest.raises(ValidationError) as refused:
            record()
        assert "La date de l'entretien ne peut pas être" in refused.value.message_dict["held_on"][0]
        assert not SelectionInterview.objects.exists()


def test_a_charter_signed_in_year_one_is_refused(site_tree, territory):
    application = ApplicationFactory(course=site_tree["referents"], territory=territory)
    with pytest.raises(ValidationError) as refused:
        services.record_charter(
            application,
            employer_name="EHPAD",
            signatory_name="Claire Dubois",
            signatory_role="Directrice",
            signed_on=datetime.date(1, 1, 1),
            method="platform",
        )
    assert "La date de signature ne peut pas être avant" in refused.value.message_dict["signed_on"][0]


def test_slot_and_trainee_that_are_not_numbers_answer_400(client, group, make_user):
    trainer = make_user(Role.TRAINER)
    session = ScheduledSession.objects.create(
        session_page=group.page,
        date=datetime.date(2026, 10, 6),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        trainer=trainer,
    )
    session.groups.add(group)
    client.force_login(trainer)
    url = f"/emargement/seances/{session.pk}/action/"
    assert client.post(url, {"action": "status", "slot": "abc", "trainee": "1"}).status_code == 400
    assert client.post(url, {"action": "status", "slot": "1", "trainee": "abc"}).status_code == 400


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_enrol_creates_one_account(site_tree, territory, organisation, make_user):
    group = TrainingGroupFactory(
        name="IP clic", course=site_tree["peer_interveners"], territory=territory, organisation=organisation
    )
    application = ApplicationFactory(course=group.course, territory=territory, email="double@example.fr")
    application.status = Application.Status.ACCEPTED
    application.save()
    regional = make_user(Role.REGIONAL_TEAM, region=territory.region)
    racers = 6
    barrier = threading.Barrier(racers)
    answers, lock = [], threading.Lock()

    def click():
        try:
            barrier.wait()
            services.enrol_application(Application.objects.get(pk=application.pk), group, actor=regional)
            answer = "inscrit"
        except ValidationError as error:
            answer = "refus : " + error.messages[0]
        except Exception as error:  # noqa: BLE001 - any other outcome must show in the assertion
            answer = f"erreur inattendue : {error!r}"
        finally:
            connection.close()
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=click) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers.count("inscrit") == 1, answers
    assert not [answer for answer in answers if answer.startswith("erreur")], answers
    assert User.objects.filter(email="double@example.fr").count() == 1


def test_the_charter_factory_is_still_plausible():
    assert EngagementCharterFactory.build().signed_on <= TODAY
