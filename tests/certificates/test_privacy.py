"""Certificates in the data export and the erasure: the record is kept by law, but its name, its
two PDFs and the public verification page show the pseudonym; the badge is withdrawn; all or nothing."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from lms.certificates import selectors
from lms.certificates.models import Certificate
from lms.certificates.services import IssuingContext, issue_certificate
from lms.people import privacy
from lms.people.models import Role
from tests.certificates.conftest import attend, evaluate, hand_in
from tests.certificates.pdf_tools import reader, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(world):
    """Alice's and Bob's certificates (Bob completed the course too)."""
    for session in world.sessions:
        attend(session, world.bob)
    hand_in(world, world.bob)
    evaluate(world, world.bob)
    completion = selectors.group_completion(world.group)
    context = IssuingContext(world.group, completion)
    for trainee in (world.alice, world.bob):
        issue_certificate(context, completion.status_of(trainee), issued_by=world.staff)
    return world


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, email="admin@test.fr")


def texts(certificate) -> tuple[str, str]:
    return text_of(reader(certificate.attestation_pdf)), text_of(reader(certificate.realisation_pdf))


def test_the_export_lists_the_persons_certificates(issued):
    export = privacy.export_personal_data(issued.alice)
    json.dumps(export, cls=DjangoJSONEncoder)
    data = next(section for section in export["sections"] if section["name"] == "certificates")["data"]
    certificate = Certificate.objects.get(trainee=issued.alice)
    assert data == [
        {
            "code_de_vérification": certificate.code,
            "nom_imprimé": "Alice Bérénger",
            "formation": "Formation des intervenants-pairs",
            "organisme_de_formation": "Organisme test",
            "groupe": "Intervenants-pairs Rhône 2026",
            "début": certificate.start_date,
            "fin": certificate.end_date,
            "heures_réalisées": "19 h",
            "délivré_le": certificate.issued_at,
            "révoqué_le": None,
            "motif_de_révocation": "",
            "adresse_de_vérification": certificate.verification_url,
        }
    ]


def test_erasure_keeps_the_certificate_and_prints_the_pseudonym_in_new_documents(
    issued, admin, django_capture_on_commit_callbacks
):
    alice = Certificate.objects.get(trainee=issued.alice)
    bob = Certificate.objects.get(trainee=issued.bob)
    old_files = [alice.attestation_pdf.name, alice.realisation_pdf.name]
    kept = (alice.code, alice.hours, alice.issued_at)
    old_attestation, old_realisation = texts(alice)
    assert "Alice Bérénger" in old_attestation and "Alice Bérénger" in old_realisation
    bob_before = (bob.trainee_name, bob.badge_jwt, bob.attestation_pdf.name, bob.realisation_pdf.name)

    with django_capture_on_commit_callbacks(execute=True):
        pseudonym = privacy.erase_person(issued.alice, by=admin)

    alice.refresh_from_db()
    assert (alice.trainee_name, alice.badge_jwt) == (pseudonym, "")
    assert (alice.code, alice.hours, alice.issued_at) == kept
    for name in old_files:
        assert not alice.attestation_pdf.storage.exists(name)
    assert alice.attestation_pdf.name not in old_files and alice.realisation_pdf.name not in old_files
    attestation, realisation = texts(alice)
    assert "Alice" not in attestation + realisation and "Bérénger" not in attestation + realisation
    # Apart from the name, the kept documents say exactly what they said, evaluation results included
    # (the learning app's eraser deletes the assessments in the same erasure).
    assert attestation == old_attestation.replace("Alice Bérénger", pseudonym)
    assert realisation == old_realisation.replace("Alice Bérénger", pseudonym)
    assert "Acquis" in attestation and "Aucune évaluation finale" not in attestation

    bob.refresh_from_db()
    assert (bob.trainee_name, bob.badge_jwt, bob.attestation_pdf.name, bob.realisation_pdf.name) == bob_before
    assert "Bob Martin" in texts(bob)[1]


def test_the_public_verification_page_and_the_downloads_show_the_pseudonym(
    client, issued, admin, django_capture_on_commit_callbacks
):
    certificate = Certificate.objects.get(trainee=issued.alice)
    with django_capture_on_commit_callbacks(execute=True):
        pseudonym = privacy.erase_person(issued.alice, by=admin)

    page = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert pseudonym in html and "Bérénger" not in html
    assert "Ce certificat est valable." in html

    client.force_login(issued.staff)
    for kind in ("attestation", "realisation"):
        response = client.get(reverse("certificates:download", args=[certificate.pk, kind]))
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        assert content.startswith(b"%PDF") and "Bérénger" not in response["Content-Disposition"]
    # The badge was cleared: its download answers "not found" rather than an empty file.
    assert client.get(reverse("certificates:download", args=[certificate.pk, "badge"])).status_code == 404


def test_a_failed_erasure_keeps_the_name_the_documents_and_the_badge(issued, admin, django_capture_on_commit_callbacks):
    certificate = Certificate.objects.get(trainee=issued.alice)
    before = (certificate.trainee_name, certificate.badge_jwt, certificate.attestation_pdf.name)

    def failing_eraser(user, pseudonym):
        raise RuntimeError("panne d'un autre module")

    privacy.register("test_failing", label="Panne", eraser=failing_eraser, order=999)
    try:
        with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
            privacy.erase_person(issued.alice, by=admin)
    finally:
        privacy.unregister("test_failing")

    certificate.refresh_from_db()
    assert (certificate.trainee_name, certificate.badge_jwt, certificate.attestation_pdf.name) == before
    assert certificate.attestation_pdf.storage.exists(before[2])
    assert "Alice Bérénger" in texts(certificate)[0]
