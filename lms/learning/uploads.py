"""Checks on uploaded answers and feedback: the type is recognised from the file's content (magic
bytes), never from its name or the browser's claim, and each kind has a size limit."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

MB = 1024 * 1024

# Size limits per kind, overridable in settings (LEARNING_UPLOAD_LIMITS = {"file": bytes, ...}).
DEFAULT_LIMITS = {"file": 20 * MB, "audio": 50 * MB, "video": 300 * MB}

KIND_LABELS = {"file": "le fichier", "audio": "l'enregistrement audio", "video": "l'enregistrement vidéo"}

ACCEPTED_DESCRIPTIONS = {
    "file": "PDF, texte, document bureautique (ODT, DOCX…), image PNG ou JPEG",
    "audio": "MP3, M4A, OGG, Opus, WAV, WebM, FLAC, AAC ou 3GP",
    "video": "MP4, MOV, WebM, MKV, OGG, AVI ou 3GP",
}

# The `accept` attribute of each file input (a hint only; the server checks the content).
ACCEPT_ATTRIBUTE = {
    "file": ".pdf,.txt,.odt,.ods,.odp,.docx,.xlsx,.pptx,.rtf,.png,.jpg,.jpeg",
    "audio": "audio/*",
    "video": "video/*",
}


@dataclass(frozen=True)
class CheckedUpload:
    """What the content check found: the MIME type to serve and the size."""

    content_type: str
    size: int


def _limits() -> dict[str, int]:
    return {**DEFAULT_LIMITS, **getattr(settings, "LEARNING_UPLOAD_LIMITS", {})}


def sniff(head: bytes) -> str | None:
    """The MIME type recognised from the first bytes of a file, or None."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"{\\rtf"):
        return "application/rtf"
    if head.startswith(b"PK\x03\x04"):
        return _office_type(head)
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] in (0xFB, 0xF3, 0xF2, 0xFA)):
        return "audio/mpeg"
    if len(head) > 1 and head[0] == 0xFF and head[1] in (0xF1, 0xF9):
        return "audio/aac"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"OggS"):
        return "video/ogg" if b"theora" in head[:200] else "audio/ogg"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "video/x-msvideo"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        # Matroska and WebM share the EBML header; the doc type tells them apart.
        if b"webm" in head[:64]:
            return "audio/webm" if b"V_" not in head[:4096] else "video/webm"
        return "video/x-matroska"
    if head[4:8] == b"ftyp":
        return _iso_media_type(head[8:12])
    if _is_text(head):
        return "text/plain"
    return None


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


# Which recognised types each kind accepts. Phones record audio in MP4/3GP/WebM containers, so
# those containers count as audio too.
ALLOWED_TYPES = {
    "file": {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "application/rtf",
        "text/plain",
        "application/vnd.openxmlformats-officedocument",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.oasis.opendocument.graphics",
    },
    "audio": {
        "audio/mpeg",
        "audio/aac",
        "audio/flac",
        "audio/ogg",
        "audio/wav",
        "audio/webm",
        "audio/mp4",
        "video/mp4",
        "video/3gpp",
        "video/webm",
    },
    "video": {
        "video/mp4",
        "video/quicktime",
        "video/webm",
        "video/x-matroska",
        "video/ogg",
        "video/x-msvideo",
        "video/3gpp",
    },
}

# Audio recorded in a video container is served as audio so that the <audio> player takes it.
AUDIO_SERVE_TYPE = {"video/mp4": "audio/mp4", "video/3gpp": "audio/3gpp", "video/webm": "audio/webm"}


def check_upload(upload, kind: str) -> CheckedUpload:
    """Raises a ValidationError (in French) unless `upload` is a non-empty file of `kind`
    ("file", "audio" or "video") within its size limit; returns its recognised type."""
    label = KIND_LABELS[kind]
    size = upload.size or 0
    if size == 0:
        raise ValidationError(f"Le fichier envoyé est vide : choisissez à nouveau {label}.")
    limit = _limits()[kind]
    if size > limit:
        raise ValidationError(
            f"{label[0].upper()}{label[1:]} est trop lourd ({_megabytes(size)}) : "
            f"la taille maximale est de {_megabytes(limit)}."
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    content_type = sniff(head)
    if content_type not in ALLOWED_TYPES[kind]:
        raise ValidationError(
            f"Ce fichier n'est pas accepté pour {label} : son contenu ne correspond pas à un format reconnu. "
            f"Formats acceptés : {ACCEPTED_DESCRIPTIONS[kind]}."
        )
    if kind == "audio":
        content_type = AUDIO_SERVE_TYPE.get(content_type, content_type)
    return CheckedUpload(content_type=content_type, size=size)


def _megabytes(size: int) -> str:
    value = size / MB
    return f"{value:.1f} Mo".replace(".", ",") if value < 10 else f"{round(value)} Mo"
