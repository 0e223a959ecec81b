"""Charts drawn on the server as inline SVG, no JavaScript: horizontal bars, each labelled directly
with its name and its figure (colour never carries the information alone), dark bars and text on
white (contrast well above 3:1). A hidden small count draws no bar and reads "< 5". Every chart has a
title, a text summary, and the same figures in a captioned HTML table beside it (the template)."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lms.reporting.catalogue import PERCENT

BAR_COLOUR = "#1d4f91"  # on white: 8.6:1
TEXT_COLOUR = "#1a1a1a"
AXIS_COLOUR = "#595959"  # 7:1
LABEL_WIDTH = 210
BAR_SPACE = 290
WIDTH = LABEL_WIDTH + BAR_SPACE + 80
ROW_HEIGHT = 30
LABEL_CHARS = 30


@dataclass
class Bar:
    label: str
    number: float | int | None
    display: str


@dataclass
class Chart:
    key: str
    title: str
    summary: str
    bars: list[Bar]
    unit: str
    svg: str


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(*, key: str, title: str, bars: list[Bar], unit: str) -> Chart:
    shown = [bar for bar in bars if bar.number is not None]
    top = 100 if unit == PERCENT else max([bar.number for bar in shown] + [1])
    height = ROW_HEIGHT * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{key}-title {key}-summary" class="chart" focusable="false">',
        f'<title id="{key}-svg-title">{escape(title)}</title>',
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height - 5}" stroke="{AXIS_COLOUR}" />',
    ]
    for index, bar in enumerate(bars):
        y = index * ROW_HEIGHT + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end" font-size="14" '
            f'fill="{TEXT_COLOUR}">{escape(_short(bar.label))}</text>'
        )
        width = 0 if bar.number is None else round(BAR_SPACE * min(bar.number, top) / top)
        if width:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width}" height="20" fill="{BAR_COLOUR}" />')
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 18}" font-size="14" font-weight="bold" '
            f'fill="{TEXT_COLOUR}">{escape(bar.display)}</text>'
        )
    parts.append("</svg>")
    return Chart(
        key=key, title=title, summary=summary(bars), bars=bars, unit=unit, svg=mark_safe("".join(parts))
    )  # fmt: skip


def summary(bars: list[Bar]) -> str:
    """One sentence on the figures: the highest and the lowest, and how many are hidden."""
    shown = [bar for bar in bars if bar.number is not None]
    hidden = sum(1 for bar in bars if bar.number is None)
    if not shown:
        text = _("Aucun chiffre à afficher.")
    elif len(shown) == 1:
        text = _("%(label)s : %(value)s.") % {"label": shown[0].label, "value": shown[0].display}
    else:
        high = max(shown, key=lambda bar: bar.number)
        low = min(shown, key=lambda bar: bar.number)
        text = _("Le plus élevé : %(high)s (%(high_value)s). Le plus bas : %(low)s (%(low_value)s).") % {
            "high": high.label,
            "high_value": high.display,
            "low": low.label,
            "low_value": low.display,
        }
    if hidden:
        text += " " + _("Chiffres masqués ou sans objet : %(count)s.") % {"count": hidden}
    return text
