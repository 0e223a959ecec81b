"""seed_demo builds the demo world and can run again without duplicating anything."""

import pytest
from django.apps import apps
from django.core.management import call_command

from courses.models import CoursePage, HomePage
from lms.people.models import Region, Role, RoleAssignment, TrainingOrganisation, User
from tests.conftest import ensure_wagtail_root

pytestmark = pytest.mark.django_db


def model_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"people", "courses", "cohorts", "attendance", "learning", "accessibility"}
    }


def test_seed_demo_creates_the_world_and_is_idempotent(capsys):
    ensure_wagtail_root()
    call_command("seed_demo")
    first = model_counts()
    output = capsys.readouterr().out
    call_command("seed_demo")
    assert model_counts() == first

    assert Region.objects.count() == 2
    # The demo's organisation, and the one that bids against it in the calls for tenders.
    assert set(TrainingOrganisation.objects.values_list("name", flat=True)) == {
        "Formations Inclusives Rhône",
        "Accès Formation Rhône-Alpes",
    }
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    regional = User.objects.get(email="equipe.regionale@epop.example")
    assert regional.role_assignments.get().region.name == "Auvergne-Rhône-Alpes"
    assert set(CoursePage.objects.values_list("audience", flat=True)) == {"peer_interveners", "referents"}
    assert HomePage.objects.get().get_site().is_default_site
    for email in ("admin@epop.example", "stagiaire@epop.example", "formateur.pair@epop.example"):
        assert email in output
