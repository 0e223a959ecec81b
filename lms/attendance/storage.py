"""Storage names and upload policies of private attendance files: signatures, session materials,
archived sheets (the storage itself is lms.private_files.private_storage)."""

import uuid

from django.utils.translation import gettext_lazy as _

# Migration 0001 names the storage by this path.
from lms.private_files import private_storage  # noqa: F401
from lms.uploads import MB
from lms.uploads.policy import AUDIO, OFFICE_DOCUMENTS, PDF, VIDEO, WEB_IMAGES, UploadPolicy

# What trainers attach to a session for the catch-up: slides, documents, photos, recordings.
MATERIAL_POLICY = UploadPolicy(
    name="attendance.material",
    types=PDF | OFFICE_DOCUMENTS | WEB_IMAGES | AUDIO | VIDEO,
    default_max_bytes=50 * MB,
    formats=_("PDF, document bureautique (ODT, DOCX, PPTX…), image PNG, JPEG, GIF ou WebP, audio ou vidéo"),
)
# Drawn signatures are PNG images made by the signature pad.
SIGNATURE_POLICY = UploadPolicy(
    name="attendance.signature", types=frozenset({"image/png"}), default_max_bytes=MB, formats=_("image PNG")
)
# Attendance sheets are PDFs the platform generates.
SHEET_POLICY = UploadPolicy(name="attendance.sheet", types=PDF, default_max_bytes=20 * MB, formats=_("PDF"))


def signature_upload_to(instance, filename):
    # Unguessable names: a leaked listing must not reveal whose signature a file is.
    return f"private/attendance/signatures/{uuid.uuid4().hex}.png"


def material_upload_to(instance, filename):
    # The field's policy hands a name of its own, with the extension of the recognised type.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/attendance/materials/{uuid.uuid4().hex}.{extension}"


def sheet_upload_to(instance, filename):
    return f"private/attendance/sheets/{uuid.uuid4().hex}.pdf"
