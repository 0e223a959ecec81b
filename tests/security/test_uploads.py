"""Hostile uploads, one attack at a time, each refused by lms/uploads.py with its French message."""

import io
import stat
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.uploads import MB, ZipLimits, normalize_filename, open_safe_zip, validate_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><script>fetch('/mon-compte/mes-donnees.json')</script></html>"
LIMITS = ZipLimits(
    max_archive_bytes=5 * MB,
    max_total_bytes=20 * MB,
    max_members=50,
    max_ratio=100,
    allowed_extensions=frozenset({"json", "png", "js", "css", "txt", "pdf"}),
)


def refused(callable_, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        callable_(*args, **kwargs)
    return error.value


def upload(name: str, content: bytes, *, allowed=("pdf", "png", "jpg", "txt"), max_bytes=MB):
    return validate_upload(SimpleUploadedFile(name, content), allowed_extensions=set(allowed), max_bytes=max_bytes)


def zip_of(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


# --- single files -------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused():
    error = refused(upload, "gros.pdf", PDF + b"0" * MB, max_bytes=MB)
    assert error.code == "too_large" and error.messages == ["Le fichier est trop volumineux : 1,0\xa0Mio au maximum."]


def test_an_executable_renamed_as_pdf_is_refused_from_its_content():
    error = refused(upload, "attestation.pdf", EXE)
    assert error.code == "executable"
    assert error.messages == ["Le fichier « attestation.pdf » est un programme exécutable : il est refusé."]


def test_an_image_that_is_really_a_pdf_is_refused():
    error = refused(upload, "photo.png", PDF)
    assert error.code == "type_mismatch"
    assert error.messages == ["Le contenu du fichier « photo.png » ne correspond pas à son extension .png."]


def test_html_disguised_as_text_is_refused():
    error = refused(upload, "notes.txt", HTML)
    assert error.code == "html"
    assert "contient une page web (HTML) : ce format est refusé." in error.messages[0]


def test_svg_is_refused_even_under_an_image_name():
    error = refused(upload, "logo.png", SVG)
    assert error.code == "svg"
    assert error.messages == [
        "Le fichier « logo.png » est une image SVG : ce format est refusé car il peut contenir du code."
    ]


def test_svg_is_refused_by_extension_where_images_are_accepted():
    error = refused(upload, "logo.svg", SVG, allowed=("png", "jpg"))
    assert error.code == "extension"


def test_an_extension_that_is_not_accepted_is_refused_with_the_list():
    error = refused(upload, "macro.docm", b"PK\x03\x04")
    assert error.code == "extension"
    assert error.messages == ["Le type de fichier .docm n'est pas accepté. Types acceptés : jpg, pdf, png, txt."]


@pytest.mark.parametrize(
    "hostile, safe",
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\system.ini.txt", "system-ini.txt"),
        ("C:\\Users\\x\\Mes documents\\Résumé été.PDF", "Resume-ete.pdf"),
        ("facture\u202etxt.exe.pdf", "facturetxt-exe.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
        ("nul\x00.pdf", "nul.pdf"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
    ],
)
def test_file_names_are_normalised(hostile, safe):
    assert normalize_filename(hostile) == safe


def test_a_name_with_nothing_usable_is_refused():
    error = refused(normalize_filename, "../../%%%")
    assert error.code == "name" and error.messages == ["Le nom du fichier « ../../%%% » n'est pas utilisable."]


# --- archives -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "member, code, message",
    [
        (
            "../../../lms/settings/base.py.txt",
            "path_traversal",
            "L'archive contient un chemin dangereux : « ../../../lms/settings/base.py.txt ».",
        ),
        ("/etc/cron.d/x.txt", "path_traversal", "L'archive contient un chemin dangereux : « /etc/cron.d/x.txt »."),
        ("C:/autoexec.txt", "path_traversal", "L'archive contient un chemin dangereux : « C:/autoexec.txt »."),
        (
            "contenu/..\\..\\x.txt",
            "path_traversal",
            "L'archive contient un chemin dangereux : « contenu/..\\..\\x.txt ».",
        ),
    ],
)
def test_zip_path_traversal_is_refused(member, code, message):
    error = refused(open_safe_zip, zip_of({member: b"x"}), LIMITS)
    assert error.code == code and error.messages == [message]


def test_a_zip_bomb_is_refused_by_its_compression_ratio():
    error = refused(open_safe_zip, zip_of({"content/content.json": b"\x00" * (8 * MB)}), LIMITS)
    assert error.code == "zip_bomb"
    assert error.messages == [
        "Le fichier « content/content.json » est anormalement compressé (bombe de décompression)."
    ]


def test_a_zip_bomb_spread_over_many_files_is_refused_by_total_size():
    members = {f"content/part{index}.txt": bytes(range(256)) * 4096 * 3 for index in range(8)}  # 3 Mo each
    error = refused(
        open_safe_zip,
        zip_of(members, compression=zipfile.ZIP_STORED),
        ZipLimits(max_archive_bytes=50 * MB, max_total_bytes=20 * MB, allowed_extensions=LIMITS.allowed_extensions),
    )
    assert error.code == "too_large_unpacked"
    assert error.messages == ["Une fois décompressée, l'archive dépasse 20,0\xa0Mio."]


def test_a_bomb_whose_headers_lie_about_sizes_is_refused_while_reading():
    data = zip_of({"content/content.json": b"\x00" * (4 * MB)}).getvalue()
    # Declare a tiny uncompressed size in both headers: the real content is read with a byte budget.
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    real = info.file_size.to_bytes(4, "little")
    lying = data.replace(real, (10).to_bytes(4, "little"))
    error = refused(open_safe_zip, io.BytesIO(lying), LIMITS)
    assert error.code in {"zip_bomb", "corrupted"}


def test_too_many_files_are_refused():
    error = refused(open_safe_zip, zip_of({f"f{index}.txt": b"x" for index in range(51)}), LIMITS)
    assert error.code == "too_many_files"
    assert error.messages == ["L'archive contient trop de fichiers (51, 50 au maximum)."]


def test_a_nested_archive_is_refused_by_name():
    error = refused(open_safe_zip, zip_of({"content/inner.zip": zip_of({"a.txt": b"a"}).getvalue()}), LIMITS)
    assert error.code == "nested_archive"
    assert error.messages == [
        "L'archive contient une autre archive : « content/inner.zip ». Les archives imbriquées sont refusées."
    ]


def test_a_nested_archive_is_refused_by_content_under_an_innocent_name():
    error = refused(open_safe_zip, zip_of({"content/data.json": zip_of({"a.txt": b"a"}).getvalue()}), LIMITS)
    assert error.code in {"nested_archive", "type_mismatch"}
    assert "content/data.json" in error.messages[0]


def test_svg_inside_an_archive_is_refused():
    error = refused(open_safe_zip, zip_of({"images/logo.svg": SVG}), LIMITS)
    assert error.code == "svg"
    assert error.messages == [
        "Le fichier « images/logo.svg » est une image SVG : ce format est refusé car il peut contenir du code."
    ]


def test_an_executable_hidden_in_an_archive_is_refused():
    error = refused(open_safe_zip, zip_of({"libs/player.js": EXE}), LIMITS)
    assert error.code == "executable"


def test_a_symlink_inside_an_archive_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("content/passwd.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    buffer.seek(0)
    error = refused(open_safe_zip, buffer, LIMITS)
    assert error.code == "symlink"
    assert error.messages == ["L'archive contient un lien symbolique : « content/passwd.txt »."]


def test_a_file_that_is_not_a_zip_is_refused():
    error = refused(open_safe_zip, io.BytesIO(PDF), LIMITS)
    assert error.code == "not_zip" and error.messages == ["Le fichier n'est pas une archive ZIP valide."]


def test_a_sound_archive_opens():
    archive = open_safe_zip(zip_of({"h5p.json": b"{}", "content/image.png": PNG}), LIMITS)
    assert sorted(archive.namelist()) == ["content/image.png", "h5p.json"]
