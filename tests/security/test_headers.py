"""Security headers on every response, and the Content-Security-Policy relaxed only where needed."""

import pytest

from lms.security.csp import H5P_IFRAME_BOOTSTRAP, policy_for, script_hash

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_public_page_carries_the_security_headers(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "microphone=()" in response["Permissions-Policy"]
    csp = directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["style-src"]


def test_login_page_has_a_strict_policy(client):
    csp = directives(client.get("/connexion/")["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]


def test_admin_is_relaxed_for_inline_scripts_and_styles_only_under_admin(client, make_user):
    from lms.people.models import Role
    from tests.conftest import ensure_wagtail_root

    ensure_wagtail_root()
    client.force_login(make_user(Role.ADMINISTRATOR))
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"] and "'unsafe-inline'" in csp["style-src"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]


def test_h5p_allowance_only_where_the_player_is_embedded():
    player = b'<script src="/static/main.bundle.js" id="h5p-standalone-script"></script>'
    with_player = directives(policy_for("/formations/ip/seance-1/", player))
    without = directives(policy_for("/formations/ip/seance-1/", b"<p>Bonjour</p>"))
    bootstrap = script_hash(H5P_IFRAME_BOOTSTRAP)
    assert bootstrap in with_player["script-src"] and "'unsafe-inline'" in with_player["style-src"]
    assert bootstrap not in without["script-src"] and "'unsafe-inline'" not in without["style-src"]
    # Even with the player, no arbitrary inline script or eval.
    assert "'unsafe-inline'" not in with_player["script-src"] and "'unsafe-eval'" not in with_player["script-src"]


def test_bootstrap_hash_matches_the_inline_script_of_the_installed_player():
    from pathlib import Path

    import wagtail_lms

    bundle = Path(wagtail_lms.__file__).parent / "static/wagtail_lms/vendor/h5p-standalone/frame.bundle.js"
    # The player writes this exact script into its iframe; if an upgrade changes it, the hash must follow.
    assert f"<script>{H5P_IFRAME_BOOTSTRAP}<\\/script>" in bundle.read_text()


def test_extra_sources_come_from_settings(settings):
    settings.CSP_EXTRA_SOURCES = {"img-src": ["https://media.example"]}
    settings.CSP_UPGRADE_INSECURE_REQUESTS = True
    policy = policy_for("/", None)
    assert "https://media.example" in directives(policy)["img-src"]
    assert policy.endswith("upgrade-insecure-requests")


def test_a_view_may_set_its_own_policy(rf):
    from django.http import HttpResponse

    from lms.security.middleware import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"
