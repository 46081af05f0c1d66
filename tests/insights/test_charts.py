"""The SVG bar chart scales to its card: a viewBox and no fixed width, labels above their bars."""

from __future__ import annotations

import re

from companion.insights.charts import WIDTH, bar_chart


def test_chart_scales_through_its_viewbox_and_keeps_labels_whole() -> None:
    long_label = "Ein sehr langes Thema aus den Reflexionen, das nicht in eine Zeile eines Telefons passt"
    svg = str(
        bar_chart(
            "Themenmix",
            [("Technologie", [("Sessions", 4, "4")]), (long_label, [("Sessions", None, "< 3")])],
        )
    )
    assert re.search(rf'viewBox="0 0 {WIDTH} \d+"', svg) and ' width="' not in svg.split(">")[0]
    assert "Ein sehr langes Thema" in svg and "…" in svg  # cut in the drawing …
    assert f"<title>{long_label}</title>" in svg  # … whole in the tooltip
    assert 'fill="url(#hatch)"' in svg and "&lt; 3" in svg  # a suppressed value is drawn as "< k"
    ends = [int(x) + int(w) for x, w in re.findall(r'<rect x="(\d+)" y="\d+" width="(\d+)"', svg)]
    assert ends and max(ends) <= WIDTH  # nothing is drawn outside the viewBox
