"""Server-rendered SVG charts (no JavaScript): horizontal bars, suppressed values drawn as "< k".

Phone first: each row's label sits on its own line above its bars, so the drawing is only
:data:`WIDTH` units wide and scales to the card through its ``viewBox`` (CSS ``width: 100%``). At a
390 px phone the 13-unit labels stay at about 12 px instead of shrinking with a wide fixed canvas.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

COLOURS = ("#2f6f8f", "#6b8e23", "#c8553d")
WIDTH = 360  # viewBox units; the SVG scales to the card
BAR_H, BAR_GAP, ROW_GAP, LABEL_H = 16, 3, 8, 17
VALUE_ROOM = 48  # room right of the longest bar for its value text
LABEL_CHARS = 52  # longer labels are cut with "…" (the full text stays in the tooltip)

Series = Sequence[tuple[str, int | None, str]]


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(title: str, rows: Sequence[tuple[str, Series]], hidden: str | None = None) -> Markup:
    """``rows``: (label, [(series name, value or None when suppressed, shown text)]). Each row is its
    label above one bar per series; the scale is the largest visible value. ``hidden`` explains the
    hatched "< k" stubs (e.g. "< 3: fewer than 3 pairs, not shown"); it is drawn as a legend line
    whenever a value is suppressed, so a chart never shows a bare "< 3"."""
    values = [v for _, series in rows for _, v, _ in series if v is not None]
    top = max(values, default=1) or 1
    plot_w = WIDTH - VALUE_ROOM
    y = 22
    parts = [f'<text x="0" y="15" class="chart-title">{escape(title)}</text>']
    for label, series in rows:
        parts.append(
            f'<text x="0" y="{y + 13}" class="chart-label">{escape(_cut(label))}<title>{escape(label)}</title></text>'
        )
        y += LABEL_H
        for index, (name, value, shown) in enumerate(series):
            colour = COLOURS[index % len(COLOURS)]
            tip = f"<title>{escape(label)} · {escape(name)}: {escape(shown)}</title>"
            if value is None:
                parts.append(
                    f'<rect x="0" y="{y}" width="14" height="{BAR_H}" fill="url(#hatch)" stroke="{colour}">{tip}</rect>'
                )
                text_x = 20
            else:
                width = max(2, round(plot_w * value / top)) if value else 0
                parts.append(
                    f'<rect x="0" y="{y}" width="{width}" height="{BAR_H}" fill="{colour}">{tip}</rect>'
                )
                text_x = width + 6
            parts.append(f'<text x="{text_x}" y="{y + 13}" class="chart-value">{escape(shown)}</text>')
            y += BAR_H + BAR_GAP
        y += ROW_GAP
    names = _series_names(rows)
    if len(names) > 1:
        y = _legend(parts, names, y)
    if hidden and any(v is None for _, series in rows for _, v, _ in series):
        y = _hidden_legend(parts, hidden, y)
    hatch = (
        '<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<path d="M0,4 l4,-4" stroke="#777" stroke-width="1"/></pattern></defs>'
    )
    return Markup(
        f'<svg class="chart" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {y + 4}" preserveAspectRatio="xMinYMin meet">{hatch}{"".join(parts)}</svg>'
    )


def _legend(parts: list[str], names: Sequence[str], y: int) -> int:
    """Legend swatches, wrapped onto further lines when they do not fit the width."""
    x = 0
    for index, name in enumerate(names):
        width = 22 + 8 * len(name)  # rough text width at 13 units
        if x and x + width > WIDTH:
            x, y = 0, y + 20
        parts.append(
            f'<rect x="{x}" y="{y + 3}" width="12" height="12" fill="{COLOURS[index % len(COLOURS)]}"/>'
        )
        parts.append(f'<text x="{x + 17}" y="{y + 14}" class="chart-label">{escape(name)}</text>')
        x += width + 10
    return y + 20


def _hidden_legend(parts: list[str], text: str, y: int) -> int:
    """The hatched swatch with what a suppressed value means, wrapped to the chart's width."""
    parts.append(f'<rect x="0" y="{y + 3}" width="12" height="12" fill="url(#hatch)" stroke="#555"/>')
    words, line, lines = text.split(), "", []
    for word in words:  # ~7.5 units per character at 13 units
        if line and (len(line) + 1 + len(word)) * 7.5 > WIDTH - 17:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    for n, part in enumerate(lines):
        parts.append(
            f'<text x="17" y="{y + 14 + 17 * n}" class="chart-label chart-hidden">{escape(part)}</text>'
        )
    return y + 4 + 17 * len(lines)


def _series_names(rows: Sequence[tuple[str, Series]]) -> list[str]:
    names: list[str] = []
    for _, series in rows:
        for name, _, _ in series:
            if name not in names:
                names.append(name)
    return names
