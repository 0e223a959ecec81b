"""Higher apps add menu links and panels to pages lower apps own, without those apps importing them."""

import pytest
from django.urls import reverse

from lms import contributions
from lms.people.models import Role


@pytest.fixture
def contributed():
    """Registers a link and a panel for the test, and removes them afterwards."""
    contributions.register_menu_link(
        key="test-link",
        label="Lien ajouté",
        url_name="cohorts:groups_overview",
        visible=lambda user: user.first_name == "Inès",
    )
    contributions.register_panel(
        key="test-panel",
        place=contributions.STAFF_HOME,
        template="includes/test_contributed_panel.html",
        context=lambda request: {"who": request.user.first_name} if request.user.first_name else None,
    )
    yield
    contributions._menu_links.pop("test-link")
    contributions._panels.pop("test-panel")


@pytest.fixture
def panel_template(tmp_path, settings):
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "test_contributed_panel.html").write_text(
        "<section><h2>Panneau pour {{ who }}</h2></section>"
    )
    # Assigned (not mutated in place) so that Django resets its template engines, already built when
    # other tests rendered pages first.
    first, *others = settings.TEMPLATES
    settings.TEMPLATES = [{**first, "DIRS": [tmp_path, *first["DIRS"]]}, *others]


def test_a_contributed_panel_and_link_show_on_the_staff_start_page(
    client, make_user, region, contributed, panel_template
):
    user = make_user(Role.REGIONAL_TEAM, region=region, first_name="Inès")
    client.force_login(user)
    response = client.get(reverse("cohorts:groups_overview"))
    html = response.content.decode()
    assert "<section><h2>Panneau pour Inès</h2></section>" in html  # rendered HTML, not escaped text
    assert f'<a href="{reverse("cohorts:groups_overview")}">Lien ajouté</a>' in html


def test_a_panel_with_nothing_to_show_renders_nothing(client, make_user, region, contributed, panel_template):
    user = make_user(Role.REGIONAL_TEAM, region=region, first_name="")
    client.force_login(user)
    html = client.get(reverse("cohorts:groups_overview")).content.decode()
    assert "Panneau pour" not in html
    assert "Lien ajouté" not in html


def test_anonymous_visitors_get_no_contributed_links(client, contributed):
    html = client.get("/connexion/").content.decode()
    assert "Lien ajouté" not in html


def test_a_contributed_footer_link_shows_to_anonymous_visitors_too(client):
    contributions.register_footer_link(key="test-footer", label="Lien de pied de page", url_name="login")
    try:
        html = client.get("/connexion/").content.decode()
    finally:
        contributions._footer_links.pop("test-footer")
    assert "Lien de pied de page" in html
    assert f'href="{reverse("login")}"' in html
