"""The directory demo: published entries of peer interveners and referents, one waiting for review."""

import pytest
from django.core.management import call_command

from lms.directory import selectors
from lms.directory.models import DirectoryEntry
from tests.conftest import ensure_wagtail_root

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_a_directory_and_runs_again_without_duplicates():
    ensure_wagtail_root()
    call_command("seed_demo")
    count = DirectoryEntry.objects.count()
    call_command("seed_demo")
    assert DirectoryEntry.objects.count() == count
    published = selectors.search_public()
    assert {entry.kind for entry in published} == {"peer_intervener", "referent"}
    assert published.count() >= 4
    assert DirectoryEntry.objects.filter(status="submitted").count() == 1
    assert selectors.search_public(q="LSF").exists()
