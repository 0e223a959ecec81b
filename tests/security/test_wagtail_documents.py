"""Wagtail's own documents (the curriculum's downloads) are checked by extension only, so the list
of extensions is short and /documents/ sends every file as a download that is never sniffed."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images.utils import get_allowed_image_extensions

from tests.security import samples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def root_collection(db):
    # Transactional tests flush the root collection that Wagtail's migrations create.
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.mark.parametrize("extension", ["html", "htm", "svg", "js", "xml", "zip", "exe", "swf", "xhtml"])
def test_documents_refuse_markup_scripts_archives_and_programs(extension):
    assert extension not in settings.WAGTAILDOCS_EXTENSIONS
    document = get_document_model()(title="Support", file=SimpleUploadedFile(f"support.{extension}", b"x"))
    with pytest.raises(ValidationError):
        document.full_clean()


def test_images_do_not_take_svg():
    assert "svg" not in get_allowed_image_extensions()


@pytest.mark.parametrize(
    "name,content", [("programme.pdf", samples.PDF), ("fiche.docx", samples.docx()), ("sous-titres.vtt", b"WEBVTT\n")]
)
def test_documents_are_served_as_never_sniffed_attachments(client, name, content):
    document = get_document_model().objects.create(title="Programme", file=SimpleUploadedFile(name, content))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
