"""Reading the issued PDFs back: text, metadata, fonts, images and the QR code drawn on the page."""

import io

import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream


def reader(field_file) -> PdfReader:
    with field_file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def text_of(pdf: PdfReader) -> str:
    """All pages' text with whitespace collapsed, so that wrapped lines read as one sentence."""
    return " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)


def xobjects(page) -> dict:
    resources = page["/Resources"]
    return {name: obj.get_object() for name, obj in resources.get("/XObject", {}).items()}


def fonts(page) -> list:
    return [font.get_object() for font in page["/Resources"]["/Font"].values()]


def qr_text(page, pdf: PdfReader) -> list[str]:
    """Rebuilds the QR code from the rectangles drawn in the page's QR form and decodes it."""
    form = next(obj for name, obj in xobjects(page).items() if "verificationqr" in name)
    rects = [
        [float(value) for value in operands]
        for operands, operator in ContentStream(form, pdf).operations
        if operator == b"re"
    ]
    size = int(round(float(form["/BBox"][2])))
    scale, quiet = 6, 4
    side = (size + 2 * quiet) * scale
    image = Image.new("L", (side, side), 255)
    pixels = image.load()
    for x, y, width, height in rects:
        for column in range(int(x), int(x + width)):
            for row in range(int(y), int(y + height)):
                top = size - 1 - row  # PDF y grows upwards
                for dx in range(scale):
                    for dy in range(scale):
                        pixels[(column + quiet) * scale + dx, (top + quiet) * scale + dy] = 0
    return [result.text for result in zxingcpp.read_barcodes(image)]
