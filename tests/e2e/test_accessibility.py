"""Accessibility in real Chromium: axe-core finds no serious or critical violation, every form field
has a label and nothing is wider than the screen (WCAG 1.4.10 reflow), on every page a participant or
a coordinator can reach, at 390 px and at 1280 px, in the states the main job passes through (agenda
generated, reflection form, preview, form errors). The full axe report (moderate and minor findings
too) goes to test-artifacts/axe-report.json, screenshots to test-artifacts/a11y-*.png."""

from __future__ import annotations

from typing import Any

from .a11y import Audit, axe_source
from .conftest import ARTIFACTS
from .test_browser_flows import TIMEOUT, db_run
from .test_phone_layout import DESKTOP, PHONE, _ids, _seed_in_thread


class Walk:
    """Audits the page a context shows, at both widths."""

    def __init__(self, audit: Audit, page: Any) -> None:
        self.audit, self.page = audit, page

    def __call__(self, name: str, url: str | None = None) -> None:
        if url is not None:
            self.page.goto(url)
        for size in (PHONE, DESKTOP):
            self.page.set_viewport_size(size)
            self.audit(self.page, f"{name}@{size['width']}")
            wide = self.page.evaluate("() => document.documentElement.scrollWidth")
            if wide > size["width"]:  # content cut off or scrolled sideways is unreachable for many
                self.audit.problems.append(f"{name}: {wide} px wide at {size['width']} px")
            self.page.screenshot(path=str(ARTIFACTS / f"a11y-{name}-{size['width']}.png"), full_page=True)
        self.page.set_viewport_size(PHONE)


def _page(browser: Any) -> Any:
    page = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
    page.set_default_timeout(TIMEOUT)
    return page


def test_the_audit_finds_known_faults(browser: Any) -> None:
    """The audit itself can fail: a page with an unlabelled field, faint text and a scroll box that the
    keyboard cannot reach is reported on all three counts."""
    audit = Audit(axe_source())
    page = _page(browser)
    page.set_content(
        '<html lang="de"><head><title>Probe</title></head><body><main><h1>Probe</h1>'
        '<input name="probe"><p style="color:#bbb;background:#fff">blasser Text</p>'
        '<div style="overflow:auto;width:60px"><p style="width:600px">sehr breiter Text</p></div>'
        "</main></body></html>"
    )
    audit(page, "probe")
    found = "\n".join(audit.problems)
    for expected in (
        "critical label",
        "serious color-contrast",
        "scrollable-region-focusable",
        "input[name=probe]",
    ):
        assert expected in found, found
    page.context.close()


def test_no_serious_axe_violations_and_labels_everywhere(server: dict[str, Any], browser: Any) -> None:
    audit = Audit(axe_source())
    base, settings = server["base"], server["settings"]
    links = _seed_in_thread(settings)
    ids = db_run(server["url"], _ids, migrate=False)
    prog = f"{base}/coordinator/programmes/{ids['programme']}"

    # --- junior (Jonas): sign-in pages, home, a session through agenda, preparation and reflection ----
    jonas = _page(browser)
    walk = Walk(audit, jonas)
    walk("start", f"{base}/")
    walk("signin", f"{base}/signin")
    jonas.fill("input[name=email]", "nobody@example.org")
    jonas.locator("form button[type=submit]").first.click()
    walk("signin-sent")
    walk("invite", links["Jonas Demir"])
    jonas.click("#signin")
    jonas.wait_for_url(f"{base}/me")
    walk("participant-home")
    planned = f"{base}/me/sessions/{ids['planned']}"
    walk("session-planned", planned)
    jonas.click("#agenda-button")
    jonas.wait_for_selector("#agenda ol.agenda li")
    jonas.click("#preparation button[data-generate]")
    jonas.wait_for_selector("#preparation ul.my-questions li")
    walk("session-agenda-preparation")
    walk("agenda-print", f"{planned}/agenda/print")
    walk("session-held", f"{base}/me/sessions/{ids['held']}")
    jonas.goto(planned)
    jonas.click("#mark-held")
    jonas.wait_for_selector("#reflection-form")
    walk("reflection-form")
    jonas.locator("#reflection-form button[type=submit]").click()  # empty: the form explains why
    jonas.wait_for_load_state("networkidle")
    walk("reflection-empty-error")
    for i, area in enumerate(jonas.locator("#reflection-form textarea").all()):
        area.fill(f"Jonas hat gelernt, wie die Geschäftsführung entscheidet, Punkt {i}.")
    jonas.locator("#reflection-form button[type=submit]").click()
    jonas.wait_for_selector("#reflection-preview")
    walk("reflection-preview")
    walk("preferences", f"{base}/me/preferences")
    walk("pair-plan", f"{base}/me/pairs/{ids['pair']}/plan")
    walk("notifications", f"{base}/me/notifications")
    walk("surveys", f"{base}/me/surveys")
    survey = jonas.locator("ul.surveys a").first
    if survey.count():
        survey.click()
        jonas.wait_for_load_state("networkidle")
        walk("survey")
    walk("library", f"{base}/library")
    walk("library-search", f"{base}/library?q=KI+im+Vertrieb")
    walk("library-card", f"{base}/library/cards/topic-feedback-culture")
    walk("error-403", f"{base}/coordinator")
    walk("error-404", f"{base}/me/sessions/999999")

    # --- coordinator (Katrin Vogel): every page of a programme, the invite link, a refused pair ------
    hr = _page(browser)
    walk = Walk(audit, hr)
    hr.goto(links["Katrin Vogel (HR)"])
    hr.click("#signin")
    hr.wait_for_url(f"{base}/coordinator")
    walk("coordinator-home")
    walk("coordinator-programme", prog)
    hr.locator("tr", has_text="Ben Wagner").locator("button.invite-button").click()
    hr.wait_for_selector("#invite-url")
    walk("coordinator-invite-link")
    # a pair across a reporting line (Lea Hoffmann reports to Thomas Keller) is refused: the error
    # state — summary at the top, marked pickers, the choices kept — is audited like any page
    hr.goto(prog)
    pair_form = hr.locator("#pair-form")
    pair_form.locator("input[name=name]").fill("Tandem quer zur Linie")
    pair_form.locator("#pair-junior-ids label", has_text="Lea Hoffmann").locator("input").check()
    pair_form.locator("#pair-senior-ids label", has_text="Thomas Keller").locator("input").check()
    pair_form.locator("button[type=submit]").click()
    hr.wait_for_selector("#error-summary")
    assert "berichtet direkt an" in hr.inner_text("#error-summary")
    assert pair_form.locator("input[name=name]").input_value() == "Tandem quer zur Linie"
    walk("coordinator-pair-refused")
    walk("coordinator-participant", f"{prog}/participants/{ids['people']['Ben Wagner']}")
    walk("coordinator-pair", f"{prog}/pairs/{ids['pair']}")
    walk("coordinator-insights", f"{prog}/insights")
    walk("coordinator-matching", f"{prog}/matching")
    walk("coordinator-evaluation", f"{prog}/evaluation")
    walk("coordinator-health", f"{prog}/health")
    walk("coordinator-invitations", f"{prog}/invitations")
    walk("coordinator-library-card", f"{base}/library/cards/principle-eye-level")
    walk("coordinator-error-404", f"{prog}/pairs/999999")

    audit.write(ARTIFACTS / "axe-report.json")
    assert len(audit.report) >= 2 * 30, sorted(audit.report)
    assert not audit.problems, "\n".join(audit.problems)


# The focused element's ring: outline width and its contrast against the background around it.
FOCUS_RING = """() => {
  const el = document.activeElement;
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = [255, 255, 255];
  for (let p = el.parentElement; p; p = p.parentElement) {
    const c = rgb(getComputedStyle(p).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c.slice(0, 3); break; }
  }
  const cs = getComputedStyle(el);
  const [a, b] = [lum(rgb(cs.outlineColor)), lum(bg)];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const label = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || el.name || '').trim().slice(0, 30);
  return { label, width: cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth), ratio };
}"""


class Keyboard:
    """Moves through a page with Tab only and presses Enter on the wanted control; every stop on the
    way must show a focus ring of at least 2 px with 3:1 contrast."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.stops = 0
        self.unseen: list[str] = []

    def tab_to(self, selector: str, limit: int = 80) -> None:
        wanted = self.page.locator(selector).first
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            self.stops += 1
            ring = self.page.evaluate(FOCUS_RING)
            if ring["width"] < 2 or ring["ratio"] < 3:
                self.unseen.append(f"{ring['label']}: {ring['width']} px, {ring['ratio']:.1f}:1")
            if wanted.evaluate("(el) => el === document.activeElement"):
                return
        raise AssertionError(f"{selector} not reached with {limit} Tab presses on {self.page.url}")

    def press(self, selector: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.press("Enter")


def test_keyboard_only_through_the_main_job(server: dict[str, Any], browser: Any) -> None:
    """Lea (junior) with Tab and Enter only: sign-in link → home → next session (past the header by the
    skip link) → agenda → held → reflection written, previewed and shared. Focus lands on the new agenda
    once it is generated."""
    base = server["base"]
    links = _seed_in_thread(server["settings"])
    lea = _page(browser)
    keys = Keyboard(lea)
    lea.goto(links["Lea Hoffmann"])
    keys.press("#signin")
    lea.wait_for_url(f"{base}/me")
    lea.wait_for_load_state("networkidle")
    keys.press("p.next-session a")
    lea.wait_for_url(f"{base}/me/sessions/*")
    # the skip link: out of sight, the first Tab stop and then visible, Enter lands in <main>
    skip = lea.locator("#skip-link")
    assert (skip.bounding_box() or {"y": 0})["y"] < 0, "the skip link shows before it has the focus"
    keys.tab_to("#skip-link", limit=1)
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] >= 24, box
    assert skip.inner_text().strip() == "Zum Inhalt springen"
    lea.keyboard.press("Enter")
    assert lea.evaluate("() => document.activeElement.id") == "main"
    keys.press("#agenda-button")
    lea.wait_for_selector("#agenda ol.agenda li")
    focused = lea.evaluate("() => document.activeElement.closest('section')?.id")
    assert focused == "agenda", focused  # not lost on <body> when the old button went away
    keys.press("#mark-held")
    lea.wait_for_selector("#reflection-form")
    for area in lea.locator("#reflection-form textarea").all():
        keys.tab_to(f"#reflection-form textarea[name={area.get_attribute('name')}]")
        lea.keyboard.type("Wir haben über Bewerbungen auf dem Handy gesprochen.")
    keys.press("#reflection-form button[type=submit]")
    lea.wait_for_selector("#reflection-preview")
    keys.press("#reflection-share")
    lea.wait_for_selector("#reflection .flash.ok")
    assert not keys.unseen, keys.unseen
    assert keys.stops < 200, keys.stops  # the whole job stays within reach of the keyboard
