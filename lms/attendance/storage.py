"""Where private attendance files live: signatures and trainers' session materials."""

import uuid

from django.conf import settings
from django.core.files.storage import default_storage, storages


def private_storage():
    """The "private" storage when the deployment defines one, the default storage otherwise (private
    ACL on S3); these files are only ever served through views that check who asks."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return default_storage


def signature_upload_to(instance, filename):
    # Unguessable names: a leaked listing must not reveal whose signature a file is.
    return f"private/attendance/signatures/{uuid.uuid4().hex}.png"


def material_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/attendance/materials/{uuid.uuid4().hex}.{extension}"


def sheet_upload_to(instance, filename):
    return f"private/attendance/sheets/{uuid.uuid4().hex}.pdf"
