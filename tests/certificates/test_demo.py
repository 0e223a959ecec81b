"""The certificates demo: idempotent, harmless without data, issues a finished group's documents."""

import pytest

from lms.certificates import demo
from lms.certificates.models import Certificate, OrganisationSignatory
from lms.people.factories import TrainingOrganisationFactory

pytestmark = pytest.mark.django_db


def test_seed_is_harmless_when_nothing_exists():
    demo.seed()
    assert not OrganisationSignatory.objects.exists() and not Certificate.objects.exists()


def test_seed_gives_the_demo_organisation_a_signatory_once(region):
    TrainingOrganisationFactory(name=demo.DEMO_ORGANISATION, region=region)
    demo.seed()
    demo.seed()
    signatory = OrganisationSignatory.objects.get()
    assert signatory.signatory_name == "Odile Perrin" and signatory.stamp and signatory.signature


def test_seed_issues_a_finished_groups_documents_once(world):
    demo.seed()
    demo.seed()
    assert list(Certificate.objects.values_list("trainee__email", flat=True)) == ["alice@example.fr"]
