"""A funder report as a PDF, with reportlab, drawn from its frozen snapshot (never recomputed): the
region, the year, the version and its date, the path of the trainees and the table by territory."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from lms.pdf_fonts import fonts_for
from lms.reporting.models import FunderReport


def _frozen() -> str:
    return _("Chiffres figés le %(date)s. Un chiffre qui concerne moins de 5 personnes est masqué (« < 5 »).")


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def funder_report_pdf(report: FunderReport) -> bytes:
    figures = report.figures
    title = _("Rapport au financeur — %(region)s, %(year)s (version %(version)s)") % {
        "region": report.region.name,
        "year": report.year,
        "version": report.version,
    }
    header = [figures["dimension"]] + [column["label"] for column in figures["columns"]]
    lines = [[row["label"]] + row["cells"] for row in figures["rows"]]
    lines.append([figures["total"]["label"]] + figures["total"]["cells"])
    texts = [title, *header] + [str(cell) for line in lines for cell in line]
    regular, bold = fonts_for(*texts)
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=6),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8, leading=10),
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
        bottomMargin=12 * mm, title=title, author="EPoP",
    )  # fmt: skip
    issued = timezone.localtime(report.issued_at).strftime("%d/%m/%Y %H:%M")
    story = [
        Paragraph(_escape(title), styles["title"]),
        Paragraph(
            _escape(
                _("Chiffres figés le %(date)s. Un chiffre qui concerne moins de 5 personnes est masqué (« < 5 »).")
                % {"date": issued}
            ),
            styles["body"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(_escape(_("Parcours des stagiaires")), styles["head"]),
    ]
    funnel = Table([[_escape(step["label"]), _escape(step["value"])] for step in figures["funnel"]])
    funnel.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), regular), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    story += [funnel, Spacer(1, 5 * mm)]
    table = Table(
        [[Paragraph(_escape(text), styles["head"]) for text in header]]
        + [[Paragraph(_escape(cell), styles["cell"]) for cell in line] for line in lines],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    document.build(story)
    return buffer.getvalue()
