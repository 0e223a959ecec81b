"""Issue 14, reproductions 5, 6, 8 and 10: one safe_next() for redirects, NUL bytes answered 400,
the Wagtail admin's password reset and the public application form rate limited per address."""

import pathlib
import re

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from lms.cohorts.models import Application
from lms.people.models import Role
from lms.security.redirects import is_local_path, safe_next

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/x",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/ok\x00",
        "/a\nb",
        "",
        "relative/path",
    ],
)
def test_safe_next_refuses_anything_but_a_local_path(target):
    request = RequestFactory().get("/", {"next": target})
    assert safe_next(request, "/repli/") == "/repli/"


def test_safe_next_keeps_a_local_path():
    request = RequestFactory().post("/", {"next": "/groupes/3/?onglet=1"})
    assert safe_next(request, "/repli/") == "/groupes/3/?onglet=1"
    assert is_local_path("/mon-espace/")


def test_no_view_reads_next_without_safe_next():
    """The guard: any code reading a `next` parameter must go through lms/security/redirects.py."""
    offenders = []
    pattern = re.compile(r"""(GET|POST|REQUEST)(\.get\(|\[)\s*["']next["']""")
    for folder in ("lms", "accessibility", "courses"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "redirects.py" or "migrations" in path.parts:
                continue
            if pattern.search(path.read_text()):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.django_db
def test_signatory_redirect_to_another_site_is_refused(client, organisation, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR))
    url = reverse("certificates:signatory", args=[organisation.pk]) + "?next=https://evil.example/x"
    response = client.post(url, {"signatory_name": "Claire Dubois", "signatory_role": "Directrice"})
    assert "evil.example" not in response.get("Location", "")


@pytest.mark.django_db
def test_calendar_renewal_does_not_follow_a_scheme_relative_next(client, make_user):
    client.force_login(make_user(Role.TRAINEE))
    response = client.post(reverse("cohorts:renew_calendar_token"), {"next": "//evil.example"})
    assert response.status_code == 302 and response["Location"] == reverse("cohorts:my_schedule")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/calendrier/%00.ics", "/certificats/openbadges/formations/%00.json", "/lms/h5p-content/a%00/h5p.json"]
)
def test_a_nul_byte_in_the_url_is_a_400(client, path):
    assert client.get(path).status_code == 400
    assert client.get("/", {"q": "a\x00b"}).status_code == 400


@pytest.mark.django_db
def test_a_nul_character_in_a_json_body_is_a_400(client, make_user):
    client.force_login(make_user(Role.TRAINEE))
    response = client.post("/lms/h5p-xapi/1/", '{"verb": {"id": "a\\u0000b"}}', content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_admin_password_reset_is_limited_per_address_and_per_ip(client, make_user, settings):
    settings.PASSWORD_RESET_LIMIT = 3
    settings.PASSWORD_RESET_LIMIT_PER_IP = 5
    user = make_user(Role.ADMINISTRATOR)
    url = reverse("wagtailadmin_password_reset")
    statuses = [client.post(url, {"email": user.email}, REMOTE_ADDR="10.1.1.1").status_code for _ in range(10)]
    assert statuses[:3] == [302] * 3 and set(statuses[3:]) == {429}
    assert len(mail.outbox) == 3
    response = client.post(url, {"email": user.email}, REMOTE_ADDR="10.1.1.2")
    assert "Trop de demandes de réinitialisation" in response.content.decode()
    # Per client IP: many addresses from one client.
    answers = [
        client.post(url, {"email": f"x{index}@example.fr"}, REMOTE_ADDR="10.9.9.9").status_code for index in range(7)
    ]
    assert answers.count(429) == 2


def application_data(world_course, territory, index):
    return {
        "course": world_course.pk,
        "territory": territory.pk,
        "first_name": "Nina",
        "last_name": "Petit",
        "email": f"nina{index}@example.fr",
        "motivation": "Aider les autres.",
        "consent": "on",
    }


@pytest.mark.django_db
def test_the_public_application_form_is_limited_per_client_ip(client, site_tree, territory, settings):
    settings.APPLICATION_LIMIT_PER_IP = 3
    course = site_tree["peer_interveners"]
    answers = [
        client.post(reverse("cohorts:apply"), application_data(course, territory, i), REMOTE_ADDR="198.51.100.4")
        for i in range(5)
    ]
    assert [answer.status_code for answer in answers] == [302, 302, 302, 200, 200]
    assert "Trop de candidatures ont été envoyées depuis votre connexion" in answers[-1].content.decode()
    assert Application.objects.count() == 3
    other = client.post(reverse("cohorts:apply"), application_data(course, territory, 9), REMOTE_ADDR="198.51.100.5")
    assert other.status_code == 302 and Application.objects.count() == 4
