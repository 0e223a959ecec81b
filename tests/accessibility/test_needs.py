"""Needs, never diagnoses, only with consent; seen by the trainee, their trainers and their regional team."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from accessibility import services
from accessibility.models import AccessibilityNeed, ArrangementKind, NeedsConsent
from accessibility.permissions import can_record_accessibility_needs, can_view_accessibility_needs
from tests.accessibility.conftest import enrol

pytestmark = pytest.mark.django_db


def test_a_need_cannot_be_recorded_without_consent(world):
    with pytest.raises(ValidationError) as error:
        services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.LSF)
    assert error.value.messages == ["Le consentement de la personne est nécessaire avant d'enregistrer un besoin."]
    assert not AccessibilityNeed.objects.exists()


def test_consent_must_be_ticked_and_is_recorded_with_its_text_and_date(world):
    with pytest.raises(ValidationError) as error:
        services.give_consent(world.trainee, actor=world.trainee, accepted=False)
    assert error.value.message_dict == {"accepted": ["Cochez la case pour donner votre accord."]}
    consent = services.give_consent(world.trainee, actor=world.trainee, accepted=True)
    assert consent.text == services.CONSENT_TEXT
    assert consent.given_at is not None and consent.recorded_by == world.trainee
    need = services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.LSF, details="Binôme")
    assert need.details == "Binôme"


def test_other_need_must_be_described_and_a_kind_is_recorded_once(world):
    services.give_consent(world.trainee, actor=world.trainee, accepted=True)
    with pytest.raises(ValidationError) as error:
        services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.OTHER, details="  ")
    assert error.value.message_dict == {"details": ["Décrivez l'aménagement dont vous avez besoin."]}
    services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.PICTOGRAMS)
    with pytest.raises(ValidationError) as error:
        services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.PICTOGRAMS)
    assert error.value.message_dict == {"kind": ["Ce besoin est déjà enregistré : modifiez-le plutôt."]}
    with pytest.raises(ValidationError) as error:
        services.add_need(world.trainee, actor=world.trainee, kind="diagnostic")
    assert error.value.message_dict == {"kind": ["Choisissez un aménagement dans la liste."]}


def test_withdrawing_consent_erases_every_need(world):
    services.give_consent(world.trainee, actor=world.trainee, accepted=True)
    services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.LSF)
    services.add_need(
        world.trainee, actor=world.trainee, kind=ArrangementKind.OTHER, details="Un siège près de la porte"
    )
    services.withdraw_consent(world.trainee, actor=world.trainee)
    assert not AccessibilityNeed.objects.filter(trainee=world.trainee).exists()
    assert not NeedsConsent.objects.filter(trainee=world.trainee).exists()


def test_regional_team_records_consent_and_needs_during_selection(world):
    consent = services.give_consent(world.trainee, actor=world.regional, accepted=True)
    assert consent.recorded_by == world.regional
    need = services.add_need(world.trainee, actor=world.regional, kind=ArrangementKind.AAC)
    assert need.recorded_by == world.regional
    with pytest.raises(PermissionDenied):
        services.add_need(world.trainee, actor=world.trainer, kind=ArrangementKind.LPC)
    with pytest.raises(PermissionDenied):
        services.give_consent(world.trainee, actor=world.other_regional, accepted=True)


def test_who_may_see_and_record_a_trainees_needs(world):
    trainee = world.trainee
    allowed = [trainee, world.trainer, world.peer_trainer, world.regional]
    refused = [
        world.classmate,
        world.referent,
        world.rp_trainer,
        world.other_trainer,
        world.other_regional,
        world.national,
        world.staff,
        world.admin,
    ]
    assert [can_view_accessibility_needs(user, trainee) for user in allowed] == [True] * 4
    assert [can_view_accessibility_needs(user, trainee) for user in refused] == [False] * len(refused)
    assert [can_record_accessibility_needs(user, trainee) for user in allowed] == [True, False, False, True]


def test_a_withdrawn_trainee_is_no_longer_seen_by_the_groups_trainers_nor_the_region(world):
    enrol(world.trainee, world.ip_group, status="withdrawn")
    assert not can_view_accessibility_needs(world.trainer, world.trainee)
    # A withdrawn place no longer ties the person to the region's team (issue 14, reproduction 2).
    assert not can_view_accessibility_needs(world.regional, world.trainee)


def test_regional_team_sees_a_candidates_needs_from_the_application(world, territory, site_tree):
    from lms.cohorts.models import Application
    from lms.people.factories import UserFactory

    candidate = UserFactory(email="candidate@test.fr")
    assert not can_view_accessibility_needs(world.regional, candidate)
    Application.objects.create(
        course=site_tree["peer_interveners"],
        territory=territory,
        first_name="Léa",
        last_name="Candidate",
        email=candidate.email,
        motivation="Transmettre.",
        candidate=candidate,
    )
    assert can_view_accessibility_needs(world.regional, candidate)
    assert not can_view_accessibility_needs(world.other_regional, candidate)


# --- Pages ---------------------------------------------------------------------------------------


def test_trainee_gives_consent_then_adds_changes_and_removes_a_need_on_their_page(client, world):
    client.force_login(world.trainee)
    url = reverse("accessibility:my_needs")
    page = client.get(url).content.decode()
    assert escape(str(services.CONSENT_TEXT)) in page and "Ajouter ce besoin" not in page

    response = client.post(url, {"action": "consent"})
    assert response.status_code == 400
    assert "Cochez la case pour donner votre accord." in response.content.decode()

    assert client.post(url, {"action": "consent", "accepted": "on"}).status_code == 302
    response = client.post(url, {"action": "add", "kind": "other", "details": ""})
    assert response.status_code == 400
    assert "Décrivez l&#x27;aménagement dont vous avez besoin." in response.content.decode()

    assert client.post(url, {"action": "add", "kind": "lsf", "details": "Deux interprètes"}).status_code == 302
    need = AccessibilityNeed.objects.get(trainee=world.trainee)
    assert client.post(url, {"action": "update", "need": need.pk, f"need-{need.pk}-details": "Un"}).status_code == 302
    need.refresh_from_db()
    assert need.details == "Un"
    assert client.post(url, {"action": "remove", "need": need.pk}).status_code == 302
    assert not AccessibilityNeed.objects.exists()


def test_trainer_reads_needs_but_cannot_change_them(client, world):
    services.give_consent(world.trainee, actor=world.trainee, accepted=True)
    services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.LSF, details="Binôme d'interprètes")
    url = reverse("accessibility:trainee_needs", args=[world.trainee.pk])
    client.force_login(world.trainer)
    response = client.get(url)
    assert response.status_code == 200
    assert "Binôme d&#x27;interprètes" in response.content.decode()
    assert "Retirer" not in response.content.decode()
    assert client.post(url, {"action": "withdraw"}).status_code == 403
    assert NeedsConsent.objects.filter(trainee=world.trainee).exists()


@pytest.mark.parametrize("who", ["classmate", "other_trainer", "other_regional", "national", "staff", "admin"])
def test_others_get_404_on_a_trainees_needs(client, world, who):
    """404 alike for someone whose needs are not the asker's to see and for no one at all."""
    client.force_login(getattr(world, who))
    url = reverse("accessibility:trainee_needs", args=[world.trainee.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "withdraw"}).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, world):
    response = client.get(reverse("accessibility:my_needs"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_reads_and_writes_of_needs_are_written_to_the_audit_log(client, world):
    from accessibility import services as needs_services
    from accessibility.models import ArrangementKind
    from lms.people.models import AuditLogEntry

    trainee = world.trainee
    needs_services.give_consent(trainee, actor=trainee, accepted=True)
    need = needs_services.add_need(trainee, actor=trainee, kind=ArrangementKind.LSF)
    needs_services.update_need(need, actor=trainee, details="Interprète le matin et l'après-midi")
    entries = AuditLogEntry.objects.filter(subject=trainee).order_by("pk")
    assert [(e.action, e.record_type) for e in entries] == [
        ("write", "accessibility.needsconsent"),
        ("write", "accessibility.accessibilityneed"),
        ("write", "accessibility.accessibilityneed"),
    ]
    client.force_login(world.regional)
    assert client.get(f"/accessibilite/stagiaires/{trainee.pk}/besoins/").status_code == 200
    read = AuditLogEntry.objects.filter(subject=trainee, action="read").get()
    assert read.actor == world.regional
    needs_services.withdraw_consent(trainee, actor=trainee)
    assert AuditLogEntry.objects.filter(subject=trainee, action="delete").count() == 1
