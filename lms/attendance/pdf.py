"""The attendance sheet (feuille d'émargement) of a scheduled session as a PDF, with reportlab."""

import io

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from lms.attendance.models import ATTESTATION_METHODS, PARIS, AttendanceStatus, SignatureMethod
from lms.attendance.selectors import AttendanceSheet
from lms.attendance.templatetags.attendance_tags import hours
from lms.pdf_fonts import fonts_for


def _local(value) -> str:
    return timezone.localtime(value, PARIS).strftime("%d/%m/%Y %H:%M")


SIGNATURE_WIDTH = 38 * mm
SIGNATURE_HEIGHT = 14 * mm
# Cell padding on both sides (reportlab's default is 6 points left and right).
CELL_PADDING = 12


def _text_cell(lines: list[str], style: ParagraphStyle, width: float):
    """Short lines as a plain table string (drawn with the column's font, no paragraph to parse
    and break); a paragraph only when a line would not fit the column and must wrap."""
    if all(stringWidth(line, style.fontName, style.fontSize) <= width - CELL_PADDING for line in lines):
        return "\n".join(lines)
    return Paragraph("<br/>".join(_escape(line) for line in lines), style)


class _DrawnSignature(Flowable):
    """A drawn signature above its short caption lines, drawn straight on the canvas: a picture
    and a paragraph per cell made a 70-trainee sheet spend most of its time breaking lines."""

    def __init__(self, image: ImageReader, lines: list[str], style: ParagraphStyle):
        super().__init__()
        self.image, self.lines, self.style = image, lines, style
        width, height = image.getSize()
        self.image_height = SIGNATURE_HEIGHT
        self.image_width = min(SIGNATURE_WIDTH, width * SIGNATURE_HEIGHT / height) if height else SIGNATURE_WIDTH

    def wrap(self, available_width, available_height):
        return self.image_width, self.image_height + 2 + len(self.lines) * self.style.leading

    def draw(self):
        canvas = self.canv
        height = self.image_height + 2 + len(self.lines) * self.style.leading
        canvas.drawImage(self.image, 0, height - self.image_height, self.image_width, self.image_height, mask="auto")
        canvas.setFont(self.style.fontName, self.style.fontSize)
        y = height - self.image_height - 2 - self.style.fontSize
        for line in self.lines:
            canvas.drawString(0, y, line)
            y -= self.style.leading


def _signature_cell(cell, styles, width, labels):
    record = cell.record
    if record is None:
        return "—"
    signature = cell.signature
    parts = [labels["status"].get(record.status, record.status)]
    if record.minutes_missed:
        parts.append(f"{record.minutes_missed} min manquées")
    if record.reason:
        parts.append(f"Motif : {record.reason}")
    if signature is None:
        return _text_cell(parts, styles["small"], width)
    flowables = []
    image = None
    if signature.method == SignatureMethod.DRAWN and signature.image:
        with signature.image.open("rb") as handle:
            data = io.BytesIO(handle.read())
        image = ImageReader(data)
        flowables.append(
            Image(io.BytesIO(data.getvalue()), width=SIGNATURE_WIDTH, height=SIGNATURE_HEIGHT, kind="proportional")
        )
    else:
        label = labels["method"].get(signature.method, signature.method)
        if signature.method == SignatureMethod.TYPED_NAME:
            label += f" : « {signature.typed_name} »"
        if signature.method in ATTESTATION_METHODS:
            label += f" par {signature.attester_name} ({signature.attestation_reason})"
        parts.insert(0, label)
    parts.append(f"Signé le {_local(signature.signed_at)}")
    if image is None:
        return _text_cell(parts, styles["small"], width)
    style = styles["small"]
    if all(stringWidth(line, style.fontName, style.fontSize) <= width - CELL_PADDING for line in parts):
        return _DrawnSignature(image, parts, style)
    flowables.append(Paragraph("<br/>".join(_escape(p) for p in parts), styles["small"]))
    return flowables


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sheet_texts(sheet: AttendanceSheet) -> list[str]:
    """Every text of the sheet that comes from the records (the fixed wording is French)."""
    session = sheet.session
    texts = [session.session_page.title, str(session.venue or "")]
    texts += [course.title for course in sheet.courses] + [group.name for group in sheet.groups]
    texts += [organisation.name for organisation in sheet.organisations]
    texts += [person.get_full_name() for person in sheet.trainers]
    for column in sheet.columns:
        if column.slot is not None and column.slot.closed_by is not None:
            texts.append(column.slot.closed_by.get_full_name())
    for row in sheet.rows:
        texts.append(row.trainee.get_full_name())
        for cell in row.cells:
            if cell.record is not None:
                texts.append(cell.record.reason)
            if cell.signature is not None:
                signature = cell.signature
                texts += [signature.typed_name, signature.attester_name, signature.attestation_reason]
    return texts


def attendance_sheet_pdf(sheet: AttendanceSheet) -> bytes:
    """Renders a session's attendance sheet: course, module, date, times, each trainee's signature
    (or signing method) per half-day, attended hours, trainers' countersignatures, organisation."""
    session = sheet.session
    font, bold_font = fonts_for(*_sheet_texts(sheet))
    styles = {
        "title": ParagraphStyle("title", fontName=bold_font, fontSize=15, leading=19, alignment=TA_LEFT),
        "body": ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5),
        "small": ParagraphStyle("small", fontName=font, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=bold_font, fontSize=8.5, leading=10.5),
    }
    organisations = ", ".join(o.name for o in sheet.organisations)
    title = f"Feuille d'émargement — {session.session_page.title} — {session.date:%d/%m/%Y}"
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=title,
        author=organisations or "EPoP formations",
        subject=f"Émargement par demi-journée — {', '.join(c.title for c in sheet.courses)}",
        creator="EPoP formations",
        lang="fr-FR",
        initialFontName=font,
        initialFontSize=9.5,
    )
    venue = str(session.venue) if session.venue else ("À distance" if session.remote_url else "—")
    story = [
        Paragraph(_escape("Feuille d'émargement"), styles["title"]),
        Spacer(1, 3 * mm),
        Paragraph(
            f"<b>{'Formations (séance commune)' if len(sheet.courses) > 1 else 'Formation'} :</b> "
            f"{_escape(', '.join(c.title for c in sheet.courses) or '—')}",
            styles["body"],
        ),
        Paragraph(f"<b>Module :</b> {_escape(session.session_page.title)}", styles["body"]),
        Paragraph(
            f"<b>Date :</b> {session.date:%d/%m/%Y} — <b>Horaires :</b> "
            f"{session.start_time:%H:%M} à {session.end_time:%H:%M} — <b>Lieu :</b> {_escape(venue)}",
            styles["body"],
        ),
        Paragraph(f"<b>Groupe(s) :</b> {_escape(', '.join(g.name for g in sheet.groups))}", styles["body"]),
        Paragraph(f"<b>Organisme de formation :</b> {_escape(organisations or '—')}", styles["body"]),
        Spacer(1, 4 * mm),
    ]
    header = [Paragraph("Stagiaire", styles["head"]), Paragraph("Groupe et formation", styles["head"])]
    for column in sheet.columns:
        header.append(
            Paragraph(f"{_escape(column.label)} ({column.start_time:%H:%M}–{column.end_time:%H:%M})", styles["head"])
        )
    header.append(Paragraph("Heures de présence", styles["head"]))
    name_width = 50 * mm
    group_width = 50 * mm
    hours_width = 22 * mm
    slot_width = (document.width - name_width - group_width - hours_width) / max(1, len(sheet.columns))
    # Choice labels translated once: get_FOO_display() hashes every lazy label on each call.
    labels = {
        "status": {value: str(label) for value, label in AttendanceStatus.choices},
        "method": {value: str(label) for value, label in SignatureMethod.choices},
    }
    rows = [header]
    group_cells = {}
    for row in sheet.rows:
        if row.group is None:
            group_cell = "—"
        else:
            # Most rows share their group: one wrapped paragraph per group, drawn in each of its rows.
            group_cell = group_cells.get(row.group.pk)
            if group_cell is None:
                group_cell = group_cells[row.group.pk] = _text_cell(
                    [row.group.name, row.course.title], styles["small"], group_width
                )
        line = [_text_cell([row.trainee.get_full_name()], styles["body"], name_width), group_cell]
        line += [_signature_cell(cell, styles, slot_width, labels) for cell in row.cells]
        line.append(hours(row.hours))
        rows.append(line)
    table = Table(
        rows,
        colWidths=[name_width, group_width] + [slot_width] * len(sheet.columns) + [hours_width],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # Plain-string cells take these fonts: the paragraphs' styles, column by column.
                ("FONT", (0, 0), (-1, 0), bold_font, styles["head"].fontSize, styles["head"].leading),
                ("FONT", (0, 1), (0, -1), font, styles["body"].fontSize, styles["body"].leading),
                ("FONT", (1, 1), (-2, -1), font, styles["small"].fontSize, styles["small"].leading),
                ("FONT", (-1, 1), (-1, -1), font, styles["body"].fontSize, styles["body"].leading),
            ]
        )
    )
    story += [table, Spacer(1, 5 * mm)]
    trainers = ", ".join(person.get_full_name() for person in sheet.trainers) or "—"
    story.append(Paragraph(f"<b>Formateurs :</b> {_escape(trainers)}", styles["body"]))
    for column in sheet.columns:
        slot = column.slot
        if slot is not None and slot.is_closed:
            text = f"{column.label} : contresigné par {slot.closed_by.get_full_name()} le {_local(slot.closed_at)}"
        else:
            text = f"{column.label} : non contresigné"
        story.append(Paragraph(_escape(text), styles["body"]))
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            _escape(f"Document établi le {_local(timezone.now())} par la plateforme EPoP formations."),
            styles["small"],
        )
    )
    document.build(story)
    return buffer.getvalue()
