"""axe-core (npm, pinned in tests/e2e/package-lock.json) run inside a Playwright page, plus a plain label
check. The pages forbid inline scripts (Content-Security-Policy), so axe is not added as a <script> tag:
its source is evaluated through the DevTools protocol, which the page's policy does not govern."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

# Every rule axe has for WCAG 2.0/2.1/2.2 A and AA plus its best practices (landmarks, one h1,
# scrollable regions …); the test fails on the serious and critical ones and reports the rest.
RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ['violations', 'incomplete'] });
  const brief = (list) => list.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 8),
  }));
  // "incomplete": what axe could not decide (e.g. contrast over an image); reported, not failed.
  return { violations: brief(result.violations), incomplete: brief(result.incomplete) };
}"""

# Every visible form field needs a label a screen reader announces: a <label> (wrapping or for=),
# aria-labelledby pointing at text, or aria-label. A placeholder or title alone does not count.
UNLABELLED = """() => {
  const text = (el) => (el && el.textContent || '').trim();
  const bad = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden' || el.closest('[hidden]')) continue;
    const byLabel = Array.from(el.labels || []).some((l) => text(l));
    const byIds = (el.getAttribute('aria-labelledby') || '').split(/\\s+/)
      .some((id) => id && text(document.getElementById(id)));
    const byAria = (el.getAttribute('aria-label') || '').trim();
    if (!byLabel && !byIds && !byAria) bad.push(el.tagName.toLowerCase() + '[name=' + (el.name || '') + ']');
  }
  return bad;
}"""


def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("axe-core missing: run scripts/install-browser.sh (npm ci --prefix tests/e2e)")
    return AXE.read_text(encoding="utf-8")


class Audit:
    """Runs axe and the label check on pages; collects the blocking findings and a full report."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.report: dict[str, Any] = {}
        self.problems: list[str] = []

    def __call__(self, page: Any, name: str) -> None:
        page.wait_for_load_state("networkidle")
        if not page.evaluate("() => typeof window.axe === 'object'"):
            cdp = page.context.new_cdp_session(page)
            try:
                cdp.send("Runtime.evaluate", {"expression": self.source})
            finally:
                cdp.detach()
        found = page.evaluate(RUN)
        unlabelled = page.evaluate(UNLABELLED)
        self.report[name] = {"url": page.url, **found, "unlabelled": unlabelled}
        for v in found["violations"]:
            if v["impact"] in BLOCKING:
                self.problems.append(f"{name}: {v['impact']} {v['id']} ({v['help']}) at {v['targets']}")
        if unlabelled:
            self.problems.append(f"{name}: fields without a label {unlabelled}")

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.report, indent=1, ensure_ascii=False), encoding="utf-8")
