"""Private files (signatures, attendance sheets, materials, charters, answers): where they are
stored and how they are served. They never have a public URL; a view checks who asks, then streams
them with `private_file_response`, the one place user files are served from."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.http import FileResponse

from lms.uploads.policy import EXTENSION_FOR_TYPE, SANDBOX_POLICY, is_inline_type, served_content_type


def private_storage():
    """The "private" storage when the deployment defines one, the default storage otherwise (private
    ACL on S3); these files are only ever served through views that check who asks."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return default_storage


def random_name(folder: str, filename: str) -> str:
    """An unguessable storage name keeping only the extension (ours, for fields under an upload
    policy): a leaked listing or path reveals neither whose file it is nor what the person called it."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"private/{folder}/{uuid.uuid4().hex}{suffix}"


def stored_content_type(file_field) -> str:
    """The type of a stored file, recognised from its first bytes."""
    with file_field.storage.open(file_field.name, "rb") as handle:
        return served_content_type(handle)


def download_extension(content_type: str) -> str:
    """The extension to offer a file under: the one of its recognised type, never the stored one."""
    return EXTENSION_FOR_TYPE.get(content_type, "bin")


def harden_file_response(response, *, private: bool = True):
    """The headers every served uploaded file carries: nothing in it runs (sandbox), its type is
    never guessed again by the browser, and, for private files, no cache keeps it."""
    response["Content-Security-Policy"] = SANDBOX_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def private_file_response(
    file_field, filename: str, *, as_attachment: bool = False, content_type: str = ""
) -> FileResponse:
    """Streams a private file under a chosen name. Its type is the one recognised at upload when
    given, else recognised again from its content (never from its name). Only the types of the
    inline list (raster images, audio, video, PDF) open in the browser; everything else downloads."""
    content_type = content_type or stored_content_type(file_field)
    inline = not as_attachment and is_inline_type(content_type)
    response = FileResponse(
        file_field.open("rb"), content_type=content_type, filename=filename or None, as_attachment=not inline
    )
    return harden_file_response(response)
