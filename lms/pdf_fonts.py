"""The font of every PDF the platform draws (certificates, attendance sheets): Bitstream Vera,
shipped with reportlab, covers French accents and is embedded in the files."""

from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "EPoPVera"
FONT_BOLD = "EPoPVera-Bold"


def register_fonts() -> None:
    """Registers the regular and bold faces, and their family for <b> in paragraphs, once per process."""
    registered = pdfmetrics.getRegisteredFontNames()
    if FONT in registered and FONT_BOLD in registered:
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
