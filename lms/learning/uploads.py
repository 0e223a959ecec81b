"""Checks on uploaded answers and feedback: the type is recognised from the file's content (magic
bytes, by the shared sniffer in lms.uploads), never from its name or the browser's claim, and each
kind has a size limit."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.uploads import MB, check_size, file_size, read_head, sniff_mime_type
from lms.uploads.policy import EXTENSION_FOR_TYPE, OFFICE_DOCUMENTS, UploadPolicy, detect_content_type
from lms.uploads.policy import CheckedUpload as CheckedPolicyUpload

# Size limits per kind, overridable in settings (LEARNING_UPLOAD_LIMITS = {"file": bytes, ...}).
DEFAULT_LIMITS = {"file": 20 * MB, "audio": 50 * MB, "video": 300 * MB}

KIND_LABELS = {
    "file": gettext_lazy("le fichier"),
    "audio": gettext_lazy("l'enregistrement audio"),
    "video": gettext_lazy("l'enregistrement vidéo"),
}

ACCEPTED_DESCRIPTIONS = {
    "file": gettext_lazy("PDF, texte, document bureautique (ODT, DOCX…), image PNG ou JPEG"),
    "audio": gettext_lazy("MP3, M4A, OGG, Opus, WAV, WebM, FLAC, AAC ou 3GP"),
    "video": gettext_lazy("MP4, MOV, WebM, MKV, OGG, AVI ou 3GP"),
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
    size = file_size(upload)
    if size == 0:
        raise ValidationError(
            _("Le fichier envoyé est vide : choisissez à nouveau %(label)s.") % {"label": label}, code="empty"
        )
    limit = _limits()[kind]
    try:
        check_size(upload, limit)
    except ValidationError as error:
        raise ValidationError(
            _("%(label)s est trop lourd (%(size)s) : la taille maximale est de %(limit)s.")
            % {"label": capfirst(label), "size": _megabytes(size), "limit": _megabytes(limit)},
            code="too_large",
        ) from error
    upload.seek(0)  # read_head restores the position: leave the file at its start for storage.
    content_type = sniff_mime_type(read_head(upload, 8192))
    if content_type not in ALLOWED_TYPES[kind]:
        raise ValidationError(
            _(
                "Ce fichier n'est pas accepté pour %(label)s : son contenu ne correspond pas à un format reconnu. "
                "Formats acceptés : %(formats)s."
            )
            % {"label": label, "formats": ACCEPTED_DESCRIPTIONS[kind]},
            code="type_mismatch",
        )
    if kind == "audio":
        content_type = AUDIO_SERVE_TYPE.get(content_type, content_type)
    return CheckedUpload(content_type=content_type, size=size)


def _megabytes(size: int) -> str:
    value = size / MB
    return _("%(number)s Mo") % {"number": number_format(value, 1 if value < 10 else 0)}


@dataclass(frozen=True)
class LearningUploadPolicy(UploadPolicy):
    """The upload policy of answers and feedback: the checks above (their limits and messages),
    one of `kinds` at least, stored under the extension of the recognised type."""

    kinds: tuple[str, ...] = ()

    def check(self, file, *, label: str = "") -> CheckedPolicyUpload:
        first_error = None
        for kind in self.kinds:
            try:
                found = check_upload(file, kind)
            except ValidationError as error:
                first_error = first_error or error
            else:
                refined = detect_content_type(file)  # office documents told apart by their parts
                extension = EXTENSION_FOR_TYPE.get(refined) or EXTENSION_FOR_TYPE.get(found.content_type, "bin")
                return CheckedPolicyUpload(
                    content_type=found.content_type, extension=extension, size=found.size, policy=self.name
                )
        raise first_error


def _policy(name: str, *kinds: str) -> LearningUploadPolicy:
    types = set()
    for kind in kinds:
        types |= ALLOWED_TYPES[kind]
    if "application/vnd.openxmlformats-officedocument" in types:
        types = (types - {"application/vnd.openxmlformats-officedocument"}) | OFFICE_DOCUMENTS
    return LearningUploadPolicy(
        name=name,
        types=frozenset(types),
        default_max_bytes=max(_limits()[kind] for kind in kinds),
        formats=format_lazy(" ; ".join(["{}"] * len(kinds)), *(ACCEPTED_DESCRIPTIONS[kind] for kind in kinds)),
        kinds=kinds,
    )


FILE_POLICY = _policy("learning.file", "file")
AUDIO_POLICY = _policy("learning.audio", "audio")
VIDEO_POLICY = _policy("learning.video", "video")
# A submission keeps one medium: a file, an audio or a video recording.
SUBMISSION_POLICY = _policy("learning.submission", "file", "audio", "video")
