"""The fonts of every PDF the platform draws (certificates, attendance sheets).

A document whose text fits the Windows-1252 character set (all of French: accents, œ, « », €, the
typographic apostrophe and dashes) is drawn in Helvetica, one of the 14 standard PDF fonts that
every reader must provide: nothing is embedded, and its text extracts with its accents through the
standard WinAnsi encoding. Embedding and subsetting a TrueType font cost most of a certificate's
rendering time. A document with any other character (a name such as "Łukasz Čapek") embeds
Bitstream Vera, shipped with reportlab, so that every name prints as written.
"""

from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "EPoPVera"
FONT_BOLD = "EPoPVera-Bold"
STANDARD_FONT = "Helvetica"
STANDARD_FONT_BOLD = "Helvetica-Bold"


def register_fonts() -> None:
    """Registers the regular and bold faces, and their family for <b> in paragraphs, once per process."""
    registered = pdfmetrics.getRegisteredFontNames()
    if FONT in registered and FONT_BOLD in registered:
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def fits_standard_fonts(*texts: str) -> bool:
    """Whether every text can be drawn with the standard fonts (Windows-1252)."""
    try:
        for text in texts:
            text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def fonts_for(*texts: str) -> tuple[str, str]:
    """(regular, bold) font names for a document holding `texts`: the standard fonts when they fit,
    else the embedded TrueType faces."""
    if fits_standard_fonts(*texts):
        return STANDARD_FONT, STANDARD_FONT_BOLD
    register_fonts()
    return FONT, FONT_BOLD
