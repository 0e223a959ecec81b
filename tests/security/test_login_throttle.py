"""Failed logins are rate limited per account and per address, with a clear French message."""

import pytest
from django.conf import settings
from django.core.cache import cache

from lms.people.models import Role
from lms.security.throttle import login_throttle

pytestmark = pytest.mark.django_db

WRONG = "mauvais-mot-de-passe"


class FakeClock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    cache.clear()
    fake = FakeClock()
    monkeypatch.setattr(login_throttle, "clock", fake)
    yield fake
    cache.clear()


def attempt(client, email, password, ip="10.0.0.1"):
    return client.post("/connexion/", {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_the_attempt_after_the_limit_is_refused_even_with_the_right_password(client, clock, make_user):
    user = make_user(Role.TRAINEE)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = attempt(client, user.email, WRONG)
        assert "Adresse e-mail ou mot de passe incorrect" in response.content.decode()
    response = attempt(client, user.email, settings.DEMO_PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "Trop de tentatives de connexion ont échoué" in text
    assert "pendant encore 15 minutes" in text
    assert 'value="' + user.email + '"' in text  # what was typed is kept

    clock.now += settings.LOGIN_FAILURE_WINDOW - 60
    assert "pendant encore 1 minute." in attempt(client, user.email, settings.DEMO_PASSWORD).content.decode()

    clock.now += 61
    response = attempt(client, user.email, settings.DEMO_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_successful_login_resets_the_account_counter(client, clock, make_user):
    user = make_user(Role.TRAINEE)
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        attempt(client, user.email, WRONG)
    assert attempt(client, user.email, settings.DEMO_PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        attempt(client, user.email, WRONG)
    assert attempt(client, user.email, settings.DEMO_PASSWORD).status_code == 302


def test_the_account_limit_does_not_depend_on_the_address_or_the_case(client, clock, make_user):
    user = make_user(Role.TRAINEE)
    for index in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, user.email.upper(), WRONG, ip=f"10.0.1.{index}")
    response = attempt(client, user.email, settings.DEMO_PASSWORD, ip="10.0.2.1")
    assert "Trop de tentatives" in response.content.decode()


def test_one_address_trying_many_accounts_is_blocked(client, clock, make_user, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 3
    victim = make_user(Role.TRAINEE)
    for index in range(3):
        attempt(client, f"inconnu{index}@example.fr", WRONG, ip="192.0.2.7")
    assert (
        "Trop de tentatives" in attempt(client, victim.email, settings.DEMO_PASSWORD, ip="192.0.2.7").content.decode()
    )
    # Another address is not affected.
    assert attempt(client, victim.email, settings.DEMO_PASSWORD, ip="192.0.2.8").status_code == 302


def test_the_wagtail_admin_login_is_throttled_too(client, clock, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": admin.email, "password": WRONG}, REMOTE_ADDR="10.0.0.9")
    client.post("/admin/login/", {"username": admin.email, "password": settings.DEMO_PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert "_auth_user_id" not in client.session


def test_failures_during_a_lock_do_not_extend_it(client, clock, make_user):
    user = make_user(Role.TRAINEE)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, user.email, WRONG)
    clock.now += settings.LOGIN_FAILURE_WINDOW - 10
    attempt(client, user.email, WRONG)
    clock.now += 11
    assert attempt(client, user.email, settings.DEMO_PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_it_appended_counts_not_a_spoofed_one(rf, settings):
    from lms.security.throttle import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    settings.LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR = False
    assert client_ip(request) == "10.0.0.2"
    settings.LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR = True
    assert client_ip(request) == "203.0.113.9"
