"""Server-rendered SVG charts of the evaluation (distribution, before/after) and of programme health.
Bars come from :func:`companion.insights.charts.bar_chart`; only the before/after chart is drawn here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from companion.evaluation.export import choice_label
from companion.evaluation.questions import CHOICES, SCALE_VALUES
from companion.i18n import tr
from companion.insights.charts import bar_chart
from companion.web.i18n import eval_text as et

PRE, POST = "#8fb339", "#2f6f8f"
WIDTH, LABEL_W, ROW_H = 560, 150, 30


def distribution_chart(title: str, question: dict[str, Any], choices: str | None, lang: str) -> Markup | None:
    """Counts per answer value, one bar per shown group; None when no group reaches k."""
    groups = [g for g in question["groups"] if g.get("distribution")]
    if not groups:
        return None
    values = [o for o, _ in CHOICES[choices]] if choices else [str(v) for v in SCALE_VALUES]
    rows = [
        (
            choice_label(choices, value, lang) if choices else value,
            [
                (
                    et(f"group_{g['group']}", lang),
                    g["distribution"].get(value, 0),
                    str(g["distribution"].get(value, 0)),
                )
                for g in groups
            ],
        )
        for value in values
    ]
    return bar_chart(title, rows)


def change_chart(title: str, rows: Sequence[dict[str, Any]], lang: str) -> Markup | None:
    """Mean confidence at the start and at the end per shown group on the 1–5 scale (a dumbbell)."""
    shown = [r for r in rows if "pre_mean" in r]
    if not shown:
        return None
    plot = WIDTH - LABEL_W - 30

    def x(value: float) -> float:
        return LABEL_W + plot * (value - 1) / 4

    parts = [f'<text x="0" y="14" class="chart-title">{escape(title)}</text>']
    for v in SCALE_VALUES:
        parts.append(f'<text x="{x(v) - 3:.0f}" y="34" class="chart-label">{v}</text>')
    y = 44
    for r in shown:
        a, b = float(r["pre_mean"]), float(r["post_mean"])
        label = f"{et('group_' + r['group'], lang)} (n = {r['n']['shown']})"
        summary = f"{tr(lang).gettext('Start')} {a} → {tr(lang).gettext('End')} {b}"
        parts.append(f'<text x="0" y="{y + 14}" class="chart-label">{escape(label)}</text>')
        parts.append(
            f'<line x1="{x(a):.0f}" y1="{y + 10}" x2="{x(b):.0f}" y2="{y + 10}" stroke="#999" stroke-width="3"/>'
        )
        for value, colour, name in ((a, PRE, "pre_mean"), (b, POST, "post_mean")):
            parts.append(
                f'<circle cx="{x(value):.0f}" cy="{y + 10}" r="6" fill="{colour}">'
                f"<title>{escape(et(name, lang))}: {value}</title></circle>"
            )
        parts.append(
            f'<text x="{x(max(a, b)) + 10:.0f}" y="{y + 14}" class="chart-value">{escape(summary)}</text>'
        )
        y += ROW_H
    for i, (colour, name) in enumerate(((PRE, "pre_mean"), (POST, "post_mean"))):
        parts.append(f'<circle cx="{LABEL_W + 6 + 120 * i}" cy="{y + 6}" r="5" fill="{colour}"/>')
        parts.append(
            f'<text x="{LABEL_W + 16 + 120 * i}" y="{y + 10}" class="chart-label">{escape(et(name, lang))}</text>'
        )
    y += 18
    return Markup(
        f'<svg class="chart" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'width="{WIDTH}" height="{y}" viewBox="0 0 {WIDTH} {y}">{"".join(parts)}</svg>'
    )


def percent_chart(title: str, rows: Sequence[tuple[str, int | None, str]], series: str) -> Markup:
    """One bar per row (a percentage or a suppressed value)."""
    return bar_chart(title, [(label, [(series, value, shown)]) for label, value, shown in rows])
