"""The pages: a trainee's documents and status, private downloads, the public verification page, the
issuing page and the signatory form, with who may see what."""

import datetime

import jwt
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.certificates import selectors
from lms.certificates.models import OrganisationSignatory
from lms.certificates.services import IssuingContext, issue_certificate, revoke_certificate
from lms.cohorts.factories import TrainingGroupFactory
from lms.people.factories import TrainingOrganisationFactory
from lms.people.models import Role
from tests.certificates.conftest import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(world):
    completion = selectors.group_completion(world.group)
    certificate, _created = issue_certificate(
        IssuingContext(world.group, completion), completion.status_of(world.alice), issued_by=world.staff
    )
    return certificate


def test_a_trainee_downloads_only_their_own_documents(client, world, certificate):
    client.force_login(world.alice)
    for kind in ("attestation", "realisation"):
        response = client.get(f"/certificats/{certificate.pk}/{kind}/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert response["Cache-Control"] == "private, no-store"
    badge = client.get(f"/certificats/{certificate.pk}/badge/")
    assert badge.content.decode() == certificate.badge_jwt
    assert jwt.get_unverified_header(badge.content.decode())["alg"] == "RS256"
    client.force_login(world.bob)
    for kind in ("attestation", "realisation", "badge"):
        assert client.get(f"/certificats/{certificate.pk}/{kind}/").status_code == 404
    client.logout()
    assert client.get(f"/certificats/{certificate.pk}/attestation/").status_code == 302


def test_group_managers_download_others_do_not(client, world, certificate, make_user):
    client.force_login(world.staff)
    assert client.get(f"/certificats/{certificate.pk}/realisation/").status_code == 200
    client.force_login(make_user(Role.ORGANISATION_STAFF, organisation=TrainingOrganisationFactory(name="Autre")))
    assert client.get(f"/certificats/{certificate.pk}/realisation/").status_code == 404
    trainer = make_user(Role.TRAINER)
    world.group.trainers.add(trainer)
    client.force_login(trainer)
    assert client.get(f"/certificats/{certificate.pk}/realisation/").status_code == 404


def test_a_revoked_document_is_no_longer_downloadable_by_the_trainee(client, world, certificate):
    revoke_certificate(certificate, world.staff, "Erreur")
    client.force_login(world.alice)
    assert client.get(f"/certificats/{certificate.pk}/realisation/").status_code == 404
    html = client.get("/certificats/").content.decode()
    assert "Ce certificat a été révoqué le" in html


def test_home_lists_the_trainees_documents(client, world, certificate):
    client.force_login(world.alice)
    html = client.get("/certificats/").content.decode()
    assert html.count("<h1") == 1 and "Mes attestations" in html
    assert f"/certificats/{certificate.pk}/attestation/" in html
    assert f"/certificats/{certificate.pk}/realisation/" in html
    assert f"/certificats/verifier/{certificate.code}/" in html
    assert f"/certificats/{certificate.pk}/revoquer/" not in html


def test_home_shows_an_unfinished_trainee_each_rule_in_plain_words(client, world):
    client.force_login(world.bob)
    html = client.get("/certificats/").content.decode()
    assert "Vous n'avez pas encore de document." in html
    assert "Pour recevoir vos documents, toutes ces conditions doivent être remplies" in html
    assert "Présence : au moins 80 % des heures prévues" in html and "non respectée" in html
    assert "Il faut venir à 80 % des heures. Vous êtes venu 0 h sur 19 h." in html
    assert "Absent à la dernière séance." in html


def test_home_lists_managed_groups_in_constant_queries(client, world, certificate, django_assert_max_num_queries):
    client.force_login(world.regional)
    with django_assert_max_num_queries(12) as small:
        html = client.get("/certificats/").content.decode()
    assert world.group.name in html and f"/certificats/groupes/{world.group.pk}/" in html
    for index in range(5):
        TrainingGroupFactory(
            name=f"Groupe {index}",
            course=world.course,
            territory=world.group.territory,
            organisation=world.group.organisation,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get("/certificats/").content.decode()
    assert "Groupe 4" in html


def test_group_page_shows_each_trainees_rules_and_documents(client, world, certificate, django_assert_max_num_queries):
    client.force_login(world.staff)
    url = f"/certificats/groupes/{world.group.pk}/"
    with django_assert_max_num_queries(40) as small:
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "Alice Bérénger" in html and "Bob Martin" in html
    assert "Formation terminée" in html and "Formation non terminée" in html
    assert "0 travaux rendus sur 1." in html
    assert f"/certificats/{certificate.pk}/revoquer/" in html
    assert "1 stagiaire a terminé la formation." in html
    from lms.cohorts.models import Enrolment

    for index in range(5):
        trainee = world.alice.__class__.objects.create_user(
            email=f"t{index}@example.fr", first_name="T", last_name=str(index)
        )
        Enrolment.objects.create(group=world.group, trainee=trainee)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_verification_page_of_a_valid_certificate_is_public(client, world, certificate):
    response = client.get(f"/certificats/verifier/{certificate.code}/")
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "Ce certificat est valable." in html
    assert "Alice Bérénger" in html and "Formation des intervenants-pairs" in html
    assert "qui s'est déroulée du 2 mars 2026 au 1er juin 2026 pour une durée de 19 h." in html
    assert "alice@example.fr" not in html and world.group.name not in html


def test_verification_page_of_a_revoked_certificate_shows_the_date_not_the_reason(client, world, certificate):
    # Revoked on the 1st of a month, just after midnight in Paris (still 30 November in UTC).
    with time_machine.travel(datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC), tick=False):
        revoke_certificate(certificate, world.staff, "Présences falsifiées")
    html = client.get(f"/certificats/verifier/{certificate.code}/").content.decode()
    assert "Ce certificat n'est plus valable." in html
    assert "Il a été révoqué le 1er décembre 2026." in html
    assert "Présences falsifiées" not in html and "Ce certificat est valable." not in html


def test_unknown_codes_get_a_clear_404(client, site_tree):
    for code in ("AAAA-BBBB-CCCC-DDDD-EEEE", "nimportequoi"):
        response = client.get(f"/certificats/verifier/{code}/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "Document introuvable" in html and "Vérifiez que le code est recopié en entier" in html


def test_the_code_can_be_typed_in_lower_case_and_with_spaces(client, world, certificate):
    typed = certificate.code.lower().replace("-", " ")
    response = client.get("/certificats/verifier/", {"code": typed})
    assert response.status_code == 302 and response["Location"] == f"/certificats/verifier/{certificate.code}/"
    response = client.get("/certificats/verifier/", {"code": "ZZZZ"})
    assert "Aucun document ne correspond à ce code." in response.content.decode()


def test_the_organisation_records_its_signatory_stamp_and_signature(client, world, make_user):
    OrganisationSignatory.objects.all().delete()
    url = f"/certificats/organismes/{world.group.organisation.pk}/signataire/"
    client.force_login(world.staff)
    assert client.get(url).status_code == 200
    response = client.post(url, {"signatory_name": "", "place": "Villeurbanne"})
    html = response.content.decode()
    assert "Indiquez le nom du représentant légal." in html and 'value="Villeurbanne"' in html
    response = client.post(
        url,
        {
            "signatory_name": "Odile Perrin",
            "signatory_title": "Directrice",
            "place": "Villeurbanne",
            "stamp": SimpleUploadedFile("cachet.png", png_bytes(), content_type="image/png"),
            "signature": SimpleUploadedFile("signature.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    signatory = OrganisationSignatory.objects.get()
    assert signatory.place == "Villeurbanne" and signatory.stamp and signatory.signature
    for user in (
        world.regional,
        world.alice,
        make_user(Role.ORGANISATION_STAFF, organisation=TrainingOrganisationFactory(name="B")),
    ):
        client.force_login(user)
        assert client.get(url).status_code == 403
