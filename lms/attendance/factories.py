"""Factories and helpers for attendance records, used by the tests and by seed_demo."""

import base64
import io
import math

import factory
from PIL import Image, ImageDraw

from lms.attendance.models import SessionMaterial


def signature_png_data_url(seed: int = 0) -> str:
    """A hand-like scribble as the signature pad would post it (PNG data URL)."""
    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = [(20 + x * 4, 50 + 25 * math.sin((x + seed * 3) / 5) * math.cos(x / 11)) for x in range(65)]
    draw.line(points, fill=(27, 27, 27, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def flipchart_png() -> bytes:
    """A plain flipchart-like picture for demo photo materials."""
    image = Image.new("RGB", (480, 320), (252, 252, 248))
    draw = ImageDraw.Draw(image)
    for row, colour in enumerate(((29, 79, 145), (176, 0, 32), (0, 110, 60))):
        draw.line([(40, 70 + row * 80), (440, 70 + row * 80)], fill=colour, width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class SessionMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionMaterial

    kind = SessionMaterial.Kind.NOTES
    title = factory.Sequence(lambda n: f"Notes {n}")
    text = "Ce que nous avons fait pendant la séance."
