"""The two PDF documents (attestation de fin de formation, certificat de réalisation), drawn with
reportlab's canvas in an embedded font that covers French accents, with a QR code to the public
verification page."""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

import segno
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from lms.formats import format_hours
from lms.pdf_fonts import fonts_for

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BRAND = HexColor("#123563")
QR_FORM_NAME = "verificationqr"

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

NATURES = [
    ("formation", "action de formation"),
    ("bilan", "bilan de compétences"),
    ("vae", "action de validation des acquis de l'expérience"),
    ("apprentissage", "action de formation par apprentissage"),
]

RETENTION_COMMITMENT = (
    "Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je m'engage à "
    "conserver l'ensemble des pièces justificatives qui ont permis d'établir le présent certificat pendant "
    "une durée de 3 ans à compter de la fin de l'année du dernier paiement. En cas de cofinancement des fonds "
    "européens, la durée de conservation est étendue conformément aux obligations conventionnelles spécifiques."
)


def french_date(value: datetime.date | None) -> str:
    """12 mars 2027; 1er for the first day of the month."""
    if value is None:
        return "—"
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def french_hours(value: Decimal) -> str:
    """35 h ; 27 h 30: the platform's one way of writing hours, as on the pages."""
    return format_hours(value)


@dataclass
class DocumentData:
    """Everything a certificate's two documents print; built from the database by the services, or
    by hand in the benchmark."""

    code: str
    verification_url: str
    trainee_name: str
    course_title: str
    organisation_name: str
    organisation_address: str
    organisation_siret: str
    organisation_nda: str
    signatory_name: str
    signatory_title: str
    place: str
    start_date: datetime.date
    end_date: datetime.date
    hours: Decimal
    planned_hours: Decimal
    issued_on: datetime.date
    objectives: list[tuple[str, str]] = field(default_factory=list)
    results: list[tuple[str, str, str]] = field(default_factory=list)
    stamp: bytes | None = None
    signature: bytes | None = None


def qr_matrix(url: str) -> tuple:
    """The QR code's modules for `url` (rows of 0/1), computed once, medium error correction."""
    # A fixed mask is valid QR and skips the scoring of all eight masks, 5x the cost of the encoding.
    return segno.make(url, error="m", micro=False, mask=0).matrix


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """Draws the QR code as one filled path (a rectangle per run of dark modules) inside a form
    XObject, scaled to `size` points with its lower-left corner at (x, y)."""
    matrix = qr_matrix(url)
    count = len(matrix)
    # Defined once per document, then reused on every page.
    if not getattr(canvas, "_epop_qr_defined", False):
        _define_qr_form(canvas, matrix)
        canvas._epop_qr_defined = True
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / count, size / count)
    canvas.doForm(QR_FORM_NAME)
    canvas.restoreState()


def _define_qr_form(canvas: Canvas, matrix) -> None:
    count = len(matrix)
    canvas.beginForm(QR_FORM_NAME, lowerx=0, lowery=0, upperx=count, uppery=count)
    # The path written as PDF operators ("x y w h re", then one fill): integer module coordinates,
    # and reportlab's path objects cost more than the whole rest of the page.
    operators = []
    for row_index, row in enumerate(matrix):
        y_module = count - 1 - row_index
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                operators.append(f"{start} {y_module} {column - start} 1 re")
            else:
                column += 1
    canvas.setFillColor(black)
    canvas.addLiteral("\n".join(operators) + "\nf")
    canvas.endForm()


class _Writer:
    """A top-down text cursor on a canvas, turning the page when the text reaches the footer."""

    def __init__(self, canvas: Canvas, footer):
        self.canvas = canvas
        self.footer = footer
        self.font, self.bold_font = canvas._epop_fonts
        self.y = PAGE_HEIGHT - MARGIN

    def ensure(self, height: float) -> None:
        if self.y - height < MARGIN + 42 * mm:
            self.footer()
            self.canvas.showPage()
            self.y = PAGE_HEIGHT - MARGIN

    def text(self, text: str, *, size: float = 11, bold: bool = False, indent: float = 0, after: float = 4) -> None:
        font = self.bold_font if bold else self.font
        leading = size * 1.35
        lines = simpleSplit(text, font, size, TEXT_WIDTH - indent)
        for line in lines:
            self.ensure(leading)
            self.canvas.setFont(font, size)
            self.y -= leading
            self.canvas.drawString(MARGIN + indent, self.y, line)
        self.y -= after

    def centred(self, text: str, *, size: float, bold: bool = True, after: float = 8) -> None:
        font = self.bold_font if bold else self.font
        self.ensure(size * 1.4)
        self.canvas.setFont(font, size)
        self.canvas.setFillColor(BRAND)
        self.y -= size * 1.4
        self.canvas.drawCentredString(PAGE_WIDTH / 2, self.y, text)
        self.canvas.setFillColor(black)
        self.y -= after

    def checkbox(self, label: str, checked: bool) -> None:
        size = 11
        self.ensure(size * 1.6)
        self.y -= size * 1.6
        box = 3.6 * mm
        self.canvas.rect(MARGIN + 6 * mm, self.y - 0.8 * mm, box, box, stroke=1, fill=0)
        if checked:
            # A printed X inside the box: visible on paper and readable as text by screen readers.
            self.canvas.setFont(self.bold_font, 10)
            self.canvas.drawCentredString(MARGIN + 6 * mm + box / 2, self.y, "X")
        self.canvas.setFont(self.font, size)
        self.canvas.drawString(MARGIN + 12 * mm, self.y, label)


def _image(data: bytes | None) -> ImageReader | None:
    return ImageReader(io.BytesIO(data)) if data else None


def _document_texts(data: DocumentData) -> list[str]:
    """Every text a document may print that comes from the data (the fixed wording is French)."""
    texts = [str(value) for value in vars(data).values() if isinstance(value, str)]
    for row in (*data.objectives, *data.results):
        texts += [str(part) for part in row]
    return texts


def _new_canvas(buffer, data: DocumentData, title: str, subject: str) -> Canvas:
    font, bold_font = fonts_for(*_document_texts(data))
    canvas = Canvas(buffer, pagesize=A4, lang="fr-FR", pageCompression=1, initialFontName=font, initialFontSize=11)
    canvas._epop_fonts = (font, bold_font)
    canvas.setTitle(f"{title} — {data.trainee_name}")
    canvas.setAuthor(data.organisation_name)
    canvas.setSubject(subject)
    canvas.setKeywords(["EPoP", "formation", title, data.code])
    canvas.setCreator("EPoP formations")
    return canvas


def _footer_factory(canvas: Canvas, data: DocumentData, with_qr: bool):
    def footer():
        canvas.setFont(canvas._epop_fonts[0], 9)
        canvas.setFillColor(black)
        text_x = MARGIN
        if with_qr:
            draw_qr(canvas, data.verification_url, PAGE_WIDTH - MARGIN - 28 * mm, MARGIN, 28 * mm)
        canvas.drawString(text_x, MARGIN + 18 * mm, "Vérifier l'authenticité de ce document :")
        canvas.drawString(text_x, MARGIN + 13 * mm, data.verification_url)
        canvas.drawString(text_x, MARGIN + 8 * mm, f"Code de vérification : {data.code}")

    return footer


def _signature_block(writer: _Writer, data: DocumentData, *, caption: str) -> None:
    canvas = writer.canvas
    writer.ensure(48 * mm)
    writer.text(f"Fait à : {data.place}", after=2)
    writer.text(f"Le : {french_date(data.issued_on)}", after=6)
    writer.text(caption, size=10, bold=True, after=2)
    if data.signatory_title:
        writer.text(f"{data.signatory_name}, {data.signatory_title}", size=10, after=2)
    else:
        writer.text(data.signatory_name, size=10, after=2)
    top = writer.y
    stamp = _image(data.stamp)
    signature = _image(data.signature)
    if stamp is not None:
        canvas.drawImage(stamp, MARGIN, top - 28 * mm, 40 * mm, 26 * mm, mask="auto", preserveAspectRatio=True)
    if signature is not None:
        canvas.drawImage(
            signature, MARGIN + 48 * mm, top - 26 * mm, 50 * mm, 24 * mm, mask="auto", preserveAspectRatio=True
        )
    writer.y = top - 30 * mm


def render_realisation(data: DocumentData, *, with_qr: bool = True) -> bytes:
    """The certificat de réalisation, following the ministry's model wording."""
    buffer = io.BytesIO()
    canvas = _new_canvas(
        buffer,
        data,
        "Certificat de réalisation",
        f"Certificat de réalisation de l'action « {data.course_title} »",
    )
    footer = _footer_factory(canvas, data, with_qr)
    writer = _Writer(canvas, footer)
    writer.centred("CERTIFICAT DE RÉALISATION", size=18, after=14)
    writer.text(
        f"Je soussigné(e) {data.signatory_name}, représentant légal du dispensateur de l'action concourant au "
        f"développement des compétences {data.organisation_name},",
        after=8,
    )
    writer.text("atteste que :", after=4)
    writer.text(data.trainee_name, bold=True, size=12, indent=6 * mm, after=8)
    writer.text(f"a suivi l'action : {data.course_title}", after=8)
    writer.text("Nature de l'action concourant au développement des compétences :", after=2)
    for key, label in NATURES:
        writer.checkbox(label, key == "formation")
    writer.y -= 8
    writer.text(
        f"qui s'est déroulée du {french_date(data.start_date)} au {french_date(data.end_date)}",
        after=2,
    )
    writer.text(f"pour une durée de {french_hours(data.hours)}.", after=10)
    writer.text(RETENTION_COMMITMENT, size=9, after=10)
    _signature_block(writer, data, caption="Cachet et signature du responsable du dispensateur de formation")
    footer()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_attestation(data: DocumentData, *, with_qr: bool = True) -> bytes:
    """The attestation de fin de formation: the action, its objectives and the evaluation results."""
    buffer = io.BytesIO()
    canvas = _new_canvas(
        buffer,
        data,
        "Attestation de fin de formation",
        f"Attestation de fin de formation « {data.course_title} »",
    )
    footer = _footer_factory(canvas, data, with_qr)
    writer = _Writer(canvas, footer)
    writer.text(data.organisation_name, bold=True, after=1)
    for line in (
        data.organisation_address,
        f"SIRET : {data.organisation_siret}" if data.organisation_siret else "",
        f"Déclaration d'activité : {data.organisation_nda}" if data.organisation_nda else "",
    ):
        if line:
            writer.text(line, size=9, after=1)
    writer.y -= 8
    writer.centred("ATTESTATION DE FIN DE FORMATION", size=18, after=12)
    writer.text(f"{data.organisation_name} atteste que", after=4)
    writer.text(data.trainee_name, bold=True, size=12, indent=6 * mm, after=6)
    writer.text(f"a suivi la formation : {data.course_title}", after=8)
    writer.text(
        "Nature de l'action : action de formation (article L. 6313-1 du code du travail), "
        "en présentiel, avec des travaux entre les séances.",
        after=4,
    )
    writer.text(f"Dates : du {french_date(data.start_date)} au {french_date(data.end_date)}", after=4)
    writer.text(
        f"Durée : {french_hours(data.hours)} réalisées, pour une durée prévue de {french_hours(data.planned_hours)}.",
        after=10,
    )
    writer.text("Objectifs de la formation", bold=True, size=12, after=4)
    if data.objectives:
        for code, wording in data.objectives:
            writer.text(f"{code} — {wording}", size=10, indent=4 * mm, after=2)
    else:
        writer.text("Les objectifs figurent au programme de la formation.", size=10, indent=4 * mm, after=2)
    writer.y -= 8
    writer.text("Résultats de l'évaluation des acquis", bold=True, size=12, after=4)
    if data.results:
        for code, wording, level in data.results:
            writer.text(f"{code} — {wording} : {level}", size=10, indent=4 * mm, after=2)
    else:
        writer.text("Aucune évaluation finale n'a été enregistrée.", size=10, indent=4 * mm, after=2)
    writer.y -= 10
    _signature_block(writer, data, caption="Pour l'organisme de formation")
    footer()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
