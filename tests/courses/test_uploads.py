"""lms.uploads: generic upload safety (names, sizes, types from content, ZIP archives, WebVTT)."""

import hashlib
import io
import stat
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.uploads import (
    MB,
    ZipLimits,
    normalize_filename,
    open_safe_zip,
    sniff_type,
    validate_upload,
    validate_webvtt,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
LIMITS = ZipLimits(
    max_archive_bytes=5 * MB,
    max_total_bytes=20 * MB,
    max_members=10,
    allowed_extensions=frozenset({"json", "png", "txt"}),
)


def make_zip(files: dict[str, bytes], *, symlink: str | None = None) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    buffer.seek(0)
    return buffer


def hex_text(size: int) -> bytes:
    """Deterministic text that barely compresses."""
    return b"".join(hashlib.sha256(str(i).encode()).hexdigest().encode() for i in range(size // 64))


def refusal(callable_, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        callable_(*args, **kwargs)
    return caught.value


def test_normalize_filename_strips_directories_accents_and_unsafe_characters():
    assert normalize_filename("../../etc/Présentation finale (v2).PDF") == "Presentation-finale-v2.pdf"
    assert normalize_filename("C:\\Users\\x\\séance 1.docx") == "seance-1.docx"
    assert len(normalize_filename("a" * 300 + ".pdf")) == 100
    assert refusal(normalize_filename, "...").messages == ["Le nom du fichier « ... » n'est pas utilisable."]


def test_sniff_type_reads_content_not_names():
    assert sniff_type(PNG) == "png"
    assert sniff_type(b"PK\x03\x04rest") == "zip"
    assert sniff_type(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>') == "svg"
    assert sniff_type(b"<!DOCTYPE html><html>") == "html"
    assert sniff_type(b"just text") is None


def test_validate_upload_checks_extension_size_and_content():
    ok = SimpleUploadedFile("Pictogramme été.png", PNG)
    assert validate_upload(ok, allowed_extensions={"png"}, max_bytes=MB) == "Pictogramme-ete.png"
    error = refusal(validate_upload, SimpleUploadedFile("x.exe", b"MZ..."), allowed_extensions={"png"}, max_bytes=MB)
    assert error.messages == ["Le type de fichier .exe n'est pas accepté. Types acceptés : png."]
    error = refusal(
        validate_upload, SimpleUploadedFile("big.png", PNG * 100), allowed_extensions={"png"}, max_bytes=100
    )
    assert error.code == "too_large" and error.messages == [
        "Le fichier est trop volumineux : 100\xa0octets au maximum."
    ]
    error = refusal(
        validate_upload, SimpleUploadedFile("fake.png", b"GIF89a..."), allowed_extensions={"png"}, max_bytes=MB
    )
    assert error.messages == ["Le contenu du fichier « fake.png » ne correspond pas à son extension .png."]
    svg = SimpleUploadedFile("logo.png", b"<svg onload='alert(1)'></svg>")
    error = refusal(validate_upload, svg, allowed_extensions={"png"}, max_bytes=MB)
    assert error.code == "svg"


def test_a_safe_zip_opens():
    archive = open_safe_zip(make_zip({"data/a.json": b"{}", "b.png": PNG, "notes.txt": b"bonjour"}), LIMITS)
    assert sorted(archive.namelist()) == ["b.png", "data/a.json", "notes.txt"]


@pytest.mark.parametrize(
    ("files", "code", "message"),
    [
        ({"../evil.txt": b"x"}, "path_traversal", "L'archive contient un chemin dangereux : « ../evil.txt »."),
        ({"/etc/evil.txt": b"x"}, "path_traversal", "L'archive contient un chemin dangereux : « /etc/evil.txt »."),
        (
            {"a\\..\\..\\evil.txt": b"x"},
            "path_traversal",
            "L'archive contient un chemin dangereux : « a\\..\\..\\evil.txt ».",
        ),
        (
            {"inner.zip": b"PK\x03\x04"},
            "nested_archive",
            "L'archive contient une autre archive : « inner.zip ». Les archives imbriquées sont refusées.",
        ),
        (
            {"disguised.txt": make_zip({"a.txt": b"x"}).getvalue()},
            "nested_archive",
            "L'archive contient une autre archive : « disguised.txt ». Les archives imbriquées sont refusées.",
        ),
        (
            {"image.svg": b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"},
            "svg",
            "Le fichier « image.svg » est une image SVG : ce format est refusé car il peut contenir du code.",
        ),
        (
            {"page.txt": b"<!DOCTYPE html><script>alert(1)</script>"},
            "html",
            "Le fichier « page.txt » contient une page web (HTML) : ce format est refusé.",
        ),
        ({"run.exe": b"MZ"}, "extension", "Le fichier « run.exe » a un type non autorisé (.exe)."),
        (
            {"photo.png": b"not a png"},
            "type_mismatch",
            "Le contenu du fichier « photo.png » ne correspond pas à son extension .png.",
        ),
        (
            {f"f{i}.txt": b"x" for i in range(11)},
            "too_many_files",
            "L'archive contient trop de fichiers (11, 10 au maximum).",
        ),
    ],
)
def test_unsafe_zip_members_are_refused_with_a_french_reason(files, code, message):
    error = refusal(open_safe_zip, make_zip(files), LIMITS)
    assert (error.code, error.messages) == (code, [message])


def test_zip_bombs_are_refused_by_ratio_and_by_total_unpacked_size():
    bomb = make_zip({"zeros.txt": b"a" * (30 * MB)})
    error = refusal(open_safe_zip, bomb, ZipLimits(max_total_bytes=100 * MB, allowed_extensions=frozenset({"txt"})))
    assert error.code == "zip_bomb"
    assert error.messages == ["Le fichier « zeros.txt » est anormalement compressé (bombe de décompression)."]
    # Incompressible content: only the total size is over the limit, not the ratio.
    big = make_zip({"a.txt": hex_text(2 * MB), "b.txt": hex_text(2 * MB)})
    error = refusal(open_safe_zip, big, ZipLimits(max_total_bytes=3 * MB, allowed_extensions=frozenset({"txt"})))
    assert error.code == "too_large_unpacked"
    assert error.messages == ["Une fois décompressée, l'archive dépasse 3,0\xa0Mio."]


def test_symlinks_and_non_zip_files_are_refused():
    error = refusal(open_safe_zip, make_zip({"a.txt": b"x"}, symlink="link.txt"), LIMITS)
    assert error.messages == ["L'archive contient un lien symbolique : « link.txt »."]
    error = refusal(open_safe_zip, io.BytesIO(b"%PDF-1.7 not a zip"), LIMITS)
    assert (error.code, error.messages) == ("not_zip", ["Le fichier n'est pas une archive ZIP valide."])
    too_big = make_zip({"a.txt": b"x"})
    error = refusal(open_safe_zip, too_big, ZipLimits(max_archive_bytes=10))
    assert error.code == "too_large"


def test_a_corrupted_member_is_refused():
    data = bytearray(make_zip({"a.txt": b"bonjour " * 100}).getvalue())
    data[40:48] = b"XXXXXXXX"  # inside the compressed data
    error = refusal(open_safe_zip, io.BytesIO(bytes(data)), LIMITS)
    assert error.code in {"corrupted", "not_zip"}


VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nBonjour.\n\n00:01.000 --> 00:03.000 align:start\nSuite.\n"


def test_a_webvtt_file_is_validated():
    assert validate_webvtt(VTT) == 2
    assert validate_webvtt(b"\xef\xbb\xbf" + VTT) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"1\n00:00:00,000 --> 00:00:02,000\nSRT\n", "la première ligne doit être « WEBVTT »"),
        ("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\né".encode("latin-1"), "il doit être encodé en UTF-8"),
        (b"WEBVTT\n\n00:00:00,000 --> 00:00:02,000\nvirgules\n", "horaire incorrect à la ligne 3"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nà l'envers\n".encode(), "horaire incorrect à la ligne 3"),
    ],
)
def test_malformed_webvtt_is_refused(data, message):
    error = refusal(validate_webvtt, data, name="media/documents/sous-titres.vtt")
    assert error.messages == [f"Le fichier « sous-titres.vtt » n'est pas un fichier WebVTT valide : {message}."]


def test_a_webvtt_file_without_cues_is_refused():
    assert refusal(validate_webvtt, b"WEBVTT\n\n", name="vide.vtt").messages == [
        "Le fichier « vide.vtt » ne contient aucun sous-titre."
    ]
