"""Generic upload safety shared by every app: size limits, file types checked from their content,
safe file names, ZIP archives (path traversal, zip bombs, nested archives, SVG) and WebVTT files.

Each check raises django.core.exceptions.ValidationError with a French message and a stable
`code`, so forms show the message and tests can assert the reason.
"""

import posixpath
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MB = 1024 * 1024

# Magic bytes → canonical type. Checked on the first bytes of a file, never on its name.
_SIGNATURES: list[tuple[bytes, int, str]] = [
    (b"PK\x03\x04", 0, "zip"),
    (b"PK\x05\x06", 0, "zip"),
    (b"%PDF-", 0, "pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"GIF87a", 0, "gif"),
    (b"GIF89a", 0, "gif"),
    (b"\x1f\x8b", 0, "gzip"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7z"),
    (b"Rar!\x1a\x07", 0, "rar"),
    (b"BZh", 0, "bzip2"),
    (b"\xfd7zXZ\x00", 0, "xz"),
    (b"ustar", 257, "tar"),
    (b"\x1a\x45\xdf\xa3", 0, "webm"),
    (b"OggS", 0, "ogg"),
    (b"ID3", 0, "mp3"),
    (b"\xff\xfb", 0, "mp3"),
    (b"\xff\xf3", 0, "mp3"),
    (b"\xff\xf2", 0, "mp3"),
    (b"\xff\xfa", 0, "mp3"),
    (b"\xff\xf1", 0, "aac"),
    (b"\xff\xf9", 0, "aac"),
    (b"fLaC", 0, "flac"),
    (b"{\\rtf", 0, "rtf"),
    (b"wOFF", 0, "woff"),
    (b"wOF2", 0, "woff2"),
    (b"\x00\x01\x00\x00", 0, "ttf"),
    (b"OTTO", 0, "otf"),
    (b"MZ", 0, "exe"),
    (b"\x7fELF", 0, "exe"),
]
ARCHIVE_TYPES = {"zip", "gzip", "7z", "rar", "bzip2", "xz", "tar"}
ARCHIVE_EXTENSIONS = {"zip", "h5p", "gz", "tgz", "7z", "rar", "bz2", "xz", "tar", "jar", "war", "apk"}

# For each extension, the content types accepted. Text formats (json, js, css, vtt…) have no magic
# bytes; they are accepted unless their content is binary or markup that a browser would execute.
EXTENSION_TYPES: dict[str, set[str]] = {
    "png": {"png"},
    "jpg": {"jpeg"},
    "jpeg": {"jpeg"},
    "gif": {"gif"},
    "webp": {"webp"},
    "pdf": {"pdf"},
    "mp4": {"mp4"},
    "m4a": {"mp4"},
    "webm": {"webm"},
    "ogg": {"ogg"},
    "ogv": {"ogg"},
    "oga": {"ogg"},
    "mp3": {"mp3"},
    "wav": {"wav"},
    "woff": {"woff"},
    "woff2": {"woff2"},
    "ttf": {"ttf"},
    "otf": {"otf"},
    "eot": {"eot"},
    "docx": {"zip"},
    "xlsx": {"zip"},
    "pptx": {"zip"},
    "odt": {"zip"},
    "ods": {"zip"},
    "odp": {"zip"},
}
TEXT_EXTENSIONS = {"json", "js", "css", "vtt", "webvtt", "txt", "csv", "md", "xml"}
# Recognised types whose content is plain text all the same.
TEXT_TYPES = {"rtf"}
# Embedded OpenType fonts: the versions a real EOT header declares (little-endian, at offset 8).
_EOT_VERSIONS = {b"\x00\x00\x01\x00", b"\x01\x00\x02\x00", b"\x02\x00\x02\x00"}


def sniff_type(head: bytes) -> str | None:
    """The type a file's first bytes reveal ("png", "zip", "svg", "html"…), or None if unknown.
    Containers keep one name whatever they hold: "zip" (office documents too), "mp4" (any ISO media
    file), "webm" (any Matroska file), "ogg"; sniff_mime_type tells their contents apart."""
    for signature, offset, kind in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if head[4:8] == b"ftyp":
        return "mp4"
    # The version check keeps text that happens to have "LP" at offset 34 from passing for a font.
    if len(head) > 35 and head[34:36] == b"LP" and head[8:12] in _EOT_VERSIONS:
        return "eot"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in text):
        return "svg"
    if text.startswith((b"<!doctype html", b"<html", b"<script")):
        return "html"
    return None


# The MIME type of each type sniff_type names; containers are refined in sniff_mime_type.
_MIME_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "svg": "image/svg+xml",
    "html": "text/html",
    "rtf": "application/rtf",
    "zip": "application/zip",
    "gzip": "application/gzip",
    "7z": "application/x-7z-compressed",
    "rar": "application/vnd.rar",
    "bzip2": "application/x-bzip2",
    "xz": "application/x-xz",
    "tar": "application/x-tar",
    "mp3": "audio/mpeg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "avi": "video/x-msvideo",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
    "exe": "application/x-executable",
}


def sniff_mime_type(head: bytes) -> str | None:
    """The MIME type a file's first bytes reveal, telling apart what a container holds (office
    document or plain ZIP, audio or video); "text/plain" for UTF-8 text; None if unknown. Give it
    a few kilobytes: WebM tracks are declared after the header."""
    kind = sniff_type(head)
    if kind == "zip":
        return _office_type(head) or "application/zip"
    if kind == "mp4":
        return _iso_media_type(head[8:12])
    if kind == "webm":
        # Matroska and WebM share the EBML header; the doc type tells them apart.
        if b"webm" in head[:64]:
            return "video/webm" if b"V_" in head[:4096] else "audio/webm"
        return "video/x-matroska"
    if kind == "ogg":
        return "video/ogg" if b"theora" in head[:200] else "audio/ogg"
    if kind is None:
        return "text/plain" if _is_text(head) else None
    return _MIME_TYPES[kind]


def _office_type(head: bytes) -> str | None:
    # An OpenDocument file starts with an uncompressed "mimetype" entry naming its type.
    if b"mimetypeapplication/vnd.oasis.opendocument" in head[:120]:
        start = head.index(b"mimetype") + len(b"mimetype")
        return head[start : start + 60].split(b"PK")[0].decode("ascii", "ignore").strip() or None
    # Office Open XML (docx, xlsx, pptx) declares its parts up front.
    if b"[Content_Types].xml" in head or b"word/" in head or b"xl/" in head or b"ppt/" in head:
        return "application/vnd.openxmlformats-officedocument"
    return None


def _iso_media_type(brand: bytes) -> str:
    if brand.startswith(b"M4A") or brand.startswith(b"M4B"):
        return "audio/mp4"
    if brand.startswith(b"3g"):
        return "video/3gpp"
    if brand == b"qt  ":
        return "video/quicktime"
    return "video/mp4"


def _is_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the sample boundary is still text.
        if error.start < len(head) - 4:
            return False
    return True


def file_extension(name: str) -> str:
    """The lower-case extension of a file name, without its dot ("" when there is none)."""
    base = posixpath.basename(name.replace("\\", "/"))
    return base.rsplit(".", 1)[1].lower() if "." in base.strip(".") else ""


def normalize_filename(name: str, *, max_length: int = 100) -> str:
    """A safe storage name: no directory, ASCII letters, digits, dashes and underscores, one
    lower-case extension. Refuses names that are empty once cleaned."""
    base = posixpath.basename((name or "").replace("\\", "/")).replace("\x00", "")
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem, _dot, extension = ascii_name.rpartition(".")
    if not stem:
        stem, extension = extension, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_.")
    extension = re.sub(r"[^A-Za-z0-9]+", "", extension).lower()
    if not stem:
        raise ValidationError(_("Le nom du fichier « %(name)s » n'est pas utilisable.") % {"name": name}, code="name")
    stem = stem[: max(1, max_length - len(extension) - 1)]
    return f"{stem}.{extension}" if extension else stem


def file_size(file: IO[bytes]) -> int:
    """The size in bytes of an uploaded or open file, without reading it into memory."""
    size = getattr(file, "size", None)
    if size is not None:
        return size
    position = file.tell()
    file.seek(0, 2)
    size = file.tell()
    file.seek(position)
    return size


def check_size(file: IO[bytes], max_bytes: int) -> None:
    """Refuses a file larger than `max_bytes`."""
    if file_size(file) > max_bytes:
        raise ValidationError(
            _("Le fichier est trop volumineux : %(max)s au maximum.") % {"max": filesizeformat(max_bytes)},
            code="too_large",
        )


def read_head(file: IO[bytes], length: int = 512) -> bytes:
    """The first bytes of a file; the file position is restored."""
    position = file.tell()
    file.seek(0)
    head = file.read(length)
    file.seek(position)
    return head


def check_content_matches_extension(name: str, head: bytes, *, allow_svg: bool = False) -> None:
    """Refuses a file whose content does not match its extension, and SVG or HTML content (which
    browsers execute) unless SVG is explicitly allowed."""
    extension = file_extension(name)
    kind = sniff_type(head)
    if kind == "svg" or extension == "svg":
        if not allow_svg:
            raise ValidationError(
                _("Le fichier « %(name)s » est une image SVG : ce format est refusé car il peut contenir du code.")
                % {"name": name},
                code="svg",
            )
        return
    if kind == "html" or extension in {"html", "htm", "xhtml"}:
        raise ValidationError(
            _("Le fichier « %(name)s » contient une page web (HTML) : ce format est refusé.") % {"name": name},
            code="html",
        )
    if kind == "exe":
        raise ValidationError(
            _("Le fichier « %(name)s » est un programme exécutable : il est refusé.") % {"name": name},
            code="executable",
        )
    expected = EXTENSION_TYPES.get(extension)
    if expected is not None and kind not in expected:
        raise ValidationError(
            _("Le contenu du fichier « %(name)s » ne correspond pas à son extension .%(extension)s.")
            % {"name": name, "extension": extension},
            code="type_mismatch",
        )
    if extension in TEXT_EXTENSIONS and ((kind is not None and kind not in TEXT_TYPES) or b"\x00" in head):
        raise ValidationError(
            _("Le fichier « %(name)s » devrait être un fichier texte, mais son contenu est binaire.") % {"name": name},
            code="type_mismatch",
        )


def validate_upload(file: IO[bytes], *, allowed_extensions: set[str], max_bytes: int, name: str = "") -> str:
    """Checks one uploaded file (size, extension, content) and returns its normalised name."""
    name = name or getattr(file, "name", "") or ""
    safe_name = normalize_filename(name)
    extension = file_extension(safe_name)
    if extension not in allowed_extensions:
        raise ValidationError(
            _("Le type de fichier .%(extension)s n'est pas accepté. Types acceptés : %(allowed)s.")
            % {"extension": extension or "?", "allowed": ", ".join(sorted(allowed_extensions))},
            code="extension",
        )
    check_size(file, max_bytes)
    check_content_matches_extension(safe_name, read_head(file), allow_svg="svg" in allowed_extensions)
    return safe_name


@dataclass(frozen=True)
class ZipLimits:
    """Limits for an uploaded ZIP archive; the defaults suit teaching packages (H5P, SCORM)."""

    max_archive_bytes: int = 100 * MB
    max_total_bytes: int = 300 * MB
    max_members: int = 3000
    max_ratio: int = 100
    allowed_extensions: frozenset[str] = field(default_factory=frozenset)
    allow_svg: bool = False


def member_path_is_unsafe(filename: str) -> bool:
    """Whether a ZIP member name could escape the extraction folder (absolute, "..", drive, NUL)."""
    name = filename.replace("\\", "/")
    if "\x00" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    return any(part == ".." for part in name.split("/"))


def _refuse(message: str, code: str, **params) -> ValidationError:
    return ValidationError(message % params if params else message, code=code)


def open_safe_zip(file: IO[bytes], limits: ZipLimits) -> zipfile.ZipFile:
    """Opens an uploaded ZIP and checks every member before anything is extracted: real ZIP,
    sizes (archive, unpacked total, compression ratio), member count, paths, links, encryption,
    nested archives, allowed types checked from content, SVG. Returns the open ZipFile."""
    check_size(file, limits.max_archive_bytes)
    file.seek(0)
    if sniff_type(read_head(file)) != "zip":
        raise _refuse(_("Le fichier n'est pas une archive ZIP valide."), "not_zip")
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as error:
        raise _refuse(_("Le fichier n'est pas une archive ZIP valide."), "not_zip") from error
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise _refuse(
            _("L'archive contient trop de fichiers (%(count)s, %(max)s au maximum)."),
            "too_many_files",
            count=len(members),
            max=limits.max_members,
        )
    declared_total = 0
    for member in members:
        if member_path_is_unsafe(member.filename):
            raise _refuse(
                _("L'archive contient un chemin dangereux : « %(name)s »."), "path_traversal", name=member.filename
            )
        if member.flag_bits & 0x1:
            raise _refuse(_("L'archive contient un fichier chiffré : « %(name)s »."), "encrypted", name=member.filename)
        if stat.S_ISLNK(member.external_attr >> 16):
            raise _refuse(_("L'archive contient un lien symbolique : « %(name)s »."), "symlink", name=member.filename)
        if member.is_dir():
            continue
        declared_total += member.file_size
        if declared_total > limits.max_total_bytes:
            raise _refuse(
                _("Une fois décompressée, l'archive dépasse %(max)s."),
                "too_large_unpacked",
                max=filesizeformat(limits.max_total_bytes),
            )
        if member.file_size > 1024 * 1024 and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            raise _refuse(
                _("Le fichier « %(name)s » est anormalement compressé (bombe de décompression)."),
                "zip_bomb",
                name=member.filename,
            )
        extension = file_extension(member.filename)
        if extension in ARCHIVE_EXTENSIONS:
            raise _refuse(
                _("L'archive contient une autre archive : « %(name)s ». Les archives imbriquées sont refusées."),
                "nested_archive",
                name=member.filename,
            )
        if limits.allowed_extensions and extension not in limits.allowed_extensions and extension != "svg":
            raise _refuse(
                _("Le fichier « %(name)s » a un type non autorisé (.%(extension)s)."),
                "extension",
                name=member.filename,
                extension=extension or "?",
            )
    real_total = 0
    for member in members:
        if member.is_dir():
            continue
        real_total += _check_member_content(archive, member, limits, budget=limits.max_total_bytes - real_total)
    return archive


def _check_member_content(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: ZipLimits, budget: int) -> int:
    """Reads one member with a byte budget (headers may lie about sizes) and checks its content."""
    size = 0
    head = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(64 * 1024):
                if not head:
                    head = chunk[:512]
                size += len(chunk)
                if size > budget or size > limits.max_ratio * max(member.compress_size, 1) + MB:
                    raise _refuse(
                        _("Le fichier « %(name)s » est anormalement compressé (bombe de décompression)."),
                        "zip_bomb",
                        name=member.filename,
                    )
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise _refuse(
            _("L'archive est endommagée : le fichier « %(name)s » ne peut pas être lu."),
            "corrupted",
            name=member.filename,
        ) from error
    if sniff_type(head) in ARCHIVE_TYPES and file_extension(member.filename) not in EXTENSION_TYPES:
        raise _refuse(
            _("L'archive contient une autre archive : « %(name)s ». Les archives imbriquées sont refusées."),
            "nested_archive",
            name=member.filename,
        )
    check_content_matches_extension(member.filename, head, allow_svg=limits.allow_svg)
    return size


_VTT_TIMING = re.compile(
    r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})[ \t]+-->[ \t]+(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})(?:[ \t].*)?$"
)


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def validate_webvtt(data: bytes, *, name: str = "") -> int:
    """Checks a WebVTT captions file (UTF-8, "WEBVTT" header, well-formed cue timings) and
    returns its number of cues."""
    label = posixpath.basename(name) or _("sous-titres")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refuse(
            _("Le fichier « %(name)s » n'est pas un fichier WebVTT valide : il doit être encodé en UTF-8."),
            "vtt_encoding",
            name=label,
        ) from error
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise _refuse(
            _("Le fichier « %(name)s » n'est pas un fichier WebVTT valide : la première ligne doit être « WEBVTT »."),
            "vtt_header",
            name=label,
        )
    cues = 0
    for number, line in enumerate(lines[1:], start=2):
        if "-->" not in line:
            continue
        match = _VTT_TIMING.match(line.strip())
        if not match or _seconds(*match.groups()[4:]) <= _seconds(*match.groups()[:4]):
            raise _refuse(
                _(
                    "Le fichier « %(name)s » n'est pas un fichier WebVTT valide : "
                    "horaire incorrect à la ligne %(line)s."
                ),
                "vtt_timing",
                name=label,
                line=number,
            )
        cues += 1
    if not cues:
        raise _refuse(
            _("Le fichier « %(name)s » ne contient aucun sous-titre."),
            "vtt_empty",
            name=label,
        )
    return cues
