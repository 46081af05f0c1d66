"""Server-rendered SVG charts (no JavaScript): horizontal bars, suppressed values drawn as "< k"."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

COLOURS = ("#2f6f8f", "#8fb339", "#c8553d")
BAR_H, GAP, LABEL_W, WIDTH = 18, 6, 170, 560


def bar_chart(title: str, rows: Sequence[tuple[str, Sequence[tuple[str, int | None, str]]]]) -> Markup:
    """``rows``: (label, [(series name, value or None when suppressed, shown text)]). Bars of one row
    share a line each; the scale is the largest visible value."""
    values = [v for _, series in rows for _, v, _ in series if v is not None]
    top = max(values, default=1) or 1
    plot_w = WIDTH - LABEL_W - 60
    y = 24
    parts = [f'<text x="0" y="14" class="chart-title">{escape(title)}</text>']
    for label, series in rows:
        parts.append(f'<text x="0" y="{y + 13}" class="chart-label">{escape(label)}</text>')
        for index, (name, value, shown) in enumerate(series):
            colour = COLOURS[index % len(COLOURS)]
            if value is None:
                parts.append(
                    f'<rect x="{LABEL_W}" y="{y}" width="12" height="{BAR_H}" fill="url(#hatch)" '
                    f'stroke="{colour}"><title>{escape(name)}: {escape(shown)}</title></rect>'
                )
                text_x = LABEL_W + 18
            else:
                width = max(2, round(plot_w * value / top)) if value else 0
                parts.append(
                    f'<rect x="{LABEL_W}" y="{y}" width="{width}" height="{BAR_H}" fill="{colour}">'
                    f"<title>{escape(name)}: {escape(shown)}</title></rect>"
                )
                text_x = LABEL_W + width + 6
            parts.append(f'<text x="{text_x}" y="{y + 13}" class="chart-value">{escape(shown)}</text>')
            y += BAR_H + 2
        y += GAP
    if len(_series_names(rows)) > 1:
        x = LABEL_W
        for index, name in enumerate(_series_names(rows)):
            parts.append(f'<rect x="{x}" y="{y + 2}" width="10" height="10" fill="{COLOURS[index % 3]}"/>')
            parts.append(f'<text x="{x + 14}" y="{y + 11}" class="chart-label">{escape(name)}</text>')
            x += 120
        y += 18
    hatch = (
        '<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<path d="M0,4 l4,-4" stroke="#999" stroke-width="1"/></pattern></defs>'
    )
    return Markup(
        f'<svg class="chart" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'width="{WIDTH}" height="{y + 4}" viewBox="0 0 {WIDTH} {y + 4}">{hatch}{"".join(parts)}</svg>'
    )


def _series_names(rows: Sequence[tuple[str, Sequence[tuple[str, int | None, str]]]]) -> list[str]:
    names: list[str] = []
    for _, series in rows:
        for name, _, _ in series:
            if name not in names:
                names.append(name)
    return names
