"""GDPR: a person downloads their data and asks for erasure; erasure anonymises what the law keeps
and deletes the rest, all or nothing."""

import json

import pytest
from django.conf import settings
from django.contrib.auth import authenticate

from lms.people import privacy
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry, ErasureRequest, Role, RoleAssignment, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee(make_user):
    return make_user(Role.TRAINEE, first_name="Samia", last_name="Haddad", email="samia@example.fr", phone="0601020304")


@pytest.fixture
def kept_record():
    """A stand-in for an app's records kept by law (a signed attendance sheet), registered like
    the attendance and certificates apps register theirs."""
    sheets = {}

    def export(user):
        return [{"séance": "Séance 1", "signé_par": sheets.get(user.pk, {}).get("name")}]

    def erase(user, pseudonym):
        sheets[user.pk] = {"name": pseudonym, "signature": None}

    privacy.register("emargement_test", label="Émargements", exporter=export, eraser=erase, order=10)
    yield sheets
    privacy.unregister("emargement_test")


def test_the_export_holds_identity_roles_audit_and_registered_sections(trainee, kept_record, make_user):
    trainer = make_user(Role.TRAINER)
    record_access(trainer, "read", trainee, "besoins d'accessibilité")
    kept_record[trainee.pk] = {"name": "Samia Haddad", "signature": "sig.png"}
    export = privacy.export_personal_data(trainee)
    sections = {section["name"]: section for section in export["sections"]}
    assert sections["identite"]["data"]["adresse_e-mail"] == "samia@example.fr"
    assert sections["identite"]["data"]["rôles"] == [{"rôle": "Stagiaire", "portée": ""}]
    assert sections["journal"]["data"][0]["par"].startswith(str(trainer))
    assert sections["emargement_test"]["data"] == [{"séance": "Séance 1", "signé_par": "Samia Haddad"}]
    # The export itself is audited.
    assert AuditLogEntry.objects.filter(subject=trainee, action="export").exists()


def test_json_download_and_readable_page(client, trainee, kept_record):
    client.force_login(trainee)
    response = client.get("/mon-compte/mes-donnees.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-epop-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert {section["name"] for section in data["sections"]} >= {"identite", "journal", "emargement_test"}
    page = client.get("/mon-compte/mes-donnees/").content.decode()
    assert "<h1>Mes données personnelles</h1>" in page
    assert "samia@example.fr" in page and "Émargements" in page and "0601020304" in page


def test_export_pages_need_a_login(client):
    for path in ("/mon-compte/", "/mon-compte/mes-donnees/", "/mon-compte/mes-donnees.json", "/mon-compte/effacement/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/connexion/"), path


def test_a_person_asks_for_erasure_with_a_confirmation(client, trainee):
    client.force_login(trainee)
    response = client.post("/mon-compte/effacement/", {"reason": "Je change de projet."})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Cochez cette case pour confirmer votre demande." in text
    assert "Je change de projet." in text  # what was typed is kept
    assert not ErasureRequest.objects.exists()
    response = client.post("/mon-compte/effacement/", {"reason": "Je change de projet.", "confirm": "on"})
    assert response.status_code == 302
    request = ErasureRequest.objects.get()
    assert (request.user, request.status, request.reason) == (trainee, "pending", "Je change de projet.")
    response = client.post("/mon-compte/effacement/", {"confirm": "on"})
    assert "Vous avez déjà une demande d&#x27;effacement en attente." in response.content.decode()
    assert ErasureRequest.objects.count() == 1


def test_erasure_end_to_end_anonymises_kept_records_and_closes_the_account(client, trainee, kept_record, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    record_access(trainee, "write", trainee, "profil")
    kept_record[trainee.pk] = {"name": "Samia Haddad", "signature": "sig.png"}
    request = privacy.request_erasure(trainee, "Merci")

    client.force_login(admin)
    page = client.get("/gestion/effacements/").content.decode()
    assert "samia@example.fr" in page
    response = client.post(f"/gestion/effacements/{request.pk}/effacer/")
    assert response.status_code == 302

    trainee.refresh_from_db()
    request.refresh_from_db()
    assert trainee.first_name.startswith("Personne anonymisée ") and trainee.last_name == ""
    assert trainee.email.endswith("@anonyme.invalid") and trainee.phone == ""
    assert not trainee.is_active and not trainee.has_usable_password()
    assert not RoleAssignment.objects.filter(user=trainee).exists()
    assert kept_record[trainee.pk] == {"name": trainee.first_name, "signature": None}
    assert request.status == "done" and request.pseudonym == trainee.first_name and request.reason == ""
    entry = AuditLogEntry.objects.get(actor=trainee, action="write")
    assert entry.actor_label == trainee.first_name
    # The label of the record as it read then ("Samia Haddad") loses the name too.
    assert "haddad" not in entry.record_label.lower() and trainee.first_name in entry.record_label
    assert authenticate(username="samia@example.fr", password=settings.DEMO_PASSWORD) is None
    assert not User.objects.filter(email="samia@example.fr").exists()
    # A second attempt on the same request is refused.
    client.post(f"/gestion/effacements/{request.pk}/effacer/")
    assert ErasureRequest.objects.get(pk=request.pk).status == "done"


def test_erasure_is_all_or_nothing(trainee, kept_record, make_user):
    def failing_eraser(user, pseudonym):
        raise RuntimeError("disque plein")

    privacy.register("qui_echoue", label="Échec", eraser=failing_eraser, order=500)
    try:
        with pytest.raises(RuntimeError):
            privacy.erase_person(trainee, by=make_user(Role.ADMINISTRATOR))
    finally:
        privacy.unregister("qui_echoue")
    trainee.refresh_from_db()
    assert trainee.email == "samia@example.fr" and trainee.is_active
    assert RoleAssignment.objects.filter(user=trainee).exists()


def test_refusal_needs_a_reason_kept_next_to_the_field(client, trainee, make_user):
    request = privacy.request_erasure(trainee)
    client.force_login(make_user(Role.ADMINISTRATOR))
    response = client.post(f"/gestion/effacements/{request.pk}/refuser/", {"refusal_reason": "  "})
    assert response.status_code == 400
    assert "Expliquez à la personne pourquoi sa demande est refusée." in response.content.decode()
    response = client.post(
        f"/gestion/effacements/{request.pk}/refuser/", {"refusal_reason": "Votre formation est en cours."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "refused" and request.refusal_reason == "Votre formation est en cours."
    client.force_login(trainee)
    assert "Votre formation est en cours." in client.get("/mon-compte/").content.decode()


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TRAINER, Role.REGIONAL_TEAM, Role.NATIONAL_TEAM])
def test_only_administrators_handle_erasure_requests(client, trainee, make_user, region, role):
    request = privacy.request_erasure(trainee)
    client.force_login(make_user(role, region=region if role == Role.REGIONAL_TEAM else None))
    assert client.get("/gestion/effacements/").status_code == 403
    assert client.post(f"/gestion/effacements/{request.pk}/effacer/").status_code == 403
    assert client.post(f"/gestion/effacements/{request.pk}/refuser/", {"refusal_reason": "x"}).status_code == 403
    request.refresh_from_db()
    assert request.status == "pending"


@pytest.mark.parametrize("pending", [1, 8])
def test_the_erasure_requests_page_costs_the_same_queries_whatever_their_number(
    client, make_user, pending, django_assert_max_num_queries
):
    for index in range(pending):
        privacy.request_erasure(make_user(Role.TRAINEE, email=f"demande{index}@example.fr"), "Merci")
    client.force_login(make_user(Role.ADMINISTRATOR))
    with django_assert_max_num_queries(8):
        page = client.get("/gestion/effacements/").content.decode()
    assert page.count("Effacer les données de") == pending


def test_the_readable_page_escapes_what_people_typed(client, trainee, kept_record):
    trainee.first_name = '<script>alert("x")</script>'
    trainee.save(update_fields=["first_name"])
    client.force_login(trainee)
    page = client.get("/mon-compte/mes-donnees/").content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<dl class="data-export-dl"><dt>Adresse e-mail</dt><dd>samia@example.fr</dd>' in page
