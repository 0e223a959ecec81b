"""The accessibility statement follows the RGAA model: its status comes from a rate (an audit's, or the
team's complete self-check), never from a typed word, and it says "non conforme" until a rate exists."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from accessibility import rgaa, selectors, services
from accessibility.models import AccessibilityStatement, CriterionCheck
from lms.people.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def check_all(national, *, compliant: int, non_compliant: int):
    """Gives every criterion a verdict: the first ones compliant, then non compliant, the rest not applicable."""
    verdicts = {}
    for index, number in enumerate(rgaa.ALL_CRITERIA):
        if index < compliant:
            verdicts[number] = (CriterionCheck.Verdict.COMPLIANT, "")
        elif index < compliant + non_compliant:
            verdicts[number] = (CriterionCheck.Verdict.NON_COMPLIANT, "Défaut vu")
        else:
            verdicts[number] = (CriterionCheck.Verdict.NOT_APPLICABLE, "")
    services.record_criterion_checks(actor=national, verdicts=verdicts)


def test_the_grid_has_the_rgaa_s_106_criteria_in_13_themes():
    assert len(rgaa.THEMES) == 13
    assert len(rgaa.ALL_CRITERIA) == len(set(rgaa.ALL_CRITERIA)) == 106
    assert rgaa.ALL_CRITERIA[0] == "1.1" and rgaa.ALL_CRITERIA[-1] == "13.12"


@pytest.mark.parametrize(
    ("rate", "status"),
    [
        (None, "none"),
        (Decimal("0"), "none"),
        (Decimal("49.99"), "none"),
        (Decimal("50"), "partial"),
        (Decimal("100"), "full"),
    ],
)
def test_status_follows_the_rate_as_the_rgaa_model_says(rate, status):
    assert rgaa.status_for(rate) == status


def test_without_audit_nor_complete_self_check_the_statement_says_non_conforme(client):
    response = client.get(reverse("accessibility:statement"))
    body = response.content.decode()
    assert "est <strong>non conforme</strong>" in body
    assert "Aucun audit n'a encore mesuré son taux" in body
    assert "Accessibilité : non conforme" in body  # the footer says the same
    assert "partiellement conforme" not in body


def test_an_audit_rate_gives_the_status_and_the_results(client):
    texts = AccessibilityStatement.load()
    texts.audit_rate, texts.audit_date, texts.audited_by = Decimal("75.5"), datetime.date(2026, 10, 5), "Access42"
    texts.derogations = ""
    texts.save()
    assert "Accessibilité : partiellement conforme" in client.get(reverse("login")).content.decode()
    body = client.get(reverse("accessibility:statement")).content.decode()
    assert "est <strong>partiellement conforme</strong>" in body
    assert "réalisé par Access42 le 5 octobre 2026 révèle que 75,50 % des critères" in body
    assert "Accessibilité : partiellement conforme" in body


def test_a_partial_self_check_gives_no_rate_and_a_complete_one_does(make_user):
    national = make_user(Role.NATIONAL_TEAM)
    services.record_criterion_checks(actor=national, verdicts={"1.1": ("compliant", "")})
    assert selectors.self_check_summary().rate is None
    assert selectors.statement().status == "none"
    check_all(national, compliant=50, non_compliant=10)
    summary = selectors.self_check_summary()
    assert summary.is_complete
    assert summary.rate == Decimal("83.33")  # 50 of 60 applicable criteria
    assert selectors.statement().status == "partial"
    assert selectors.statement().rate_source == "self_check"


def test_the_footer_follows_a_new_verdict_at_once(client, make_user):
    national = make_user(Role.NATIONAL_TEAM)
    assert "Accessibilité : non conforme" in client.get(reverse("login")).content.decode()
    check_all(national, compliant=60, non_compliant=0)
    assert "Accessibilité : totalement conforme" in client.get(reverse("login")).content.decode()


def test_only_the_national_team_and_administrators_run_the_self_check(client, make_user, region):
    for role in (Role.TRAINEE, Role.TRAINER, Role.REGIONAL_TEAM):
        scope = {"region": region} if role == Role.REGIONAL_TEAM else {}
        client.force_login(make_user(role, **scope))
        assert client.get(reverse("accessibility:self_check")).status_code == 403
        assert client.get(reverse("accessibility:self_check_theme", args=[1])).status_code == 404
        with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
            services.record_criterion_checks(actor=make_user(role, **scope), verdicts={"1.1": ("compliant", "")})
    assert not CriterionCheck.objects.exists()


def test_the_national_team_records_a_theme_through_the_page(client, make_user):
    national = make_user(Role.NATIONAL_TEAM)
    client.force_login(national)
    data = {f"verdict_2_{index}": "compliant" for index in (1, 2)} | {"note_2_1": "Titres présents", "note_2_2": ""}
    response = client.post(reverse("accessibility:self_check_theme", args=[2]), data)
    assert response.status_code == 302
    checks = {check.criterion: check for check in CriterionCheck.objects.all()}
    assert set(checks) == {"2.1", "2.2"}
    assert checks["2.1"].note == "Titres présents" and checks["2.1"].checked_by == national
    page = client.get(reverse("accessibility:self_check")).content.decode()
    assert "2 / 106" in page


def test_a_bad_verdict_is_refused_next_to_its_field_and_nothing_is_saved(client, make_user):
    client.force_login(make_user(Role.NATIONAL_TEAM))
    data = {"verdict_2_1": "compliant", "verdict_2_2": "parfait", "note_2_1": "", "note_2_2": ""}
    response = client.post(reverse("accessibility:self_check_theme", args=[2]), data)
    assert response.status_code == 200
    assert "Critère 2.2 : verdict" in response.content.decode()
    assert not CriterionCheck.objects.exists()
    with pytest.raises(ValidationError):
        services.record_criterion_checks(actor=make_user(Role.ADMINISTRATOR), verdicts={"14.1": ("compliant", "")})
    assert client.get(reverse("accessibility:self_check_theme", args=[14])).status_code == 404


def test_administrators_edit_the_statement_texts_in_the_admin_settings(client, make_user):
    admin = make_user(Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("wagtailsettings:edit", args=["accessibility", "accessibilitystatement"])
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "Taux de conformité de l&#x27;audit (%)" in response.content.decode()
