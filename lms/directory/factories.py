"""Builders for the directory's tests and demo: an entry started, submitted and published through the
services, and a small PNG photo."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lms.directory import services


def png_photo(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (40, 120, 160)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def published_entry(*, plan, team, **choices):
    """The person's entry from `plan`, with `choices`, consent given, published by `team`."""
    entry = services.start_entry(actor=plan.trainee, plan=plan)
    if choices:
        services.update_entry(actor=plan.trainee, entry=entry, **choices)
    services.submit_entry(actor=plan.trainee, entry=entry, consent=True)
    return services.publish_entry(actor=team, entry=entry)
