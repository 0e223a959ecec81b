"""lms.uploads.policy on its own: types recognised from content, our extensions, refusals in French."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.uploads import MB
from lms.uploads.policy import (
    IMAGES,
    OFFICE_DOCUMENTS,
    PDF,
    UploadPolicy,
    check_upload,
    detect_content_type,
    served_content_type,
)
from tests.security import samples

DOCUMENTS = UploadPolicy(name="test.documents", types=PDF | OFFICE_DOCUMENTS, default_max_bytes=MB, formats="PDF")
DRAWN = UploadPolicy(name="test.drawn", types=IMAGES, default_max_bytes=MB, formats="PNG", decode_images=True)


def refusal(policy, name, content) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content), policy)
    return error.value


def test_office_documents_are_told_apart_by_their_parts():
    assert detect_content_type(io.BytesIO(samples.docx())).endswith("wordprocessingml.document")
    assert detect_content_type(io.BytesIO(samples.odt())) == "application/vnd.oasis.opendocument.text"
    checked = check_upload(SimpleUploadedFile("x.pdf", samples.docx()), DOCUMENTS)
    assert checked.extension == "docx" and checked.size == len(samples.docx())


def test_a_plain_zip_is_not_an_office_document():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", "<script>alert(1)</script>")
    assert refusal(DOCUMENTS, "rapport.docx", buffer.getvalue()).code == "type_mismatch"


def test_an_empty_file_is_refused():
    assert refusal(DOCUMENTS, "vide.pdf", b"").messages == ["« vide.pdf » est vide : choisissez à nouveau le fichier."]


def test_an_image_drawn_into_documents_must_decode():
    assert check_upload(SimpleUploadedFile("cachet.png", samples.PNG), DRAWN).extension == "png"
    error = refusal(DRAWN, "cachet.png", samples.PNG[:40])
    assert error.code == "broken_image"
    assert error.messages == ["L'image « cachet.png » est endommagée ou incomplète : elle ne peut pas être lue."]


def test_stored_files_are_served_as_their_content_never_as_markup():
    assert served_content_type(io.BytesIO(samples.PDF)) == "application/pdf"
    assert served_content_type(io.BytesIO(samples.html_calling("/x.js"))) == "application/octet-stream"
    assert served_content_type(io.BytesIO(samples.SVG)) == "application/octet-stream"
    assert served_content_type(io.BytesIO(samples.EXE)) == "application/octet-stream"


def test_a_policy_cannot_name_a_type_without_our_extension():
    with pytest.raises(ValueError):
        UploadPolicy(name="test.bad", types=frozenset({"text/html"}), default_max_bytes=MB, formats="HTML")


def test_the_accept_hint_lists_extensions_and_types():
    accept = UploadPolicy(name="t", types=PDF, default_max_bytes=MB, formats="PDF").accept
    assert accept == ".pdf,application/pdf"
