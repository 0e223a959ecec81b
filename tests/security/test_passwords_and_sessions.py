"""Strong passwords and secure cookies."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from lms.people.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password, fragment",
    [
        ("court1!", "au minimum 10 caractères"),
        ("motdepasse", "trop courant"),
        ("12345678901234", "entièrement numérique"),
    ],
)
def test_weak_passwords_are_refused_with_a_french_message(password, fragment):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert any(fragment in message for message in error.value.messages), error.value.messages


def test_a_password_close_to_the_person_is_refused():
    user = UserFactory.build(email="camille.durand@example.fr", first_name="Camille", last_name="Durandeau")
    with pytest.raises(ValidationError) as error:
        validate_password("camille.durand", user)
    assert any("trop semblable" in message for message in error.value.messages)


def test_a_long_unusual_passphrase_is_accepted():
    validate_password("Trois pommes vertes sous la pluie de Lyon")


def test_cookies_are_protected(settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" and settings.CSRF_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_production_cookies_are_secure_and_host_bound():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.CSP_UPGRADE_INSECURE_REQUESTS)"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "SITE_BASE_URL": "https://formations.epop.example",
    }
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "__Host-sessionid", "__Host-csrftoken", "True", "True", "True"]
