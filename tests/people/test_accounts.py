"""Accounts: invitations, "Mot de passe oublié ?", choosing a password from a one-time link, and in
"Mon compte" the password, the contact details and a confirmed e-mail change."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError

from lms.people import services
from lms.people.factories import UserFactory
from lms.people.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Rivière-du-loup-2031"
NOW = datetime.datetime(2031, 3, 3, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def empty_throttle():
    cache.clear()
    yield
    cache.clear()


def link_in(message) -> str:
    """The path of the site link in an e-mail (SITE_BASE_URL stripped)."""
    match = re.search(re.escape(settings.SITE_BASE_URL) + r"(/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def invite_new_person(django_capture_on_commit_callbacks, email="nina@example.fr"):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.create_account(email=email, first_name="Nina", last_name="Morel", actor=None)
    return user


def test_a_new_account_gets_an_invitation_with_a_one_time_link(client, django_capture_on_commit_callbacks):
    user = invite_new_person(django_capture_on_commit_callbacks, email=" Nina@Example.FR ")
    assert user.email == "nina@example.fr" and not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@example.fr"] and "mot de passe" in message.subject
    assert "14 jours" in message.body and message.alternatives
    path = link_in(message)
    assert path.startswith("/invitation/")

    # The token leaves the URL at once (no leak through the Referer header).
    response = client.get(path)
    assert response.status_code == 302 and "set-password" in response.url
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Choisir mon mot de passe" in page.content.decode() and "nina@example.fr" in page.content.decode()

    # Django's validators, in French, next to the field; nothing saved.
    refused = client.post(response.url, {"new_password1": "1234", "new_password2": "1234"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'aria-invalid="true"' in html and "trop court" in html
    user.refresh_from_db()
    assert not user.has_usable_password()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(response.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url == "/connexion/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert mail.outbox[-1].subject.startswith("Votre mot de passe a été modifié")

    # One time only: the same link now says so, and offers a new one.
    again = client.get(path)
    assert again.status_code == 200 and "Ce lien ne marche plus" in again.content.decode()

    login = client.post("/connexion/", {"username": "NINA@example.fr", "password": NEW_PASSWORD})
    assert login.status_code == 302 and login.url == settings.LOGIN_REDIRECT_URL


def test_an_invitation_expires_after_the_documented_delay(client, django_capture_on_commit_callbacks):
    with time_machine.travel(NOW, tick=False):
        user = invite_new_person(django_capture_on_commit_callbacks)
        path = link_in(mail.outbox[0])
    with time_machine.travel(NOW + datetime.timedelta(seconds=settings.ACCOUNT_INVITATION_TIMEOUT - 60), tick=False):
        assert client.get(path).status_code == 302
    client.session.flush()
    with time_machine.travel(NOW + datetime.timedelta(seconds=settings.ACCOUNT_INVITATION_TIMEOUT + 60), tick=False):
        response = client.get(path)
        assert response.status_code == 200 and "Ce lien ne marche plus" in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_an_existing_account_cannot_be_created_twice_nor_reinvited_once_active(django_capture_on_commit_callbacks):
    existing = UserFactory(email="deja@example.fr")
    with pytest.raises(ValidationError) as error:
        services.create_account(email="DEJA@example.fr", first_name="A", last_name="B", actor=None)
    assert "existe déjà" in str(error.value)
    with pytest.raises(ValidationError):
        services.invite(user=existing, actor=None)
    assert mail.outbox == []


def test_forgotten_password_gives_the_same_answer_whether_the_address_exists_or_not(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="connue@example.fr", first_name="Connue")
    login_page = client.get("/connexion/").content.decode()
    assert 'href="/mot-de-passe-oublie/"' in login_page and "Mot de passe oublié ?" in login_page

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/mot-de-passe-oublie/", {"email": "Connue@example.fr"})
        unknown = client.post("/mot-de-passe-oublie/", {"email": "inconnue@example.fr"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == "/mot-de-passe-oublie/envoye/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["connue@example.fr"]
    assert "24 heures" in mail.outbox[0].body

    done = client.get("/mot-de-passe-oublie/envoye/").content.decode()
    assert "Si un compte existe avec cette adresse" in done

    path = link_in(mail.outbox[0])
    assert path.startswith("/mot-de-passe/nouveau/")
    form_url = client.get(path).url
    page = client.get(form_url).content.decode()
    assert "Choisir un nouveau mot de passe" in page
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(email="connue@example.fr").check_password(NEW_PASSWORD)


def test_forgotten_password_refuses_bad_input_without_a_500(client):
    response = client.post("/mot-de-passe-oublie/", {"email": "pas une adresse"})
    assert response.status_code == 400
    assert "Saisissez une adresse e-mail valide" in response.content.decode()
    assert client.post("/mot-de-passe-oublie/", {}).status_code == 400
    assert mail.outbox == []


def test_an_invited_person_who_lost_the_invitation_can_use_forgotten_password(
    client, django_capture_on_commit_callbacks
):
    invite_new_person(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mot-de-passe-oublie/", {"email": "nina@example.fr"})
    assert len(mail.outbox) == 2 and link_in(mail.outbox[1]).startswith("/mot-de-passe/nouveau/")


def test_no_link_for_a_deactivated_account(client, django_capture_on_commit_callbacks):
    UserFactory(email="partie@example.fr", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mot-de-passe-oublie/", {"email": "partie@example.fr"})
    assert response.status_code == 302 and mail.outbox == []


@pytest.mark.parametrize("known", [True, False])
def test_forgotten_password_is_throttled_per_address_alike_for_known_and_unknown(
    client, django_capture_on_commit_callbacks, settings, known
):
    settings.PASSWORD_RESET_LIMIT = 2
    if known:
        UserFactory(email="cible@example.fr")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post("/mot-de-passe-oublie/", {"email": "cible@example.fr"}) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "Trop de demandes" in answers[2].content.decode()
    assert len(mail.outbox) == (2 if known else 0)
    # Another address from the same client still goes through.
    assert client.post("/mot-de-passe-oublie/", {"email": "autre@example.fr"}).status_code == 302


def test_forgotten_password_is_throttled_per_client_address(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 3
    codes = [
        client.post("/mot-de-passe-oublie/", {"email": f"p{n}@example.fr"}, REMOTE_ADDR="203.0.113.7").status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    assert (
        client.post("/mot-de-passe-oublie/", {"email": "p9@example.fr"}, REMOTE_ADDR="203.0.113.8").status_code == 302
    )


def test_a_reset_link_expires(client, django_capture_on_commit_callbacks):
    UserFactory(email="connue@example.fr")
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/mot-de-passe-oublie/", {"email": "connue@example.fr"})
        path = link_in(mail.outbox[0])
    with time_machine.travel(NOW + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60), tick=False):
        assert "Ce lien ne marche plus" in client.get(path).content.decode()


def test_an_invitation_link_is_no_reset_link_and_a_forged_link_is_refused(client, django_capture_on_commit_callbacks):
    invite_new_person(django_capture_on_commit_callbacks)
    path = link_in(mail.outbox[0])
    swapped = path.replace("/invitation/", "/mot-de-passe/nouveau/")
    assert "Ce lien ne marche plus" in client.get(swapped).content.decode()
    assert client.get("/invitation/zzz/abc-def/").status_code == 200
    assert "Ce lien ne marche plus" in client.get("/invitation/zzz/abc-def/").content.decode()


# --- Mon compte -----------------------------------------------------------------------------------


def test_the_account_page_links_to_each_change(client):
    user = UserFactory(email="moi@example.fr", phone="06 11 22 33 44")
    client.force_login(user)
    html = client.get("/mon-compte/").content.decode()
    for path in ("/mon-compte/coordonnees/", "/mon-compte/adresse-e-mail/", "/mon-compte/mot-de-passe/"):
        assert f'href="{path}"' in html
    assert "06 11 22 33 44" in html


def test_password_change_needs_the_current_password(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="moi@example.fr")
    client.force_login(user)
    wrong = client.post(
        "/mon-compte/mot-de-passe/",
        {"old_password": "faux", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 400 and "Le mot de passe actuel est incorrect" in wrong.content.decode()
    mismatch = client.post(
        "/mon-compte/mot-de-passe/",
        {"old_password": settings.DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "autre chose"},
    )
    assert mismatch.status_code == 400 and "ne sont pas identiques" in mismatch.content.decode()
    user.refresh_from_db()
    assert user.check_password(settings.DEMO_PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/mon-compte/mot-de-passe/",
            {"old_password": settings.DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
    assert done.status_code == 302 and done.url == "/mon-compte/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Still logged in, and told by e-mail.
    assert client.get("/mon-compte/").status_code == 200
    assert [m.to for m in mail.outbox] == [["moi@example.fr"]]


def test_contact_details_are_changed_through_the_service(client):
    user = UserFactory(email="moi@example.fr", first_name="Ana", last_name="Lopez", phone="")
    client.force_login(user)
    page = client.get("/mon-compte/coordonnees/").content.decode()
    assert 'value="Ana"' in page
    refused = client.post("/mon-compte/coordonnees/", {"first_name": "", "last_name": "Lopez", "phone": "abc"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Indiquez votre prénom." in html
    user.refresh_from_db()
    assert user.first_name == "Ana"
    bad_phone = client.post("/mon-compte/coordonnees/", {"first_name": "Ana", "last_name": "Lopez", "phone": "abc"})
    assert bad_phone.status_code == 400 and "téléphone" in bad_phone.content.decode()
    done = client.post("/mon-compte/coordonnees/", {"first_name": " Anaïs ", "last_name": "Lopez", "phone": "+33 6 12"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.phone) == ("Anaïs", "+33 6 12")


def test_contact_details_are_the_persons_own():
    user, other = UserFactory(), UserFactory()
    with pytest.raises(ValidationError):
        services.update_contact_details(user=user, actor=other, first_name="X", last_name="Y")


def test_an_email_change_waits_for_the_link_sent_to_the_new_address(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="ancienne@example.fr")
    UserFactory(email="prise@example.fr")
    client.force_login(user)
    url = "/mon-compte/adresse-e-mail/"
    wrong = client.post(url, {"new_email": "nouvelle@example.fr", "password": "faux"})
    assert wrong.status_code == 400 and "Le mot de passe est incorrect" in wrong.content.decode()
    taken = client.post(url, {"new_email": "Prise@example.fr", "password": settings.DEMO_PASSWORD})
    assert taken.status_code == 400 and "déjà utilisée" in taken.content.decode()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(url, {"new_email": "Nouvelle@example.fr", "password": settings.DEMO_PASSWORD})
    assert asked.status_code == 302
    user.refresh_from_db()
    assert user.email == "ancienne@example.fr"
    confirmation, notice = mail.outbox
    assert confirmation.to == ["nouvelle@example.fr"] and notice.to == ["ancienne@example.fr"]
    path = link_in(confirmation)

    # Opening the link changes nothing (mail scanners open links); the button does.
    assert client.get(path).status_code == 200
    user.refresh_from_db()
    assert user.email == "ancienne@example.fr"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 302
    user.refresh_from_db()
    assert user.email == "nouvelle@example.fr"
    assert mail.outbox[-1].to == ["ancienne@example.fr"]
    # The link works once.
    again = client.post(path)
    assert again.status_code == 400 and "plus valable" in again.content.decode()


def test_an_email_change_link_belongs_to_its_person(client, django_capture_on_commit_callbacks):
    user, intruder = UserFactory(email="moi@example.fr"), UserFactory(email="intrus@example.fr")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_email_change(
            user=user, actor=user, new_email="nouvelle@example.fr", password=settings.DEMO_PASSWORD
        )
    path = link_in(mail.outbox[0])
    client.force_login(intruder)
    assert client.post(path).status_code == 400
    client.force_login(user)
    assert client.post(path + "x/").status_code in (400, 404)
    intruder.refresh_from_db()
    assert intruder.email == "intrus@example.fr"


def test_account_pages_need_a_login(client):
    for path in ("/mon-compte/mot-de-passe/", "/mon-compte/coordonnees/", "/mon-compte/adresse-e-mail/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/connexion/")


def test_a_person_created_by_an_administrator_without_password_is_invited(client, django_capture_on_commit_callbacks):
    from lms.people.factories import user_with_role
    from lms.people.models import Role

    admin = user_with_role(Role.ADMINISTRATOR, email="admin@example.fr")
    client.force_login(admin)
    form = client.get("/admin/users/new/")
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/users/new/",
            {"email": "nouvelle@example.fr", "first_name": "Léa", "last_name": "Roy", "password1": "", "password2": ""},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="nouvelle@example.fr")
    assert not user.has_usable_password()
    assert [message.to for message in mail.outbox] == [["nouvelle@example.fr"]]
    assert link_in(mail.outbox[0]).startswith("/invitation/")
