"""The one upload policy every file field of the platform goes through: a size limit, a type
recognised from the content (never from the name or the browser's claim), a storage name and an
extension of our own derived from that type, and the way the file is served back (inline only for
the few types a browser cannot run: raster images, audio, video, PDF).

Apps declare an `UploadPolicy` per kind of file and use `PolicyFileField` / `PolicyImageField`
(lms.uploads.fields) on their models and `PolicyFormField` on their forms.
"""

import re
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lms.uploads import MB, file_size, read_head, sniff_mime_type, sniff_type

# The extension we store and serve each recognised type under.
EXTENSION_FOR_TYPE = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/rtf": "rtf",
    "text/plain": "txt",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.graphics": "odg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/aac": "aac",
    "audio/flac": "flac",
    "audio/ogg": "ogg",
    "audio/wav": "wav",
    "audio/webm": "weba",
    "video/mp4": "mp4",
    "video/3gpp": "3gp",
    "video/quicktime": "mov",
    "video/webm": "webm",
    "video/x-matroska": "mkv",
    "video/ogg": "ogv",
    "video/x-msvideo": "avi",
}

# Types served inline (opened in the browser tab or played in the page); every other type is sent
# as an attachment. None of them can run script in a browser.
INLINE_TYPES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "audio/mpeg",
        "audio/mp4",
        "audio/aac",
        "audio/flac",
        "audio/ogg",
        "audio/wav",
        "audio/webm",
        "audio/3gpp",
        "video/mp4",
        "video/3gpp",
        "video/quicktime",
        "video/webm",
        "video/ogg",
    }
)

# The headers every served user file carries: no script, no plugin, no form, whatever the type.
SANDBOX_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'"

PDF = frozenset({"application/pdf"})
IMAGES = frozenset({"image/png", "image/jpeg"})
WEB_IMAGES = IMAGES | {"image/gif", "image/webp"}
OFFICE_DOCUMENTS = frozenset(
    {
        "application/rtf",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.oasis.opendocument.graphics",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
)
AUDIO = frozenset(
    {"audio/mpeg", "audio/mp4", "audio/aac", "audio/flac", "audio/ogg", "audio/wav", "audio/webm", "video/3gpp"}
)
VIDEO = frozenset(
    {"video/mp4", "video/3gpp", "video/quicktime", "video/webm", "video/x-matroska", "video/ogg", "video/x-msvideo"}
)

# Office Open XML packages name their main part; the first one found tells the document's type.
_OOXML_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# Markup a browser would run, anywhere in what otherwise looks like plain text: refused by name
# where plain text is not accepted anyway.
_MARKUP = re.compile(rb"<\s*/?\s*(?:script|html|head|body|svg|iframe|object|embed|meta|link|style|form|img)\b", re.I)


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of uploaded file may be: its accepted types, its size limit and how its
    accepted formats are named to the person uploading."""

    name: str
    types: frozenset[str]
    default_max_bytes: int
    formats: str  # e.g. "PDF, PNG ou JPEG", shown in refusals and help texts
    # Images the platform draws later (e.g. into PDFs) must decode, not only start like an image.
    decode_images: bool = False

    def __post_init__(self):
        unknown = set(self.types) - set(EXTENSION_FOR_TYPE)
        if unknown:
            raise ValueError(f"Upload policy {self.name!r} names types without an extension: {sorted(unknown)}")

    @property
    def max_bytes(self) -> int:
        """The size limit: UPLOAD_LIMITS[name] in settings when set, else the policy's default."""
        return getattr(settings, "UPLOAD_LIMITS", {}).get(self.name, self.default_max_bytes)

    @property
    def accept(self) -> str:
        """The `accept` attribute of a file input (a hint for the file picker; the server decides)."""
        return ",".join(sorted({f".{EXTENSION_FOR_TYPE[kind]}" for kind in self.types} | set(self.types)))

    def check(self, file: IO[bytes], *, label: str = "") -> "CheckedUpload":
        return check_upload(file, self, label=label)


@dataclass(frozen=True)
class CheckedUpload:
    """What the check found: the recognised type (served back as is), our extension, the size."""

    content_type: str
    extension: str
    size: int
    policy: str = ""  # the name of the policy that accepted it

    def storage_name(self) -> str:
        """A random name with our extension: neither the person's file name nor their extension."""
        return f"{uuid.uuid4().hex}.{self.extension}"


def detect_content_type(file: IO[bytes]) -> str | None:
    """The MIME type of a file from its content, office packages told apart by their parts; None
    when the content is not recognised."""
    head = read_head(file, 8192)
    kind = sniff_type(head)
    if kind in {"html", "svg", "exe"}:
        return {"html": "text/html", "svg": "image/svg+xml", "exe": "application/x-executable"}[kind]
    content_type = sniff_mime_type(head)
    if content_type in {"application/vnd.openxmlformats-officedocument", "application/zip"}:
        return _ooxml_type(file) or "application/zip"
    return content_type


def _ooxml_type(file: IO[bytes]) -> str | None:
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return None
    finally:
        file.seek(position)
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OOXML_PARTS.items() if part in names), None)


def megabytes(size: int) -> str:
    """A size as French readers write it: "2,5 Mo", "120 Mo"."""
    value = size / MB
    return _("%(number)s Mo") % {"number": number_format(value, 1 if value < 10 else 0)}


def check_upload(file: IO[bytes], policy: UploadPolicy, *, label: str = "") -> CheckedUpload:
    """Refuses (ValidationError in French, with a stable code) an empty file, a file over the
    policy's size limit, or one whose content is not of an accepted type; returns what it found."""
    label = label or getattr(file, "name", "") or _("le fichier")
    size = file_size(file)
    if size == 0:
        raise ValidationError(
            _("« %(name)s » est vide : choisissez à nouveau le fichier.") % {"name": label}, code="empty"
        )
    if size > policy.max_bytes:
        raise ValidationError(
            _("« %(name)s » est trop volumineux (%(size)s) : %(max)s au maximum.")
            % {"name": label, "size": megabytes(size), "max": megabytes(policy.max_bytes)},
            code="too_large",
        )
    content_type = detect_content_type(file)
    if content_type == "text/plain" and content_type not in policy.types and _MARKUP.search(read_head(file, 8192)):
        content_type = "text/html"
    if content_type in policy.types:
        if policy.decode_images and content_type.startswith("image/"):
            _check_image_decodes(file, label)
        return CheckedUpload(
            content_type=content_type, extension=EXTENSION_FOR_TYPE[content_type], size=size, policy=policy.name
        )
    params = {"name": label, "formats": policy.formats}
    if content_type == "text/html":
        message = _("« %(name)s » est une page web (HTML) : ce format est refusé car il peut contenir du code.")
        code = "html"
    elif content_type == "image/svg+xml":
        message = _("« %(name)s » est une image SVG : ce format est refusé car il peut contenir du code.")
        code = "svg"
    elif content_type == "application/x-executable":
        message = _("« %(name)s » est un programme exécutable : il est refusé.")
        code = "executable"
    else:
        message = _("Le contenu de « %(name)s » n'est pas d'un format accepté.")
        code = "type_mismatch"
    raise ValidationError(message % params + " " + _("Formats acceptés : %(formats)s.") % params, code=code)


def _check_image_decodes(file: IO[bytes], label: str) -> None:
    from PIL import Image  # Pillow is only needed where images are decoded

    position = file.tell()
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds of errors on broken images
        raise ValidationError(
            _("L'image « %(name)s » est endommagée ou incomplète : elle ne peut pas être lue.") % {"name": label},
            code="broken_image",
        ) from error
    finally:
        file.seek(position)


def served_content_type(file: IO[bytes]) -> str:
    """The type a stored file is served with when its record does not keep one: recognised again
    from its content (so an old file named .html is still served as what it is)."""
    content_type = detect_content_type(file)
    if content_type is None or content_type in {"text/html", "image/svg+xml", "application/x-executable"}:
        return "application/octet-stream"  # downloaded, never rendered
    return content_type


def is_inline_type(content_type: str) -> bool:
    return content_type in INLINE_TYPES
