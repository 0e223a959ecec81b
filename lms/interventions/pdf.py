"""The expense statement (état de frais) of an intervention request as a PDF, with reportlab: each
line with its payer and decision, the totals by status and by payer."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from lms.interventions.selectors import Totals
from lms.pdf_fonts import fonts_for


def _money(value) -> str:
    return f"{value:.2f} €".replace(".", ",")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def expense_statement(request, lines, totals: Totals, *, peer=None) -> bytes:
    """The statement's bytes: who, what, each line, the totals."""
    title = _("État de frais — demande d'intervention n° %(number)s") % {"number": request.pk}
    rows = [
        [
            line.spent_on.strftime("%d/%m/%Y"),
            str(line.get_kind_display()),
            line.description,
            str(line.get_payer_display()),
            str(line.get_status_display()),
            _money(line.amount),
        ]
        for line in lines
    ]
    texts = [title, request.organisation_name, request.place, str(peer or "")] + [cell for row in rows for cell in row]
    regular, bold = fonts_for(*texts)
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=6),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11),
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
        title=title, author="EPoP",
    )  # fmt: skip
    story = [Paragraph(_escape(title), styles["title"])]
    facts = [
        (_("Structure"), request.organisation_name),
        (_("Lieu"), request.place),
        (_("Région"), request.region.name),
        (_("Intervenant-pair"), peer.get_full_name() if peer else "—"),
        (_("Étape"), str(request.get_stage_display())),
        (_("Établi le"), timezone.localtime().strftime("%d/%m/%Y %H:%M")),
    ]
    for label, value in facts:
        story.append(Paragraph(f"<b>{_escape(label)}</b> : {_escape(value)}", styles["body"]))
    story.append(Spacer(1, 6 * mm))
    header = [_("Date"), _("Nature"), _("Détail"), _("Qui paie"), _("Décision"), _("Montant")]
    body = [
        [Paragraph(_escape(cell), styles["cell"]) if index == 2 else cell for index, cell in enumerate(row)]
        for row in rows
    ]
    if not body:
        body = [[_("Aucune dépense."), "", "", "", "", ""]]
    table = Table([header, *body], colWidths=[20 * mm, 28 * mm, 52 * mm, 30 * mm, 22 * mm, 22 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), bold, 9),
                ("FONT", (0, 1), (-1, -1), regular, 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [table, Spacer(1, 6 * mm)]
    summary = [
        (_("Total des frais déclarés"), _money(totals.submitted)),
        (_("Total validé"), _money(totals.approved)),
        (_("Total refusé"), _money(totals.refused)),
    ]
    summary += [
        (_("Validé, payé par %(payer)s") % {"payer": payer.lower()}, _money(amount))
        for payer, amount in totals.by_payer
    ]
    if totals.budget is not None:
        summary.append((_("Budget prévu par le partenaire"), _money(totals.budget)))
    for label, value in summary:
        story.append(Paragraph(f"{_escape(label)} : <b>{_escape(value)}</b>", styles["body"]))
    document.build(story)
    return buffer.getvalue()
