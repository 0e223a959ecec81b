"""Private files (signatures, attendance sheets, materials, charters): where they are stored and how
they are served. They never have a public URL; a view checks who asks, then streams them with
`private_file_response`."""

import mimetypes
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.http import FileResponse


def private_storage():
    """The "private" storage when the deployment defines one, the default storage otherwise (private
    ACL on S3); these files are only ever served through views that check who asks."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return default_storage


def random_name(folder: str, filename: str) -> str:
    """An unguessable storage name keeping only the extension: a leaked listing or path reveals
    neither whose file it is nor what the person called it."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"private/{folder}/{uuid.uuid4().hex}{suffix}"


def private_file_response(
    file_field, filename: str, *, as_attachment: bool = False, content_type: str = ""
) -> FileResponse:
    """Streams a private file under a chosen name, never cached by shared caches nor sniffed. The
    type is the one recognised at upload when given, else guessed from the stored name."""
    content_type = content_type or mimetypes.guess_type(file_field.name)[0] or "application/octet-stream"
    response = FileResponse(
        file_field.open("rb"), content_type=content_type, filename=filename or None, as_attachment=as_attachment
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
