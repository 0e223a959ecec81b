"""Issuing a whole group's documents through django-q2 (sync mode in tests): idempotent, with a
progress batch, refused when the training is not over or the signatory is missing, and revocation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django_q.models import Task

from lms.certificates.models import Certificate, IssuingBatch, OrganisationSignatory
from lms.certificates.services import revoke_certificate, start_group_issuing
from lms.cohorts.models import TrainingGroup
from lms.people.factories import RegionFactory, TrainingOrganisationFactory
from lms.people.models import Role
from tests.certificates.conftest import attend, evaluate, hand_in

pytestmark = pytest.mark.django_db


def issue_url(world):
    return f"/certificats/groupes/{world.group.pk}/delivrer/"


def test_staff_issue_the_whole_group_in_one_action_through_django_q(client, world):
    client.force_login(world.staff)
    response = client.post(issue_url(world), follow=True)
    assert response.status_code == 200
    assert "Délivrance terminée : 1 documents délivrés." in response.content.decode()
    certificate = Certificate.objects.get()
    assert certificate.trainee == world.alice and certificate.issued_by == world.staff
    assert certificate.attestation_pdf and certificate.realisation_pdf and certificate.badge_jwt
    batch = IssuingBatch.objects.get()
    assert (batch.status, batch.total, batch.processed) == ("done", 2, 2)
    assert (batch.issued_count, batch.incomplete_count, batch.existing_count) == (1, 1, 0)
    assert batch.percent == 100 and batch.finished_at is not None
    task = Task.objects.get(func="lms.certificates.services.run_issuing_batch")
    assert task.success and task.args == (batch.pk,)


def test_issuing_again_creates_no_duplicate_and_only_adds_the_newly_completed(client, world):
    client.force_login(world.regional)
    client.post(issue_url(world))
    first = Certificate.objects.get()
    client.post(issue_url(world))
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().code == first.code
    assert IssuingBatch.objects.order_by("-pk").first().existing_count == 1

    for session in world.sessions:
        attend(session, world.bob)
    hand_in(world, world.bob)
    evaluate(world, world.bob)
    client.post(issue_url(world))
    assert Certificate.objects.count() == 2
    last = IssuingBatch.objects.order_by("-pk").first()
    assert (last.issued_count, last.existing_count) == (1, 1)


def test_a_revoked_certificate_is_not_issued_again(client, world):
    client.force_login(world.staff)
    client.post(issue_url(world))
    revoke_certificate(Certificate.objects.get(), world.staff, "Erreur de saisie des présences")
    client.post(issue_url(world))
    assert Certificate.objects.count() == 1
    assert IssuingBatch.objects.order_by("-pk").first().revoked_count == 1


def test_a_group_still_running_cannot_be_issued(client, world):
    TrainingGroup.objects.filter(pk=world.group.pk).update(status=TrainingGroup.Status.RUNNING)
    world.sessions[-1].date = datetime.date.today() + datetime.timedelta(days=3)
    world.sessions[-1].save()
    world.group.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        start_group_issuing(world.staff, world.group)
    assert error.value.messages == [
        "La formation de ce groupe n'est pas terminée : les documents se délivrent après la dernière séance."
    ]
    client.force_login(world.staff)
    response = client.post(issue_url(world), follow=True)
    assert "La formation de ce groupe n&#x27;est pas terminée" in response.content.decode()
    assert not Certificate.objects.exists()


def test_a_cancelled_group_cannot_be_issued(world):
    TrainingGroup.objects.filter(pk=world.group.pk).update(status=TrainingGroup.Status.CANCELLED)
    world.group.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        start_group_issuing(world.staff, world.group)
    assert error.value.messages == ["Ce groupe a été annulé : aucun document ne peut être délivré."]


def test_issuing_needs_the_organisation_signatory(world):
    OrganisationSignatory.objects.all().delete()
    with pytest.raises(ValidationError) as error:
        start_group_issuing(world.staff, world.group)
    assert "Renseignez d'abord le représentant légal de l'organisme de formation" in error.value.messages[0]


@pytest.mark.parametrize("who", ["trainee", "trainer", "other_organisation", "other_region", "national"])
def test_only_the_regional_team_the_organisation_and_administrators_issue(client, world, make_user, who):
    other_region = RegionFactory(code="11", name="Île-de-France")
    users = {
        "trainee": lambda: world.alice,
        "trainer": lambda: make_user(Role.TRAINER),
        "other_organisation": lambda: make_user(
            Role.ORGANISATION_STAFF, organisation=TrainingOrganisationFactory(name="Autre organisme")
        ),
        "other_region": lambda: make_user(Role.REGIONAL_TEAM, region=other_region),
        "national": lambda: make_user(Role.NATIONAL_TEAM),
    }
    user = users[who]()
    if who == "trainer":
        world.group.trainers.add(user)
    client.force_login(user)
    assert client.post(issue_url(world)).status_code == 403
    assert client.get(f"/certificats/groupes/{world.group.pk}/").status_code == 403
    assert not Certificate.objects.exists() and not IssuingBatch.objects.exists()


def test_progress_is_readable_by_the_group_managers_only(client, world, make_user):
    client.force_login(world.staff)
    client.post(issue_url(world))
    batch = IssuingBatch.objects.get()
    data = client.get(f"/certificats/lots/{batch.pk}/progression/").json()
    assert data == {
        "status": "done",
        "status_label": "Terminé",
        "percent": 100,
        "processed": 2,
        "total": 2,
        "issued": 1,
        "existing": 0,
        "incomplete": 1,
        "revoked": 0,
        "active": False,
        "error": "",
    }
    client.force_login(world.alice)
    assert client.get(f"/certificats/lots/{batch.pk}/progression/").status_code == 403


def test_revocation_needs_a_reason_and_happens_once(client, world):
    client.force_login(world.staff)
    client.post(issue_url(world))
    certificate = Certificate.objects.get()
    url = f"/certificats/{certificate.pk}/revoquer/"
    response = client.post(url, {"reason": "  "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez le motif de la révocation." in html
    assert 'aria-describedby="id_reason_helptext id_reason_error"' in html and 'aria-invalid="true"' in html
    response = client.post(url, {"reason": "Présences mal saisies"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == world.staff
    assert certificate.revocation_reason == "Présences mal saisies"
    response = client.post(url, {"reason": "Encore"})
    assert "Ce certificat est déjà révoqué." in response.content.decode()
    client.force_login(world.alice)
    assert client.post(url, {"reason": "Je veux"}).status_code == 403


def test_a_batch_delivered_twice_is_processed_once(world):
    """Two clusters (or a broker retry) running the same task: the second finds the batch claimed."""
    from lms.certificates.services import run_issuing_batch

    batch = IssuingBatch.objects.create(group=world.group, requested_by=world.staff)
    assert run_issuing_batch(batch.pk)["status"] == "done"
    assert run_issuing_batch(batch.pk) == {"status": "skipped"}
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.processed, batch.issued_count) == ("done", 2, 2, 1)
    assert Certificate.objects.count() == 1
