"""Learning's upload check, built on the shared sniffer (lms.uploads): which contents each kind of
answer accepts, the type served, and the French refusals."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.learning.uploads import check_upload
from lms.uploads import sniff_mime_type, sniff_type, validate_upload
from tests.learning.conftest import MP4_BYTES, PDF_BYTES, wav_bytes


def zip_bytes(*members: tuple[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members:
            archive.writestr(name, text)
    return buffer.getvalue()


# An OpenDocument file starts with its uncompressed "mimetype" entry; Office Open XML with its parts.
ODT = zip_bytes(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<document/>"))
DOCX = zip_bytes(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"))
PLAIN_ZIP = zip_bytes(("notes.txt", "bonjour"))
EBML = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84"
WEBM_AUDIO = EBML + b"webm" + b"\x00" * 40 + b"A_OPUS" + b"\x00" * 100
WEBM_VIDEO = EBML + b"webm" + b"\x00" * 40 + b"V_VP8" + b"\x00" * 100
MATROSKA = EBML + b"matroska" + b"\x00" * 40 + b"V_MPEG4" + b"\x00" * 100
# Text that happens to have "LP" where an EOT font keeps its magic number.
TEXT_WITH_LP_AT_34 = b"Mon travail sur l'accompagnement: LP et pairs."


def file(content: bytes, name: str = "envoi.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    "kind, content, served",
    [
        ("file", PDF_BYTES, "application/pdf"),
        ("file", "Réponse écrite, accentuée.".encode(), "text/plain"),
        ("file", TEXT_WITH_LP_AT_34, "text/plain"),
        ("file", b"{\\rtf1\\ansi Bonjour}", "application/rtf"),
        ("file", ODT, "application/vnd.oasis.opendocument.text"),
        ("file", DOCX, "application/vnd.openxmlformats-officedocument"),
        ("audio", wav_bytes(), "audio/wav"),
        ("audio", b"ID3\x04\x00" + b"\x00" * 100, "audio/mpeg"),
        ("audio", b"\xff\xf2\x90\x00" + b"\x00" * 100, "audio/mpeg"),
        ("audio", b"\xff\xf1\x50\x80" + b"\x00" * 100, "audio/aac"),
        ("audio", b"fLaC\x00\x00\x00\x22" + b"\x00" * 100, "audio/flac"),
        ("audio", b"OggS\x00\x02" + b"\x00" * 20 + b"\x01vorbis" + b"\x00" * 100, "audio/ogg"),
        ("audio", b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 100, "audio/mp4"),
        # A phone's recording in a video container is served as audio, for the <audio> player.
        ("audio", MP4_BYTES, "audio/mp4"),
        ("audio", WEBM_AUDIO, "audio/webm"),
        ("video", MP4_BYTES, "video/mp4"),
        ("video", b"\x00\x00\x00\x14ftypqt  " + b"\x00" * 100, "video/quicktime"),
        ("video", b"\x00\x00\x00\x14ftyp3gp4" + b"\x00" * 100, "video/3gpp"),
        ("video", WEBM_VIDEO, "video/webm"),
        ("video", MATROSKA, "video/x-matroska"),
        ("video", b"OggS\x00\x02" + b"\x00" * 20 + b"\x80theora" + b"\x00" * 100, "video/ogg"),
        ("video", b"RIFF\x00\x10\x00\x00AVI LIST" + b"\x00" * 100, "video/x-msvideo"),
    ],
)
def test_accepted_contents_and_the_type_served(kind, content, served):
    upload = file(content)
    checked = check_upload(upload, kind)
    assert (checked.content_type, checked.size) == (served, len(content))
    assert upload.tell() == 0


@pytest.mark.parametrize(
    "kind, content",
    [
        ("file", PLAIN_ZIP),
        ("file", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("file", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("file", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100),
        ("file", b"GIF89a\x01\x00\x01\x00\x00\x00\x00"),
        ("audio", MATROSKA),
        ("audio", b"just some words"),
        ("video", b"ID3\x04\x00" + b"\x00" * 100),
        ("video", wav_bytes()),
    ],
)
def test_refused_contents_name_the_accepted_formats(kind, content):
    with pytest.raises(ValidationError) as error:
        check_upload(file(content), kind)
    assert error.value.code == "type_mismatch"
    assert "son contenu ne correspond pas à un format reconnu. Formats acceptés :" in error.value.messages[0]


def test_the_size_limit_is_per_kind_with_learning_s_message(settings):
    settings.LEARNING_UPLOAD_LIMITS = {"audio": 200}
    with pytest.raises(ValidationError) as error:
        check_upload(file(wav_bytes() + b"\x00" * 300), "audio")
    assert error.value.code == "too_large"
    assert error.value.messages == [
        "L'enregistrement audio est trop lourd (0,0 Mo) : la taille maximale est de 0,0 Mo."
    ]
    assert check_upload(file(PDF_BYTES), "file").size == len(PDF_BYTES)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(file(b""), "video")
    assert error.value.messages == ["Le fichier envoyé est vide : choisissez à nouveau l'enregistrement vidéo."]


def test_the_shared_sniffer_keeps_container_names_for_other_callers():
    # open_safe_zip and the extension table rely on these coarse names.
    assert sniff_type(DOCX) == "zip"
    assert sniff_type(MP4_BYTES) == "mp4"
    assert sniff_type(MATROSKA) == "webm"
    assert sniff_type(TEXT_WITH_LP_AT_34) is None
    assert sniff_mime_type(PLAIN_ZIP) == "application/zip"
    assert sniff_mime_type(b"\x00\x01\x02") is None


def test_rtf_and_lp_text_still_pass_as_text_files():
    for name, content in [("a.txt", b"{\\rtf1 Bonjour}"), ("b.txt", TEXT_WITH_LP_AT_34)]:
        assert validate_upload(file(content, name), allowed_extensions={"txt"}, max_bytes=1024) == name
