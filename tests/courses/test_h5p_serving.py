"""H5P package files are served so that none runs with the site's rights (sandbox policy, nosniff,
optional separate origin), and the player's page policy carries what the player needs."""

import pytest
from django.test import override_settings

from courses.h5p_serving import PACKAGE_FILE_POLICY
from courses.services import create_h5p_activity
from lms.people.models import Role
from lms.security.csp import h5p_relaxations, policy_for
from tests.courses.h5p_packages import real_shaped_package
from tests.courses.test_h5p import HOSTILE_SVG

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    package = real_shaped_package(extra_files={"FontAwesome-4.5/extra.svg": HOSTILE_SVG})
    return create_h5p_activity(title="Vrai ou faux", package=package, filename="vrai-faux.h5p")


def test_every_package_file_is_sandboxed_and_not_sniffed(client, make_user, activity):
    client.force_login(make_user(Role.TRAINEE, email="t@example.fr"))
    base = activity.get_content_base_url() + "/"
    for name, content_type in [
        ("FontAwesome-4.5/extra.svg", "image/svg+xml"),
        ("FontAwesome-4.5/fontawesome-webfont.svg", "image/svg+xml"),
        ("H5P.EpopQuestion-1.0/scripts/epop-question.js", "text/javascript"),
        ("h5p.json", "application/json"),
    ]:
        response = client.get(f"{base}{name}")
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith(content_type)
        assert response["Content-Security-Policy"] == PACKAGE_FILE_POLICY
        assert response["Content-Security-Policy"].startswith("sandbox;")
        assert "allow-scripts" not in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert "Access-Control-Allow-Origin" not in response


def test_package_files_need_a_login_on_the_sites_own_origin(client, activity):
    response = client.get(f"{activity.get_content_base_url()}/h5p.json")
    assert response.status_code == 302


@override_settings(H5P_CONTENT_ORIGIN="https://h5p.epop.example", SITE_BASE_URL="https://epop.example")
def test_on_the_separate_content_origin_files_are_served_without_cookies_for_the_site_only(client, activity):
    response = client.get(f"{activity.get_content_base_url()}/h5p.json", HTTP_HOST="h5p.epop.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://epop.example"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response["Content-Security-Policy"] == PACKAGE_FILE_POLICY
    policy = policy_for("/rattrapage/1/x/", b'<script id="h5p-standalone-script"></script>')
    for directive in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        assert "https://h5p.epop.example" in policy.split(f"{directive} ", 1)[1].split(";")[0]


def test_youtube_is_allowed_to_the_player_only_when_switched_on():
    assert "https://www.youtube.com" not in h5p_relaxations().get("script-src", [])
    with override_settings(H5P_ALLOW_YOUTUBE=True):
        relaxations = h5p_relaxations()
        assert {"https://www.youtube.com", "https://s.ytimg.com"} <= set(relaxations["script-src"])
        assert "https://i.ytimg.com" in relaxations["img-src"]
        policy = policy_for("/formations/x/", b'<script id="h5p-standalone-script"></script>')
        assert "https://www.youtube.com" in policy.split("script-src ", 1)[1].split(";")[0]
        assert (
            "https://www.youtube.com"
            not in policy_for("/formations/x/", b"<p>no player</p>").split("script-src ", 1)[1].split(";")[0]
        )


def test_files_the_validator_skips_are_never_served(client, make_user):
    package = real_shaped_package(extra_files={"__MACOSX/run.php": b"<?php echo 1;", "content/.hidden.php": b"x"})
    activity = create_h5p_activity(title="Mac", package=package, filename="mac.h5p")
    client.force_login(make_user(Role.TRAINEE, email="t@example.fr"))
    base = activity.get_content_base_url()
    assert client.get(f"{base}/__MACOSX/run.php").status_code == 404
    assert client.get(f"{base}/content/.hidden.php").status_code == 404
    assert client.get(f"{base}/content/content.json").status_code == 200
