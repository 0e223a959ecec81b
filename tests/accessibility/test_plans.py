"""Each session's arrangement plan follows its participants and their needs."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accessibility import services
from accessibility.factories import AccessibilityNeedFactory
from accessibility.models import ArrangementKind, ArrangementLine, ArrangementPlan
from tests.accessibility.conftest import enrol, make_session

pytestmark = pytest.mark.django_db


def lines(session):
    return sorted(
        (line.kind, line.half_day, line.description, line.beneficiary_count, line.still_needed)
        for line in ArrangementLine.objects.filter(plan__session=session)
    )


def need(trainee, kind, details=""):
    services.give_consent(trainee, actor=trainee, accepted=True)
    return services.add_need(trainee, actor=trainee, kind=kind, details=details)


def test_lsf_is_planned_for_every_half_day_of_every_session_the_trainee_attends(world):
    need(world.trainee, ArrangementKind.LSF)
    assert lines(world.session) == [("lsf", "afternoon", "", 1, True), ("lsf", "morning", "", 1, True)]
    assert lines(world.morning) == [("lsf", "morning", "", 1, True)]
    assert lines(world.joint) == [("lsf", "afternoon", "", 1, True), ("lsf", "morning", "", 1, True)]


def test_session_wide_arrangements_are_one_line_and_other_needs_keep_their_description(world):
    need(world.trainee, ArrangementKind.EXTRA_BREAKS)
    need(world.classmate, ArrangementKind.EXTRA_BREAKS)
    need(world.classmate, ArrangementKind.OTHER, "Une table réglable en hauteur")
    assert lines(world.morning) == [
        ("extra_breaks", "", "", 2, True),
        ("other", "", "Une table réglable en hauteur", 1, True),
    ]


def test_a_joint_session_merges_both_groups_needs(world):
    need(world.trainee, ArrangementKind.LSF)
    need(world.referent, ArrangementKind.LSF)
    need(world.referent, ArrangementKind.LARGE_PRINT)
    assert lines(world.joint) == [
        ("large_print", "", "", 1, True),
        ("lsf", "afternoon", "", 2, True),
        ("lsf", "morning", "", 2, True),
    ]
    assert lines(world.session) == [("lsf", "afternoon", "", 1, True), ("lsf", "morning", "", 1, True)]


def test_removing_a_need_drops_unbooked_lines_and_flags_booked_ones(world):
    lsf = need(world.trainee, ArrangementKind.LSF)
    morning = ArrangementLine.objects.get(plan__session=world.session, half_day="morning")
    services.update_line(morning, actor=world.regional, status="confirmed", provider="Interprètes 69", cost="420,50")
    services.remove_need(lsf, actor=world.trainee)
    assert lines(world.session) == [("lsf", "morning", "", 0, False)]
    morning.refresh_from_db()
    assert (morning.status, morning.provider, str(morning.cost)) == ("confirmed", "Interprètes 69", "420.50")
    # The need comes back: the booked line is needed again, its booking kept.
    services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.LSF)
    assert lines(world.session) == [("lsf", "afternoon", "", 1, True), ("lsf", "morning", "", 1, True)]
    assert ArrangementLine.objects.get(pk=morning.pk).status == "confirmed"


def test_plans_follow_enrolment_changes_through_refresh_plans_for_trainee(world):
    AccessibilityNeedFactory(trainee=world.trainee, kind=ArrangementKind.LPC)
    services.refresh_plans_for_trainee(world.trainee)
    assert len(lines(world.morning)) == 1
    enrol(world.trainee, world.ip_group, status="withdrawn")
    services.refresh_plans_for_trainee(world.trainee)  # Finds nothing: the trainee left the group…
    services.refresh_plans_for_group(world.ip_group)  # …so the group's sessions are refreshed.
    assert lines(world.morning) == []


def test_withdrawing_consent_empties_the_plans(world):
    need(world.trainee, ArrangementKind.CAPTIONING)
    services.withdraw_consent(world.trainee, actor=world.trainee)
    assert lines(world.session) == [] and lines(world.joint) == []


def test_past_sessions_keep_their_plan(world):
    past = make_session(world.session_page, [world.ip_group], days=-7)
    need(world.trainee, ArrangementKind.LSF)
    assert not ArrangementPlan.objects.filter(session=past).exists()


def test_booking_rules_and_french_messages(world):
    need(world.trainee, ArrangementKind.SUPPORT_PERSON)
    line = ArrangementLine.objects.get(plan__session=world.morning)
    with pytest.raises(ValidationError) as error:
        services.update_line(line, actor=world.regional, status="confirmed", provider="", cost="-3")
    assert error.value.message_dict == {
        "provider": ["Indiquez le prestataire d'un aménagement confirmé ou réalisé."],
        "cost": ["Le coût ne peut pas être négatif."],
    }
    with pytest.raises(ValidationError) as error:
        services.update_line(line, actor=world.regional, status="requested", cost="beaucoup")
    assert error.value.message_dict == {"cost": ["Le coût doit être un nombre, par exemple 350,00."]}
    with pytest.raises(PermissionDenied):
        services.update_line(line, actor=world.trainer, status="requested")
    with pytest.raises(PermissionDenied):
        services.update_line(line, actor=world.other_regional, status="requested")
    services.update_line(line, actor=world.regional, status="requested", provider="Association X")
    line.refresh_from_db()
    assert (line.status, line.provider, line.cost) == ("requested", "Association X", None)


# --- The session plan page ------------------------------------------------------------------------


def test_trainers_read_the_plan_and_the_regional_team_books_it(client, world):
    need(world.trainee, ArrangementKind.LSF)
    url = reverse("accessibility:session_plan", args=[world.morning.pk])
    client.force_login(world.trainer)
    page = client.get(url)
    assert page.status_code == 200
    assert "Interprétation en langue des signes française (LSF)" in page.content.decode()
    assert "Organiser les aménagements" not in page.content.decode()
    line = ArrangementLine.objects.get(plan__session=world.morning)
    assert client.post(url, {"line": line.pk, f"line-{line.pk}-status": "confirmed"}).status_code == 403

    client.force_login(world.regional)
    data = {"line": line.pk, f"line-{line.pk}-status": "confirmed", f"line-{line.pk}-provider": ""}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Indiquez le prestataire d&#x27;un aménagement confirmé ou réalisé." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    data[f"line-{line.pk}-provider"] = "Interprètes 69"
    assert client.post(url, data).status_code == 302
    assert ArrangementLine.objects.get(pk=line.pk).status == "confirmed"


@pytest.mark.parametrize("who", ["other_trainer", "other_regional", "national", "staff", "trainee"])
def test_others_get_403_on_the_session_plan(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("accessibility:session_plan", args=[world.session.pk])).status_code == 403


def test_the_plan_page_costs_the_same_queries_whatever_the_number_of_lines(
    client, world, make_user, django_assert_max_num_queries
):
    url = reverse("accessibility:session_plan", args=[world.joint.pk])
    need(world.trainee, ArrangementKind.LSF)
    client.force_login(world.regional)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
    for kind in [ArrangementKind.LPC, ArrangementKind.CAPTIONING, ArrangementKind.PICTOGRAMS, ArrangementKind.AAC]:
        need(world.referent, kind)
        need(world.classmate, kind)
    assert ArrangementLine.objects.filter(plan__session=world.joint).count() == 8
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_the_session_on_a_different_date_is_untouched(world):
    other_day = make_session(world.rp_page, [world.rp_group], days=15)
    need(world.trainee, ArrangementKind.LSF)
    assert lines(other_day) == []
    assert other_day.date > datetime.date.today()


def test_enrolment_and_withdrawal_through_the_cohorts_services_update_the_plans(world, make_user):
    from lms.cohorts import services as cohorts_services
    from lms.people.models import Role

    newcomer = make_user(Role.TRAINEE, email="nouvelle@test.fr")
    need(newcomer, ArrangementKind.LPC)
    assert lines(world.morning) == []
    enrolment = cohorts_services.enrol(world.ip_group, newcomer)
    assert lines(world.morning) == [("lpc", "morning", "", 1, True)]
    cohorts_services.withdraw(enrolment)
    assert lines(world.morning) == []
