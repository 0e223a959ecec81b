"""Storage names of private attendance files: signatures, session materials, archived sheets (the
storage itself is lms.private_files.private_storage)."""

import uuid

# Migration 0001 names the storage by this path.
from lms.private_files import private_storage  # noqa: F401


def signature_upload_to(instance, filename):
    # Unguessable names: a leaked listing must not reveal whose signature a file is.
    return f"private/attendance/signatures/{uuid.uuid4().hex}.png"


def material_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/attendance/materials/{uuid.uuid4().hex}.{extension}"


def sheet_upload_to(instance, filename):
    return f"private/attendance/sheets/{uuid.uuid4().hex}.pdf"
