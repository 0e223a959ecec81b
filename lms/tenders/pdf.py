"""The award and rejection letters of a call for tenders as PDFs, with reportlab: the decision, the
reasons (requirements failed, or the bid's scores and rank), the winner's name and scores; and the
analysis report with the evaluators' scores and the team's consolidated marks and justifications."""

import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from lms.pdf_fonts import fonts_for
from lms.tenders.models import Bid, ComplianceResult, Procedure

# Formal procedures: the contract is not signed before this many days after the letters (délai de
# suspension, code de la commande publique, art. R2182-1).
STANDSTILL_DAYS = 11


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _points(value) -> str:
    return f"{value:.2f}".replace(".", ",")


def _mark(value) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _score_lines(row) -> list[str]:
    lines = [_("Prix : %(points)s points") % {"points": _points(row.price_points)}]
    for criterion, points, _scores in row.quality:
        lines.append(
            _("%(criterion)s : %(points)s points sur %(weight)s")
            % {"criterion": criterion.label, "points": _points(points or 0), "weight": criterion.weight}
        )
    lines.append(_("Total : %(points)s points sur 100") % {"points": _points(row.total)})
    return lines


def letter(bid: Bid, ranking: list, *, results: list[ComplianceResult], compress: bool = True) -> bytes:
    """The letter's bytes for `bid`: award when it won its lot, rejection otherwise."""
    lot, call = bid.lot, bid.lot.call
    won = lot.awarded_bid_id == bid.pk
    own = next((row for row in ranking if row.bid.pk == bid.pk), None)
    winner = next((row for row in ranking if row.bid.pk == lot.awarded_bid_id), None)
    title = _("Lettre d'attribution") if won else _("Lettre de rejet de votre offre")
    paragraphs = [
        _("Appel d'offres : %(title)s (%(region)s)") % {"title": call.title, "region": call.region.name},
        str(lot),
        _("Organisme : %(name)s") % {"name": bid.organisation.name},
        _("Offre déposée le %(date)s, empreinte SHA-256 %(digest)s")
        % {"date": timezone.localtime(bid.submitted_at).strftime("%d/%m/%Y %H:%M"), "digest": bid.digest},
    ]
    if won:
        paragraphs.append(_("Votre offre est retenue pour ce lot, classée 1re."))
        if own:
            paragraphs += _score_lines(own)
        paragraphs.append(_("Le groupe de formation du lot est créé sur la plateforme à votre nom."))
    elif bid.compliance == Bid.Compliance.SET_ASIDE:
        paragraphs.append(_("Votre offre est écartée : elle ne respecte pas le cahier des charges."))
        for result in results:
            if result.outcome == ComplianceResult.Outcome.FAIL:
                paragraphs.append(
                    _("Motif, %(code)s : %(evidence)s") % {"code": result.requirement.code, "evidence": result.evidence}
                )
    else:
        paragraphs.append(
            _("Votre offre n'est pas retenue : elle est classée %(rank)s sur %(count)s.")
            % {"rank": own.rank if own else "—", "count": len(ranking)}
        )
        if own:
            paragraphs += _score_lines(own)
    if not won and winner:
        paragraphs.append(
            _("Offre retenue : %(name)s, %(points)s points sur 100.")
            % {"name": winner.bid.organisation.name, "points": _points(winner.total)}
        )
        paragraphs += _score_lines(winner)
    if call.procedure == Procedure.FORMAL and lot.awarded_at:
        end = timezone.localtime(lot.awarded_at).date() + datetime.timedelta(days=STANDSTILL_DAYS)
        paragraphs.append(
            _("Le marché ne sera pas signé avant le %(date)s (délai de suspension de %(days)s jours).")
            % {"date": end.strftime("%d/%m/%Y"), "days": STANDSTILL_DAYS}
        )
    paragraphs.append(_("Établie le %(date)s.") % {"date": timezone.localtime().strftime("%d/%m/%Y")})
    return _letter_pdf(title, paragraphs, compress=compress)


def _letter_pdf(title: str, paragraphs: list[str], *, compress: bool = True) -> bytes:
    """A one-column letter: its title, then one paragraph per line, in fonts that hold every character."""
    regular, bold = fonts_for(title, *paragraphs)
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=6),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceAfter=3),
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
        title=title, author="EPoP", pageCompression=1 if compress else 0,
    )  # fmt: skip
    story = [Paragraph(_escape(title), styles["title"]), Spacer(1, 3 * mm)]
    story += [Paragraph(_escape(text), styles["body"]) for text in paragraphs]
    document.build(story)
    return buffer.getvalue()


def analysis_report(call, lot_rows: list[dict]) -> bytes:
    """The analysis report of a call: per lot, each bid's compliance with its evidence, the ranking
    with each criterion's points, the evaluators' justifications, the consolidated marks with their
    justifications and the decision."""
    title = _("Rapport d'analyse des offres")
    paragraphs = [
        ("body", _("Appel d'offres : %(title)s (%(region)s)") % {"title": call.title, "region": call.region.name}),
        ("body", _("Procédure : %(procedure)s") % {"procedure": call.get_procedure_display()}),
    ]
    for row in lot_rows:
        lot = row["lot"]
        paragraphs.append(("heading", str(lot)))
        for bid in row["bids"]:
            paragraphs.append(("bold", _("Offre de %(name)s : %(status)s") % {
                "name": bid.organisation.name, "status": bid.get_compliance_display(),
            }))  # fmt: skip
            for result in bid.compliance_results.all():
                paragraphs.append(
                    ("body", f"{result.requirement.code} — {result.get_outcome_display()} : {result.evidence}")
                )
        for rank in row["ranking"]:
            paragraphs.append(("bold", _("Rang %(rank)s : %(name)s, %(points)s points sur 100") % {
                "rank": rank.rank, "name": rank.bid.organisation.name, "points": _points(rank.total),
            }))  # fmt: skip
            paragraphs += [("body", line) for line in _score_lines(rank)[:-1]]
            for criterion, _points_value, scores in rank.quality:
                for score in scores:
                    paragraphs.append(("body", _("%(criterion)s, %(evaluator)s : %(mark)s/10 — %(justification)s") % {
                        "criterion": criterion.label, "evaluator": score.evaluator.get_full_name(),
                        "mark": _mark(score.mark), "justification": score.justification,
                    }))  # fmt: skip
                consolidation = rank.consolidations.get(criterion.pk)
                if consolidation:
                    paragraphs.append(("body", _(
                        "%(criterion)s, note consolidée par l'équipe régionale : %(mark)s/10 — %(justification)s"
                    ) % {
                        "criterion": criterion.label, "mark": _mark(consolidation.mark),
                        "justification": consolidation.justification,
                    }))  # fmt: skip
                else:
                    paragraphs.append(
                        ("body", _("%(criterion)s : notes pas encore consolidées.") % {"criterion": criterion.label})
                    )
        if lot.awarded_bid_id:
            decision = _("Décision : lot attribué à %(name)s le %(date)s.") % {
                "name": lot.awarded_bid.organisation.name,
                "date": timezone.localtime(lot.awarded_at).strftime("%d/%m/%Y"),
            }
        else:
            decision = _("Décision : lot pas encore attribué.")
        paragraphs.append(("bold", decision))
    paragraphs.append(("body", _("Établi le %(date)s.") % {"date": timezone.localtime().strftime("%d/%m/%Y")}))
    regular, bold = fonts_for(title, *(text for _style, text in paragraphs))
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=6),
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
        "bold": ParagraphStyle("bold", fontName=bold, fontSize=10, leading=14, spaceBefore=4),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9, leading=12, spaceAfter=2),
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
        title=title, author="EPoP",
    )  # fmt: skip
    story = [Paragraph(_escape(title), styles["title"])]
    story += [Paragraph(_escape(text), styles[style]) for style, text in paragraphs]
    document.build(story)
    return buffer.getvalue()


def abandonment_letter(bid: Bid) -> bytes:
    """The letter telling a bidder that the call was declared abandoned, with its reason."""
    lot, call = bid.lot, bid.lot.call
    title = _("Lettre de déclaration sans suite")
    paragraphs = [
        _("Appel d'offres : %(title)s (%(region)s)") % {"title": call.title, "region": call.region.name},
        str(lot),
        _("Organisme : %(name)s") % {"name": bid.organisation.name},
        _("Offre déposée le %(date)s, empreinte SHA-256 %(digest)s")
        % {"date": timezone.localtime(bid.submitted_at).strftime("%d/%m/%Y %H:%M"), "digest": bid.digest},
        _("L'appel d'offres est déclaré sans suite le %(date)s.")
        % {"date": timezone.localtime(call.abandoned_at).strftime("%d/%m/%Y")},
        _("Motif : %(reason)s") % {"reason": call.abandon_reason},
        _("Aucun lot de cet appel d'offres ne sera attribué : votre offre ne recevra pas de suite."),
        _("Établie le %(date)s.") % {"date": timezone.localtime().strftime("%d/%m/%Y")},
    ]
    return _letter_pdf(title, paragraphs)
