"""The attendance sheet (feuille d'émargement) of a scheduled session as a PDF, with reportlab."""

import io

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from lms.attendance.models import ATTESTATION_METHODS, PARIS, SignatureMethod
from lms.attendance.selectors import AttendanceSheet
from lms.attendance.templatetags.attendance_tags import hours
from lms.pdf_fonts import FONT, FONT_BOLD, register_fonts


def _local(value) -> str:
    return timezone.localtime(value, PARIS).strftime("%d/%m/%Y %H:%M")


def _signature_cell(cell, styles):
    record = cell.record
    if record is None:
        return Paragraph("—", styles["small"])
    signature = cell.signature
    parts = [record.get_status_display()]
    if record.minutes_missed:
        parts.append(f"{record.minutes_missed} min manquées")
    if record.reason:
        parts.append(f"Motif : {record.reason}")
    if signature is None:
        return Paragraph("<br/>".join(_escape(p) for p in parts), styles["small"])
    flowables = []
    if signature.method == SignatureMethod.DRAWN and signature.image:
        with signature.image.open("rb") as handle:
            data = io.BytesIO(handle.read())
        flowables.append(Image(data, width=38 * mm, height=14 * mm, kind="proportional"))
    else:
        label = signature.get_method_display()
        if signature.method == SignatureMethod.TYPED_NAME:
            label += f" : « {signature.typed_name} »"
        if signature.method in ATTESTATION_METHODS:
            label += f" par {signature.attester_name} ({signature.attestation_reason})"
        parts.insert(0, label)
    parts.append(f"Signé le {_local(signature.signed_at)}")
    flowables.append(Paragraph("<br/>".join(_escape(p) for p in parts), styles["small"]))
    return flowables


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attendance_sheet_pdf(sheet: AttendanceSheet) -> bytes:
    """Renders a session's attendance sheet: course, module, date, times, each trainee's signature
    (or signing method) per half-day, attended hours, trainers' countersignatures, organisation."""
    register_fonts()
    session = sheet.session
    styles = {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19, alignment=TA_LEFT),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5),
        "small": ParagraphStyle("small", fontName=FONT, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
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
    rows = [header]
    for row in sheet.rows:
        group = f"{_escape(row.group.name)}<br/>{_escape(row.course.title)}" if row.group else "—"
        line = [Paragraph(_escape(row.trainee.get_full_name()), styles["body"]), Paragraph(group, styles["small"])]
        line += [_signature_cell(cell, styles) for cell in row.cells]
        line.append(Paragraph(hours(row.hours), styles["body"]))
        rows.append(line)
    name_width = 50 * mm
    group_width = 50 * mm
    hours_width = 22 * mm
    slot_width = (document.width - name_width - group_width - hours_width) / max(1, len(sheet.columns))
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
